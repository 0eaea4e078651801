import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  A_BOOLEAN_OR_NOTHING,
  A_COUNT_OR_NOTHING,
  A_TEXT_OR_NOTHING,
  checkOptions,
  type Expected,
  OWN_RULES,
} from '../core/argument-guards.js';
import { TEMP_FILE_SUFFIX } from './atomic-file.js';
import { DirLock, LOCK_FILE_NAME } from './dir-lock.js';
import { isStoreError, StoreUnusableError } from './errors.js';
import { FileJournal, loadState } from './file-journal.js';
import { isProcessAlive } from './process-identity.js';
import { SharedFileJournal } from './shared-file-journal.js';
import { createEmptyData, type StoreData } from './store-data.js';
import { assertUsableStoreOptions, storeOptionProblems } from './store-options.js';
import {
  type CommitSink,
  TRANSACTIONAL_STORE_OPTIONS,
  TransactionalStore,
  type TransactionalStoreOptions,
} from './transactional-store.js';

export const DEFAULT_STORE_DIR = '.ocop-connect';
/** How long non-durable writes are coalesced before one append + fdatasync. */
export const DEFAULT_FLUSH_DELAY_MS = 50;
/** Journal size that triggers rewriting the snapshot (and emptying the journal). */
export const DEFAULT_COMPACT_THRESHOLD_BYTES = 4 * 1024 * 1024;
/** In shared mode, how long a transaction waits for another process's transaction to end. */
export const DEFAULT_LOCK_WAIT_MS = 10_000;
/** The options createFileStore knows: a misspelt one (`dri`) is refused before any folder is made. */
const FILE_STORE_OPTIONS: Readonly<Record<keyof FileStoreOptions, Expected>> = {
  ...TRANSACTIONAL_STORE_OPTIONS,
  dir: A_TEXT_OR_NOTHING,
  shared: A_BOOLEAN_OR_NOTHING,
  lockWaitMs: A_COUNT_OR_NOTHING,
  // Numbers whose rules store-options.ts gives in both languages.
  flushDelayMs: OWN_RULES,
  compactThresholdBytes: OWN_RULES,
};

/** Folders nested deeper than this below the nearest existing one are refused (runaway paths). */
const MAX_CREATED_FOLDER_DEPTH = 32;

export interface FileStoreOptions extends TransactionalStoreOptions {
  /** The store's folder, created if missing. @default '.ocop-connect' */
  dir?: string;
  /**
   * `false`: this process holds the folder's lock from open to close; any other process opening it
   * gets StoreLockedError. `true`: several processes on ONE machine (a webhook receiver and a
   * scheduled sync) use the folder together: the lock is taken per transaction and each transaction
   * first reads what the others committed. Every process on the folder must pass `true`.
   * @default false
   */
  shared?: boolean;
  /** Shared mode: how long a transaction waits for the folder lock. @default DEFAULT_LOCK_WAIT_MS (10 s) */
  lockWaitMs?: number;
  /** @default DEFAULT_FLUSH_DELAY_MS (50 ms) */
  flushDelayMs?: number;
  /** @default DEFAULT_COMPACT_THRESHOLD_BYTES (4 MiB) */
  compactThresholdBytes?: number;
}

/**
 * The embedded default StateStore: one folder holding `state.json` (a snapshot) and `journal.ndjson`
 * (transactions since), plus a `lock` file naming the owning process (pid, its start time, boot id,
 * host and a random token: a lock whose owner no longer runs is taken over even when its PID has
 * been reused). With `shared: true` the lock is held per transaction instead (see SharedFileJournal).
 */
export class FileStore extends TransactionalStore {
  private constructor(
    readonly dir: string,
    journal: CommitSink,
    data: StoreData,
    options: TransactionalStoreOptions,
    releaseLock: () => Promise<void>,
  ) {
    const close = async () => {
      try {
        await journal.close();
      } finally {
        await releaseLock();
      }
    };
    // The shared journal is its own sink (begin/commit/rollback around every transaction).
    super(
      'file',
      data,
      journal instanceof SharedFileJournal ? journal : { ...bind(journal), close },
      options,
    );
  }

