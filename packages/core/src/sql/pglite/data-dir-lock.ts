import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CompanyChatError } from '../../errors/company-chat-error.js';

/** Lock files this process holds: a lock with our own PID that is not in here is left over from a previous run. */
const held = new Set<string>();

/** The name of the lock file inside a PGlite data directory. */
export const LOCK_FILE_NAME = 'company-chat.lock';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes an exclusive lock on a PGlite data directory: a lock file created with O_EXCL holding our PID.
 * PGlite is one process's embedded database; a second process opening the same directory corrupts it,
 * so a second opener is refused with a clear error. A lock left by a process that died (kill -9, crash)
 * is detected by its PID no longer running and taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, hostname: hostname(), since: new Date().toISOString() }));
      } finally {
        closeSync(fd);
      }
      held.add(path);
      const release = () => {
        if (!held.delete(path)) return;
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once('exit', release);
      return () => {
        process.removeListener('exit', release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(path);
    const stale =
      owner !== null &&
      owner.hostname === hostname() &&
      (owner.pid === process.pid ? !held.has(path) : !isAlive(owner.pid));
    // Unreadable and fresh: another process is between creating and writing it.
    const writing = owner === null && Date.now() - mtimeMs(path) < 5_000;
    if ((!stale && owner !== null) || writing) {
      throw new CompanyChatError({
        code: 'data_dir_locked',
        message:
          `The data directory ${dataDir} is already in use by ${owner ? `process ${owner.pid}` : 'another process'}` +
          `${owner && owner.hostname !== hostname() ? ` on ${owner.hostname}` : ''}. PGlite allows one process per ` +
          'directory: stop the other process, use another directory, or use PostgreSQL (DATABASE_URL) to run several.',
      });
    }
    try {
      // Stale (its process is gone) or unreadable (a crash mid-write): remove it and try again.
      unlinkSync(path);
    } catch {
      // Someone else removed it first; the next attempt decides.
    }
  }
  throw new CompanyChatError({ code: 'internal', message: `Could not lock the data directory ${dataDir}.` });
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readOwner(path: string): { pid: number; hostname: string } | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; hostname?: unknown };
    if (typeof value.pid !== 'number' || typeof value.hostname !== 'string') return null;
    return { pid: value.pid, hostname: value.hostname };
  } catch {
    return null;
  }
}
