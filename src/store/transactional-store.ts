import { AsyncLocalStorage } from 'node:async_hooks';
import {
  A_BOOLEAN_OR_NOTHING,
  A_FUNCTION,
  A_FUNCTION_OR_NOTHING,
  checkArgument,
  checkOptions,
  type Expected,
  OWN_RULES,
} from '../core/argument-guards.js';
import { NestedTransactionError, StoreClosedError } from './errors.js';
import type { StateStore, StoreOperations, TransactionOptions } from './state-store.js';
import { checkArgumentsOf, checkOperationArguments } from './store-arguments.js';
import {
  DEFAULT_MAX_WEBHOOK_KEYS,
  type StoreData,
  type StoreOp,
  type TransactionContext,
} from './store-data.js';
import { StagedTransaction } from './store-transaction.js';

/** Where committed changes go: nowhere (memory) or a journal on disk (file). */
export interface CommitSink {
  /** Called in commit order, synchronously, while the store is still exclusive. */
  append(ops: StoreOp[]): void;
  /** Resolves once everything appended so far is durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A store whose state is shared with other processes (PostgreSQL): each transaction first takes the
 * shared lock and brings the in-memory state up to date, then commits its changes remotely before they
 * are applied locally. `append` is not used for such a store.
 */
export interface SharedCommitSink extends CommitSink {
  /** Takes the cross-process lock and applies what other processes committed since the last call. */
  begin(data: StoreData): Promise<void>;
  /**
   * Commits these changes (possibly none) and releases the lock; rejects when they were not committed.
   * `durable`: the caller asked for (or the records need) fsync before returning; a sink that is always
   * durable may ignore it.
   */
  commit(ops: StoreOp[], durable: boolean): Promise<void>;
  /** Releases the lock without committing. */
  rollback(): Promise<void>;
}

/** transaction(fn, options): every name checked (`timeoutms` is refused with a suggestion). */
const TRANSACTION_OPTIONS: Readonly<Record<keyof TransactionOptions, Expected>> = {
  durable: A_BOOLEAN_OR_NOTHING,
};

function isShared(sink: CommitSink): sink is SharedCommitSink {
  return 'begin' in sink && typeof sink.begin === 'function';
}

/**
 * A shared sink that can also bring the in-memory state up to date WITHOUT the cross-process lock
 * (PostgreSQL: one consistent snapshot query). Plain reads use it: a read needs what others committed,
 * not to exclude them, and the lock costs round trips that every transaction of the scope waits for.
 */
interface RefreshableSink extends SharedCommitSink {
  refresh(data: StoreData): Promise<void>;
}

function isRefreshable(sink: CommitSink): sink is RefreshableSink {
  return isShared(sink) && 'refresh' in sink && typeof sink.refresh === 'function';
}

export interface TransactionalStoreOptions {
  /** Clock for updatedAt stamps and webhook TTLs. @default Date.now */
  nowMs?: () => number;
  /** Upper bound of remembered webhook delivery keys. @default DEFAULT_MAX_WEBHOOK_KEYS (100 000) */
  maxWebhookKeys?: number;
}

/** The options every store built on TransactionalStore knows (a driver's table adds its own). */
export const TRANSACTIONAL_STORE_OPTIONS: Readonly<Record<keyof TransactionalStoreOptions, Expected>> = {
  nowMs: A_FUNCTION_OR_NOTHING,
  // A whole number ≥ 1: store-options.ts says so in both languages.
  maxWebhookKeys: OWN_RULES,
};

export function applyOps(data: StoreData, ops: StoreOp[]): void {
  for (const [ns, key, value] of ops) {
    if (value === null) {
      data[ns].delete(key);
    } else {
      // Delete first so that a rewrite moves the key to the end: insertion order stays "oldest first".
      data[ns].delete(key);
      data[ns].set(key, value);
    }
  }
}

type OperationMode = 'read' | 'write';

/**
 * How each store operation outside a transaction runs: a plain read catches up without the shared
 * lock (`readLatest`), anything else is a transaction of its own. Every operation is listed (the type
 * says so), and the class below gets one delegating method per entry.
 */
const OPERATION_MODES: Readonly<Record<keyof StoreOperations, OperationMode>> = {
  getListing: 'read',
  putListing: 'write',
  deleteListing: 'write',
  listListings: 'read',
  getImageUpload: 'read',
  putImageUpload: 'write',
  deleteImageUpload: 'write',
  listImageUploads: 'read',
  getIntent: 'read',
  putIntent: 'write',
  clearIntent: 'write',
  listIntents: 'read',
  getCheckpoint: 'read',
  putCheckpoint: 'write',
  deleteCheckpoint: 'write',
  listCheckpoints: 'read',
  getStock: 'read',
  putStock: 'write',
  deleteStock: 'write',
  listStock: 'read',
  updateStock: 'write',
  getShipment: 'read',
  putShipment: 'write',
  deleteShipment: 'write',
  listShipments: 'read',
  updateShipment: 'write',
  getMarketplaceShipment: 'read',
  putMarketplaceShipment: 'write',
  deleteMarketplaceShipment: 'write',
  getOrderState: 'read',
  putOrderState: 'write',
  deleteOrderState: 'write',
  listOrderStates: 'read',
  getLedgerState: 'read',
  putLedgerState: 'write',
  deleteLedgerState: 'write',
  listLedgerStates: 'read',
  getLinkProposal: 'read',
  putLinkProposal: 'write',
  deleteLinkProposal: 'write',
  listLinkProposals: 'read',
  claimWebhook: 'write',
  hasWebhook: 'write',
  releaseWebhook: 'write',
};

/** The StoreOperations methods, installed on the prototype (static block below), one per OPERATION_MODES entry. */
export interface TransactionalStore extends StoreOperations {}

/**
 * The store logic shared by every embedded backend: all state in memory, one transaction at a time
 * (a promise-chain mutex), changes handed to a CommitSink in commit order.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: every StoreOperations method is installed by the static block, checked complete by OPERATION_MODES' type.
export class TransactionalStore implements StateStore {
  private tail: Promise<void> = Promise.resolve();
  /**
   * Transactions (and locked reads) queued or running. While it is 0, a plain read of a local store
   * would get its turn at once and read the committed state, so it reads that state directly.
   */
  private pending = 0;
  private closed = false;
  private readonly insideTransaction = new AsyncLocalStorage<TransactionalStore>();
  private readonly context: TransactionContext;

