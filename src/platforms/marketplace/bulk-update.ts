import { ContractViolationError, OcopConnectError } from '../../core/errors.js';
import type { ItemResult, PriceUpdate, StockUpdate } from '../types.js';
import { rangeMessage } from './bulk-input.js';
import { getPath, setPath } from './object-path.js';
import type { MarketplaceProfile } from './profile-schema.js';

export interface BulkItem {
  sku: string;
  /** The platform item, already written with the profile's field names. */
  body: Record<string, unknown>;
  /** The value set (stock units or price in VND). */
  value: number;
  listPriceVnd?: number;
}

/** Splits into batches of at most `size`, in input order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/** Per-SKU results of one batch, read from the platform's answer with the profile's bulk fields. */
export function readBulkResults(
  profile: MarketplaceProfile,
  batch: readonly BulkItem[],
  data: unknown,
): ItemResult[] {
  const f = profile.fields.bulk;
  const rows = getPath(data, f.results);
  if (!Array.isArray(rows)) {
    throw new ContractViolationError(
      {
        vi: `${profile.platform}: câu trả lời cập nhật hàng loạt không có kết quả ở "${f.results}"`,
        en: `${profile.platform}: a bulk answer has no results at "${f.results}"`,
      },
      {
        platform: profile.platform,
      },
    );
  }
  const results: ItemResult[] = [];
  for (const row of rows) {
    const sku = getPath(row, f.sku);
    if (typeof sku !== 'string' || !batch.some((i) => i.sku === sku)) continue;
    if (getPath(row, f.success) === true) {
      results.push({ sku, ok: true });
    } else {
      const code = String(getPath(row, f.errorCode) ?? 'UNKNOWN');
      const message = getPath(row, f.message);
      results.push({
        sku,
        ok: false,
        code,
        message: typeof message === 'string' ? message : code,
        retriable: profile.retriableItemCodes.includes(code),
      });
    }
  }
  return results;
}

/** Error kinds that fail a bulk call as a whole instead of each SKU of the batch. */
const WHOLE_CALL: ReadonlySet<string> = new Set([
  'contract_violation',
  'closed',
  'authentication',
  'permission',
]);

/**
 * Runs a bulk update batch by batch and returns one result per SKU. A batch that fails as a whole
 * (network, 5xx after retries) marks each of its SKUs failed with the error's kind, and the next batch
 * still runs: one failure never hides the others. A refused account throws (AuthenticationError, or
 * PermissionError for Shopee's wrong partner key).
 */
export async function runBulk(
  profile: MarketplaceProfile,
  items: readonly BulkItem[],
  send: (batch: BulkItem[]) => Promise<readonly ItemResult[]>,
): Promise<Map<string, ItemResult>> {
  const results = new Map<string, ItemResult>();
  for (const batch of chunk(items, profile.maxBatch)) {
    let answered: readonly ItemResult[];
    try {
      answered = await send(batch);
    } catch (error) {
      // A bad answer, a closed adapter or a refused account (a wrong password: AuthenticationError; a
      // wrong Shopee partner key, error_sign: PermissionError) refuse the whole call: no item could be
      // sent, and a login failure is no SKU's problem (#18).
      if (!(error instanceof OcopConnectError) || WHOLE_CALL.has(error.kind)) throw error;
      for (const item of batch) {
        results.set(item.sku, {
          sku: item.sku,
          ok: false,
          code: error.platformCode ?? error.kind.toUpperCase(),
          message: error.message,
          retriable: error.retriable,
          error,
        });
      }
      continue;
    }
    for (const result of answered) {
      if (!results.has(result.sku) && batch.some((i) => i.sku === result.sku))
        results.set(result.sku, result);
    }
    for (const item of batch) {
      if (!results.has(item.sku)) {
        // Reporting success for an item the platform did not mention would be a lie.
        results.set(item.sku, {
          sku: item.sku,
          ok: false,
          code: 'NO_RESULT',
          message: `${profile.platform} không trả kết quả cho SKU này / ${profile.platform} returned no result for this SKU`,
          retriable: true,
        });
      }
    }
  }
  return results;
}

export interface BulkEntry {
  sku: string;
  /** Why the value was refused locally (never sent), or undefined when it may be sent. */
  invalid: string | undefined;
  /** Platform field path → value, besides the SKU. */
  fields: Record<string, number>;
  value: number;
  listPriceVnd?: number;
}

/**
 * Local checks, then batches of the platform maximum; one result per distinct SKU, in input order.
 * A SKU given twice keeps its last value (the platform would reject the duplicate inside a batch).
 */
