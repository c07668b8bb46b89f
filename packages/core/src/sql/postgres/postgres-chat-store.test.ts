import { runChatStoreConformance } from '@company-chat/testing/conformance';
import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { describe, expect, it } from 'vitest';
import { createPostgresChatStore } from './create-postgres-chat-store.js';

runChatStoreConformance('PostgreSQL', async () => {
  const { schema, drop } = await createTestSchema();
  const store = await createPostgresChatStore({ connectionString: TEST_DATABASE_URL, schema, max: 3 });
  return { store, cleanup: drop };
});

describe('PostgreSQL store across instances', () => {
  const owner = { tenantId: 't', userId: 'u' };

  it('gives the conversation lock to exactly one of many concurrent instances', async () => {
    const { schema, drop } = await createTestSchema();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => createPostgresChatStore({ connectionString: TEST_DATABASE_URL, schema, max: 3 })),
    );
    try {
      const c = await stores[0]!.createConversation(owner, { title: 't' });
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => stores[i % 4]!.lockConversation(owner, c.id, `token-${i}`, 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);

      // The same client message id sent through two instances at once: one row, the other is told busy.
      const sends = await Promise.allSettled(
        stores.map((s) =>
          s.appendMessage(owner, {
            conversationId: c.id,
            parentId: null,
            role: 'user',
            content: 'once',
            status: 'complete',
            clientMessageId: 'same',
          }),
        ),
      );
      expect(sends.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of sends) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conversation_busy' });
      expect(await stores[1]!.listMessages(owner, c.id)).toHaveLength(1);
    } finally {
      for (const s of stores) await s.close();
      await drop();
    }
  });
});