  static async open(options: FileStoreOptions = {}): Promise<FileStore> {
    assertUsableStoreOptions(options);
    const dir = resolve(options.dir ?? DEFAULT_STORE_DIR);
    await ensureFolder(dir);
    const storeOptions: TransactionalStoreOptions = {};
    if (options.nowMs !== undefined) storeOptions.nowMs = options.nowMs;
    if (options.maxWebhookKeys !== undefined) storeOptions.maxWebhookKeys = options.maxWebhookKeys;
    try {
      return options.shared === true
        ? await FileStore.openShared(dir, options, storeOptions)
        : await FileStore.openExclusive(dir, options, storeOptions);
    } catch (error) {
      throw asStoreError(dir, error);
    }
  }

  private static async openExclusive(
    dir: string,
    options: FileStoreOptions,
    storeOptions: TransactionalStoreOptions,
  ): Promise<FileStore> {
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
      return new FileStore(dir, journal, loaded.data, storeOptions, () => lock.release());
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  private static async openShared(
    dir: string,
    options: FileStoreOptions,
    storeOptions: TransactionalStoreOptions,
  ): Promise<FileStore> {
    const data = createEmptyData();
    const journal = new SharedFileJournal({
      dir,
      data,
      flushDelayMs: options.flushDelayMs ?? DEFAULT_FLUSH_DELAY_MS,
      compactThresholdBytes: options.compactThresholdBytes ?? DEFAULT_COMPACT_THRESHOLD_BYTES,
      lockWaitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
    });
    await journal.open();
    return new FileStore(dir, journal, data, storeOptions, async () => {});
  }
}

function bind(journal: CommitSink): Omit<CommitSink, 'close'> {
  return { append: (ops) => journal.append(ops), flush: () => journal.flush() };
}

/** Raw file-system errors of opening, as typed store errors naming the path and the reason. */
function asStoreError(dir: string, error: unknown): unknown {
  if (isStoreError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const path = (error as NodeJS.ErrnoException | undefined)?.path ?? dir;
  const reason = FS_REASONS[code ?? ''];
  return reason === undefined ? error : new StoreUnusableError(dir, path, reason, error);
}

const FS_REASONS: Record<string, { en: string; vi: string }> = {
  EISDIR: { en: 'is a folder where a file belongs', vi: 'là một thư mục ở chỗ phải là tệp' },
  ENOTDIR: {
    en: 'is not a folder (a file is in the way)',
    vi: 'không phải là thư mục (có một tệp chắn đường)',
  },
  EEXIST: { en: 'exists and is not a folder', vi: 'đã tồn tại và không phải là thư mục' },
  EACCES: { en: 'is not accessible (permission denied)', vi: 'không có quyền truy cập' },
  EPERM: { en: 'may not be written here (operation not permitted)', vi: 'không được phép ghi ở đây' },
  EROFS: { en: 'is on a read-only file system', vi: 'nằm trên hệ thống tệp chỉ đọc' },
  ENOENT: { en: 'cannot be created here', vi: 'không tạo được ở đây' },
  ENOSPC: { en: 'cannot be written: the disk is full', vi: 'không ghi được: đĩa đã đầy' },
};

/**
 * mkdir -p, but bounded. Node's own `mkdir(…, { recursive: true })` loops forever on a path whose
 * parent exists yet refuses children with ENOENT (any /proc/x), so each level is created explicitly.
 */
async function ensureFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    try {
      const info = await stat(current);
      if (!info.isDirectory()) {
        throw new StoreUnusableError(dir, current, FS_REASONS.ENOTDIR as { en: string; vi: string });
      }
      break;
    } catch (error) {
      if (isStoreError(error)) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw asStoreError(dir, error);
      missing.push(current);
      const parent = dirname(current);
      if (parent === current || missing.length > MAX_CREATED_FOLDER_DEPTH) {
        throw new StoreUnusableError(dir, current, FS_REASONS.ENOENT as { en: string; vi: string });
      }
      current = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(folder)).isDirectory()) continue;
      throw asStoreError(dir, error);
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
 * @throws StoreUnusableError when the path is a file, cannot be created or written, or a store file
 *   has been replaced by a folder.
 * @throws StoreCorruptError when a committed file cannot be read.
 */
export async function createFileStore(options: FileStoreOptions = {}): Promise<FileStore> {
  // Every problem in one error: misspelt names, wrong types and bad numbers.
  checkOptions(options, FILE_STORE_OPTIONS, 'createFileStore', storeOptionProblems);
  return FileStore.open(options);
}
