import type { Product } from '../../model/product.js';
import { productOffers } from '../../model/product.js';
import {
  bundleIssues,
  componentSpelling,
  spellComponents,
  type ValidationIssue,
} from '../../model/validation.js';
import type { ListingSkuAssignment, MarketplaceAdapter, ShopListing } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import { offerPackSizes, skuKey } from './catalog-index.js';
import { linkPack, packMismatchNote, packSiblingPending } from './link-pack.js';
import { failure, LINKED_CONTENT_HASH, type Note } from './link-result.js';
import { multiPack, sameQuantity } from './listing-text.js';
import type { LinkDecision, LinkResultItem } from './types.js';
import { quantityText, variantQuantities } from './variant-pairing.js';

export async function linkOne(
  adapter: MarketplaceAdapter,
  store: StateStore,
  decision: LinkDecision,
  listing: ShopListing | undefined,
  shopListings: readonly ShopListing[],
  products: ReadonlyMap<string, Product>,
  catalogIssues: readonly ValidationIssue[],
  claimed: Set<string>,
  perPack: Set<string>,
  mayWriteSkus: boolean,
  callOptions: { signal?: AbortSignal },
): Promise<LinkResultItem> {
  const { platform, account } = adapter;
  const base = {
    platform,
    account,
    remoteId: decision.remoteId,
    ...(decision.productSku
      ? { productSku: products.get(skuKey(decision.productSku))?.sku ?? decision.productSku }
      : {}),
  };
  const fail = (note: Note): LinkResultItem => ({
    ...base,
    outcome: 'failed',
    message: note.en,
    messageVi: note.vi,
    error: failure(platform, note.en),
  });
  if (!listing)
    return fail({
      vi: `Tin đăng ${decision.remoteId} không có trong cửa hàng trên ${platform}`,
      en: `Listing ${decision.remoteId} is not in the ${platform} shop`,
    });
  if (!decision.productSku?.trim())
    return fail({
      vi: `Tin đăng ${decision.remoteId}: cần mã sản phẩm trong danh mục để liên kết`,
      en: `Listing ${decision.remoteId}: an accepted link needs a catalog product SKU`,
    });
  const product = products.get(skuKey(decision.productSku));
  // A row the catalog refused (an invalid gift box, #19 re-trial MEDIUM 4): why, not "not in the catalog".
  const refused = catalogIssues.filter((i) => i.sku && skuKey(i.sku) === skuKey(decision.productSku!));
  if (!product && refused.length > 0)
    return fail({
      vi: `Sản phẩm ${decision.productSku} không hợp lệ trong danh mục nên không được liên kết: ${refused.map((i) => `${i.path} "${String(i.value ?? '')}": ${i.messageVi}`).join('; ')}. Sửa danh mục rồi chạy link lại`,
      en: `Product ${decision.productSku} is invalid in the catalog, so it is not linked: ${refused.map((i) => `${i.path} "${String(i.value ?? '')}": ${i.messageEn}`).join('; ')}. Fix the catalog, then link again`,
    });
  if (products.size > 0 && !product)
    return fail({
      vi: `Sản phẩm ${decision.productSku} không có trong danh mục`,
      en: `Product ${decision.productSku} is not in the catalog`,
    });
  // The catalog's spelling from here on ("vl-mo" typed in the sheet links and writes VL-MO).
  const productSku = product?.sku ?? decision.productSku;
  // An invalid gift box is never linked: publish would refuse it, and an order of it would reserve
  // some of its components and not others (#19 re-trial MEDIUM 4).
  const boxIssues = product?.bundle ? giftBoxIssues(product, products) : [];
  if (boxIssues.length > 0)
    return fail({
      vi: `Hộp quà ${productSku} không hợp lệ nên không được liên kết: ${boxIssues.map((i) => `${i.path} "${String(i.value)}": ${i.messageVi}`).join('; ')}. Sửa danh mục rồi chạy link lại`,
      en: `Gift box ${productSku} is invalid, so it is not linked: ${boxIssues.map((i) => `${i.path} "${String(i.value)}": ${i.messageEn}`).join('; ')}. Fix the catalog, then link again`,
    });
  const canonicalOffer = new Map(product ? productOffers(product).map((o) => [skuKey(o.sku), o.sku]) : []);

  // Variant links: as decided, else the obvious one (one variant ↔ a product without variants).
  let variantLinks = Object.fromEntries(
    Object.entries(decision.variants ?? {}).map(([id, sku]) => [id, canonicalOffer.get(skuKey(sku)) ?? sku]),
  );
  if (
    Object.keys(variantLinks).length === 0 &&
    listing.variants.length === 1 &&
    (!product || product.variants.length === 0)
  ) {
    variantLinks = { [listing.variants[0]!.remoteId]: productSku };
  }
  const offerSkus = new Set(product ? productOffers(product).map((o) => o.sku) : []);
  const seen = new Set<string>();
  for (const [variantId, offerSku] of Object.entries(variantLinks)) {
    if (!listing.variants.some((v) => v.remoteId === variantId))
      return fail({
        vi: `Tin đăng ${listing.remoteId} không có biến thể ${variantId}`,
        en: `Listing ${listing.remoteId} has no variant ${variantId}`,
      });
    if (product && !offerSkus.has(offerSku))
      return fail({
        vi: `${offerSku} không phải mã SKU của sản phẩm ${productSku}`,
        en: `${offerSku} is not a SKU of product ${productSku}`,
      });
    if (product) {
      // A listing pack of another size, or several packs sold as one, is not this offer: linking it
      // would sell (and count stock of) one pack as the other.
      const variant = listing.variants.find((v) => v.remoteId === variantId)!;
      const offer = productOffers(product).find((o) => o.sku === offerSku)!;
      const label = Object.values(variant.options).join(' / ') || listing.title;
      const packMismatch = (vi: string, en: string) =>
        fail(packMismatchNote(product, listing.remoteId, variantId, label, offerSku, vi, en));
      const sameSku = !!variant.sku && skuKey(variant.sku) === skuKey(offerSku);
      const own = variantQuantities(listing, variant);
      const theirs = offerPackSizes(product, offer.options);
      if (
        !sameSku &&
        !decision.overridePackSize &&
        own.length > 0 &&
        theirs.length > 0 &&
        !own.some((q) => theirs.some((t) => sameQuantity(q, t)))
      ) {
        const sizes = `${own.map(quantityText).join(', ')} ≠ ${theirs.map(quantityText).join(', ')}`;
        return packMismatch(
          `khác quy cách với ${offerSku} (${sizes})`,
          `is another pack size than ${offerSku} (${sizes})`,
        );
      }
      const packs =
        sameSku || decision.overridePackSize
          ? undefined
          : multiPack(`${listing.title} ${Object.values(variant.options).join(' ')}`);
      if (packs)
        return packMismatch(
          `bán nhiều gói một lần ("${packs}"), không phải ${offerSku}`,
          `sells several packs as one ("${packs}"), not ${offerSku}`,
        );
    }
    if (seen.has(offerSku))
      return fail({
        vi: `${offerSku} được gán cho hai biến thể của tin đăng ${listing.remoteId}`,
        en: `${offerSku} is linked to two variants of listing ${listing.remoteId}`,
      });
    seen.add(offerSku);
  }
  if (seen.size === 0)
    return fail({
      vi: `Tin đăng ${listing.remoteId}: không biến thể nào được gán mã SKU trong danh mục`,
      en: `Listing ${listing.remoteId}: no variant is linked to a catalog SKU`,
    });
  if (product && productOffers(product).length > 1 && seen.size === 1) {
    const sibling = await packSiblingPending(store, adapter, product, listing, variantLinks, shopListings);
    const pack = await linkPack(
      adapter,
      store,
      listing,
      product,
      variantLinks,
      sibling,
      mayWriteSkus,
      callOptions,
    );
    if (pack) {
      claimed.add(`${platform}\u0000${account}\u0000${productSku}`);
      if (pack.outcome !== 'linked') return { ...base, productSku, ...pack };
      perPack.add(listing.remoteId);
      // The other packs are sold (or will be) by listings of their own: none is missing from this one.
      const { unlinkedVariants } = leftOut(listing, variantLinks, offerSkus, seen);
      return { ...base, productSku, ...pack, ...(unlinkedVariants ? { unlinkedVariants } : {}) };
    }
  }
  const key = `${platform}\u0000${account}\u0000${productSku}`;
  const existing = await store.getListing({ platform, account, sku: productSku });
  if (claimed.has(key) || (existing && existing.remoteListingId !== listing.remoteId)) {
    const other = existing?.remoteListingId;
    const where = other ? `tin đăng ${other}` : 'một tin đăng khác trong cùng bảng';
    const whereEn = other ? `listing ${other}` : 'another listing of the same sheet';
    return fail({
      vi: `Sản phẩm ${productSku} đã được liên kết với ${where} trên ${platform} (mỗi sản phẩm chỉ liên kết một tin đăng mỗi tài khoản). Tin ${listing.remoteId} không được liên kết và giữ nguyên trên sàn (không bị xoá); nếu là tin trùng, ghi "từ chối"`,
      en: `Product ${productSku} is already linked to ${whereEn} on ${platform} (one listing per product and account). Listing ${listing.remoteId} is not linked and stays on the platform as it is (never deleted); if it is a duplicate, mark it "new"`,
    });
  }
  for (const other of await store.listListings(platform, account)) {
    if (other.remoteListingId === listing.remoteId && other.sku !== productSku)
      return fail({
        vi: `Tin đăng ${listing.remoteId} đã được liên kết với sản phẩm ${other.sku} từ trước: không đổi sang ${productSku}. Liên kết cũ vẫn giữ`,
        en: `Listing ${listing.remoteId} is already linked to product ${other.sku}: not moved to ${productSku}. The earlier link stays`,
      });
  }
  // The same link again (a review sheet run twice): what publish recorded since stays.
  const sameLink =
    existing !== undefined &&
    Object.keys(variantLinks).length === Object.keys(existing.variantRemoteIds).length &&
    Object.entries(variantLinks).every(
      ([variantId, offerSku]) => existing.variantRemoteIds[offerSku] === variantId,
    );
  if (
    sameLink &&
    listing.sku === productSku &&
    listing.variants.every(
      (v) => variantLinks[v.remoteId] === undefined || v.sku === variantLinks[v.remoteId],
    )
  ) {
    claimed.add(key);
    return {
      ...base,
      productSku,
      outcome: 'linked',
      ...leftOut(listing, variantLinks, offerSkus, seen),
      message: `Already linked to ${productSku}: nothing changed`,
      messageVi: `Đã liên kết với ${productSku} từ trước: không có gì thay đổi`,
    };
  }

  const wanted: ListingSkuAssignment = {
    sku: productSku,
    variants: listing.variants.flatMap((v) => {
      const sku = variantLinks[v.remoteId] ?? v.sku;
      return sku ? [{ remoteId: v.remoteId, sku }] : [];
    }),
  };
  const differs =
    listing.sku !== productSku ||
    listing.variants.some(
      (v) => variantLinks[v.remoteId] !== undefined && v.sku !== variantLinks[v.remoteId],
    );
  let skusWritten: string[] | undefined;
  if (differs) {
    if (!mayWriteSkus || !adapter.capabilities.sellerSkuUpdate || !adapter.setListingSkus) {
      const why = mayWriteSkus
        ? { vi: `${platform} không cho ghi SKU`, en: `${platform} cannot write seller SKUs` }
        : { vi: 'việc ghi SKU đã bị tắt', en: 'writing seller SKUs was turned off' };
      const skus = [wanted.sku, ...wanted.variants.map((v) => v.sku)].join(', ');
      return {
        ...base,
        outcome: 'sku-mismatch',
        message: `The listing's SKUs differ from the catalog's and ${why.en}: type ${skus} in the seller centre, then link again`,
        messageVi: `SKU của tin đăng khác danh mục và ${why.vi}: nhập ${skus} trong trang người bán rồi chạy link lại`,
      };
    }
    await adapter.setListingSkus(listing.remoteId, wanted, callOptions);
    skusWritten = [wanted.sku, ...wanted.variants.map((v) => v.sku)];
  }

  const variantRemoteIds: Record<string, string> = {};
  for (const [variantId, offerSku] of Object.entries(variantLinks)) variantRemoteIds[offerSku] = variantId;
  await store.putListing({
    platform,
    account,
    sku: productSku,
    remoteListingId: listing.remoteId,
    variantRemoteIds,
    // Linked again with the same variants (only SKUs rewritten): the content publish last sent stands.
    contentHash: sameLink && existing ? existing.contentHash : LINKED_CONTENT_HASH,
  });
  claimed.add(key);
  return {
    ...base,
    productSku,
    outcome: 'linked',
    ...(skusWritten ? { skusWritten } : {}),
    ...leftOut(listing, variantLinks, offerSkus, seen),
    ...(decision.overridePackSize
      ? {
          message: `Linked to ${productSku} as decided ("override"), whatever pack size the listing shows: the next publish rewrites the listing from the catalog (name, pack, price, stock)`,
          messageVi: `Đã liên kết với ${productSku} theo quyết định "ghi đè", dù tin đăng ghi quy cách khác: lần đăng tới sẽ sửa tin theo danh mục (tên, quy cách, giá, tồn kho)`,
        }
      : {
          message: `Linked listing ${listing.remoteId} to ${productSku}: the next publish updates it from the catalog and does not create ${productSku} again; stock sync covers it`,
          messageVi: `Đã liên kết tin ${listing.remoteId} với ${productSku}: lần đăng tới cập nhật tin theo danh mục, không tạo ${productSku} lần nữa; đồng bộ tồn kho áp dụng cho tin này`,
        }),
  };
}

