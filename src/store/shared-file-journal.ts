import { type FileHandle, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { DirLock, LOCK_HANDOFF_MS } from './dir-lock.js';
import {
  JOURNAL_FILE_NAME,
  journalLine,
  loadState,
  openJournalHandle,
  parseJournalEntry,
  SNAPSHOT_FILE_NAME,
  serialiseSnapshot,
} from './file-journal.js';
import type { StoreData, StoreOp } from './store-data.js';
import type { SharedCommitSink } from './transactional-store.js';

export interface SharedFileJournalOptions {
  dir: string;
  data: StoreData;
  flushDelayMs: number;
  compactThresholdBytes: number;
  lockWaitMs: number;
}

/** Changes when state.json is replaced (rename gives a new inode; size and mtime guard inode reuse). */
async function snapshotIdentity(path: string): Promise<string> {
  try {
    const info = await stat(path, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
}

/**
 * The FileStore's multi-process mode (`shared: true`). Design:
 *
 * - The folder lock is taken **per transaction**, not for the life of the process: `begin` takes it
 *   (waiting up to `lockWaitMs` for another process's transaction to end), `end` releases it.
 * - On every `begin` the journal is **tail-followed**: lines other processes appended since our last
 *   look are read from our byte offset and applied to the in-memory state before the transaction
 *   runs. If state.json was replaced (another process compacted) or anything does not line up (a
 *   shorter journal, a sequence gap), the whole state is reloaded from disk instead.
 * - A commit's line is written to the journal **before** the lock is released, so the next holder
 *   sees it; durable transactions are fdatasync'ed before release too, the others within
 *   `flushDelayMs`.
 * - Whoever pushes the journal past the threshold compacts it, under the lock. A writer killed
 *   mid-append leaves a torn line: the next holder reloads, and compacts it away.
 */
export class SharedFileJournal implements SharedCommitSink {
  private readonly snapshotPath: string;
  private readonly journalPath: string;
  private handle: FileHandle | undefined;
  private seq = 0;
  /** Bytes of the journal already applied to memory (ours and other processes'). */
  private journalBytes = 0;
  private snapshotId = 'none';
  private lock: DirLock | undefined;
  private pending: StoreOp[][] = [];
  /** Our memory may differ from the disk (a failed write): reload at the next begin. */
  private stale = true;
  private unsynced = false;
  private timer: NodeJS.Timeout | undefined;
  private releasedAtMs = 0;

  constructor(private readonly options: SharedFileJournalOptions) {
    this.snapshotPath = join(options.dir, SNAPSHOT_FILE_NAME);
    this.journalPath = join(options.dir, JOURNAL_FILE_NAME);
  }

  /** Opens the journal and loads the state (under the lock, like every later transaction). */
  async open(): Promise<void> {
    this.handle = await open(this.journalPath, 'a+', 0o644);
    try {
      await this.begin();
      await this.end(false);
    } catch (error) {
      await this.close().catch(() => {});
      throw error;
    }
  }

  async begin(): Promise<void> {
    // Back-to-back transactions of this process would otherwise keep the lock from a waiting one
    // (a webhook receiver behind a long sync): step aside once when someone waits.
    if (Date.now() - this.releasedAtMs < LOCK_HANDOFF_MS && (await DirLock.othersWaiting(this.options.dir))) {
      await new Promise((resolve) => setTimeout(resolve, LOCK_HANDOFF_MS));
    }
    this.lock = await DirLock.acquire(this.options.dir, {
      waitMs: this.options.lockWaitMs,
      releaseOnExit: false,
    });
    try {
      await this.catchUp();
    } catch (error) {
      await this.releaseLock();
      throw error;
    }
  }

  append(ops: StoreOp[]): void {
    this.pending.push(ops);
  }

  commit(ops: StoreOp[], durable: boolean): Promise<void> {
    if (ops.length > 0) this.pending.push(ops);
    return this.end(durable);
  }

  rollback(): Promise<void> {
    this.pending = [];
    return this.end(false);
  }

  /** Writes this transaction's line (if any) and lets go of the lock. */
  private async end(durable: boolean): Promise<void> {
    try {
      if (this.pending.length === 0) return;
      const handle = this.requireHandle();
      const committed = this.pending;
      const lines = committed.map((ops) => journalLine(++this.seq, ops)).join('');
      this.pending = [];
      try {
        await handle.write(lines);
        if (durable) await handle.datasync();
      } catch (error) {
        this.stale = true;
        await handle.truncate(this.journalBytes).catch(() => {});
        throw error;
      }
      this.journalBytes += Buffer.byteLength(lines);
      // The store applies them too once commit resolves (the same ops again: idempotent); a compaction
      // right now must already see them, its snapshot claims this.seq.
      for (const ops of committed) this.apply(ops);
      this.unsynced = !durable;
      if (this.journalBytes >= this.options.compactThresholdBytes) {
        // The line is written already; a failed compaction only delays the next one.
        await this.compact().catch(() => {});
      }
      if (this.unsynced) this.scheduleSync();
    } finally {
      this.pending = [];
      await this.releaseLock();
    }
  }

  async flush(): Promise<void> {
    if (!this.unsynced || this.handle === undefined) return;
    this.unsynced = false;
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
    await this.handle?.close();
    this.handle = undefined;
  }

  private scheduleSync(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => {
        this.unsynced = true;
      });
    }, this.options.flushDelayMs);
  }

  private async releaseLock(): Promise<void> {
    const lock = this.lock;
    this.lock = undefined;
    await lock?.release();
    this.releasedAtMs = Date.now();
  }

  private async catchUp(): Promise<void> {
    const snapshotId = await snapshotIdentity(this.snapshotPath);
    if (this.stale || snapshotId !== this.snapshotId) return this.reload();
    const handle = this.requireHandle();
    const size = (await handle.stat()).size;
    if (size === this.journalBytes) return;
    if (size < this.journalBytes) return this.reload();
    const buffer = Buffer.alloc(size - this.journalBytes);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.journalBytes);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    if (!text.endsWith('\n')) return this.reload(); // a writer was killed mid-append
    const entries = text.slice(0, -1).split('\n').map(parseJournalEntry);
    let seq = this.seq;
    for (const entry of entries) {
      if (entry === undefined || entry.seq !== seq + 1) return this.reload();
      seq = entry.seq;
    }
    for (const entry of entries) this.apply(entry?.ops ?? []);
    this.seq = seq;
    this.journalBytes += bytesRead;
  }

  private apply(ops: StoreOp[]): void {
    for (const [ns, key, value] of ops) {
      this.options.data[ns].delete(key);
      if (value !== null) this.options.data[ns].set(key, value);
    }
  }

  /** Everything from disk, replacing memory in place (the store holds the same maps). */
  private async reload(): Promise<void> {
    const loaded = await loadState(this.options.dir);
    for (const ns of Object.keys(this.options.data) as (keyof StoreData)[]) {
      this.options.data[ns].clear();
      for (const [key, value] of loaded.data[ns]) this.options.data[ns].set(key, value);
    }
    this.seq = loaded.seq;
    this.snapshotId = await snapshotIdentity(this.snapshotPath);
    this.journalBytes = (await this.requireHandle().stat()).size;
    this.stale = false;
    // A torn tail must go before anyone appends after it.
    if (loaded.tornTail) await this.compact();
  }

  private async compact(): Promise<void> {
    const handle = this.requireHandle();
    await writeFileAtomic(this.snapshotPath, serialiseSnapshot(this.options.data, this.seq));
    // A crash before this truncate leaves lines ≤ snapshot seq in the journal: skipped on load.
    await handle.truncate(0);
    await handle.sync();
    this.journalBytes = 0;
    this.unsynced = false;
    this.snapshotId = await snapshotIdentity(this.snapshotPath);
  }

  private requireHandle(): FileHandle {
    return openJournalHandle(this.handle, 'SharedFileJournal');
  }
}
