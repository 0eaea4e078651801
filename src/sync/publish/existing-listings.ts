import type { CallOptions } from '../../core/types.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore, StoreOperations } from '../../store/state-store.js';
import { asOcopError } from './errors.js';
import { NO_CHANGES } from './plan.js';
import type { OtherTenantListings, OtherTenantListingsLookup, PublishItemResult } from './types.js';

/**
 * Checkpoint namespace where `match` records, per account (`platform/account`), which catalog SKUs it
 * examined against that shop's listings (`{ listings, skus }`, the union of every run): `publish`
 * creates such a SKU when no proposal holds it back. A SKU `match` never looked at is still held.
 */
export const MATCH_CHECKPOINT_NAMESPACE = 'onboarding.match';

/** Records that `match` examined `skus` on an account (added to the SKUs earlier runs examined). */
export async function recordMatchRan(
  store: StoreOperations,
  platform: string,
  account: string,
  listings: number,
  skus: Iterable<string> = [],
): Promise<void> {
  const examined = await matchedSkusOf(store, platform, account);
  for (const sku of skus) examined.add(sku);
  await store.putCheckpoint({
    platform: MATCH_CHECKPOINT_NAMESPACE,
    account: `${platform}/${account}`,
    cursor: JSON.stringify({ listings, skus: [...examined] }),
  });
}

/** The catalog SKUs `match` examined on an account (empty when it never ran there). */
export async function matchedSkusOf(
  store: StoreOperations,
  platform: string,
  account: string,
): Promise<Set<string>> {
  const checkpoint = await store.getCheckpoint(MATCH_CHECKPOINT_NAMESPACE, `${platform}/${account}`);
  if (!checkpoint) return new Set();
  try {
    const parsed = JSON.parse(checkpoint.cursor) as { skus?: unknown };
    return new Set(Array.isArray(parsed.skus) ? parsed.skus.filter((s) => typeof s === 'string') : []);
  } catch {
    return new Set();
  }
}

/** What the guard found for one account: nothing to fear, listings nobody matched, or no answer. */
export type ExistingListingsGuard =
  | { kind: 'clear' }
  | { kind: 'unmatched'; count: number }
  /** Another tenant of the deployment lists (or is creating) this SKU on the shared account. */
  | { kind: 'otherTenant' }
  | { kind: 'unknown'; error: unknown };

/** One account's guard, read once: the SKUs `match` examined, and the shop's listings nobody linked. */
export interface AccountGuard {
  examined: Set<string>;
  /** SKUs with a create of ours in flight (its answer lost): the listing there is ours, found by SKU. */
  inFlight: Set<string>;
  /** SKUs other tenants of the deployment list or are creating on this (shared) account. */
  otherTenantSkus: ReadonlySet<string>;
  /** The shared account's SKU claims (see `OtherTenantListings.claim`): undefined when not shared. */
  claims?: Pick<OtherTenantListings, 'claim' | 'release'>;
  shop: ExistingListingsGuard;
}

export interface ExistingListingsCheckOptions extends CallOptions {
  /** Listings other tenants hold on a shared account: never counted as hand-made (see PublishOptions). */
  otherTenantListings?: OtherTenantListingsLookup | undefined;
  /** The caller vouched that the shop has no hand-made listing: only other tenants' SKUs are read. */
  assumeNoExistingListings?: boolean;
  /** The SKUs `match` examined, read by the caller with its pending proposals (one snapshot of the match). */
  examined?: Promise<Set<string>> | Set<string>;
}

/**
 * Before a create on an account: the shop may already sell the product by hand, and creating would
 * list it twice. Counts the shop's listings that no listing record of ours (link or earlier create)
 * names and whose seller SKU is not one of our creates in flight; any at all → the account's creates
 * are held, product by product, unless `match` examined that SKU there (see `guardFor`).
 */
export async function checkExistingListings(
  adapter: MarketplaceAdapter,
  store: StateStore,
  options: ExistingListingsCheckOptions = {},
): Promise<AccountGuard> {
  const { platform, account } = adapter;
  const { otherTenantListings, assumeNoExistingListings, examined: given, ...call } = options;
  const examined = await (given ?? matchedSkusOf(store, platform, account));
  const inFlight = new Set((await store.listIntents({ platform, account })).map((i) => i.sku));
  const ours = new Set((await store.listListings(platform, account)).map((l) => l.remoteListingId));
  const shopListings: { remoteId: string; sku: string | undefined }[] = [];
  try {
    if (!assumeNoExistingListings)
      for await (const listing of adapter.listListings(call)) {
        if (ours.has(listing.remoteId) || (listing.sku && inFlight.has(listing.sku))) continue;
        shopListings.push({ remoteId: listing.remoteId, sku: listing.sku || undefined });
      }
    // Read after the shop: a listing another tenant created before the shop was read is by now its
    // record, or still its create in flight (its intent, written before the create, names the SKU).
    const others = otherTenantListings ? await otherTenantListings(platform, account, call) : undefined;
    const otherTenantSkus = others?.skus ?? new Set<string>();
    const count = shopListings.filter(
      (l) => !others?.remoteIds.has(l.remoteId) && !(l.sku && otherTenantSkus.has(l.sku)),
    ).length;
    return {
      examined,
      inFlight,
      otherTenantSkus,
      ...(others?.claim
        ? { claims: { claim: others.claim, ...(others.release ? { release: others.release } : {}) } }
        : {}),
      shop: count > 0 ? { kind: 'unmatched', count } : { kind: 'clear' },
    };
  } catch (error) {
    return { examined, inFlight, otherTenantSkus: new Set(), shop: { kind: 'unknown', error } };
  }
}

/** The guard for one SKU's create (not linked, no pending proposal): clear when `match` examined it. */
export function guardFor(account: AccountGuard, sku: string): ExistingListingsGuard {
  if (account.inFlight.has(sku)) return { kind: 'clear' };
  // Even where `match` examined it: the shared account's listing of that SKU belongs to another tenant.
  if (account.otherTenantSkus.has(sku)) return { kind: 'otherTenant' };
  if (account.examined.has(sku)) return { kind: 'clear' };
  return account.shop;
}

/** A create not sent because the account already has listings and `match` never examined this SKU there. */
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
  if (guard.kind === 'otherTenant') {
    return {
      ...base,
      outcome: 'held',
      issues: [
        {
          path: 'sku',
          code: 'link.other_cooperative',
          value: sku,
          sku,
          row,
          platform: adapter.platform,
          messageVi: `chưa tạo mới: SKU ${sku} đã được một HTX khác của hub đăng trên tài khoản dùng chung ${where}: đổi SKU, hoặc để một HTX đăng sản phẩm này`,
          messageEn: `not created: SKU ${sku} is already listed on ${where} by another cooperative of this hub (a shared account): give it another SKU, or let one cooperative list it`,
        },
      ],
    };
  }
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
