import { A_LIST, A_STORE, checkArgument, checkOption } from '../../core/argument-guards.js';
import { OcopConnectError } from '../../core/errors.js';
import type { CancelReason } from '../../model/order.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import type { InventoryOversell } from '../inventory/types.js';
import { asOcopError } from '../publish/errors.js';
import { applyOrderSnapshot } from './apply-order.js';

export interface OversellResolution {
  platform: string;
  account: string;
  externalId: string;
  sku: string;
  ok: boolean;
  error?: OcopConnectError;
}

/**
 * Cancels, on its marketplace and with a typed reason (default OUT_OF_STOCK), every order stock cannot
 * cover — the latest ones: earlier orders keep the units — and applies the cancellation to the ledger.
 */
export async function resolveOversells(
  store: StateStore,
  marketplaces: readonly MarketplaceAdapter[],
  oversold: readonly InventoryOversell[],
  reason: CancelReason = 'OUT_OF_STOCK',
): Promise<OversellResolution[]> {
  checkOption(store, 'store', A_STORE);
  checkOption(marketplaces, 'marketplaces', A_LIST);
  checkArgument(oversold, 'oversold', A_LIST);
  const results: OversellResolution[] = [];
  const done = new Set<string>();
  for (const line of oversold) {
    for (const order of line.orders) {
      const id = `${order.platform}/${order.account}:${order.externalId}`;
      if (done.has(id)) continue;
      done.add(id);
      const base = {
        platform: order.platform,
        account: order.account,
        externalId: order.externalId,
        sku: line.sku,
      };
      const marketplace = marketplaces.find(
        (m) => m.platform === order.platform && m.account === order.account,
      );
      if (!marketplace) {
        results.push({
          ...base,
          ok: false,
          error: new OcopConnectError('configuration', {
            vi: `${order.platform}/${order.account} không có trong connector này`,
            en: `${order.platform}/${order.account} is not in this connector`,
          }),
        });
        continue;
      }
      try {
        const cancelled = await marketplace.cancelOrder(order.externalId, reason);
        await applyOrderSnapshot(store, { ...cancelled, account: order.account });
        results.push({ ...base, ok: true });
      } catch (error) {
        results.push({ ...base, ok: false, error: asOcopError(error, order.platform, 'cancelOrder') });
      }
    }
  }
  return results;
}
