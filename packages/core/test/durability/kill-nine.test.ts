import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatStore } from '../../src/conversations/chat-store.js';
import { createPgliteChatStore } from '../../src/sql/pglite/create-pglite-chat-store.js';
import { createPostgresChatStore } from '../../src/sql/postgres/create-postgres-chat-store.js';

const here = dirname(fileURLToPath(import.meta.url));
const owner = { tenantId: 't', userId: 'crash' };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** Starts the child and resolves once it has stored `checkpoints` checkpoints of the answer. */
function startChild(args: string[], checkpoints: number): Promise<{ child: ChildProcess; stored: number }> {
  // The workspace-source condition: the child's imports of other packages (the testing helpers, and core
  // through them) resolve to TypeScript sources, as in the test process, not to a dist/ that may be stale.
  const node = ['--conditions=@company-chat/source', '--import', 'tsx'];
  const child = spawn(process.execPath, [...node, join(here, 'crash-child.ts'), ...args], {
    cwd: join(here, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    let seen = 0;
    let stderr = '';
    let buffer = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => reject(new Error(`no checkpoint yet; stdout: ${buffer} stderr: ${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const match = /^CHECKPOINT (\d+)$/.exec(line);
        if (match && ++seen === checkpoints) {
          clearTimeout(timer);
          resolve({ child, stored: Number(match[1]) });
        }
      }
    });
    child.on('exit', (code, signal) => reject(new Error(`child exited early (${code ?? signal}): ${stderr}`)));
  });
}

async function killNine(child: ChildProcess): Promise<void> {
  // Drop the "exited early" listener first: this exit is the point of the test.
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function expectInterruptedTurn(store: ChatStore, stored: number) {
  const { items } = await store.listConversations(owner);
  expect(items).toHaveLength(1);
  const messages = (await store.listMessages(owner, items[0]!.id))!;
  expect(messages.map((m) => [m.role, m.status])).toEqual([
    ['user', 'complete'],
    ['assistant', 'interrupted'],
  ]);
  expect(messages[0]!.content).toBe('Tell me a long story');
  // At least what the child had confirmed as stored before it was killed.
  expect(messages[1]!.content.length).toBeGreaterThanOrEqual(stored);
  expect(messages[1]!.content.startsWith('w0 w1 w2 ')).toBe(true);
  expect(messages[1]!.parentId).toBe(messages[0]!.id);
}

describe('kill -9 in the middle of an answer', () => {
  it('PGlite: the directory opens again and holds the question and the partial answer, interrupted', {
    timeout: 120_000,
  }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'cc-kill9-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const dataDir = join(root, 'db');
    const { child, stored } = await startChild(['pglite', dataDir], 3);
    expect(stored).toBeGreaterThan(0);
    // While it runs, a second process may not open the directory (PGlite would corrupt it).
    await expect(createPgliteChatStore({ dataDir })).rejects.toMatchObject({
      code: 'data_dir_locked',
      message: expect.stringContaining(`process ${child.pid}`),
    });
    await killNine(child);

    const store = await createPgliteChatStore({ dataDir });
    cleanups.push(() => store.close());
    await expectInterruptedTurn(store, stored);
  });

  it('PostgreSQL: a restarted instance finds the question and the partial answer, interrupted', {
    timeout: 120_000,
  }, async () => {
    const { schema, drop } = await createTestSchema();
    cleanups.push(drop);
    const { child, stored } = await startChild(['postgres', schema], 3);
    expect(stored).toBeGreaterThan(0);
    await killNine(child);

    const store = await createPostgresChatStore({ connectionString: TEST_DATABASE_URL, schema, max: 2 });
    cleanups.push(() => store.close());
    // Start-up leaves answers under a live lease alone (they may be another instance's); the sweep
    // marks this one once the killed process's lease has expired.
    await vi.waitFor(async () => expect(await store.recoverAbandoned()).toBe(1), { timeout: 30_000, interval: 100 });
    await expectInterruptedTurn(store, stored);
  });
});
