import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextIfPresent, tempPathFor } from './atomic-file.js';
import { StoreLockedError } from './errors.js';
import {
  currentProcessIdentity,
  isProcessAlive,
  ownerState,
  type ProcessIdentity,
} from './process-identity.js';

export const LOCK_FILE_NAME = 'lock';
/** First and largest pause between two looks at a held lock while waiting for it. */
const LOCK_POLL_MIN_MS = 1;
const LOCK_POLL_MAX_MS = 25;
/** `lock.waiting-<pid>-<token>`: a process waiting for the lock. */
const WAITING_MARKER = '.waiting-';
/** How long a holder that just let go steps aside when others wait: longer than a waiter's longest pause. */
export const LOCK_HANDOFF_MS = LOCK_POLL_MAX_MS + 10;

/**
 * What the lock file holds. `token` is random per acquisition, so a process only ever removes the
 * lock it took itself; pid + startTicks + bootId + host tell whether the owner still runs.
 */
interface LockOwner extends ProcessIdentity {
  since: string;
  token: string;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return {
        pid: value.pid,
        host: value.host,
        bootId: typeof value.bootId === 'string' ? value.bootId : '',
        startTicks: typeof value.startTicks === 'number' ? value.startTicks : null,
        since: String(value.since ?? ''),
        token: value.token,
      };
    }
  } catch {
    // fall through: unreadable owner
  }
  return undefined;
}

export interface DirLockOptions {
  /** How long to wait for a live owner to let go before StoreLockedError. 0: do not wait. */
  waitMs?: number;
  /** Register a process-exit hook that removes the lock (for locks held for a long time). */
  releaseOnExit?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Exclusive ownership of a store folder across processes. The lock file is created with its content
 * already in place (write a temp file, then link(2) it: atomic and failing if the name exists), so a
 * process killed at any point never leaves an empty lock. A lock whose owner provably no longer runs
 * (see ownerState: dead PID, PID reused, machine rebooted) is taken over; a lock from another host is
 * respected.
 */
export class DirLock {
  private released = false;
  private readonly onExit = () => this.releaseSync();

  private constructor(
    readonly path: string,
    private readonly owner: LockOwner,
    private readonly hooked: boolean,
  ) {
    if (hooked) process.once('exit', this.onExit);
  }

  static async acquire(dir: string, options: DirLockOptions = {}): Promise<DirLock> {
    const path = join(dir, LOCK_FILE_NAME);
    const owner: LockOwner = {
      ...currentProcessIdentity(),
      since: new Date().toISOString(),
      token: randomBytes(12).toString('hex'),
    };
    const waitMs = options.waitMs ?? 0;
    const started = Date.now();
    const temp = tempPathFor(path);
    // Announces a waiter, so that a holder running transactions back to back lets it in (see
    // othersWaiting): without it a busy process could re-take the lock before a waiter's next look.
    const marker = `${path}${WAITING_MARKER}${process.pid}-${owner.token}`;
    let announced = false;
    await writeFile(temp, JSON.stringify(owner), { mode: 0o644 });
    try {
      let pauseMs = LOCK_POLL_MIN_MS;
      for (;;) {
        try {
          await link(temp, path);
          return new DirLock(path, owner, options.releaseOnExit ?? true);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const text = await readTextIfPresent(path);
        if (text === undefined) continue; // released meanwhile: try again at once
        const current = parseOwner(text);
        const state = current === undefined ? 'gone' : ownerState(current);
        if (state === 'gone') {
          await DirLock.removeStale(path, text);
          continue;
        }
        const waited = Date.now() - started;
        if (waited >= waitMs) {
          throw new StoreLockedError(dir, current ?? {}, {
            ...(waitMs > 0 ? { waitedMs: waited } : {}),
            otherHost: state === 'elsewhere',
          });
        }
        if (!announced) {
          announced = true;
          await writeFile(marker, '', { mode: 0o644 }).catch(() => {});
        }
        // Jittered so that two waiters do not keep colliding.
        await sleep(Math.min(pauseMs, waitMs - waited) * (0.5 + Math.random()));
        pauseMs = Math.min(pauseMs * 2, LOCK_POLL_MAX_MS);
      }
    } finally {
      await unlink(temp).catch(() => {});
      if (announced) await unlink(marker).catch(() => {});
    }
  }

  /** True when another live process is waiting for this folder's lock. */
  static async othersWaiting(dir: string): Promise<boolean> {
    const prefix = `${LOCK_FILE_NAME}${WAITING_MARKER}`;
    let found = false;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!name.startsWith(prefix)) continue;
      const pid = Number(name.slice(prefix.length).split('-')[0]);
      if (pid === process.pid) continue;
      if (Number.isSafeInteger(pid) && isProcessAlive(pid)) found = true;
      else await unlink(join(dir, name)).catch(() => {}); // left by a killed waiter
    }
    return found;
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
    const moved = await readTextIfPresent(aside);
    if (moved !== staleText) {
      await link(aside, path).catch(() => {});
    }
    await unlink(aside).catch(() => {});
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (this.hooked) process.removeListener('exit', this.onExit);
    const text = await readTextIfPresent(this.path);
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
      // Nothing more can be done while exiting; the next open detects the dead owner.
    }
  }
}