/** A gift box's component issues against the catalog given to `linkListings` (the rules of `validateCatalog`). */
function giftBoxIssues(product: Product, products: ReadonlyMap<string, Product>): ValidationIssue[] {
  const all = [...products.values()];
  const owners = new Set(all.flatMap((p) => [p.sku, ...p.variants.map((v) => v.sku)]));
  const box = {
    ...product,
    bundle: { ...product.bundle!, components: product.bundle!.components.map((c) => ({ ...c })) },
  };
  spellComponents(box, componentSpelling(owners));
  return bundleIssues(
    box,
    {
      known: (sku) => owners.has(sku),
      bundles: new Set(all.filter((p) => p.bundle).map((p) => p.sku)),
      variantsOf: new Map(
        all.filter((p) => p.variants.length > 0).map((p) => [p.sku, p.variants.map((v) => v.sku)]),
      ),
    },
    0,
  );
}

/** Listing variants the link leaves out, and catalog offers the listing lacks. */
function leftOut(
  listing: ShopListing,
  variantLinks: Record<string, string>,
  offerSkus: ReadonlySet<string>,
  seen: ReadonlySet<string>,
): Pick<LinkResultItem, 'unlinkedVariants' | 'missingOffers'> {
  const unlinkedVariants = listing.variants
    .filter((v) => variantLinks[v.remoteId] === undefined)
    .map((v) => v.remoteId);
  const missingOffers = [...offerSkus].filter((sku) => !seen.has(sku));
  return {
    ...(unlinkedVariants.length > 0 ? { unlinkedVariants } : {}),
    ...(missingOffers.length > 0 ? { missingOffers } : {}),
  };
}
