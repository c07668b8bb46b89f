import type { ChatStore } from '@company-chat/core';

/**
 * PostgreSQL when `DATABASE_URL` is set (several instances behind a load balancer), else PGlite on disk
 * in `DATA_DIR` (default `./.data`): real Postgres in WebAssembly, which Bun runs as Node does.
 * `STORE=memory` keeps conversations in memory (tests, demos).
 */
export async function createStore(env: Record<string, string | undefined>): Promise<ChatStore> {
  if (env.STORE === 'memory') {
    const { createMemoryChatStore } = await import('@company-chat/core');
    return createMemoryChatStore();
  }
  if (env.DATABASE_URL) {
    const { createPostgresChatStore } = await import('@company-chat/core/postgres');
    // Start-up recovery is lease-based: it never touches another instance's live answers.
    return createPostgresChatStore({ connectionString: env.DATABASE_URL });
  }
  const { createPgliteChatStore } = await import('@company-chat/core/pglite');
  return createPgliteChatStore({ dataDir: env.DATA_DIR ?? '.data' });
}
