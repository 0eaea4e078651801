import { OcopConnectError } from '../../core/errors.js';
import type { ItemResult } from '../types.js';
import { getPath, setPath } from './object-path.js';
import type { MarketplaceProfile } from './profile-schema.js';

export interface BulkItem {
  sku: string;
  /** The platform item, already written with the profile's field names. */
  body: Record<string, unknown>;
}

/** Splits into batches of at most `size`, in input order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/**
 * Runs a bulk update batch by batch and returns one result per SKU. A batch that fails as a whole
 * (network, 5xx after retries) marks each of its SKUs failed with the error's kind, and the next batch
 * still runs: one failure never hides the others.
 */
export async function runBulk(
  profile: MarketplaceProfile,
  items: readonly BulkItem[],
  send: (batch: BulkItem[]) => Promise<unknown>,
): Promise<Map<string, ItemResult>> {
  const f = profile.fields.bulk;
  const results = new Map<string, ItemResult>();
  for (const batch of chunk(items, profile.maxBatch)) {
    let data: unknown;
    try {
      data = await send(batch);
    } catch (error) {
      if (!(error instanceof OcopConnectError)) throw error;
      for (const item of batch) {
        results.set(item.sku, {
          sku: item.sku,
          ok: false,
          code: error.platformCode ?? error.kind.toUpperCase(),
          message: error.message,
          retriable: error.retriable,
        });
      }
      continue;
    }
    const rows = getPath(data, f.results);
    for (const row of Array.isArray(rows) ? rows : []) {
      const sku = getPath(row, f.sku);
      if (typeof sku !== 'string' || results.has(sku) || !batch.some((i) => i.sku === sku)) continue;
      if (getPath(row, f.success) === true) {
        results.set(sku, { sku, ok: true });
      } else {
        const code = String(getPath(row, f.errorCode) ?? 'UNKNOWN');
        const message = getPath(row, f.message);
        results.set(sku, {
          sku,
          ok: false,
          code,
          message: typeof message === 'string' ? message : code,
          retriable: profile.retriableItemCodes.includes(code),
        });
      }
    }
    for (const item of batch) {
      if (!results.has(item.sku)) {
        // Reporting success for an item the platform did not mention would be a lie.
        results.set(item.sku, {
          sku: item.sku,
          ok: false,
          code: 'NO_RESULT',
          message: `${profile.platform} returned no result for this SKU`,
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
}

/**
 * Local checks, then batches of the platform maximum; one result per distinct SKU, in input order.
 * A SKU given twice keeps its last value (the platform would reject the duplicate inside a batch).
 */
export async function bulkUpdate(
  profile: MarketplaceProfile,
  entries: readonly BulkEntry[],
  send: (body: Record<string, unknown>) => Promise<unknown>,
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
    latest.set(entry.sku, { sku: entry.sku, body });
  }
  const remote = await runBulk(profile, [...latest.values()], (batch) => {
    const body: Record<string, unknown> = {};
    setPath(
      body,
      f.items,
      batch.map((item) => item.body),
    );
    return send(body);
  });
  return order.map((sku) => local.get(sku) ?? remote.get(sku)!);
}
