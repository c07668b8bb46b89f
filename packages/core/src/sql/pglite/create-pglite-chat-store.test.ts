import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Owner } from '../../conversations/types.js';
import { createPgliteChatStore } from './create-pglite-chat-store.js';
import { LOCK_FILE_NAME } from './data-dir-lock.js';

const owner: Owner = { tenantId: 't', userId: 'u' };
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-pglite-'));
  dirs.push(dir);
  return join(dir, 'db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createPgliteChatStore on a data directory', () => {
  it('keeps history across close and reopen, and recovers answers cut off mid-stream', async () => {
    const dataDir = tempDir();
    const first = await createPgliteChatStore({ dataDir });
    const c = await first.createConversation(owner, { title: 'kept' });
    await first.appendMessage(owner, {
      conversationId: c.id,
      parentId: null,
      role: 'user',
      content: 'hi',
      status: 'complete',
    });
    await first.appendMessage(owner, {
      conversationId: c.id,
      parentId: null,
      role: 'assistant',
      content: 'half an ans',
      status: 'streaming',
    });
    await first.close();

    const second = await createPgliteChatStore({ dataDir });
    const messages = await second.listMessages(owner, c.id);
    expect(messages?.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'hi', 'complete'],
      ['assistant', 'half an ans', 'interrupted'],
    ]);
    await second.close();
  });

  it('refuses a second opener of the same directory with a clear error, then allows it after close', async () => {
    const dataDir = tempDir();
    const first = await createPgliteChatStore({ dataDir });
    const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    await expect(createPgliteChatStore({ dataDir })).rejects.toMatchObject({
      code: 'data_dir_locked',
      message: expect.stringContaining(`in use by process ${process.pid}`),
    });
    await first.close();
    const again = await createPgliteChatStore({ dataDir });
    await again.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataDir = tempDir();
    await (await createPgliteChatStore({ dataDir })).close();
    // PIDs are below 2^22 on Linux, so this one cannot be running.
    const { hostname } = await import('node:os');
    writeFileSync(join(dataDir, LOCK_FILE_NAME), JSON.stringify({ pid: 2 ** 22 + 7, hostname: hostname() }));
    const store = await createPgliteChatStore({ dataDir });
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
    await store.close();
  });
});
