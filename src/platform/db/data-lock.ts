import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * The embedded database lets one process open its folder at a time; a second one would corrupt it. Whoever
 * opens it (the server, or the CLI when no server runs) first takes this lock file. The server also writes
 * where it listens and a local operator token into it, so the CLI can go through the server instead.
 */
export type LockInfo = {
  pid: number;
  holder: 'server' | 'cli';
  startedAt: string;
  url?: string;
  token?: string;
};

export const lockPath = (dataDir: string) => path.join(dataDir, 'trellis.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
    return alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

export type Lock = { info: LockInfo; update(more: Partial<LockInfo>): void; release(): void };

/** Takes the lock, or returns who holds it. A lock left by a dead process is taken over. */
export function acquireLock(dataDir: string, holder: LockInfo['holder']): Lock | { heldBy: LockInfo } {
  mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    let info: LockInfo = { pid: process.pid, holder, startedAt: new Date().toISOString() };
    try {
      // 'wx' fails if the file exists: only one process can create it
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readLock(dataDir);
      if (held) return { heldBy: held };
      try {
        unlinkSync(file); // stale: its process is gone
      } catch {
        /* someone else removed it first */
      }
      continue;
    }
    const write = (next: LockInfo) => {
      const fd = openSync(file, 'w', 0o600);
      writeSync(fd, JSON.stringify(next));
      closeSync(fd);
    };
    return {
      info,
      update(more) {
        info = { ...info, ...more };
        write(info);
      },
      release() {
        try {
          const current = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
          if (current.pid === process.pid) unlinkSync(file);
        } catch {
          /* already gone */
        }
      },
    };
  }
  throw new Error(`Could not take the lock ${file}`);
}
