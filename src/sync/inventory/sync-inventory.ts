import { z } from 'zod';
import {
  A_BOOLEAN_OR_NOTHING,
  A_COUNT_OR_NOTHING,
  AN_OBJECT,
  checkOption,
  type Expected,
  orNothing,
  ROWS,
} from '../../core/argument-guards.js';
import { ConfigurationError, type OcopConnectError } from '../../core/errors.js';
import { pathProblem } from '../../model/option-problem.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { MarketplaceAdapter, StockUpdate } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import { refreshBundleStock } from '../bundles/bundle-stock.js';
import { listOrderStates, readLedgerState, recordShown, scopeOf } from '../orders/order-state.js';
import {
  DEFAULT_INITIAL_LOOKBACK_MS,
  DEFAULT_ORDER_OVERLAP_MS,
  PULL_ORDERS_OPTIONS,
  pullOrders,
  validatePullOptions,
} from '../orders/pull-orders.js';
import { asOcopError, bulkCallFailure, bulkItemError } from '../publish/errors.js';
import { applyCatalogCounts } from './catalog-counts.js';
import type {
  InventoryOversell,
  InventoryPlatformResult,
  InventoryPushItem,
  InventoryStockLine,
  InventorySyncResult,
  SyncInventoryOptions,
  UnfulfillableOrder,
} from './types.js';

export { DEFAULT_INITIAL_LOOKBACK_MS, DEFAULT_ORDER_OVERLAP_MS };

// Runs on one store are queued: two overlapping runs would both see "not pushed yet" and both push.
/** syncInventory's options, one entry each: pullOrders' and the stock ones. */
export const SYNC_INVENTORY_OPTIONS: Readonly<Record<keyof SyncInventoryOptions, Expected>> = {
  ...PULL_ORDERS_OPTIONS,
  catalog: orNothing(ROWS),
  safetyBuffer: A_COUNT_OR_NOTHING,
  safetyBufferByPlatform: {
    schema: z.record(z.string(), z.number().int().min(0)).optional(),
    vi: '{ nền tảng: số nguyên ≥ 0 } (hoặc bỏ trống)',
    en: '{ platform: integer ≥ 0 } (or left out)',
  },
  reconcile: A_BOOLEAN_OR_NOTHING,
};

const running = new WeakMap<StateStore, Promise<unknown>>();

/**
 * Keeps stock in step across marketplaces with one ledger per SKU (on hand, reserved):
 * reads new and changed orders from every marketplace (overlapping windows, per-page checkpoints, one
 * record per order so each status is applied once), reserves / releases / consumes their units, then
 * pushes `max(0, onHand − reserved − safetyBuffer)` to every marketplace — only the SKUs whose value
 * differs from what that marketplace last acknowledged. Never throws for a platform or item failure: see
 * `platforms`, `pushes` and `oversold` in the result.
 */
export async function syncInventory(options: SyncInventoryOptions): Promise<InventorySyncResult> {
  checkOption(options, 'options', AN_OBJECT);
  validateOptions(options);
  const previous = running.get(options.store) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => runSync(options));
  running.set(options.store, run);
  try {
    return await run;
  } finally {
    if (running.get(options.store) === run) running.delete(options.store);
  }
}

function validateOptions(options: SyncInventoryOptions): void {
  const problems = validatePullOptions(options, '');
  const count = (value: number | undefined, name: string) => {
    if (value !== undefined && (!Number.isInteger(value) || value < 0))
      problems.push(pathProblem(name, 'phải là một số nguyên ≥ 0', 'must be an integer ≥ 0'));
  };
  count(options.safetyBuffer, 'safetyBuffer');
  for (const [platform, value] of Object.entries(options.safetyBufferByPlatform ?? {}))
    count(value, `safetyBufferByPlatform.${platform}`);
  if (problems.length > 0)
    throw new ConfigurationError(
      { vi: 'Tùy chọn syncInventory không hợp lệ', en: 'Invalid syncInventory options' },
      problems,
    );
}

