import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { CompanyChatError } from '../../../errors/company-chat-error.js';
import { budgetExceeded } from '../deadline.js';
import type { DocumentParser } from '../document-parser.js';
import type { ParseDocumentInput } from '../parse-document.js';
import { parseError } from '../parse-errors.js';
import { defaultParseLimits } from '../parse-limits.js';
import type { ParsedDocument } from '../parsed-document.js';
import type { ParseTask, ParseTaskResult } from './parse-worker.js';
import { CPU_TIME, threadCpuMs } from './thread-cpu-time.js';

/** Options of {@link createWorkerParser}. */
export interface WorkerParserOptions {
  /** Worker threads parsing at the same time; more files wait their turn. Default: CPU cores - 1, 1 to 4. */
  threads?: number;
  /**
   * Heap of one worker thread in MiB: a file that needs more fails with 422 `document_limits` and the
   * thread is replaced. Default 512.
   */
  maxHeapMb?: number;
  /** How often the pool looks at a parsing thread's CPU time, in ms. Default 250. */
  watchIntervalMs?: number;
}

/** A {@link DocumentParser} backed by worker threads; `close()` ends them. */
export interface WorkerParser extends DocumentParser {
  close(): Promise<void>;
}

// Running from the TypeScript sources (tests, benchmarks) the worker needs the same loader as the
// parent; the published build ships `parse-worker.js` next to this module.
const fromSource = import.meta.url.endsWith('.ts');
const workerFile = new URL(fromSource ? './parse-worker.ts' : './parse-worker.js', import.meta.url).href;

/**
 * Parses uploads in a pool of worker threads (Node, Bun), so the server keeps answering while large
 * files are read. The time budget (`ParseLimits.timeBudgetMs`) is counted in the parsing thread's CPU
 * time, so the same file passes or fails whatever the load: the worker checks it between pages and
 * batches, and the pool ends a thread that stays in one step past the budget (plus a grace of a
 * tenth, at least one second). Either way the error is 422 `parse_timeout`, as in process.
 *
 * @example
 * ```ts
 * import { createWorkerParser } from '@company-chat/core/worker-parser';
 * const parser = createWorkerParser();
 * const kb = createKnowledgeBase({ store, parser });
 * // on shutdown
 * await parser.close();
 * ```
 */
export function createWorkerParser(options: WorkerParserOptions = {}): WorkerParser {
  const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const execArgv =
    fromSource && !process.execArgv.some((arg) => arg.includes('tsx'))
      ? [...process.execArgv, '--import', 'tsx']
      : process.execArgv;
  const pool = new Piscina<ParseTask, ParseTaskResult>({
    filename: workerFile,
    minThreads: 0,
    maxThreads: threads,
    // Warm threads keep pdf.js and the other parsers loaded between files of one ingestion.
    idleTimeout: 60_000,
    execArgv,
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
  });
  const watchIntervalMs = options.watchIntervalMs ?? 250;

  async function parse(
    input: ParseDocumentInput,
    parseOptions: { signal?: AbortSignal } = {},
  ): Promise<ParsedDocument> {
    parseOptions.signal?.throwIfAborted();
    const budgetMs = input.limits?.timeBudgetMs ?? defaultParseLimits.timeBudgetMs;
    const hardLimitMs = budgetMs + Math.max(1000, budgetMs / 10);
    const abort = new AbortController();
    const onAbort = () => abort.abort(parseOptions.signal?.reason);
    parseOptions.signal?.addEventListener('abort', onAbort, { once: true });
    const { port1, port2 } = new MessageChannel();
    let watch: ReturnType<typeof setInterval> | undefined;
    let overBudget = false;
    port1.once('message', ({ tid }: { tid: number | null }) => {
      port1.close();
      if (tid === null) return; // no per-thread CPU time here: the worker's own checks bound it
      const start = threadCpuMs(tid);
      if (start === undefined) return;
      watch = setInterval(() => {
        const used = (threadCpuMs(tid) ?? start) - start;
        if (used > hardLimitMs) {
          overBudget = true;
          abort.abort();
        }
      }, watchIntervalMs);
      watch.unref();
    });
    port1.unref();
    try {
      const result = await pool.run({ input, port: port2 }, { transferList: [port2], signal: abort.signal });
      if (result.ok) return result.document;
      throw result.error
        ? new CompanyChatError(result.error)
        : parseError('unreadable_file', 'The file could not be read: it is damaged or not a supported format.');
    } catch (error) {
      if (CompanyChatError.isInstance(error)) throw error;
      if (overBudget) {
        throw budgetExceeded(budgetMs, CPU_TIME);
      }
      if (parseOptions.signal?.aborted) throw parseOptions.signal.reason;
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw parseError('document_limits', 'The file needs more memory to read than the server allows.', error);
      }
      throw error;
    } finally {
      clearInterval(watch);
      port1.close();
      parseOptions.signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    parse,
    async close() {
      await pool.destroy();
    },
  };
}
