import { ConfigurationError, type OcopConnectError } from '../../core/errors.js';
import type { Order } from '../../model/order.js';
import { productOffers } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import { validateProduct } from '../../model/validation.js';
import type { MarketplaceAdapter, StockUpdate } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import { asOcopError, bulkCallFailure, bulkItemError } from '../publish/errors.js';
import {
  decodeOrderRecord,
  ORDER_RECORD_NAMESPACE,
  type OrderRecord,
  readOrderRecord,
  readProgress,
  readPushed,
  writeOrderRecord,
  writeProgress,
  writePushed,
} from './ledger-records.js';
import { effectDelta, ORDER_STOCK_EFFECT } from './order-effect.js';
import type {
  InventoryOrderChange,
  InventoryOversell,
  InventoryPlatformResult,
  InventoryPushItem,
  InventoryStockLine,
  InventorySyncResult,
  SyncInventoryOptions,
  UnfulfillableOrder,
} from './types.js';

/** @see SyncInventoryOptions.overlapMs */
export const DEFAULT_ORDER_OVERLAP_MS = 10 * 60 * 1000;
/** @see SyncInventoryOptions.initialLookbackMs */
export const DEFAULT_INITIAL_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;

// Runs on one store are queued: two overlapping runs would both see "not pushed yet" and both push.
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
  const problems: string[] = [];
  if (!options.marketplaces || options.marketplaces.length === 0)
    problems.push('marketplaces: at least one adapter');
  const count = (value: number | undefined, name: string) => {
    if (value !== undefined && (!Number.isInteger(value) || value < 0))
      problems.push(`${name}: an integer ≥ 0`);
  };
  count(options.safetyBuffer, 'safetyBuffer');
  for (const [platform, value] of Object.entries(options.safetyBufferByPlatform ?? {}))
    count(value, `safetyBufferByPlatform.${platform}`);
  count(options.overlapMs, 'overlapMs');
  count(options.initialLookbackMs, 'initialLookbackMs');
  if (problems.length > 0) throw new ConfigurationError('Invalid syncInventory options', problems);
}

async function runSync(options: SyncInventoryOptions): Promise<InventorySyncResult> {
  const started = Date.now();
  const { store, marketplaces, onProgress } = options;
  const catalogIssues: ValidationIssue[] = [];
  if (options.catalog) {
    onProgress?.({ type: 'phase', phase: 'catalog' });
    await initialiseFromCatalog(store, options.catalog, catalogIssues);
  }

  onProgress?.({ type: 'phase', phase: 'orders' });
  const orders: InventoryOrderChange[] = [];
  const untracked = new Set<string>();
  const platforms: InventoryPlatformResult[] = await Promise.all(
    marketplaces.map((m) => pullOrders(m, options, orders, untracked)),
  );

  onProgress?.({ type: 'phase', phase: 'push' });
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
  const stock: InventoryStockLine[] = ledger.map((e) => ({
    sku: e.sku,
    onHand: e.onHand,
    reserved: e.reserved,
    available: Math.max(0, e.onHand - e.reserved - buffer),
  }));
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
    untrackedSkus: [...untracked].sort(),
    catalogIssues,
    durationMs: Date.now() - started,
  };
}

async function initialiseFromCatalog(
  store: StateStore,
  catalog: Iterable<unknown>,
  issues: ValidationIssue[],
): Promise<void> {
  let row = 0;
  for (const input of catalog) {
    row += 1;
    const result = validateProduct(input, { row });
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    for (const offer of productOffers(result.value)) {
      // Only SKUs the ledger does not know: orders have already moved the ones it holds.
      await store.updateStock(
        offer.sku,
        (current) => current ?? { sku: offer.sku, onHand: offer.stock, reserved: 0 },
      );
    }
  }
}

function lineQuantities(order: Order): Record<string, number> {
  const lines: Record<string, number> = {};
  for (const line of order.lines) lines[line.sku] = (lines[line.sku] ?? 0) + line.quantity;
  return lines;
}

