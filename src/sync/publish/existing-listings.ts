import type { CallOptions } from '../../core/types.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore, StoreOperations } from '../../store/state-store.js';
import { asOcopError } from './errors.js';
import { NO_CHANGES } from './plan.js';
import type { PublishItemResult } from './types.js';

/**
 * Checkpoint namespace where `match` records, per account (`platform/account`), that it downloaded and
 * matched that shop: from then on `publish` trusts the proposals and links instead of asking the shop
 * again whether it already sells things.
 */
export const MATCH_CHECKPOINT_NAMESPACE = 'onboarding.match';

/** Records that `match` ran for an account (one check per account, seen by every process on the store). */
export async function recordMatchRan(
  store: StoreOperations,
  platform: string,
  account: string,
  listings: number,
): Promise<void> {
  await store.putCheckpoint({
    platform: MATCH_CHECKPOINT_NAMESPACE,
    account: `${platform}/${account}`,
    cursor: JSON.stringify({ listings }),
  });
}

export async function matchRanFor(
  store: StoreOperations,
  platform: string,
  account: string,
): Promise<boolean> {
  return (await store.getCheckpoint(MATCH_CHECKPOINT_NAMESPACE, `${platform}/${account}`)) !== undefined;
}

/** What the guard found for one account: nothing to fear, listings nobody matched, or no answer. */
export type ExistingListingsGuard =
  | { kind: 'clear' }
  | { kind: 'unmatched'; count: number }
  | { kind: 'unknown'; error: unknown };

/**
 * Before the first create on an account: if our store knows nothing of it (no listing record, no
 * proposal, no create intent, `match` never ran) the shop may already sell these products by hand, and creating would
 * list each of them twice. Counts the shop's listings; any at all → creates are held until `match` runs.
 */
export async function checkExistingListings(
  adapter: MarketplaceAdapter,
  store: StateStore,
  options: CallOptions = {},
): Promise<ExistingListingsGuard> {
  const { platform, account } = adapter;
  if (await matchRanFor(store, platform, account)) return { kind: 'clear' };
  if ((await store.listListings(platform, account)).length > 0) return { kind: 'clear' };
  if ((await store.listLinkProposals(platform, account)).length > 0) return { kind: 'clear' };
  // A create of ours in flight (its answer lost): the listing there is ours, found again by SKU.
  if ((await store.listIntents({ platform, account })).length > 0) return { kind: 'clear' };
  let count = 0;
  try {
    for await (const _ of adapter.listListings(options)) count++;
  } catch (error) {
    return { kind: 'unknown', error };
  }
  return count > 0 ? { kind: 'unmatched', count } : { kind: 'clear' };
}

/** A create not sent because the account already has listings and `match` never ran for it. */
export function unmatchedShopItem(
  sku: string,
  adapter: MarketplaceAdapter,
  row: number,
  guard: Exclude<ExistingListingsGuard, { kind: 'clear' }>,
): PublishItemResult {
  const base = {
    sku,
    platform: adapter.platform,
    account: adapter.account,
    row,
    action: 'skip' as const,
    changes: NO_CHANGES,
  };
  if (guard.kind === 'unknown') {
    return {
      ...base,
      outcome: 'failed',
      error: asOcopError(guard.error, adapter.platform, 'listListings'),
    };
  }
  const where = `${adapter.platform}/${adapter.account}`;
  return {
    ...base,
    outcome: 'held',
    issues: [
      {
        path: 'sku',
        code: 'link.not_matched',
        value: sku,
        sku,
        row,
        platform: adapter.platform,
        messageVi: `chưa tạo mới: tài khoản ${where} đã có ${guard.count} tin đăng: chạy match trước (đối chiếu tin đăng có sẵn với danh mục), hoặc chọn assumeNoExistingListings nếu chắc chắn không trùng`,
        messageEn: `not created: the account ${where} already has ${guard.count} listings: run match first (match the existing listings to the catalog), or pass assumeNoExistingListings if none of them is a catalog product`,
      },
    ],
  };
}
