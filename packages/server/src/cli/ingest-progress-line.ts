import type { IngestProgress } from '@company-chat/core';

/** Where the progress line is drawn: a terminal (the CLI passes stderr when it is a TTY). */
export interface ProgressOutput {
  write(text: string): unknown;
  columns?: number;
}

/** Options of {@link createIngestProgressLine}. */
export interface IngestProgressLineOptions {
  /** Omitted: nothing is drawn (output that is not a terminal gets only the per-file lines). */
  out?: ProgressOutput;
  totalFiles: number;
  totalBytes: number;
  /** Milliseconds clock for the ETA. Default `Date.now`. */
  now?: () => number;
}

/** The one-line progress display of `company-chat ingest`. */
export interface IngestProgressLine {
  /** A file starts (0-based index); drawn at once. */
  startFile(index: number, name: string, bytes: number): void;
  /** Progress reported by `KnowledgeBase.ingest` for the current file; redrawn. */
  update(progress: IngestProgress): void;
  /** The current file is done (stored, unchanged or failed): its bytes and chunks count as done. */
  finishFile(chunks: number): void;
  /** Erases the line, so a log line can be printed in its place. */
  clear(): void;
}

/**
 * Draws `[###---] 3/10 files · 12.4/54.8 MB · 1,234 chunks · ETA 42s · big.pdf (12.3 MB): embedding
 * and indexing 512 chunks`, rewritten in place. The ETA comes from the bytes done so far, counting the
 * share of the current file already chunked and stored, so it moves during a large file too.
 */
export function createIngestProgressLine(options: IngestProgressLineOptions): IngestProgressLine {
  const { out, totalFiles, totalBytes } = options;
  const now = options.now ?? Date.now;
  const started = now();
  let doneFiles = 0;
  let doneBytes = 0;
  let doneChunks = 0;
  let current = { name: '', bytes: 0, stage: 'reading', fraction: 0 };

  const draw = () => {
    if (!out) return;
    const columns = (out.columns ?? 80) - 1;
    const width = 12;
    const filled = Math.round((totalFiles === 0 ? 1 : doneFiles / totalFiles) * width);
    const progressBytes = doneBytes + current.bytes * current.fraction;
    const elapsed = now() - started;
    const eta =
      progressBytes > 0 && elapsed > 0 ? formatDuration(((totalBytes - progressBytes) / progressBytes) * elapsed) : '?';
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    const files = `${doneFiles}/${totalFiles} files`;
    const sizes = `${formatBytes(progressBytes)}/${formatBytes(totalBytes)}`;
    const chunks = `${doneChunks.toLocaleString('en-US')} chunks`;
    const tail = current.name ? ` · ${current.name.slice(0, 8)} (${formatBytes(current.bytes)}): ${current.stage}` : '';
    // On a narrow terminal the bar goes first, then the chunk total: the current file's stage stays.
    const layouts = [
      `${bar} ${files} · ${sizes} · ${chunks}`,
      `${files} · ${sizes} · ${chunks}`,
      `${files} · ${sizes}`,
    ];
    const totals = layouts.find((l) => `${l} · ETA ${eta}${tail}`.length <= columns) ?? layouts.at(-1)!;
    let text = `${totals} · ETA ${eta}`;
    if (current.name) {
      const rest = ` (${formatBytes(current.bytes)}): ${current.stage}`;
      const room = Math.max(columns - text.length - 3 - rest.length, 8);
      const name = current.name.length > room ? `${current.name.slice(0, room - 1)}…` : current.name;
      text += ` · ${name}${rest}`;
    }
    out.write(`\r${text.slice(0, columns)}\u001b[K`);
  };

  return {
    startFile(index, name, bytes) {
      doneFiles = index;
      current = { name, bytes, stage: 'parsing', fraction: 0 };
      draw();
    },
    update(progress) {
      const chunks = (progress.chunks ?? 0).toLocaleString('en-US');
      if (progress.stage === 'parsed') current.stage = 'chunking';
      else if (progress.stage === 'chunked') {
        // Chunks are stored in batches as they are made: how far into the file, not a known total.
        current.stage = `${progress.embedded !== undefined ? 'embedding and indexing' : 'indexing'} ${chunks} chunks`;
        current.fraction = progress.fraction ?? current.fraction;
      } else if (progress.stage === 'embedded') current.stage = `indexing ${chunks} chunks`;
      else current.stage = 'indexed';
      draw();
    },
    finishFile(chunks) {
      doneFiles++;
      doneBytes += current.bytes;
      doneChunks += chunks;
      current = { name: '', bytes: 0, stage: '', fraction: 0 };
      draw();
    },
    clear() {
      out?.write('\r\u001b[K');
    },
  };
}

/** `512 B`, `34 KB`, `12.3 MB`: sizes for people. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `42s`, `3m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}
