import type { Product } from '../../model/product.js';
import { productOffers } from '../../model/product.js';
import type { ListingSkuAssignment, MarketplaceAdapter, ShopListing } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import { offerPackSizes, skuKey } from './catalog-index.js';
import { failure, LINKED_CONTENT_HASH, type Note } from './link-result.js';
import { sameQuantity } from './listing-text.js';
import type { LinkResultItem } from './types.js';
import { variantQuantities } from './variant-pairing.js';

/**
 * One listing per pack size (#19 trial 5): a listing selling exactly one pack of a product whose other
 * pack another single-pack listing of the account already sells (linked earlier, or just before in
 * this batch). Both are then linked per pack: a listing record keyed by each pack's SKU (the product has
 * none there), so `publish` updates each listing with its own pack and stock sync covers each. Undefined
 * when this is not such a link (the product is linked as a whole, or not yet): the ordinary rules apply.
 */
export async function linkPack(
  adapter: MarketplaceAdapter,
  store: StateStore,
  listing: ShopListing,
  product: Product,
  variantLinks: Record<string, string>,
  /** `match` proposed another single-pack listing for another pack of the product, still undecided. */
  siblingPending: boolean,
  mayWriteSkus: boolean,
  callOptions: { signal?: AbortSignal },
): Promise<Omit<LinkResultItem, 'platform' | 'account' | 'remoteId'> | undefined> {
  const { platform, account } = adapter;
  const [variantId, offerSku] = Object.entries(variantLinks)[0]!;
  const whole = await store.getListing({ platform, account, sku: product.sku });
  const packs = new Map<string, Awaited<ReturnType<StateStore['getListing']>>>();
  for (const offer of productOffers(product))
    packs.set(offer.sku, await store.getListing({ platform, account, sku: offer.sku }));
  const linkedPacks = [...packs.values()].filter((r) => r !== undefined);
  // The product's other pack on another single-pack listing, linked as the whole product so far.
  const other =
    whole &&
    whole.remoteListingId !== listing.remoteId &&
    Object.keys(whole.variantRemoteIds).length === 1 &&
    Object.keys(whole.variantRemoteIds)[0] !== offerSku
      ? whole
      : undefined;
  // The first of the pack listings (#19 re-trial HIGH 1): linked per pack too, so the product's other
  // packs are neither added to this listing nor created while their own listing awaits a decision.
  if (!other && (whole || (linkedPacks.length === 0 && !siblingPending))) return undefined;
  const mine = packs.get(offerSku);
  if (mine) {
    if (mine.remoteListingId === listing.remoteId)
      return {
        outcome: 'linked',
        message: `Already linked to ${offerSku} (one listing per pack size): nothing changed`,
        messageVi: `Đã liên kết với ${offerSku} từ trước (mỗi quy cách một tin đăng): không có gì thay đổi`,
      };
    const note = {
      vi: `Quy cách ${offerSku} đã được liên kết với tin đăng ${mine.remoteListingId} trên ${platform}. Tin ${listing.remoteId} không được liên kết và giữ nguyên trên sàn (không bị xoá); nếu là tin trùng, ghi "từ chối"`,
      en: `Pack ${offerSku} is already linked to listing ${mine.remoteListingId} on ${platform}. Listing ${listing.remoteId} is not linked and stays on the platform as it is (never deleted); if it is a duplicate, mark it "new"`,
    };
    return { outcome: 'failed', message: note.en, messageVi: note.vi, error: failure(platform, note.en) };
  }
  const elsewhere = (await store.listListings(platform, account)).find(
    (r) => r.remoteListingId === listing.remoteId,
  );
  if (elsewhere) {
    const note = {
      vi: `Tin đăng ${listing.remoteId} đã được liên kết với ${elsewhere.sku} từ trước: không đổi sang ${offerSku}. Liên kết cũ vẫn giữ`,
      en: `Listing ${listing.remoteId} is already linked to ${elsewhere.sku}: not moved to ${offerSku}. The earlier link stays`,
    };
    return { outcome: 'failed', message: note.en, messageVi: note.vi, error: failure(platform, note.en) };
  }
  // Each pack listing carries its pack's SKU (two listings cannot both carry the product's).
  const writes: Array<{ remoteId: string; skus: ListingSkuAssignment }> = [];
  const variant = listing.variants.find((v) => v.remoteId === variantId)!;
  if (listing.sku !== offerSku || variant.sku !== offerSku)
    writes.push({
      remoteId: listing.remoteId,
      skus: { sku: offerSku, variants: [{ remoteId: variantId, sku: offerSku }] },
    });
  const otherPack = other ? Object.entries(other.variantRemoteIds)[0]! : undefined;
  if (other && otherPack)
    writes.push({
      remoteId: other.remoteListingId,
      skus: { sku: otherPack[0], variants: [{ remoteId: otherPack[1], sku: otherPack[0] }] },
    });
  if (
    writes.length > 0 &&
    (!mayWriteSkus || !adapter.capabilities.sellerSkuUpdate || !adapter.setListingSkus)
  ) {
    const why = mayWriteSkus
      ? { vi: `${platform} không cho ghi SKU`, en: `${platform} cannot write seller SKUs` }
      : { vi: 'việc ghi SKU đã bị tắt', en: 'writing seller SKUs was turned off' };
    const list = writes.map((w) => `${w.remoteId}: ${w.skus.sku}`).join(', ');
    return {
      outcome: 'sku-mismatch',
      message: `One listing per pack size: each listing must carry its pack's SKU and ${why.en}: type ${list} in the seller centre, then link again`,
      messageVi: `Mỗi quy cách một tin đăng: mỗi tin phải mang SKU của quy cách đó và ${why.vi}: nhập ${list} trong trang người bán rồi chạy link lại`,
    };
  }
  for (const write of writes) await adapter.setListingSkus!(write.remoteId, write.skus, callOptions);
  if (other && otherPack) {
    await store.deleteListing({ platform, account, sku: product.sku });
    await store.putListing({
      platform,
      account,
      sku: otherPack[0],
      remoteListingId: other.remoteListingId,
      variantRemoteIds: { [otherPack[0]]: otherPack[1] },
      contentHash: LINKED_CONTENT_HASH,
    });
  }
  await store.putListing({
    platform,
    account,
    sku: offerSku,
    remoteListingId: listing.remoteId,
    variantRemoteIds: { [offerSku]: variantId },
    contentHash: LINKED_CONTENT_HASH,
  });
  const others = [...(otherPack ? [`${otherPack[0]} → ${other!.remoteListingId}`] : [])];
  return {
    outcome: 'linked',
    ...(writes.length > 0 ? { skusWritten: writes.flatMap((w) => [w.skus.sku]) } : {}),
    message: `Linked per pack size: ${offerSku} → listing ${listing.remoteId}${others.length ? `, ${others.join(', ')}` : ''}; the next publish updates each listing with its own pack (name, price, stock) and creates none of them again`,
    messageVi: `Đã liên kết theo quy cách (mỗi quy cách một tin đăng): ${offerSku} → tin ${listing.remoteId}${others.length ? `, ${others.join(', ')}` : ''}; lần đăng tới cập nhật mỗi tin theo quy cách của nó (tên, giá, tồn kho), không tạo lại`,
  };
}

