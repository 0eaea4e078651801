import { ContractViolationError } from '../../core/errors.js';
import type { MarketplaceHookContext } from '../marketplace/hooks.js';

/** How the Shopee hooks read Shopee's answers: raw objects, lists the contract promises, required values. */

export type Raw = Record<string, unknown>;

/** Largest `order_sn_list` / `item_id_list` Shopee accepts in one call. */
export const SHOPEE_ID_LIST_MAX = 50;

export function record(value: unknown): Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {};
}

/** A list the contract promises; its absence is a ContractViolationError, never "nothing". */
export function list(ctx: MarketplaceHookContext, data: unknown, path: string, operation: string): Raw[] {
  const value = ctx.codecs.getPath(data, path);
  if (!Array.isArray(value)) {
    throw new ContractViolationError(
      {
        vi: `shopee ${operation}: không có danh sách ở "${path}"`,
        en: `shopee ${operation}: no list at "${path}"`,
      },
      {
        platform: 'shopee',
        operation,
      },
    );
  }
  return value.map(record);
}

/** A value the profile says is at `path` and of `type`; anything else is the profile not fitting. */
export function required<T>(
  ctx: MarketplaceHookContext,
  data: unknown,
  path: string,
  type: 'string' | 'number' | 'boolean',
  operation: string,
): T {
  const value = ctx.codecs.getPath(data, path);
  if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) {
    throw new ContractViolationError(
      {
        vi:
          `shopee ${operation}: không có ${type} ở "${path}" (nhận được ${value === undefined ? 'không có gì' : JSON.stringify(value)}); ` +
          'hãy kiểm tra các đường dẫn trong profile — trang này không đọc được nên không đọc gì sau nó',
        en:
          `shopee ${operation}: no ${type} at "${path}" (got ${value === undefined ? 'nothing' : JSON.stringify(value)}); ` +
          'check the profile paths — the page was not understood, so nothing after it is read',
      },
      { platform: 'shopee', operation },
    );
  }
  return value as T;
}
