import type { CatalogIndex } from './catalog-index.js';
import type { ListingMatch, UnmatchedProduct } from './types.js';

/**
 * Two listings of one account for one product: the weaker is a duplicate (reported, never linked). A
 * listing already linked to the product is always the one kept (and a below-threshold candidate of it
 * is a duplicate too); a listing a person rejected for the product (`rejectedFor`) is never the one
 * kept (the others are not its duplicates), though it may be a duplicate of the one kept. Run
 * on fresh proposals only: every `duplicate` reason is this run's (#19 trial 5).
 */
export function markDuplicates(
  matches: ListingMatch[],
  rejectedFor: (match: ListingMatch, sku: string) => boolean = () => false,
): void {
  const groups = new Map<string, ListingMatch[]>();
  const keyOf = (m: ListingMatch, sku: string) => `${m.platform}\u0000${m.account}\u0000${sku}`;
  for (const match of matches) {
    if (!match.productSku) continue;
    const key = keyOf(match, match.productSku);
    groups.set(key, [...(groups.get(key) ?? []), match]);
  }
  const linkedOf = new Map<string, ListingMatch>();
  // One listing per pack size ("Bột nghệ 100g", "Bột nghệ 500g"): single-pack listings of different
  // packs are no duplicates of each other — each is proposed for its own pack (linked per pack); only
  // listings of the same pack are (#19 trial 5).
  for (const [key, group] of [...groups]) {
    const packOf = (m: ListingMatch) => (m.variants.length === 1 ? m.variants[0]!.offerSku : undefined);
    const packs = new Set(group.map(packOf));
    if (group.length < 2 || packs.has(undefined) || packs.size < 2) continue;
    groups.delete(key);
    for (const pack of packs) {
      const same = group.filter((m) => packOf(m) === pack);
      groups.set(`${key}\u0000${pack}`, same);
      for (const m of same)
        m.reasons.push({
          code: 'pack-listing',
          detail: `tin này bán riêng quy cách ${pack}; ${[...packs].filter((p) => p !== pack).join(', ')} ở tin khác — liên kết theo quy cách, mỗi tin một quy cách`,
          detailEn: `this listing sells pack ${pack} alone; ${[...packs].filter((p) => p !== pack).join(', ')} on another listing: linked per pack, one pack per listing`,
        });
    }
  }
  for (const group of groups.values()) {
    if (group.length < 2) {
      if (group[0]?.linkedTo) linkedOf.set(keyOf(group[0], group[0].linkedTo), group[0]);
      continue;
    }
    const mapped = (m: ListingMatch) => m.variants.filter((v) => v.offerSku).length;
    const rejected = (m: ListingMatch) => Number(!m.linkedTo && rejectedFor(m, m.productSku!));
    const sorted = [...group].sort(
      (a, b) =>
        Number(!!b.linkedTo) - Number(!!a.linkedTo) ||
        rejected(a) - rejected(b) ||
        b.confidence - a.confidence ||
        mapped(b) - mapped(a) ||
        b.listing.variants.reduce((n, v) => n + v.stock, 0) -
          a.listing.variants.reduce((n, v) => n + v.stock, 0) ||
        a.listing.remoteId.localeCompare(b.listing.remoteId),
    );
    const primary = sorted[0]!;
    if (primary.linkedTo) linkedOf.set(keyOf(primary, primary.linkedTo), primary);
    // Every listing of the group rejected for the product: none is the original of the others.
    if (rejected(primary)) continue;
    for (const other of sorted.slice(1)) markDuplicate(other, primary);
  }
  // A candidate below the threshold of a product already linked holds nothing: a duplicate too —
  // unless a person already said it is not that product (#19 re-trial MEDIUM 2). Either way the
  // "not created yet" hint no longer applies: the product has its listing.
  for (const match of matches) {
    const sku = match.candidate?.productSku;
    if (match.productSku || match.linkedTo || !sku) continue;
    const linked = linkedOf.get(keyOf(match, sku));
    if (!linked) continue;
    settledHint(match, sku, linked);
    if (!rejectedFor(match, sku)) markDuplicate(match, linked);
  }
}

/** The below-threshold reason of a candidate whose product is linked to `linked`: no "chưa tạo mới" hint. */
function settledHint(match: ListingMatch, sku: string, linked: ListingMatch): void {
  for (const reason of match.reasons) {
    if (reason.code !== 'below-threshold') continue;
    reason.detail = reason.detail.replace(
      / — chưa tạo mới [^:]+:.*$/,
      ` — ${sku} đã liên kết với tin ${linked.listing.remoteId}`,
    );
    if (reason.detailEn)
      reason.detailEn = reason.detailEn.replace(
        /: \S+ is not created until .*$/,
        `: ${sku} is linked to listing ${linked.listing.remoteId}`,
      );
  }
}

function markDuplicate(match: ListingMatch, primary: ListingMatch): void {
  match.duplicateOf = primary.listing.remoteId;
  match.suggestion = 'review';
  const linked = primary.linkedTo !== undefined;
  match.reasons.push({
    code: 'duplicate',
    detail: `cùng sản phẩm với tin ${primary.listing.remoteId} "${primary.listing.title}"${linked ? ' (đã liên kết)' : ''}`,
    detailEn: `the same product as listing ${primary.listing.remoteId} "${primary.listing.title}"${linked ? ' (already linked)' : ''}`,
  });
}

/** Catalog products no listing of the account was matched to (duplicates do not count twice). */
export function unmatchedProducts(
  index: CatalogIndex,
  matches: readonly ListingMatch[],
  accounts: ReadonlyArray<{ platform: string; account: string }>,
): UnmatchedProduct[] {
  const out: UnmatchedProduct[] = [];
  for (const { platform, account } of accounts) {
    const matched = new Set(
      matches
        .filter((m) => m.platform === platform && m.account === account)
        .flatMap((m) => [
          ...[m.productSku ?? m.candidate?.productSku ?? []].flat(),
          ...(m.otherProducts ?? []).map((o) => o.productSku),
        ]),
    );
    for (const entry of index.entries) {
      if (!matched.has(entry.product.sku))
        out.push({
          platform,
          account,
          sku: entry.product.sku,
          name: entry.product.name,
          active: entry.product.status !== 'inactive',
        });
    }
  }
  return out;
}
