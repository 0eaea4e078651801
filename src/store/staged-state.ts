/**
 * The staging under every store transaction: reads see the committed state overlaid with this
 * transaction's own writes; writes are staged (copied) and only reach the store when it commits, so a
 * throwing callback changes nothing. The store operations themselves are in store-transaction.ts.
 */
import { InvalidRecordError } from './errors.js';
import {
  DURABLE_NAMESPACES,
  type Namespace,
  type StoreData,
  type StoreOp,
  type TransactionContext,
} from './store-data.js';

const DELETED = Symbol('deleted');

export class StagedState {
  protected readonly staged = new Map<Namespace, Map<string, unknown>>();
  protected open = true;
  /** Set when a write touches a namespace whose writes must be durable before returning. */
  requiresDurability = false;

  constructor(
    protected readonly data: StoreData,
    protected readonly context: TransactionContext,
  ) {}

  /** Ends the transaction and hands over its changes in the order they were made. */
  finish(): StoreOp[] {
    this.open = false;
    const ops: StoreOp[] = [];
    for (const [ns, writes] of this.staged) {
      for (const [key, value] of writes) ops.push([ns, key, value === DELETED ? null : value]);
    }
    return ops;
  }

  abandon(): void {
    this.open = false;
  }

  protected nowIso(): string {
    return new Date(this.context.nowMs()).toISOString();
  }

  protected assertOpen(): void {
    if (!this.open) {
      throw new InvalidRecordError({
        path: 'tx',
        messageVi: 'Giao dịch này đã kết thúc: hãy dùng kho, hoặc một giao dịch mới.',
        messageEn: 'This transaction has ended; use the store, or a new transaction.',
      });
    }
  }

  protected has(ns: Namespace, key: string): boolean {
    const staged = this.staged.get(ns)?.get(key);
    if (staged !== undefined) return staged !== DELETED;
    return this.data[ns].has(key);
  }

  protected read<T>(ns: Namespace, key: string): T | undefined {
    this.assertOpen();
    const staged = this.staged.get(ns)?.get(key);
    const value = staged !== undefined ? staged : this.data[ns].get(key);
    return value === undefined || value === DELETED ? undefined : (structuredClone(value) as T);
  }

  protected write<T>(ns: Namespace, key: string, record: T): T {
    this.assertOpen();
    this.stage(ns, key, structuredClone(record));
    return record;
  }

  protected remove(ns: Namespace, key: string): boolean {
    this.assertOpen();
    const existed = this.has(ns, key);
    if (existed) this.stage(ns, key, DELETED);
    return existed;
  }

  protected stage(ns: Namespace, key: string, value: unknown): void {
    let writes = this.staged.get(ns);
    if (writes === undefined) {
      writes = new Map();
      this.staged.set(ns, writes);
    }
    // Re-insert so the op order of the commit follows the order of the writes.
    writes.delete(key);
    writes.set(key, value);
    if (DURABLE_NAMESPACES.has(ns)) this.requiresDurability = true;
  }

  protected list<T>(ns: Namespace, keep: (record: T) => boolean): T[] {
    this.assertOpen();
    const writes = this.staged.get(ns);
    const result: T[] = [];
    for (const [key, value] of this.data[ns]) {
      const current = writes?.has(key) ? writes.get(key) : value;
      if (current !== DELETED && keep(current as T)) result.push(structuredClone(current) as T);
    }
    if (writes !== undefined) {
      for (const [key, value] of writes) {
        if (!this.data[ns].has(key) && value !== DELETED && keep(value as T)) {
          result.push(structuredClone(value) as T);
        }
      }
    }
    return result;
  }
}
