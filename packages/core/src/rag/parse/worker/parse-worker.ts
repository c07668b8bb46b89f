// The worker-thread side of `createWorkerParser()`: parses one file per task with the time budget on
// this thread's CPU clock. Errors cross back as plain data (structured clone drops an error's class).
import type { MessagePort } from 'node:worker_threads';
import { CompanyChatError, type ErrorCode } from '../../../errors/company-chat-error.js';
import { type ParseDocumentInput, parseDocumentOn } from '../parse-document.js';
import type { ParsedDocument } from '../parsed-document.js';
import { CPU_TIME, currentOsThreadId, threadCpuClock } from './thread-cpu-time.js';

/** One parse task, as posted to a worker. */
export interface ParseTask {
  input: ParseDocumentInput;
  /** Told this thread's OS id first, so the pool can watch its CPU time while it parses. */
  port?: MessagePort;
}

/** A task's outcome. */
export type ParseTaskResult =
  | { ok: true; document: ParsedDocument }
  | { ok: false; error: { code: ErrorCode; message: string } | null };

const clock = { now: threadCpuClock(), ...CPU_TIME, pollMs: 50 };

/** Parses `task.input` in this worker thread. */
export default async function parseTask(task: ParseTask): Promise<ParseTaskResult> {
  task.port?.postMessage({ tid: currentOsThreadId() ?? null });
  task.port?.close();
  try {
    return { ok: true, document: await parseDocumentOn(task.input, clock) };
  } catch (error) {
    return { ok: false, error: CompanyChatError.isInstance(error) ? error.toJSON() : null };
  }
}