  constructor(
    readonly kind: string,
    private readonly data: StoreData,
    private readonly sink: CommitSink,
    options: TransactionalStoreOptions = {},
  ) {
    this.context = {
      nowMs: options.nowMs ?? Date.now,
      maxWebhookKeys: options.maxWebhookKeys ?? DEFAULT_MAX_WEBHOOK_KEYS,
    };
  }

  async transaction<T>(
    fn: (tx: StoreOperations) => Promise<T> | T,
    options: TransactionOptions = {},
  ): Promise<T> {
    checkArgument(fn, 'fn', A_FUNCTION);
    checkOptions(options, TRANSACTION_OPTIONS, 'transaction');
    if (this.insideTransaction.getStore() === this) throw new NestedTransactionError();
    if (this.closed) throw new StoreClosedError(this.kind);
    const release = await this.takeTurn();
    let result: T;
    let durable: boolean;
    try {
      if (this.closed) throw new StoreClosedError(this.kind);
      const shared = isShared(this.sink) ? this.sink : undefined;
      if (shared) await shared.begin(this.data);
      const tx = new StagedTransaction(this.data, this.context);
      try {
        result = await this.insideTransaction.run(this, () => fn(tx));
      } catch (error) {
        tx.abandon();
        if (shared) await shared.rollback();
        throw error;
      }
      const ops = tx.finish();
      if (shared) {
        // Committed remotely (durably) before anything changes here.
        await shared.commit(ops, ops.length > 0 && (options.durable === true || tx.requiresDurability));
        applyOps(this.data, ops);
        durable = false;
      } else {
        if (ops.length > 0) {
          this.sink.append(ops);
          applyOps(this.data, ops);
        }
        durable = ops.length > 0 && (options.durable === true || tx.requiresDurability);
      }
    } finally {
      release();
    }
    // Outside the mutex: other transactions proceed while this one waits for the disk, and
    // concurrent durable commits share one fsync.
    if (durable) await this.sink.flush();
    return result;
  }

