import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../sql/migrate.js';
import { createPgliteSqlClient } from '../sql/pglite/pglite-sql-client.js';
import { createPgSqlClient } from '../sql/postgres/pg-sql-client.js';
import { createKnowledgeBase } from './create-knowledge-base.js';
import { openAICompatibleEmbedder } from './embed/openai-compatible-embedder.js';
import type { KnowledgeStore } from './knowledge-types.js';
import { createMemoryKnowledgeStore } from './store/memory-knowledge-store.js';
import { createSqlKnowledgeStore } from './store/sql-knowledge-store.js';

const silent = { info() {}, warn() {}, error() {} };
const owner = { tenantId: 't1', userId: 'alice' };
const DIMENSIONS = 16;
const text = [
  '# Travel policy',
  '',
  'Employees book trains for trips under four hours.',
  '',
  '## Hotels',
  '',
  'Hotel nights are refunded up to the city rate.',
].join('\n');

let wire: WireServer;
beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-embed' });
});
afterAll(() => wire.close());
beforeEach(() => wire.reset());

const embedder = () =>
  openAICompatibleEmbedder({
    baseURL: wire.openaiBaseURL,
    apiKey: 'sk-embed',
    model: 'embed-small',
    dimensions: DIMENSIONS,
  });
const embeddingRequests = () => wire.requests.filter((r) => r.path === '/v1/embeddings');

interface Setup {
  name: string;
  vectors: boolean;
  open(): Promise<{ store: KnowledgeStore; close(): Promise<void> }>;
}

async function pglite(withPgvector: boolean, dimensions: number | undefined) {
  const db = createPgliteSqlClient(await PGlite.create(withPgvector ? { extensions: { vector } } : {}), {
    ownsDb: true,
  });
  await migrate(db);
  const store = await createSqlKnowledgeStore(db, { vectorDimensions: dimensions, logger: silent });
  return { store, close: () => db.close() };
}

const setups: Setup[] = [
  { name: 'memory', vectors: true, open: async () => ({ store: createMemoryKnowledgeStore(), close: async () => {} }) },
  { name: 'PGlite with pgvector', vectors: true, open: () => pglite(true, DIMENSIONS) },
  { name: 'PGlite with pgvector, dimensions missing', vectors: false, open: () => pglite(true, undefined) },
  { name: 'PGlite without pgvector', vectors: false, open: () => pglite(false, DIMENSIONS) },
  {
    name: 'PostgreSQL without pgvector',
    vectors: false,
    open: async () => {
      const { schema, drop } = await createTestSchema();
      const db = createPgSqlClient({ connectionString: TEST_DATABASE_URL, schema, max: 2 });
      await migrate(db);
      const store = await createSqlKnowledgeStore(db, { vectorDimensions: DIMENSIONS, logger: silent });
      return {
        store,
        close: async () => {
          await db.close();
          await drop();
        },
      };
    },
  },
];

describe('createKnowledgeBase with an embedder', () => {
  for (const setup of setups) {
    it(`${setup.name}: embeds chunks and questions ${setup.vectors ? 'once each' : 'never'}`, async () => {
      const { store, close } = await setup.open();
      try {
        expect(store.vectorStorage?.stored).toBe(setup.vectors);
        if (store.vectorStorage?.stored === false) expect(store.vectorStorage.reason).not.toBe('');
        const kb = createKnowledgeBase({ store, embedder: embedder(), logger: silent });
        const stages: string[] = [];
        const file = await kb.ingest(
          owner,
          { name: 'travel.md', bytes: new TextEncoder().encode(text) },
          { onProgress: (p) => stages.push(p.stage) },
        );
        expect(file.chunkCount).toBeGreaterThan(0);
        const afterIngest = embeddingRequests();
        const embedded = afterIngest.flatMap((r) => r.body.input as string[]);
        expect(embedded).toHaveLength(setup.vectors ? file.chunkCount : 0);
        expect(stages.includes('embedded')).toBe(setup.vectors);

        const passages = await kb.retrieve(owner, 'hotel refund');
        expect(passages[0]?.text).toMatch(/Hotel nights/);
        expect(embeddingRequests().length - afterIngest.length).toBe(setup.vectors ? 1 : 0);
      } finally {
        await close();
      }
    });
  }
});

describe('createKnowledgeBase progress', () => {
  it('reports each stage, and how many chunks are embedded while a large file is embedded', async () => {
    const kb = createKnowledgeBase({
      store: createMemoryKnowledgeStore(),
      embedder: embedder(),
      chunking: { maxTokens: 40, overlapTokens: 0 },
      logger: silent,
    });
    const rows = Array.from(
      { length: 1500 },
      (_, i) => `Row ${i}: office ${i} in city ${i} opens at ${i % 12} o'clock.`,
    );
    const events: Array<{ stage: string; chunks?: number; embedded?: number }> = [];
    const file = await kb.ingest(
      owner,
      { name: 'offices.txt', bytes: new TextEncoder().encode(rows.join('\n\n')) },
      { onProgress: ({ stage, chunks, embedded }) => events.push({ stage, chunks, embedded }) },
    );
    expect(file.chunkCount).toBeGreaterThan(512);
    const total = file.chunkCount;
    expect(events).toEqual([
      { stage: 'parsed', chunks: undefined, embedded: undefined },
      // Made, embedded and stored 256 at a time.
      ...Array.from({ length: Math.ceil(total / 256) }, (_, i) => ({
        stage: 'chunked',
        chunks: Math.min((i + 1) * 256, total),
        embedded: Math.min((i + 1) * 256, total),
      })),
      { stage: 'embedded', chunks: total, embedded: undefined },
      { stage: 'indexed', chunks: total, embedded: undefined },
    ]);
    expect(embeddingRequests().flatMap((r) => r.body.input as string[])).toHaveLength(total);
  });
});
