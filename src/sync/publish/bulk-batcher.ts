import type { ItemResult } from '../../platforms/types.js';
import type { BulkItemOutcome } from './errors.js';

/** How long the first item of a batch waits for company before the batch is sent anyway. */
export const BULK_COALESCE_MS = 15;

interface Pending<T> {
  item: T & { sku: string };
  resolve: (result: BulkItemOutcome) => void;
}

/**
 * Coalesces single-SKU stock or price changes from many products into bulk calls of at most
 * `maxBatch` items, and hands each caller the result for its own SKU: one failing SKU never fails
 * its neighbours, and a failing call fails exactly the SKUs it carried.
 */
export class BulkBatcher<T> {
  readonly #send: (items: (T & { sku: string })[]) => Promise<ItemResult[]>;
  readonly #maxBatch: number;
  readonly #toError: (error: unknown) => (sku: string) => BulkItemOutcome;
  #pending: Pending<T>[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  calls = 0;

  constructor(
    send: (items: (T & { sku: string })[]) => Promise<ItemResult[]>,
    maxBatch: number,
    toError: (error: unknown) => (sku: string) => BulkItemOutcome,
  ) {
    this.#send = send;
    this.#maxBatch = Math.max(1, Math.floor(maxBatch));
    this.#toError = toError;
  }

  add(items: readonly (T & { sku: string })[]): Promise<BulkItemOutcome[]> {
    const results = items.map(
      (item) =>
        new Promise<BulkItemOutcome>((resolve) => {
          this.#pending.push({ item, resolve });
          if (this.#pending.length >= this.#maxBatch) this.#flushFull();
        }),
    );
    if (this.#pending.length > 0 && !this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.flush();
      }, BULK_COALESCE_MS);
    }
    return Promise.all(results);
  }

  #flushFull(): void {
    while (this.#pending.length >= this.#maxBatch) this.#sendBatch(this.#pending.splice(0, this.#maxBatch));
  }

  /** Send whatever is waiting now. */
  flush(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#pending.length > 0) this.#sendBatch(this.#pending.splice(0, this.#maxBatch));
  }

  /** Flush and wait for every call in flight. */
  async drain(): Promise<void> {
    this.flush();
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  #sendBatch(batch: Pending<T>[]): void {
    if (batch.length === 0) return;
    this.calls++;
    const run = (async () => {
      let results: ItemResult[];
      try {
        results = await this.#send(batch.map((p) => p.item));
      } catch (error) {
        const failed = this.#toError(error);
        for (const p of batch) p.resolve(failed(p.item.sku));
        return;
      }
      const bySku = new Map<string, ItemResult>();
      for (const r of results) if (!bySku.has(r.sku)) bySku.set(r.sku, r);
      for (const p of batch) {
        p.resolve(
          bySku.get(p.item.sku) ?? {
            sku: p.item.sku,
            ok: false,
            code: 'MISSING_RESULT',
            message: 'The platform returned no result for this SKU',
            retriable: true,
          },
        );
      }
    })();
    this.#inFlight.add(run);
    void run.finally(() => this.#inFlight.delete(run));
  }
}