export async function bulkUpdate(
  profile: MarketplaceProfile,
  entries: readonly BulkEntry[],
  send: (batch: readonly BulkItem[]) => Promise<readonly ItemResult[]>,
): Promise<ItemResult[]> {
  const f = profile.fields.bulk;
  const local = new Map<string, ItemResult>();
  const latest = new Map<string, BulkItem>();
  const order: string[] = [];
  for (const entry of entries) {
    if (!order.includes(entry.sku)) order.push(entry.sku);
    if (entry.invalid) {
      local.set(entry.sku, {
        sku: entry.sku,
        ok: false,
        code: 'INVALID_VALUE',
        message: entry.invalid,
        retriable: false,
      });
      latest.delete(entry.sku);
      continue;
    }
    local.delete(entry.sku);
    const body: Record<string, unknown> = {};
    setPath(body, f.sku, entry.sku);
    for (const [path, value] of Object.entries(entry.fields)) setPath(body, path, value);
    latest.set(entry.sku, {
      sku: entry.sku,
      body,
      value: entry.value,
      ...(entry.listPriceVnd !== undefined ? { listPriceVnd: entry.listPriceVnd } : {}),
    });
  }
  const remote = await runBulk(profile, [...latest.values()], send);
  return order.map((sku) => local.get(sku) ?? remote.get(sku)!);
}

/** The request body of one batch, with the profile's bulk field names. */
export function bulkBody(profile: MarketplaceProfile, batch: readonly BulkItem[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  setPath(
    body,
    profile.fields.bulk.items,
    batch.map((item) => item.body),
  );
  return body;
}

/** setStock's entries: each quantity checked against the profile's maximum, written to its stock field. */
export function stockEntries(profile: MarketplaceProfile, updates: readonly StockUpdate[]): BulkEntry[] {
  const max = profile.rules.maxStock;
  return updates.map((u) => ({
    sku: u.sku,
    invalid:
      Number.isInteger(u.quantity) && u.quantity >= 0 && u.quantity <= max
        ? undefined
        : rangeMessage('setStock', u.quantity, 0, max),
    fields: { [profile.fields.bulk.stock]: u.quantity },
    value: u.quantity,
  }));
}

/**
 * Why a list price cannot be sent, or undefined: it must be whole VND within the profile's range, and the
 * platform must have a field for it — Voso, Postmart and Shopee have none (Shopee's `original_price` is
 * the price itself), so it is refused instead of silently dropped (#18).
 */
function listPriceProblem(profile: MarketplaceProfile, listPriceVnd: number | undefined): string | undefined {
  if (listPriceVnd === undefined) return undefined;
  const { minPriceVnd, maxPriceVnd } = profile.rules;
  if (!Number.isInteger(listPriceVnd) || listPriceVnd < minPriceVnd || listPriceVnd > maxPriceVnd)
    return `listPriceVnd ${String(listPriceVnd)}: giá niêm yết phải là số nguyên VND từ ${minPriceVnd} đến ${maxPriceVnd} / the list price must be whole VND from ${minPriceVnd} to ${maxPriceVnd}`;
  if (!profile.fields.bulk.listPriceVnd)
    return `listPriceVnd ${listPriceVnd}: ${profile.displayName} không có giá niêm yết (chỉ có giá bán): bỏ listPriceVnd, không gửi gì cho SKU này / ${profile.displayName} has no list price (only the price): leave listPriceVnd out; nothing was sent for this SKU`;
  return undefined;
}

/** setPrice's entries: each price checked against the profile's range, with the list price where mapped. */
export function priceEntries(profile: MarketplaceProfile, updates: readonly PriceUpdate[]): BulkEntry[] {
  const f = profile.fields.bulk;
  const { minPriceVnd, maxPriceVnd } = profile.rules;
  return updates.map((u) => {
    const fields: Record<string, number> = { [f.priceVnd]: u.priceVnd };
    if (f.listPriceVnd && u.listPriceVnd !== undefined) fields[f.listPriceVnd] = u.listPriceVnd;
    const valid = Number.isInteger(u.priceVnd) && u.priceVnd >= minPriceVnd && u.priceVnd <= maxPriceVnd;
    const invalid = valid
      ? listPriceProblem(profile, u.listPriceVnd)
      : rangeMessage('setPrice', u.priceVnd, minPriceVnd, maxPriceVnd);
    const listPrice = u.listPriceVnd !== undefined ? { listPriceVnd: u.listPriceVnd } : {};
    return { sku: u.sku, invalid, fields, value: u.priceVnd, ...listPrice };
  });
}
