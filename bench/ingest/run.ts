// Ingestion benchmark: a generated mixed corpus (HTML with nested tables, multi-page PDFs, DOCX, a
// large CSV, JSON, Markdown) ingested into a shared collection as `company-chat ingest` does, on
// PGlite (on disk) and PostgreSQL (BENCH_DATABASE_URL, default the local `test` db), each in its own
// process so its peak RSS is its own. Prints chunks/s, MB/s and peak RSS per store, the load average,
// and the ratio to the figures before this work (470 chunks/s PGlite, 535 PostgreSQL) and to the targets.
// Run: pnpm bench:ingest   (BENCH_SCALE=0.5 for a smaller corpus, BENCH_PARSER=in-process to compare)
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { defaultParseLimits } from '@company-chat/core';
import { TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { generateCorpus, largestCsv, largestJson } from './generate-corpus.js';
import { type IngestResult, ingestCorpus, preparePglite } from './ingest-corpus.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? TEST_DATABASE_URL;
const BEFORE = { PGlite: 470, PostgreSQL: 535 } as const;
const TARGET = { PGlite: 1000, PostgreSQL: 2000 } as const;
const RSS_TARGET_MB = 400;

async function child(store: 'PGlite' | 'PostgreSQL', corpus: string, pgliteDir?: string): Promise<void> {
  if (store === 'PGlite' && pgliteDir && corpus === '-') return preparePglite(pgliteDir);
  const result = await ingestCorpus({ store, corpus, databaseUrl: DATABASE_URL, pgliteDir });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-ingest-'));
  try {
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    for (const file of await generateCorpus(scale)) writeFileSync(join(corpus, file.name), file.bytes);
    const names = readdirSync(corpus);
    const bytes = names.reduce((n, f) => n + statSync(join(corpus, f)).size, 0);
    const byKind = new Map<string, number>();
    for (const f of names) {
      const ext = f.split('.').pop()!;
      byKind.set(ext, (byKind.get(ext) ?? 0) + statSync(join(corpus, f)).size);
    }
    console.log(
      `Corpus: ${names.length} files, ${(bytes / 1e6).toFixed(1)} MB (${[...byKind].map(([k, v]) => `${k} ${(v / 1e6).toFixed(1)}`).join(', ')})`,
    );
    console.log(
      `Load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const runChild = async (store: 'PGlite' | 'PostgreSQL', folder: string, pgliteDir?: string) => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          ...process.execArgv,
          fileURLToPath(import.meta.url),
          '--child',
          store,
          folder,
          ...(pgliteDir ? [pgliteDir] : []),
        ],
        { maxBuffer: 16 * 1024 * 1024, env: process.env },
      );
      return pgliteDir && folder === '-' ? undefined : (JSON.parse(stdout.trim().split('\n').at(-1)!) as IngestResult);
    };
    const row = (label: string, r: IngestResult, store?: 'PGlite' | 'PostgreSQL') => {
      const rate = r.chunks / r.seconds;
      const ratios = store
        ? `  ${(rate / BEFORE[store]).toFixed(2).padStart(8)}x ${(rate / TARGET[store]).toFixed(2).padStart(8)}x`
        : '';
      console.log(
        `${label.padEnd(27)} ${String(r.files).padStart(5)} ${String(r.chunks).padStart(7)} ${r.seconds.toFixed(1).padStart(8)} ${rate.toFixed(0).padStart(9)} ${(r.bytes / 1e6 / r.seconds).toFixed(2).padStart(6)} ${`${r.peakRssMb.toFixed(0)} MB`.padStart(9)}${ratios}`,
      );
      if (r.failed.length > 0) console.log(`  failed: ${r.failed.join('; ')}`);
      const stages = Object.entries(r.stageSeconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`);
      console.log(`  time to each stage: ${stages.join(', ')}; load average now ${loadavg()[0]!.toFixed(2)}`);
      const slowest = r.slowest.map((f) => `${f.name} ${f.seconds.toFixed(2)} s (${f.chunks} chunks)`);
      console.log(`  slowest files: ${slowest.join(', ')}`);
    };
    console.log(
      `\n${'store'.padEnd(27)} ${'files'.padStart(5)} ${'chunks'.padStart(7)} ${'seconds'.padStart(8)} ${'chunks/s'.padStart(9)} ${'MB/s'.padStart(6)} ${'peak RSS'.padStart(9)}  vs before  vs target`,
    );
    // Each result is printed as soon as it is in: a long run still shows what it measured.
    for (const store of ['PostgreSQL', 'PGlite'] as const) row(store, (await runChild(store, corpus))!, store);
    // The largest single files the upload limit lets in, each alone in a process: their peak RSS. PGlite
    // opens a database made beforehand in another process, as a server's is (making one peaks near 1 GB).
    console.log('\nThe largest files within the limits, each alone (PGlite: database made beforehand):');
    for (const largest of [largestCsv(defaultParseLimits.maxBytes), largestJson(defaultParseLimits.maxBytes)]) {
      const single = join(dir, largest.name.replace('.', '-'));
      mkdirSync(single);
      writeFileSync(join(single, largest.name), largest.bytes);
      const label = `${(largest.bytes.byteLength / 1024 / 1024).toFixed(1)} MiB ${largest.name.split('.').pop()}`;
      row(`PostgreSQL ${label}`, (await runChild('PostgreSQL', single))!);
      const pgliteDir = join(dir, `pglite-${largest.name}`);
      mkdirSync(pgliteDir);
      await runChild('PGlite', '-', pgliteDir);
      row(`PGlite ${label}`, (await runChild('PGlite', single, pgliteDir))!);
    }
    console.log(
      `\nTargets: >= ${TARGET.PostgreSQL} chunks/s on PostgreSQL, >= ${TARGET.PGlite} on PGlite, peak RSS < ${RSS_TARGET_MB} MB. Load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [flag, store, corpus, pgliteDir] = process.argv.slice(2);
if (flag === '--child') await child(store as 'PGlite' | 'PostgreSQL', corpus!, pgliteDir);
else await main();