/**
 * Whether `match` proposed, for this product on this account, another listing still undecided that sells
 * one other pack of it alone (one listing per pack size): then this single-pack listing is linked per
 * pack, and the other pack waits for its own listing's decision.
 */
export async function packSiblingPending(
  store: StateStore,
  adapter: MarketplaceAdapter,
  product: Product,
  listing: ShopListing,
  variantLinks: Record<string, string>,
  shopListings: readonly ShopListing[],
): Promise<boolean> {
  if (listing.variants.length !== 1) return false;
  const offerSku = Object.values(variantLinks)[0];
  const record = await store.getLinkProposal({
    platform: adapter.platform,
    account: adapter.account,
    sku: product.sku,
  });
  const others = productOffers(product).filter((o) => o.sku !== offerSku);
  for (const pending of record?.pending ?? []) {
    if (pending.remoteId === listing.remoteId) continue;
    const sibling = shopListings.find((l) => l.remoteId === pending.remoteId);
    const variant = sibling?.variants.length === 1 ? sibling.variants[0]! : undefined;
    if (!sibling || !variant) continue;
    const own = variantQuantities(sibling, variant);
    const sells = (offer: (typeof others)[number]) =>
      (!!variant.sku && skuKey(variant.sku) === skuKey(offer.sku)) ||
      own.some((q) => offerPackSizes(product, offer.options).some((t) => sameQuantity(q, t)));
    if (others.some(sells)) return true;
  }
  return false;
}

/**
 * A listing variant another pack (or a multi-pack) than the offer it was paired with: what to do, said
 * for the product as it is — with variants the right variant SKU or an empty cell; without, only the
 * override or "new" (there is no other offer to pair it with, and an empty cell links nothing).
 */
export function packMismatchNote(
  product: Product,
  remoteId: string,
  variantId: string,
  label: string,
  offerSku: string,
  whyVi: string,
  whyEn: string,
): Note {
  const head = {
    vi: `Biến thể "${label}" (${variantId}) của tin đăng ${remoteId} ${whyVi}`,
    en: `Variant "${label}" (${variantId}) of listing ${remoteId} ${whyEn}`,
  };
  const override = {
    vi: `nếu tin này đúng là ${offerSku} (tin ghi sai quy cách), ghi "ghi đè" vào cột Quyết định (API: overridePackSize: true): tin được liên kết và lần đăng tới sửa tin theo danh mục`,
    en: `if this listing really is ${offerSku} (its pack is written wrong), write "ghi đè" (override) in the "Quyết định" column (API: overridePackSize: true): it is linked and the next publish rewrites it from the catalog`,
  };
  if (product.variants.length === 0)
    return {
      vi: `${head.vi}. ${product.sku} không có phân loại nào khác để ghép: ${override.vi}; nếu không phải ${product.sku}, ghi "tạo mới"`,
      en: `${head.en}. ${product.sku} has no other variant to pair it with: ${override.en}; if it is not ${product.sku}, write "tạo mới" (new)`,
    };
  return {
    vi: `${head.vi}: ghép với mã SKU phân loại đúng quy cách ở cột "Mã SKU phân loại", hoặc để trống ô đó (phân loại này không được liên kết); ${override.vi}`,
    en: `${head.en}: pair it with the variant SKU of its pack in "Mã SKU phân loại", or empty that cell (this variant is not linked); ${override.en}`,
  };
}
