import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { CompanyChatError, defaultParseLimits, type KnowledgeBase, type Owner } from '@company-chat/core';
import { createIngestProgressLine, formatBytes, formatDuration, type ProgressOutput } from './ingest-progress-line.js';
import { plainArgsError } from './plain-args-error.js';

/** Arguments of `company-chat ingest`. */
export interface IngestArgs {
  paths: string[];
  /** Shared collection the files go to. */
  collection: string;
  tenantId: string;
  /** Recorded as the uploader. */
  userId: string;
  /** Deletes the collection's files that are not among the ingested files any more. */
  prune: boolean;
}

/** The options of `company-chat ingest`, as listed in its usage and the CLI's. */
export const INGEST_OPTIONS = `  --collection <name>     Collection (default: "default")
  --tenant <id>           Tenant (default: "default")
  --user <id>             Recorded as the uploader (default: "cli")
  --prune                 Delete the collection's files that are no longer in the folders
`;

/** Usage of `company-chat ingest` (`company-chat ingest --help`). */
export const INGEST_USAGE = `Usage: company-chat ingest <folder|files...> [options]

Adds files (PDF, DOCX, CSV, JSON, Markdown, HTML, text) to a shared knowledge collection, in the database
the server uses. Running it again skips unchanged files and replaces changed ones.

Options:
${INGEST_OPTIONS}  --help                  Show this help
`;

/** Parses the arguments after `ingest`. Returns an error message (or `help`) instead of throwing. */
export function parseIngestArgs(argv: string[]): IngestArgs | { error: string } | { help: true } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        collection: { type: 'string' },
        tenant: { type: 'string' },
        user: { type: 'string' },
        prune: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return { help: true };
    if (positionals.length === 0) return { error: 'Name a folder or files to ingest.' };
    return {
      paths: positionals,
      collection: values.collection ?? 'default',
      tenantId: values.tenant ?? 'default',
      userId: values.user ?? 'cli',
      prune: values.prune ?? false,
    };
  } catch (error) {
    return { error: plainArgsError(error) };
  }
}

/** Options of {@link runIngest}. */
export interface RunIngestOptions extends IngestArgs {
  knowledge: KnowledgeBase;
  /** Files larger than this are skipped without being read. Default 20 MiB. */
  maxBytes?: number;
  /** One line per file (and the summary). */
  log: (line: string) => void;
  /**
   * Where the progress line (files, bytes, chunks, ETA, the current file's stage) is drawn: a TTY's
   * stderr. Omitted: no progress line, only one line per file and the summary.
   */
  progress?: ProgressOutput;
  /** Milliseconds clock for the ETA and the summary's duration. Default `Date.now`. */
  now?: () => number;
}

/** What {@link runIngest} did. */
export interface IngestSummary {
  /** Files added or updated (new content under a known name). */
  ingested: number;
  /** Of those, new versions of files already in the collection. */
  updated: number;
  /** Files already in the collection with the same content: left as they are. */
  unchanged: number;
  /** Files deleted by `--prune`. */
  pruned: number;
  chunks: number;
  failed: Array<{ path: string; code: string; message: string }>;
}

/**
 * `company-chat ingest`: walks folders (dot-files, `node_modules` and symbolic links skipped), ingests
 * every file into a shared collection one at a time, reports each failure with its error code and
 * keeps going. Running it again is harmless: unchanged files are recognised by their content, changed
 * ones become new versions of the file of the same name. With `prune`, files of the collection that
 * are neither in the folders nor the same content as one in them are deleted. The caller sets
 * `process.exitCode` from the summary.
 */
