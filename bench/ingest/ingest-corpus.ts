// One store's half of the ingestion benchmark, run in its own process: ingests every file of the
// corpus folder one at a time (as `company-chat ingest` does) and reports counts, time by stage and
// the process's peak RSS.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKnowledgeBase, createSqlKnowledgeStore, migrate, type SqlClient } from '@company-chat/core';
import { createPgliteSqlClient } from '@company-chat/core/pglite';
import { createPgSqlClient } from '@company-chat/core/postgres';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What one store's run measured. */
export interface IngestResult {
  files: number;
  chunks: number;
  bytes: number;
  seconds: number;
  peakRssMb: number;
  stageSeconds: Record<string, number>;
  slowest: Array<{ name: string; seconds: number; chunks: number }>;
  failed: string[];
}

export async function ingestCorpus(options: {
  store: 'PGlite' | 'PostgreSQL';
  corpus: string;
  databaseUrl: string;
  /** PGlite: a database folder made beforehand by {@link preparePglite} (default: a new one, made here). */
  pgliteDir?: string;
}): Promise<IngestResult> {
  const schema = `cc_bench_ingest_${process.pid}`;
  const dir = options.pgliteDir ?? mkdtempSync(join(tmpdir(), 'cc-bench-ingest-db-'));
  let admin: pg.Client | undefined;
  let sql: SqlClient;
  if (options.store === 'PostgreSQL') {
    admin = new pg.Client({ connectionString: options.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    sql = createPgSqlClient({ connectionString: options.databaseUrl, schema, max: 4 });
  } else {
    sql = createPgliteSqlClient(await PGlite.create({ dataDir: join(dir, 'db') }), { ownsDb: true });
  }
  const parser = process.env.BENCH_PARSER === 'in-process' ? undefined : await workerParser();
  try {
    await migrate(sql);
    const kb = createKnowledgeBase({
      store: await createSqlKnowledgeStore(sql),
      ...(parser ? { parser } : {}),
      logger: { info() {}, warn() {}, error() {} },
    });
    const owner = { tenantId: 'bench', userId: 'admin' };
    const scope = { type: 'shared', collection: 'bench' } as const;
    const names = readdirSync(options.corpus).sort();
    const stageSeconds: Record<string, number> = {};
    const perFile: IngestResult['slowest'] = [];
    const failed: string[] = [];
    let chunks = 0;
    let bytes = 0;
    const started = performance.now();
    for (const name of names) {
      const data = new Uint8Array(readFileSync(join(options.corpus, name)));
      const fileStarted = performance.now();
      let stageStarted = fileStarted;
      try {
        const file = await kb.ingest(
          owner,
          { name, bytes: data, scope },
          {
            manageShared: true,
            onProgress: ({ stage, embedded }) => {
              if (embedded !== undefined) return;
              const now = performance.now();
              stageSeconds[stage] = (stageSeconds[stage] ?? 0) + (now - stageStarted) / 1000;
              stageStarted = now;
            },
          },
        );
        chunks += file.chunkCount;
        bytes += data.byteLength;
        perFile.push({ name, seconds: (performance.now() - fileStarted) / 1000, chunks: file.chunkCount });
      } catch (error) {
        failed.push(`${name}: ${(error as Error).message}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    perFile.sort((a, b) => b.seconds - a.seconds);
    return {
      files: names.length - failed.length,
      chunks,
      bytes,
      seconds,
      // maxRSS is in kibibytes.
      peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
      stageSeconds,
      slowest: perFile.slice(0, 3),
      failed,
    };
  } finally {
    await parser?.close();
    await sql.close();
    if (admin) {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Makes and migrates a PGlite database in `dir`: creating a PGlite cluster peaks near 1 GB of RSS on
 * its own, once per installation, so a run that measures one file's ingestion opens one made before.
 */
export async function preparePglite(dir: string): Promise<void> {
  const sql = createPgliteSqlClient(await PGlite.create({ dataDir: join(dir, 'db') }), { ownsDb: true });
  await migrate(sql);
  await sql.close();
}

async function workerParser() {
  const { createWorkerParser } = await import('@company-chat/core/worker-parser');
  return createWorkerParser();
}
