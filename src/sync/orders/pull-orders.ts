import {
  A_BOOLEAN_OR_NOTHING,
  A_COUNT_OR_NOTHING,
  A_FUNCTION_OR_NOTHING,
  A_LIST,
  A_STORE,
  AN_ABORT_SIGNAL_OR_NOTHING,
  AN_OBJECT,
  checkOption,
  type Expected,
} from '../../core/argument-guards.js';
import { ConfigurationError } from '../../core/errors.js';
import { pathProblem } from '../../model/option-problem.js';
import type { OrderStatus } from '../../model/status.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import { isStoreError } from '../../store/errors.js';
import type { StateStore } from '../../store/state-store.js';
import { type OrderReadProgress, readProgress, writeProgress } from '../inventory/ledger-records.js';
import {
  freshOverlap,
  learnFreshOverlap,
  planOrderWindows,
  settledEdge,
} from '../inventory/order-windows.js';
import type { InventoryOrderChange } from '../inventory/types.js';
import { marketplaceListProblems } from '../marketplace-list.js';
import { asOcopError } from '../publish/errors.js';
import { type AccountOrder, applyOrderSnapshot } from './apply-order.js';
import type { CancelledOrderParcel } from './cancelled-parcel.js';
import type { PullPlatformResult } from './pull-platform-result.js';

export type { CancelledOrderParcel } from './cancelled-parcel.js';
export type { PullPlatformResult } from './pull-platform-result.js';

/** @see PullOrdersOptions.overlapMs */
export const DEFAULT_ORDER_OVERLAP_MS = 10 * 60 * 1000;
/** @see PullOrdersOptions.initialLookbackMs */
export const DEFAULT_INITIAL_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;

export interface PullOrdersOptions {
  /** Every marketplace (platform + account) to read. */
  marketplaces: readonly MarketplaceAdapter[];
  store: StateStore;
  /**
   * How late an order may become visible after its update time (clock skew, slow platform indexing),
   * in ms. Each order is read at the fresh edge (the last run's end minus a small overlap learned from
   * orders seen late) and once more after this much time, so one that appears late by up to
   * `overlapMs` is never missed, and a run without new orders does not re-read the whole overlap
   * (docs/inventory.md, "Overlap rule").
   * @default DEFAULT_ORDER_OVERLAP_MS (10 minutes)
   */
  overlapMs?: number;
  /** How far back the first run of a marketplace reads orders, in ms. @default DEFAULT_INITIAL_LOOKBACK_MS (30 days) */
  initialLookbackMs?: number;
  /** Count a returned parcel's units back into stock, once. @default true */
  restockReturns?: boolean;
  /** Clock in epoch ms (window ends). @default Date.now */
  now?: () => number;
  /** Passed to every marketplace call; an aborted run keeps every checkpoint it had reached. @default none */
  signal?: AbortSignal;
  onProgress?: (event: { platform: string; account: string; read: number; applied: number }) => void;
}

/** pullOrders' options, one entry each (the marketplace list has its own rules too). */
export const PULL_ORDERS_OPTIONS: Readonly<Record<keyof PullOrdersOptions, Expected>> = {
  marketplaces: A_LIST,
  store: A_STORE,
  overlapMs: A_COUNT_OR_NOTHING,
  initialLookbackMs: A_COUNT_OR_NOTHING,
  restockReturns: A_BOOLEAN_OR_NOTHING,
  now: A_FUNCTION_OR_NOTHING,
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
  onProgress: A_FUNCTION_OR_NOTHING,
};

/** One order that is new or changed since the last run (each order once per run, its latest snapshot). */
export interface PulledOrder {
  order: AccountOrder;
  change: 'new' | 'changed';
  /** The status before this run (undefined: new). */
  previousStatus?: OrderStatus;
}

export interface PullOrdersResult {
  /** Every marketplace was read completely. */
  ok: boolean;
  platforms: PullPlatformResult[];
  orders: PulledOrder[];
  /** Orders whose effect on the stock ledger changed. */
  stockChanges: InventoryOrderChange[];
  /** Order-line SKUs the ledger does not track. */
  untrackedSkus: string[];
  /**
   * Orders cancelled on the marketplace whose parcel was still moving (set by the connector, which knows
   * the carriers; `live` ones need a person). Empty when there are none.
   */
  cancelledOrderParcels?: CancelledOrderParcel[];
}

export function validatePullOptions(
  options: Pick<PullOrdersOptions, 'marketplaces' | 'overlapMs' | 'initialLookbackMs'>,
  what: string,
): string[] {
  const problems = marketplaceListProblems(options.marketplaces);
  for (const name of ['overlapMs', 'initialLookbackMs'] as const) {
    const value = options[name];
    if (value !== undefined && (!Number.isInteger(value) || value < 0))
      problems.push(pathProblem(name, 'phải là một số nguyên ≥ 0', 'must be an integer ≥ 0'));
  }
  if (problems.length > 0 && what)
    throw new ConfigurationError(
      { vi: `Tùy chọn ${what} không hợp lệ`, en: `Invalid ${what} options` },
      problems,
    );
  return problems;
}