export async function runIngest(options: RunIngestOptions): Promise<IngestSummary> {
  const owner: Owner = { tenantId: options.tenantId, userId: options.userId };
  const maxBytes = options.maxBytes ?? defaultParseLimits.maxBytes;
  const now = options.now ?? Date.now;
  const started = now();
  const files: Array<{ path: string; size: number }> = [];
  for (const path of options.paths) await collect(path, files);
  const bar = createIngestProgressLine({
    out: options.progress,
    totalFiles: files.length,
    totalBytes: files.reduce((sum, f) => sum + f.size, 0),
    now,
  });
  let bytes = 0;
  const summary: IngestSummary = { ingested: 0, updated: 0, unchanged: 0, pruned: 0, chunks: 0, failed: [] };
  const scope = { type: 'shared', collection: options.collection } as const;
  // File names are the collection's keys: of two files with one name, the second would replace the first.
  const pathOfName = new Map<string, string>();
  const seenIds = new Set<string>();
  for (const [i, { path, size }] of files.entries()) {
    bar.startFile(i, basename(path), size);
    const label = relative(process.cwd(), path) || path;
    let chunks = 0;
    try {
      if (size > maxBytes) {
        throw new CompanyChatError({ code: 'payload_too_large', message: `Larger than ${maxBytes} bytes.` });
      }
      const earlier = pathOfName.get(basename(path));
      if (earlier !== undefined) {
        throw new CompanyChatError({
          code: 'invalid_request',
          message: `Same file name as ${earlier}; rename one of them.`,
        });
      }
      pathOfName.set(basename(path), label);
      const file = await options.knowledge.ingest(
        owner,
        { name: basename(path), bytes: new Uint8Array(await readFile(path)), scope },
        { manageShared: true, onProgress: (progress) => bar.update(progress) },
      );
      seenIds.add(file.id);
      bar.clear();
      if (file.outcome === 'duplicate') {
        summary.unchanged++;
        options.log(`same    ${label} (unchanged${file.name === basename(path) ? '' : `, as ${file.name}`})`);
        continue;
      }
      summary.ingested++;
      summary.chunks += file.chunkCount;
      chunks = file.chunkCount;
      bytes += size;
      if (file.outcome === 'replaced') summary.updated++;
      const what = file.outcome === 'replaced' ? `, version ${file.version}` : '';
      options.log(
        `${file.outcome === 'replaced' ? 'updated' : 'ok     '} ${label} (${file.kind}, ${formatBytes(size)}, ${file.chunkCount} chunks${what})`,
      );
    } catch (error) {
      const code = CompanyChatError.isInstance(error) ? error.code : 'internal';
      const message = error instanceof Error ? error.message : String(error);
      summary.failed.push({ path: label, code, message });
      bar.clear();
      options.log(`failed  ${label}: ${code}: ${message}`);
    } finally {
      bar.finishFile(chunks);
    }
  }
  bar.clear();
  if (options.prune) {
    for (const file of await options.knowledge.filesInScope(owner, scope)) {
      // A file that failed this time keeps its earlier version: it is still in the folder.
      if (seenIds.has(file.id) || pathOfName.has(file.name)) continue;
      if (await options.knowledge.deleteFile(owner, file.id, { manageShared: true })) {
        summary.pruned++;
        options.log(`deleted ${file.name} (no longer in the folder)`);
      }
    }
  }
  options.log(
    `Ingested ${summary.ingested} of ${files.length} files (${summary.chunks} chunks, ${formatBytes(bytes)}) into collection "${options.collection}" in ${formatDuration(now() - started)}` +
      [
        summary.updated > 0 ? `; ${summary.updated} updated` : '',
        summary.unchanged > 0 ? `; ${summary.unchanged} unchanged` : '',
        summary.pruned > 0 ? `; ${summary.pruned} deleted` : '',
        summary.failed.length > 0 ? `; ${summary.failed.length} failed` : '',
      ].join('') +
      '.',
  );
  return summary;
}

async function collect(path: string, into: Array<{ path: string; size: number }>): Promise<void> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return;
  if (info.isFile()) {
    into.push({ path, size: info.size });
    return;
  }
  if (!info.isDirectory()) return;
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    await collect(join(path, entry.name), into);
  }
}
