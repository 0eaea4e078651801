import type { StateStore, StoreOperations } from '../../store/state-store.js';
import { recordMatchRan } from '../publish/existing-listings.js';
import type { ListingMatch } from './types.js';

/**
 * Records in the store, per account that was downloaded, which listings `match` proposed for each
 * catalog product (a `candidate` below the threshold counts as proposed): until a person links or rejects them, `publish` does not create that product (a
 * hand-typed listing of it may already be on the platform). Listings a person already rejected for a
 * product stay rejected (and the match is marked `rejectedBefore`); products already linked hold nothing.
 * Also records, per account, the catalog SKUs `match` examined (`publish` creates those no proposal holds;
 * a SKU `match` never examined there stays held while the shop has listings nobody linked).
 */
export async function recordProposals(
  store: StateStore,
  matches: readonly ListingMatch[],
  accounts: ReadonlyArray<{ platform: string; account: string; listings?: number }>,
  examined: Iterable<string> = [],
): Promise<void> {
  const skus = [...examined];
  // One transaction: another process's `publish` sees either none of this match (its creates held while
  // the shop has unlinked listings) or all of it, never the examined SKUs without the proposals that
  // hold some of them back (#19 trial 4: a publish during a match created duplicates).
  await store.transaction((tx) => recordAll(tx, matches, accounts, skus));
  await store.flush();
}

async function recordAll(
  store: StoreOperations,
  matches: readonly ListingMatch[],
  accounts: ReadonlyArray<{ platform: string; account: string; listings?: number }>,
  skus: readonly string[],
): Promise<void> {
  for (const { platform, account, listings } of accounts) {
    // From now on `publish` creates on this account the examined SKUs no proposal or link holds back.
    await recordMatchRan(store, platform, account, listings ?? 0, skus);
    const existing = new Map((await store.listLinkProposals(platform, account)).map((r) => [r.sku, r]));
    const links = await store.listListings(platform, account);
    const linkedSkus = new Set(links.map((l) => l.sku));
    const linkedIds = new Set(links.map((l) => l.remoteListingId));
    const proposed = new Map<string, ListingMatch[]>();
    for (const match of matches) {
      if (match.platform !== platform || match.account !== account) continue;
      // A candidate below the threshold holds its product as a proposal does (#19 trial 3); so do the
      // other products the listing names (SKU of one, title of another; a combo) (#19 trial 5).
      const held = [
        match.productSku ?? match.candidate?.productSku,
        ...(match.otherProducts ?? []).map((o) => o.productSku),
      ];
      for (const sku of new Set(held)) if (sku) proposed.set(sku, [...(proposed.get(sku) ?? []), match]);
    }
    const decided = new Set([...existing.keys(), ...proposed.keys()]);
    for (const sku of decided) {
      const rejected = existing.get(sku)?.rejected ?? [];
      // Shown as decided ("new") in the next review sheet, so nobody is asked twice.
      for (const m of proposed.get(sku) ?? [])
        if (rejected.includes(m.listing.remoteId)) m.rejectedBefore = true;
      const pending = linkedSkus.has(sku)
        ? []
        : (proposed.get(sku) ?? [])
            .filter((m) => !rejected.includes(m.listing.remoteId) && !linkedIds.has(m.listing.remoteId))
            .map((m) => ({
              remoteId: m.listing.remoteId,
              title: m.listing.title,
              // Another product the listing names: its own fit (the title's part naming it).
              confidence: m.otherProducts?.find((o) => o.productSku === sku)?.confidence ?? m.confidence,
              ...(!m.productSku && m.candidate?.productSku === sku ? { belowThreshold: true } : {}),
            }));
      const key = { platform, account, sku };
      if (pending.length === 0 && rejected.length === 0) await store.deleteLinkProposal(key);
      else await store.putLinkProposal({ ...key, pending, rejected });
    }
  }
}

/**
 * A decision about one listing: linked (to `productSku`) or rejected ("this listing is not that product":
 * the product may be created). Either way the listing no longer holds any product back; returns the
 * catalog SKUs it held.
 */
export async function settleProposals(
  store: StateStore,
  platform: string,
  account: string,
  remoteId: string,
  /** `perPack`: linked for one pack only; the product's other proposed listings stay pending. */
  decision: { linkedTo: string; perPack?: boolean } | 'rejected',
): Promise<string[]> {
  /** Catalog SKUs this listing no longer holds back. */
  const released: string[] = [];
  for (const record of await store.listLinkProposals(platform, account)) {
    const linkedHere = typeof decision === 'object' && !decision.perPack && decision.linkedTo === record.sku;
    const wasPending = record.pending.some((p) => p.remoteId === remoteId);
    if (!wasPending && !linkedHere) continue;
    const pending = linkedHere ? [] : record.pending.filter((p) => p.remoteId !== remoteId);
    const rejected =
      decision === 'rejected' && wasPending && !record.rejected.includes(remoteId)
        ? [...record.rejected, remoteId]
        : record.rejected;
    const key = { platform, account, sku: record.sku };
    if (wasPending) released.push(record.sku);
    if (pending.length === 0 && rejected.length === 0) await store.deleteLinkProposal(key);
    else await store.putLinkProposal({ ...key, pending, rejected });
  }
  return released;
}
