import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TEMP_FILE_SUFFIX } from './atomic-file.js';
import { DirLock, isProcessAlive, LOCK_FILE_NAME } from './dir-lock.js';
import { FileJournal, loadState } from './file-journal.js';
import { assertUsableStoreOptions } from './store-options.js';
import { TransactionalStore, type TransactionalStoreOptions } from './transactional-store.js';

export const DEFAULT_STORE_DIR = '.ocop-connect';
/** How long non-durable writes are coalesced before one append + fdatasync. */
export const DEFAULT_FLUSH_DELAY_MS = 50;
/** Journal size that triggers rewriting the snapshot (and emptying the journal). */
export const DEFAULT_COMPACT_THRESHOLD_BYTES = 4 * 1024 * 1024;

export interface FileStoreOptions extends TransactionalStoreOptions {
  /** The store's folder, created if missing. One process at a time. @default '.ocop-connect' */
  dir?: string;
  /** @default DEFAULT_FLUSH_DELAY_MS (50 ms) */
  flushDelayMs?: number;
  /** @default DEFAULT_COMPACT_THRESHOLD_BYTES (4 MiB) */
  compactThresholdBytes?: number;
}

/**
 * The embedded default StateStore: one folder holding `state.json` (a snapshot) and `journal.ndjson`
 * (transactions since), plus a `lock` file naming the owning process.
 */
export class FileStore extends TransactionalStore {
  private constructor(
    readonly dir: string,
    lock: DirLock,
    journal: FileJournal,
    data: ConstructorParameters<typeof TransactionalStore>[1],
    options: TransactionalStoreOptions,
  ) {
    super(
      'file',
      data,
      {
        append: (ops) => journal.append(ops),
        flush: () => journal.flush(),
        close: async () => {
          try {
            await journal.close();
          } finally {
            await lock.release();
          }
        },
      },
      options,
    );
  }

  static async open(options: FileStoreOptions = {}): Promise<FileStore> {
    assertUsableStoreOptions(options);
    const dir = resolve(options.dir ?? DEFAULT_STORE_DIR);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const lock = await DirLock.acquire(dir);
    try {
      await removeLeftovers(dir);
      const loaded = await loadState(dir);
      const journal = new FileJournal({
        dir,
        data: loaded.data,
        seq: loaded.seq,
        flushDelayMs: options.flushDelayMs ?? DEFAULT_FLUSH_DELAY_MS,
        compactThresholdBytes: options.compactThresholdBytes ?? DEFAULT_COMPACT_THRESHOLD_BYTES,
      });
      await journal.open(loaded.journalDirty);
      const storeOptions: TransactionalStoreOptions = {};
      if (options.nowMs !== undefined) storeOptions.nowMs = options.nowMs;
      if (options.maxWebhookKeys !== undefined) storeOptions.maxWebhookKeys = options.maxWebhookKeys;
      return new FileStore(dir, lock, journal, loaded.data, storeOptions);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }
}

/**
 * Temp files of writes interrupted by a crash, and stale locks moved aside: never real state. A temp
 * file of a live process is left alone (another process may be trying to take the lock right now).
 */
async function removeLeftovers(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const isTemp = name.endsWith(TEMP_FILE_SUFFIX);
    if (!isTemp && !name.startsWith(`${LOCK_FILE_NAME}.stale-`)) continue;
    const writerPid = isTemp ? Number(name.split('.').at(-3)) : Number.NaN;
    if (Number.isSafeInteger(writerPid) && writerPid !== process.pid && isProcessAlive(writerPid)) continue;
    await unlink(join(dir, name)).catch(() => {});
  }
}

/**
 * Opens (creating if needed) a FileStore folder and takes its lock.
 * @throws StoreLockedError when another live process holds the folder.
 * @throws StoreCorruptError when a committed file cannot be read.
 */
export function createFileStore(options: FileStoreOptions = {}): Promise<FileStore> {
  return FileStore.open(options);
}
