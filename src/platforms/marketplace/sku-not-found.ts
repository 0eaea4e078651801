import type { CallOptions } from '../../core/types.js';
import { echoed } from '../../model/echo.js';
import type { ItemResult, RemoteListing } from '../types.js';

/** At most this many SKUs of one call are looked up for a suggestion (each costs one or two reads). */
const LOOKUPS = 3;

/**
 * A per-SKU `SKU_NOT_FOUND` result in both languages (Voso and Postmart answer "Không tìm thấy SKU" only),
 * and, when the shop has a listing whose SKU differs only in case, that SKU: `vl-tbn-100` → (did you mean
 * "VL-TBN-100"?). The lookup is best effort: a failed read leaves the suggestion out, never the result.
 */
export async function explainSkuNotFound(
  platform: string,
  results: readonly ItemResult[],
  find: (sku: string, options?: CallOptions) => Promise<RemoteListing | undefined>,
  options?: CallOptions,
): Promise<ItemResult[]> {
  let lookups = 0;
  const out: ItemResult[] = [];
  for (const result of results) {
    if (result.ok || result.code !== 'SKU_NOT_FOUND') {
      out.push(result);
      continue;
    }
    const near = lookups < LOOKUPS ? await sameSkuOtherCase(result.sku, find, options) : undefined;
    if (near !== null) lookups += 1;
    const name = echoed(result.sku);
    out.push({
      ...result,
      message:
        `sku ${name}: ${platform} không có tin đăng nào mang SKU này${near ? ` (có phải "${near}"?)` : ''} / ` +
        `${platform} has no listing with this SKU${near ? ` (did you mean "${near}"?)` : ''}`,
    });
  }
  return out;
}

/** The shop's SKU equal to `sku` but for case; undefined when none; null when nothing was looked up. */
async function sameSkuOtherCase(
  sku: string,
  find: (sku: string, options?: CallOptions) => Promise<RemoteListing | undefined>,
  options?: CallOptions,
): Promise<string | undefined | null> {
  const tries = [...new Set([sku.toUpperCase(), sku.toLowerCase()])].filter((t) => t !== sku);
  if (tries.length === 0) return null;
  const wanted = sku.toLowerCase();
  for (const attempt of tries) {
    let listing: RemoteListing | undefined;
    try {
      listing = await find(attempt, options);
    } catch {
      return undefined;
    }
    const skus = [listing?.sku, ...(listing?.variants.map((v) => v.sku) ?? [])];
    const near = skus.find((s) => typeof s === 'string' && s !== sku && s.toLowerCase() === wanted);
    if (near) return near;
  }
  return undefined;
}