async function pullOrders(
  marketplace: MarketplaceAdapter,
  options: SyncInventoryOptions,
  changes: InventoryOrderChange[],
  untracked: Set<string>,
): Promise<InventoryPlatformResult> {
  const { store } = options;
  const { platform, account } = marketplace;
  const summary: InventoryPlatformResult = {
    platform,
    account,
    ordersRead: 0,
    ordersApplied: 0,
    checkpointAdvanced: false,
    ordersComplete: false,
    pushed: 0,
    pushFailed: 0,
  };
  try {
    const now = (options.now ?? Date.now)();
    const progress = await readProgress(store, platform, account);
    const overlap = options.overlapMs ?? DEFAULT_ORDER_OVERLAP_MS;
    const from =
      progress.cursor !== undefined && progress.from !== undefined
        ? progress.from
        : progress.doneTo !== undefined
          ? progress.doneTo - overlap
          : now - (options.initialLookbackMs ?? DEFAULT_INITIAL_LOOKBACK_MS);
    const to = Math.max(now, from + 1);
    const stream = marketplace.listOrders(
      { from: new Date(from), to: new Date(to) },
      {
        ...(progress.cursor !== undefined && progress.from !== undefined ? { cursor: progress.cursor } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        // Runs only after every order of the page was applied (the loop below awaits each one).
        onCheckpoint: async (cursor) => {
          if (cursor === undefined) return;
          await writeProgress(store, platform, account, {
            ...(progress.doneTo !== undefined ? { doneTo: progress.doneTo } : {}),
            from,
            cursor,
          });
          summary.checkpointAdvanced = true;
          options.onProgress?.({
            type: 'orders',
            platform,
            account,
            read: summary.ordersRead,
            applied: summary.ordersApplied,
          });
        },
      },
    );
    for await (const order of stream) {
      summary.ordersRead += 1;
      const change = await applyOrder(store, order, untracked);
      if (change) {
        summary.ordersApplied += 1;
        changes.push(change);
      }
    }
    await writeProgress(store, platform, account, { doneTo: to });
    summary.checkpointAdvanced = true;
    summary.ordersComplete = true;
  } catch (error) {
    summary.error = asOcopError(error, platform, 'listOrders');
  }
  return summary;
}

/** Applies one order snapshot in one transaction (order record and ledger change together, or neither). */
async function applyOrder(
  store: StateStore,
  order: Order,
  untracked: Set<string>,
): Promise<InventoryOrderChange | undefined> {
  return store.transaction(async (tx) => {
    const previous = await readOrderRecord(tx, order.platform, order.externalId);
    if (previous && previous.updatedAt > order.updatedAt) return undefined; // an older snapshot
    const effect = ORDER_STOCK_EFFECT[order.status];
    const lines: Record<string, number> = {};
    for (const [sku, quantity] of Object.entries(lineQuantities(order))) {
      // A SKU the ledger does not hold is not ours to count (or not initialised): leave it out.
      if ((await tx.getStock(sku)) === undefined && previous?.lines[sku] === undefined) {
        untracked.add(sku);
        continue;
      }
      lines[sku] = quantity;
    }
    const final = previous !== undefined && previous.effect !== 'reserved';
    const next: OrderRecord = {
      effect: final ? previous.effect : effect,
      lines: final ? previous.lines : lines,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
    };
    const deltas = effectDelta(previous, next);
    const unchanged =
      previous !== undefined &&
      previous.effect === next.effect &&
      JSON.stringify(previous.lines) === JSON.stringify(next.lines);
    for (const [sku, delta] of deltas) {
      // Clamped at 0: a ledger started after some orders shipped must not go negative.
      await tx.updateStock(sku, (current) => ({
        sku,
        onHand: Math.max(0, (current?.onHand ?? 0) + delta.onHand),
        reserved: Math.max(0, (current?.reserved ?? 0) + delta.reserved),
      }));
    }
    if (!unchanged || previous.updatedAt !== next.updatedAt)
      await writeOrderRecord(tx, order.platform, order.externalId, next);
    if (unchanged) return undefined;
    return {
      platform: order.platform,
      externalId: order.externalId,
      status: order.status,
      ...(previous ? { from: previous.effect } : {}),
      to: next.effect,
      lines: next.lines,
    };
  });
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
    const quantity = Math.max(0, entry.onHand - entry.reserved - buffer);
    const previous = remote?.has(entry.sku)
      ? remote.get(entry.sku)
      : await readPushed(store, platform, account, entry.sku);
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
      if (result.ok) await writePushed(store, platform, account, update.sku, update.quantity);
      else failed += 1;
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
  const holders = new Map<string, { platform: string; externalId: string; q: number; createdAt: string }[]>();
  for (const checkpoint of await store.listCheckpoints()) {
    if (checkpoint.platform !== ORDER_RECORD_NAMESPACE) continue;
    const record = decodeOrderRecord(checkpoint.cursor);
    if (!record || record.effect !== 'reserved') continue;
    const sep = checkpoint.account.indexOf(':');
    const platform = checkpoint.account.slice(0, sep);
    const externalId = checkpoint.account.slice(sep + 1);
    for (const [sku, q] of Object.entries(record.lines)) {
      const list = holders.get(sku) ?? [];
      list.push({ platform, externalId, q, createdAt: record.createdAt });
      holders.set(sku, list);
    }
  }
  return short.map((entry) => {
    const list = (holders.get(entry.sku) ?? []).sort(
      (a, b) =>
        a.createdAt.localeCompare(b.createdAt) ||
        `${a.platform}:${a.externalId}`.localeCompare(`${b.platform}:${b.externalId}`),
    );
    let left = entry.onHand;
    const orders: UnfulfillableOrder[] = [];
    for (const h of list) {
      const covered = Math.min(left, h.q);
      left -= covered;
      if (covered < h.q) {
        orders.push({
          platform: h.platform,
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
