/**
 * One process owns a PGlite data directory. PGlite does not stop a second process from opening the same
 * directory, and then writes are lost; this lock file (created with O_EXCL, holding the owner's pid) does.
 * A stale lock (its pid no longer runs) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './db.js';

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the pid of the process that owns `dir`, or undefined when nobody does. */
export function dataDirOwner(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, 'niangjia.lock'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && running(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'niangjia.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { path, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = dataDirOwner(dir);
      if (owner !== undefined) {
        throw new StoreError(
          `The data directory ${dir} is in use by another Niangjia process (pid ${owner}). ` +
            'Stop that process first, or ask it to re-index with `npm run reindex` (it forwards to the running service).',
          'locked',
        );
      }
      rmSync(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new StoreError(`Could not take the lock ${path}`, 'locked');
}