async function runSync(options: SyncInventoryOptions): Promise<InventorySyncResult> {
  const started = Date.now();
  const { store, marketplaces, onProgress } = options;
  const catalogIssues: ValidationIssue[] = [];
  if (options.catalog) {
    onProgress?.({ type: 'phase', phase: 'catalog' });
    await applyCatalogCounts(store, options.catalog, catalogIssues);
  }

  onProgress?.({ type: 'phase', phase: 'orders' });
  const pulled = await pullOrders({
    marketplaces,
    store,
    ...(options.overlapMs !== undefined ? { overlapMs: options.overlapMs } : {}),
    ...(options.initialLookbackMs !== undefined ? { initialLookbackMs: options.initialLookbackMs } : {}),
    ...(options.restockReturns !== undefined ? { restockReturns: options.restockReturns } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (event) => onProgress?.({ type: 'orders', ...event }),
  });
  const orders = pulled.stockChanges;
  const platforms: InventoryPlatformResult[] = pulled.platforms.map((p) => ({
    ...p,
    pushed: 0,
    pushFailed: 0,
  }));

  onProgress?.({ type: 'phase', phase: 'push' });
  // Gift boxes: what the components' units now make (orders above moved them).
  await refreshBundleStock(store);
  const ledger = (await store.listStock()).sort((x, y) => (x.sku < y.sku ? -1 : x.sku > y.sku ? 1 : 0));
  const pushes: InventoryPushItem[] = [];
  await Promise.all(
    marketplaces.map(async (m, i) => {
      const summary = platforms[i]!;
      const items = await pushStock(m, ledger, options, summary);
      summary.pushed = items.filter((p) => p.ok).length;
      summary.pushFailed = items.length - summary.pushed;
      pushes.push(...items);
    }),
  );

  const buffer = options.safetyBuffer ?? 0;
  const stock: InventoryStockLine[] = [];
  for (const e of ledger) {
    // An inactive catalog product is off sale: nothing of it is available to the marketplaces.
    const inactive = (await readLedgerState(store, e.sku)).inactive === true;
    stock.push({
      sku: e.sku,
      onHand: e.onHand,
      reserved: e.reserved,
      available: inactive ? 0 : Math.max(0, e.onHand - e.reserved - buffer),
    });
  }
  const oversold = await findOversells(store, ledger);
  await store.flush();
  onProgress?.({ type: 'phase', phase: 'done' });
  return {
    ok: platforms.every((p) => p.ordersComplete && p.pushFailed === 0 && !p.reconcileError),
    platforms,
    orders,
    stock,
    pushes,
    oversold,
    untrackedSkus: pulled.untrackedSkus,
    catalogIssues,
    durationMs: Date.now() - started,
  };
}

/** SKUs sold on this marketplace account as far as the store knows (published through the engine). */
async function listedSkus(store: StateStore, marketplace: MarketplaceAdapter): Promise<Set<string>> {
  const skus = new Set<string>();
  for (const listing of await store.listListings(marketplace.platform, marketplace.account)) {
    const variants = Object.keys(listing.variantRemoteIds);
    if (variants.length === 0) skus.add(listing.sku);
    for (const sku of variants) skus.add(sku);
  }
  return skus;
}

async function pushStock(
  marketplace: MarketplaceAdapter,
  ledger: readonly { sku: string; onHand: number; reserved: number }[],
  options: SyncInventoryOptions,
  summary: InventoryPlatformResult,
): Promise<InventoryPushItem[]> {
  const { store } = options;
  const { platform, account } = marketplace;
  const buffer = options.safetyBufferByPlatform?.[platform] ?? options.safetyBuffer ?? 0;
  const listed = await listedSkus(store, marketplace);
  let remote: Map<string, number> | undefined;
  if (options.reconcile) {
    try {
      remote = new Map();
      for await (const listing of marketplace.listListings(options.signal ? { signal: options.signal } : {}))
        for (const variant of listing.variants) remote.set(variant.sku, variant.stock);
    } catch (error) {
      remote = undefined;
      summary.reconcileError = asOcopError(error, platform, 'listListings');
    }
  }
  const pending: { update: StockUpdate; previous: number | undefined }[] = [];
  for (const entry of ledger) {
    if (!listed.has(entry.sku)) continue;
    const ledger = await readLedgerState(store, entry.sku);
    // An inactive product stays off sale (publish set it to 0).
    const quantity = ledger.inactive ? 0 : Math.max(0, entry.onHand - entry.reserved - buffer);
    const previous = remote?.has(entry.sku)
      ? remote.get(entry.sku)
      : ledger.shown[scopeOf(platform, account)]?.quantity;
    if (previous === quantity) continue;
    pending.push({ update: { sku: entry.sku, quantity }, previous });
  }
  const items: InventoryPushItem[] = [];
  const batchSize = marketplace.capabilities.bulkStock
    ? Math.max(1, marketplace.capabilities.maxStockBatch)
    : 1;
  let failed = 0;
  for (let start = 0; start < pending.length; start += batchSize) {
    const batch = pending.slice(start, start + batchSize);
    let results: { sku: string; ok: boolean; error?: OcopConnectError }[];
    try {
      const answers = await marketplace.setStock(
        batch.map((b) => b.update),
        options.signal ? { signal: options.signal } : {},
      );
      const bySku = new Map(answers.map((a) => [a.sku, a]));
      results = batch.map(({ update }) => {
        const answer = bySku.get(update.sku);
        if (!answer) {
          return {
            sku: update.sku,
            ok: false,
            error: asOcopError(new Error('no result for this SKU'), platform, 'setStock'),
          };
        }
        return answer.ok
          ? { sku: update.sku, ok: true }
          : { sku: update.sku, ok: false, error: bulkItemError(platform, 'setStock', answer) };
      });
    } catch (error) {
      const failure = bulkCallFailure(error, platform, 'setStock');
      results = batch.map(({ update }) => {
        const outcome = failure(update.sku);
        return { sku: update.sku, ok: false, ...(outcome.error ? { error: outcome.error } : {}) };
      });
    }
    for (const [i, result] of results.entries()) {
      const { update, previous } = batch[i]!;
      // Recorded only when acknowledged: a failed SKU is pushed again by the next run.
      if (result.ok) {
        const setAt = new Date((options.now ?? Date.now)()).toISOString();
        await store.transaction((tx) =>
          recordShown(tx, update.sku, scopeOf(platform, account), update.quantity, setAt),
        );
      } else failed += 1;
      items.push({
        platform,
        account,
        sku: update.sku,
        quantity: update.quantity,
        ...(previous !== undefined ? { previous } : {}),
        ok: result.ok,
        ...(result.error ? { error: result.error } : {}),
      });
    }
    options.onProgress?.({
      type: 'push',
      platform,
      account,
      total: pending.length,
      done: items.length,
      failed,
    });
  }
  return items;
}

/** For every SKU with more reserved than on hand: the orders stock cannot cover, latest first to lose. */
async function findOversells(
  store: StateStore,
  ledger: readonly { sku: string; onHand: number; reserved: number }[],
): Promise<InventoryOversell[]> {
  const short = ledger.filter((e) => e.reserved > e.onHand);
  if (short.length === 0) return [];
  const holders = new Map<
    string,
    { platform: string; account: string; externalId: string; q: number; createdAt: string }[]
  >();
  for (const state of await listOrderStates(store)) {
    if (state.effect !== 'reserved') continue;
    for (const [sku, q] of Object.entries(state.lines)) {
      const list = holders.get(sku) ?? [];
      list.push({ ...state.key, q, createdAt: state.order.createdAt });
      holders.set(sku, list);
    }
  }
  return short.map((entry) => {
    const list = (holders.get(entry.sku) ?? []).sort(
      (a, b) =>
        a.createdAt.localeCompare(b.createdAt) ||
        `${a.platform}/${a.account}:${a.externalId}`.localeCompare(
          `${b.platform}/${b.account}:${b.externalId}`,
        ),
    );
    let left = entry.onHand;
    const orders: UnfulfillableOrder[] = [];
    for (const h of list) {
      const covered = Math.min(left, h.q);
      left -= covered;
      if (covered < h.q) {
        orders.push({
          platform: h.platform,
          account: h.account,
          externalId: h.externalId,
          quantity: h.q,
          covered,
          createdAt: h.createdAt,
        });
      }
    }
    return {
      sku: entry.sku,
      onHand: entry.onHand,
      reserved: entry.reserved,
      shortBy: entry.reserved - entry.onHand,
      orders,
    };
  });
}
