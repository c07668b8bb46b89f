import { readFileSync, readlinkSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

// Linux reports per-thread CPU time in /proc in clock ticks (USER_HZ, 100 on every mainstream kernel).
const TICK_MS = 10;

/** How a CPU-time budget is named in its error. */
export const CPU_TIME = { label: 'of processing time' };

/** CPU time (user + system) in ms of the thread whose /proc `stat` file this is, or undefined. */
function cpuMsOf(statPath: string): number | undefined {
  try {
    const stat = readFileSync(statPath, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: fields are counted after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? ticks * TICK_MS : undefined;
  } catch {
    return undefined;
  }
}

/** The OS id of the calling thread (Linux), so another thread can watch its CPU time; else undefined. */
export function currentOsThreadId(): number | undefined {
  try {
    // `/proc/thread-self` links to `<pid>/task/<tid>` of whichever thread resolves it.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && cpuMsOf(`/proc/self/task/${tid}/stat`) !== undefined ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time in ms of thread `tid` of this process (Linux), or undefined when it cannot be read. */
export function threadCpuMs(tid: number): number | undefined {
  return cpuMsOf(`/proc/self/task/${tid}/stat`);
}

/**
 * A clock of the calling thread's CPU time in ms: /proc on Linux, `process.threadCpuUsage()` where
 * the runtime has it, else the thread's busy (non-idle) event-loop time, which counts time the thread
 * was descheduled too but never time it waited for I/O.
 */
export function threadCpuClock(): () => number {
  const tid = currentOsThreadId();
  if (tid !== undefined) return () => threadCpuMs(tid) ?? 0;
  const threadCpuUsage = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage;
  if (typeof threadCpuUsage === 'function') {
    return () => {
      const usage = threadCpuUsage.call(process);
      return (usage.user + usage.system) / 1000;
    };
  }
  return () => performance.eventLoopUtilization().active;
}
