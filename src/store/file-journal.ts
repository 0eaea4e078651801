import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { InternalError } from '../core/errors.js';
import { fsyncDirectory, readTextIfPresent, writeFileAtomic } from './atomic-file.js';
import { StoreCorruptError } from './errors.js';
import { createEmptyData, NAMESPACES, type Namespace, type StoreData, type StoreOp } from './store-data.js';
import type { CommitSink } from './transactional-store.js';

export const SNAPSHOT_FILE_NAME = 'state.json';
export const JOURNAL_FILE_NAME = 'journal.ndjson';
const SNAPSHOT_FORMAT = 'ocop-connect-state';
const SNAPSHOT_VERSION = 1;

interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  /** Sequence number of the last transaction included. */
  seq: number;
  namespaces: Record<Namespace, [string, unknown][]>;
}

interface JournalLine {
  seq: number;
  ops: StoreOp[];
}

export interface LoadedState {
  data: StoreData;
  seq: number;
  /** True when the journal held anything (replayed, stale or torn): compact right away. */
  journalDirty: boolean;
  /** True when the journal ends in an incomplete line (a writer was killed mid-append). */
  tornTail: boolean;
}

const namespaceSet: ReadonlySet<string> = new Set(NAMESPACES);

function isStoreOp(value: unknown): value is StoreOp {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    namespaceSet.has(value[0]) &&
    typeof value[1] === 'string'
  );
}

function parseJournalLine(text: string): JournalLine | undefined {
  try {
    const value = JSON.parse(text) as Partial<JournalLine>;
    if (Number.isSafeInteger(value.seq) && Array.isArray(value.ops) && value.ops.every(isStoreOp)) {
      return value as JournalLine;
    }
  } catch {
    // a torn (partially written) line
  }
  return undefined;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readTextIfPresent(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new StoreCorruptError(
        path,
        {
          vi: 'đây là một thư mục, không phải tệp (nó đã bị thay thế)',
          en: 'it is a folder, not a file (it has been replaced)',
        },
        error,
      );
    }
    throw error;
  }
}

function loadSnapshot(path: string, text: string | undefined): { data: StoreData; seq: number } {
  const data = createEmptyData();
  if (text === undefined) return { data, seq: 0 };
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(text) as Snapshot;
  } catch (error) {
    // state.json is only ever replaced by rename, so unparsable means damaged, not torn.
    throw new StoreCorruptError(path, { vi: 'không phải JSON hợp lệ', en: 'not valid JSON' }, error);
  }
  if (snapshot.format !== SNAPSHOT_FORMAT || !Number.isSafeInteger(snapshot.seq)) {
    throw new StoreCorruptError(path, {
      vi: 'không phải tệp trạng thái của ocop-connect',
      en: 'not an ocop-connect state file',
    });
  }
  if (snapshot.version > SNAPSHOT_VERSION) {
    throw new StoreCorruptError(path, {
      vi: `được ghi bởi bản ocop-connect mới hơn (định dạng phiên bản ${snapshot.version}); hãy nâng cấp để đọc được`,
      en: `written by a newer ocop-connect (format version ${snapshot.version}); upgrade to read it`,
    });
  }
  for (const ns of NAMESPACES) {
    for (const [key, value] of snapshot.namespaces?.[ns] ?? []) data[ns].set(key, value);
  }
  return { data, seq: snapshot.seq };
}

/** The whole state as the text of `state.json`, covering transactions up to `seq`. */
/** A journal's open file, or an InternalError naming the journal class used before open() or after close(). */
export function openJournalHandle(handle: FileHandle | undefined, journal: string): FileHandle {
  if (handle === undefined)
    throw new InternalError({
      vi: `${journal} được dùng trước open() hoặc sau close()`,
      en: `${journal} used before open() or after close()`,
    });
  return handle;
}

export function serialiseSnapshot(data: StoreData, seq: number): string {
  const namespaces = Object.fromEntries(
    NAMESPACES.map((ns) => [ns, [...data[ns].entries()]]),
  ) as Snapshot['namespaces'];
  const snapshot: Snapshot = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, seq, namespaces };
  return JSON.stringify(snapshot);
}

/** One journal line as written (and read back by parseJournalEntry). */
export function journalLine(seq: number, ops: StoreOp[]): string {
  return `${JSON.stringify({ seq, ops })}\n`;
}

/** A complete journal line, or undefined when it is torn or foreign. */
export function parseJournalEntry(text: string): { seq: number; ops: StoreOp[] } | undefined {
  return parseJournalLine(text);
}