  /**
   * A plain read (get…/list…): on a refreshable shared sink, catch up without the shared lock, then
   * read; everywhere else, and if the read would write after all, an ordinary transaction.
   */
  private async readLatest<T>(fn: (tx: StoreOperations) => Promise<T>): Promise<T> {
    const sink = this.sink;
    if (this.pending === 0 && !isShared(sink)) return this.readIdle(fn);
    if (!isRefreshable(sink) || this.insideTransaction.getStore() === this) return this.transaction(fn);
    if (this.closed) throw new StoreClosedError(this.kind);
    const release = await this.takeTurn();
    let result: T;
    let wrote = false;
    try {
      if (this.closed) throw new StoreClosedError(this.kind);
      await sink.refresh(this.data);
      const tx = new StagedTransaction(this.data, this.context);
      result = await this.insideTransaction.run(this, () => fn(tx));
      wrote = tx.finish().length > 0;
    } finally {
      release();
    }
    return wrote ? this.transaction(fn) : result;
  }

  /**
   * A plain read of a local store (memory, file) while no transaction is queued or running: its turn
   * would come at once, so it reads the committed state without taking the mutex. Inside a transaction
   * `pending` is never 0, so the nested-use check still applies. Skipping the mutex (a promise chain
   * link, a staged transaction and an AsyncLocalStorage scope per read) matters for a dry run, which
   * reads the listing of every product on every platform: the scope alone made Node track every
   * promise of the process from then on (#14).
   */
  private async readIdle<T>(fn: (tx: StoreOperations) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreClosedError(this.kind);
    const tx = new StagedTransaction(this.data, this.context);
    // Every plain read is one call on `tx` whose body reads synchronously: the state it sees is the
    // committed state of this moment, as it would be at the head of the queue.
    const read = fn(tx);
    const wrote = tx.finish().length > 0;
    const result = await read;
    return wrote ? this.transaction(fn) : result;
  }

  /**
   * Waits for every transaction (and locked read) queued before this call; the returned function
   * ends this turn. `pending` counts the turns queued or running.
   */
  private async takeTurn(): Promise<() => void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.pending++;
    await previous;
    return () => {
      this.pending--;
      release();
    };
  }

  async flush(): Promise<void> {
    await this.sink.flush();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Wait for running transactions, then refuse new ones (without taking a shared store's lock).
    const release = await this.takeTurn();
    this.closed = true;
    release();
    await this.sink.close();
  }

  static {
    // A transaction's `tx` checks its arguments; so does each method here, before anything is read,
    // locked, sent or written (a PostgreSQL store would otherwise take its lock first).
    checkArgumentsOf(StagedTransaction.prototype);
    for (const [name, mode] of Object.entries(OPERATION_MODES) as [keyof StoreOperations, OperationMode][]) {
      Object.defineProperty(TransactionalStore.prototype, name, {
        value(this: TransactionalStore, ...args: unknown[]): Promise<unknown> {
          try {
            checkOperationArguments(name, args);
          } catch (error) {
            return Promise.reject(error);
          }
          const operation = (tx: StoreOperations) =>
            (tx[name] as (...a: unknown[]) => Promise<unknown>)(...args);
          return mode === 'read' ? this.readLatest(operation) : this.transaction(operation);
        },
        writable: true,
        configurable: true,
      });
    }
  }
}
