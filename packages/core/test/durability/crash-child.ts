// A real server-like process for the kill -9 test: an engine on a PGlite directory or a PostgreSQL
// schema, streaming a slow answer forever. It reports each stored checkpoint on stdout so the test
// knows when to kill it. Run with `node --import tsx crash-child.ts pglite <dir> | postgres <schema>`.

import { TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { scriptedChatModel } from '@company-chat/testing/models';
import type { ChatStore } from '../../src/conversations/chat-store.js';
import { createChatEngine } from '../../src/engine/create-chat-engine.js';
import { createPgliteChatStore } from '../../src/sql/pglite/create-pglite-chat-store.js';
import { createPostgresChatStore } from '../../src/sql/postgres/create-postgres-chat-store.js';

const [kind, target] = process.argv.slice(2);
const inner: ChatStore =
  kind === 'pglite'
    ? await createPgliteChatStore({ dataDir: target! })
    : await createPostgresChatStore({ connectionString: TEST_DATABASE_URL, schema: target!, max: 2 });

const store: ChatStore = {
  ...inner,
  async updateMessage(owner, id, patch) {
    const row = await inner.updateMessage(owner, id, patch);
    if (row?.status === 'streaming') process.stdout.write(`CHECKPOINT ${row.content.length}\n`);
    return row;
  },
};

const engine = createChatEngine({
  models: { default: scriptedChatModel([{ deltas: Array.from({ length: 100_000 }, (_, i) => `w${i} `), delayMs: 5 }]) },
  store,
  tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
  checkpoint: { intervalMs: 100, everyDeltas: 16 },
  // Short, so the PostgreSQL test sees the lease of the killed answer expire soon after the kill.
  lockTtlMs: 1_500,
});

for await (const event of engine.send({ owner: { tenantId: 't', userId: 'crash' }, content: 'Tell me a long story' })) {
  if (event.type === 'message-start') process.stdout.write(`STARTED ${event.messageId}\n`);
}