/** Snapshot, then journal lines newer than it. Only the last line can be torn (appends are sequential). */
export async function loadState(dir: string): Promise<LoadedState> {
  const snapshotPath = join(dir, SNAPSHOT_FILE_NAME);
  const journalPath = join(dir, JOURNAL_FILE_NAME);
  const { data, seq: snapshotSeq } = loadSnapshot(snapshotPath, await readOptional(snapshotPath));
  const journal = (await readOptional(journalPath)) ?? '';
  const lines = journal.split('\n');
  let seq = snapshotSeq;
  let tornTail = journal.length > 0 && !journal.endsWith('\n');
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] ?? '';
    if (text.trim() === '') continue;
    const line = parseJournalLine(text);
    if (line === undefined) {
      const rest = lines.slice(index + 1).some((later) => later.trim() !== '');
      if (rest) {
        throw new StoreCorruptError(journalPath, {
          vi: `không đọc được mục ở dòng ${index + 1}`,
          en: `unreadable entry at line ${index + 1}`,
        });
      }
      tornTail = true;
      break; // torn tail of a write interrupted by a crash: that transaction never completed
    }
    if (line.seq <= seq) continue; // already in the snapshot (crash between snapshot and truncate)
    if (line.seq !== seq + 1) {
      throw new StoreCorruptError(journalPath, {
        vi: `mục ${line.seq} nằm ngay sau mục ${seq}: thiếu các mục ở giữa`,
        en: `entry ${line.seq} follows ${seq}: entries are missing`,
      });
    }
    for (const [ns, key, value] of line.ops) {
      data[ns].delete(key);
      if (value !== null) data[ns].set(key, value);
    }
    seq = line.seq;
  }
  return { data, seq, journalDirty: journal.length > 0, tornTail };
}

export interface FileJournalOptions {
  dir: string;
  data: StoreData;
  seq: number;
  flushDelayMs: number;
  compactThresholdBytes: number;
}

/**
 * Durability for the file store: every commit becomes one journal line (appended, group-committed
 * with one fdatasync); once the journal grows past a threshold the whole state is written as a new
 * snapshot and the journal emptied. Writes therefore cost the size of the change, not of the state.
 */
export class FileJournal implements CommitSink {
  private readonly snapshotPath: string;
  private readonly journalPath: string;
  private handle: FileHandle | undefined;
  private seq: number;
  private pending: string[] = [];
  /** Bytes of the journal known to be complete on disk: a failed append is cut back to this. */
  private journalBytes = 0;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: FileJournalOptions) {
    this.snapshotPath = join(options.dir, SNAPSHOT_FILE_NAME);
    this.journalPath = join(options.dir, JOURNAL_FILE_NAME);
    this.seq = options.seq;
  }

  /** Opens the journal for appending; with `compact`, first folds the old journal into a snapshot. */
  async open(compact: boolean): Promise<void> {
    this.handle = await open(this.journalPath, 'a', 0o644);
    this.journalBytes = (await this.handle.stat()).size;
    if (compact) await this.compact();
    await fsyncDirectory(this.options.dir);
  }

  append(ops: StoreOp[]): void {
    this.seq += 1;
    this.pending.push(journalLine(this.seq, ops));
    if (this.timer === undefined && !this.closed) {
      // Not unref'd on purpose: a script that ends without close() still gets its writes saved.
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush().catch(() => {
          // Kept pending: the next flush() or durable write retries and reports the error.
        });
      }, this.options.flushDelayMs);
    }
  }

  /**
   * Group commit: callers arriving while a write is in progress share the next one. A flush that
   * has not started yet already covers every line appended before it starts.
   */
  flush(): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    const run = this.chain.then(() => {
      this.queued = undefined;
      return this.writePending();
    });
    this.queued = run;
    this.chain = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
    this.closed = true;
    await this.chain;
    if (this.journalBytes > 0) await this.compact();
    await this.handle?.close();
    this.handle = undefined;
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const handle = this.requireHandle();
    const chunk = this.pending.join('');
    const count = this.pending.length;
    try {
      await handle.write(chunk);
      await handle.datasync();
    } catch (error) {
      // Cut a partial append back, or the next line would follow garbage and hide everything after.
      await handle.truncate(this.journalBytes).catch(() => {});
      throw error;
    }
    this.pending.splice(0, count);
    this.journalBytes += Buffer.byteLength(chunk);
    if (this.journalBytes >= this.options.compactThresholdBytes) {
      // The lines are durable already; a failed compaction (disk full…) only delays the next one and
      // must not fail the write that triggered it.
      await this.compact().catch(() => {});
    }
  }

  /**
   * The in-memory state always equals "snapshot + every appended line" (append and apply happen in
   * the same synchronous step), so serialising it now gives the snapshot for this.seq; lines still
   * pending are included in it and need no journal entry.
   */
  private async compact(): Promise<void> {
    const handle = this.requireHandle();
    const text = serialiseSnapshot(this.options.data, this.seq);
    const covered = this.pending;
    this.pending = [];
    try {
      await writeFileAtomic(this.snapshotPath, text);
    } catch (error) {
      this.pending = covered.concat(this.pending);
      throw error;
    }
    // A crash before this truncate leaves lines ≤ snapshot seq in the journal: skipped on load.
    await handle.truncate(0);
    await handle.sync();
    this.journalBytes = 0;
  }

  private requireHandle(): FileHandle {
    return openJournalHandle(this.handle, 'FileJournal');
  }
}