/**
 * Reads new and changed orders from every marketplace account (overlapping windows, per-page checkpoints
 * in the store, each snapshot applied once to the order records and the stock ledger). Never throws for
 * a platform failure: see `platforms[].error`.
 */
export async function pullOrders(options: PullOrdersOptions): Promise<PullOrdersResult> {
  checkOption(options, 'options', AN_OBJECT);
  validatePullOptions(options, 'pullOrders');
  const byKey = new Map<string, PulledOrder>();
  const stockChanges: InventoryOrderChange[] = [];
  const untracked = new Set<string>();
  const platforms = await Promise.all(
    options.marketplaces.map((m) => pullOne(m, options, byKey, stockChanges, untracked)),
  );
  return {
    ok: platforms.every((p) => p.ordersComplete),
    platforms,
    orders: [...byKey.values()],
    stockChanges,
    untrackedSkus: [...untracked].sort(),
  };
}

async function pullOne(
  marketplace: MarketplaceAdapter,
  options: PullOrdersOptions,
  byKey: Map<string, PulledOrder>,
  stockChanges: InventoryOrderChange[],
  untracked: Set<string>,
): Promise<PullPlatformResult> {
  const { store } = options;
  const { platform, account } = marketplace;
  const summary: PullPlatformResult = {
    platform,
    account,
    ordersRead: 0,
    ordersApplied: 0,
    checkpointAdvanced: false,
    ordersComplete: false,
  };
  try {
    const now = (options.now ?? Date.now)();
    const progress = await readProgress(store, platform, account);
    const overlap = options.overlapMs ?? DEFAULT_ORDER_OVERLAP_MS;
    const windows = planOrderWindows(
      progress,
      now,
      overlap,
      options.initialLookbackMs ?? DEFAULT_INITIAL_LOOKBACK_MS,
    );
    const settled = settledEdge(progress, overlap);
    // What the store holds between windows: the edges reached and the fresh overlap learned.
    const base: OrderReadProgress = {
      ...(progress.doneTo !== undefined ? { doneTo: progress.doneTo } : {}),
      ...(settled !== undefined ? { settledTo: settled } : {}),
      ...(progress.freshMs !== undefined ? { freshMs: progress.freshMs } : {}),
    };
    // Orders first seen with an update time before the last run's end were visible late: learn how late.
    const lastEnd = progress.doneTo;
    const freshFrom = lastEnd !== undefined ? lastEnd - freshOverlap(progress, overlap) : undefined;
    for (const window of windows) {
      const stream = marketplace.listOrders(
        { from: new Date(window.from), to: new Date(window.to) },
        {
          ...(window.cursor !== undefined ? { cursor: window.cursor } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          // Runs only after every order of the page was applied (the loop below awaits each one).
          onCheckpoint: async (cursor) => {
            if (cursor === undefined) return;
            await writeProgress(store, platform, account, {
              ...base,
              from: window.from,
              cursor,
              ...(window.fresh ? {} : { sweep: true, to: window.to }),
              ...(window.settleTo !== undefined ? { settleTo: window.settleTo } : {}),
            });
            summary.checkpointAdvanced = true;
            options.onProgress?.({
              platform,
              account,
              read: summary.ordersRead,
              applied: summary.ordersApplied,
            });
          },
        },
      );
      for await (const raw of stream) {
        summary.ordersRead += 1;
        const order: AccountOrder = { ...raw, account };
        const applied = await applyOrderSnapshot(store, order, {
          untracked,
          ...(options.restockReturns !== undefined ? { restockReturns: options.restockReturns } : {}),
        });
        if (applied.change === 'new' || applied.change === 'changed') {
          if (lastEnd !== undefined && freshFrom !== undefined) {
            const learned = learnFreshOverlap(Date.parse(order.updatedAt), lastEnd, freshFrom);
            if (learned !== undefined) base.freshMs = Math.max(base.freshMs ?? 0, learned);
          }
          summary.ordersApplied += 1;
          const id = `${platform}/${account}:${order.externalId}`;
          const earlier = byKey.get(id);
          byKey.set(id, {
            order,
            change: earlier?.change ?? applied.change,
            ...((earlier ? earlier.previousStatus : applied.previousStatus) !== undefined
              ? { previousStatus: (earlier ? earlier.previousStatus : applied.previousStatus)! }
              : {}),
          });
        }
        if (applied.stock) {
          stockChanges.push({
            platform,
            account,
            externalId: order.externalId,
            status: order.status,
            ...(applied.stock.from ? { from: applied.stock.from } : {}),
            to: applied.stock.to,
            lines: applied.stock.lines,
          });
        }
      }
      if (window.fresh) base.doneTo = window.to;
      if (window.settleTo !== undefined)
        base.settledTo = Math.max(base.settledTo ?? window.settleTo, window.settleTo);
      await writeProgress(store, platform, account, base);
      summary.checkpointAdvanced = true;
    }
    summary.ordersComplete = true;
  } catch (error) {
    // A record the store cannot read is not a platform failure: stop loudly, nothing counted twice.
    if (isStoreError(error)) throw error;
    summary.error = asOcopError(error, platform, 'listOrders');
  }
  return summary;
}
