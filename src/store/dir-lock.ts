import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { tempPathFor } from './atomic-file.js';
import { StoreLockedError } from './errors.js';

export const LOCK_FILE_NAME = 'lock';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  token: string;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, since: String(value.since ?? ''), token: value.token };
    }
  } catch {
    // fall through: unreadable owner
  }
  return undefined;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock whose owner is gone. Only decidable on this host; a lock from another host is respected. */
function isStale(owner: LockOwner | undefined): boolean {
  if (owner === undefined) return true;
  return owner.host === hostname() && !isProcessAlive(owner.pid);
}

async function readOwnerText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Exclusive ownership of a store folder across processes. The lock file is created with its content
 * already in place (write a temp file, then link(2) it: atomic and failing if the name exists), so a
 * process killed at any point never leaves an empty lock. A lock whose pid is dead is taken over.
 */
export class DirLock {
  private released = false;
  private readonly onExit = () => this.releaseSync();

  private constructor(
    readonly path: string,
    private readonly owner: LockOwner,
  ) {
    process.once('exit', this.onExit);
  }

  static async acquire(dir: string): Promise<DirLock> {
    const path = join(dir, LOCK_FILE_NAME);
    const owner: LockOwner = {
      pid: process.pid,
      host: hostname(),
      since: new Date().toISOString(),
      token: randomBytes(12).toString('hex'),
    };
    const temp = tempPathFor(path);
    await writeFile(temp, JSON.stringify(owner), { mode: 0o644 });
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          await link(temp, path);
          return new DirLock(path, owner);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const text = await readOwnerText(path);
        if (text === undefined) continue; // released meanwhile: try again
        const current = parseOwner(text);
        if (!isStale(current)) {
          throw new StoreLockedError(dir, current ?? {});
        }
        await DirLock.removeStale(path, text);
      }
      throw new StoreLockedError(dir, {});
    } finally {
      await unlink(temp).catch(() => {});
    }
  }

  /**
   * Moves the stale lock aside, then checks that what was moved is the lock judged stale: if another
   * process took the lock over in between, we moved ITS fresh lock and put it back.
   */
  private static async removeStale(path: string, staleText: string): Promise<void> {
    const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await rename(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const moved = await readOwnerText(aside);
    if (moved !== staleText) {
      await link(aside, path).catch(() => {});
    }
    await unlink(aside).catch(() => {});
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    const text = await readOwnerText(this.path);
    if (text !== undefined && parseOwner(text)?.token === this.owner.token) {
      await unlink(this.path).catch(() => {});
    }
  }

  /** Best effort at process exit (only synchronous work can run there). */
  releaseSync(): void {
    if (this.released) return;
    this.released = true;
    try {
      if (parseOwner(readFileSync(this.path, 'utf8'))?.token === this.owner.token) unlinkSync(this.path);
    } catch {
      // Nothing more can be done while exiting; the next open detects the dead pid.
    }
  }
}
