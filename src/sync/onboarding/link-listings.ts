import { OcopConnectError } from '../../core/errors.js';
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
import { asOcopError } from '../publish/errors.js';
import type { OtherTenantListingsLookup } from '../publish/types.js';
import { offerPackSizes, skuKey } from './catalog-index.js';
import { downloadOwnShop } from './download.js';
import { multiPack, sameQuantity } from './listing-text.js';
import { settleProposals } from './proposals.js';
import type { LinkDecision, LinkListingsOptions, LinkListingsResult, LinkResultItem } from './types.js';
import { quantityText, variantQuantities } from './variant-pairing.js';

/**
 * The content hash of a linked listing: unknown (nothing published through the engine yet), so the next
 * `publish` sends a full update to the linked listing instead of creating a new one.
 */
export const LINKED_CONTENT_HASH = 'linked';

export interface LinkListingsInput extends LinkListingsOptions {
  marketplaces: readonly MarketplaceAdapter[];
  store: StateStore;
  /** Listings other tenants hold on shared accounts: never linked here (see `PublishOptions.otherTenantListings`). */
  otherTenantListings?: OtherTenantListingsLookup;
  decisions: readonly LinkDecision[];
  /** Validated catalog products: checks that linked SKUs exist and reports offers a listing lacks. */
  catalog?: readonly Product[];
  /** Why rows of the catalog were left out of `catalog`: a decision for one of them says so. */
  catalogIssues?: readonly ValidationIssue[];
}

/** A note in both languages: `vi` for the Vietnamese CLI, `en` for logs and the English CLI. */
interface Note {
  vi: string;
  en: string;
}

function failure(platform: string, message: string): OcopConnectError {
  return new OcopConnectError('invalid_request', message, {
    platform,
    operation: 'linkListings',
    retriable: false,
  });
}

/**
 * Records confirmed links in the store (listing records keyed by the catalog SKU, so `publish` updates
 * and stock sync covers them), writing the catalog's SKUs onto the platform listing first where they
 * differ and the platform allows it. Rejected and unknown listings are reported, never changed or deleted.
 * Per-item results: one failure never hides the others.
 */
export async function linkListings(input: LinkListingsInput): Promise<LinkListingsResult> {
  const { store, decisions } = input;
  const callOptions = input.signal ? { signal: input.signal } : {};
  // SKUs typed in a review sheet are compared as seller SKUs are (trimmed, case-folded): "vl-mo" is VL-MO.
  const products = new Map((input.catalog ?? []).map((p) => [skuKey(p.sku), p]));
  const shops = new Map<MarketplaceAdapter, Promise<Awaited<ReturnType<typeof downloadOwnShop>>>>();
  const shopOf = (adapter: MarketplaceAdapter) => {
    let shop = shops.get(adapter);
    if (!shop) {
      shop = downloadOwnShop(adapter, callOptions, input.otherTenantListings);
      shops.set(adapter, shop);
    }
    return shop;
  };
  const items: LinkResultItem[] = [];
  const claimed = new Set<string>();
  /** Listings linked per pack size in this run: they settle only their own proposal. */
  const perPack = new Set<string>();
  // Rejections first (#19 re-trial MEDIUM 2): a look-alike rejected in the same sheet as the product's
  // link is recorded as rejected for it (linking first settled the product's proposals, and the
  // rejection then found nothing to record: the next match called the look-alike a duplicate).
  const order = decisions
    .map((_, i) => i)
    .sort((a, b) => Number(decisions[a]!.accept) - Number(decisions[b]!.accept) || a - b);
  for (const at of order) {
    const decision = decisions[at]!;
    const adapter = input.marketplaces.find(
      (m) =>
        m.platform === decision.platform.trim().toLowerCase() &&
        (decision.account === undefined || m.account === decision.account),
    );
    const base = {
      platform: decision.platform,
      account: adapter?.account ?? decision.account ?? '',
      remoteId: decision.remoteId,
      ...(decision.productSku ? { productSku: decision.productSku } : {}),
    };
    if (!adapter) {
      const note = {
        vi: `Chưa cấu hình sàn "${decision.platform}"`,
        en: `No marketplace "${decision.platform}" is configured`,
      };
      items.push({
        ...base,
        outcome: 'failed',
        message: note.en,
        messageVi: note.vi,
        error: failure(decision.platform, note.en),
      });
      continue;
    }
    if (!decision.accept) {
      // A listing already linked stays linked: "new" cannot undo a link (publish would then list the
      // product a second time beside it). Said plainly instead of "not linked".
      const linkedAs = (await store.listListings(adapter.platform, adapter.account)).find(
        (r) => r.remoteListingId === decision.remoteId,
      );
      if (linkedAs) {
        const note = {
          vi: `Tin đăng ${decision.remoteId} đã được liên kết với ${linkedAs.sku} từ trước: "từ chối" không gỡ liên kết này. Liên kết vẫn giữ, tin đăng giữ nguyên; lần đăng tới cập nhật tin này, không tạo ${linkedAs.sku} lần nữa`,
          en: `Listing ${decision.remoteId} was already linked to ${linkedAs.sku}: "new" does not undo that link. The link stays and the listing is left as it is; the next publish updates it and does not create ${linkedAs.sku} again`,
        };
        items.push({
          ...base,
          productSku: linkedAs.sku,
          outcome: 'failed',
          message: note.en,
          messageVi: note.vi,
          error: failure(adapter.platform, note.en),
        });
        continue;
      }
      // "Not this product": the listing is left as it is, and no longer holds the product back.
      const released = await settleProposals(
        store,
        adapter.platform,
        adapter.account,
        decision.remoteId,
        'rejected',
      );
      const still = new Set<string>();
      for (const record of await store.listLinkProposals(adapter.platform, adapter.account))
        if (released.includes(record.sku) && record.pending.length > 0) still.add(record.sku);
      // An inactive product is never created, whatever a listing holds (#19 re-trial LOW 7).
      const inactive = released.filter(
        (sku) => !still.has(sku) && products.get(skuKey(sku))?.status === 'inactive',
      );
      const free = released.filter((sku) => !still.has(sku) && !inactive.includes(sku));
      const notes = [
        free.length > 0 && {
          vi: `${free.join(', ')} không còn chờ tin này: lần đăng tới sẽ tạo mới`,
          en: `${free.join(', ')} no longer ${free.length === 1 ? 'waits' : 'wait'} for this listing: the next publish creates ${free.length === 1 ? 'it' : 'them'}`,
        },
        inactive.length > 0 && {
          vi: `${inactive.join(', ')} đang ngừng bán (inactive) trong danh mục: không được tạo mới`,
          en: `${inactive.join(', ')} ${inactive.length === 1 ? 'is' : 'are'} inactive in the catalog: not created`,
        },
        still.size > 0 && {
          vi: `${[...still].join(', ')} vẫn chờ quyết định cho tin đăng khác`,
          en: `${[...still].join(', ')} still ${still.size === 1 ? 'awaits' : 'await'} a decision on another listing`,
        },
      ].filter((n): n is Note => !!n);
      items.push({
        ...base,
        outcome: 'rejected',
        message: ['Not linked: the listing stays as it is (never deleted)', ...notes.map((n) => n.en)].join(
          '; ',
        ),
        messageVi: ['Không liên kết: tin đăng giữ nguyên (không bị xoá)', ...notes.map((n) => n.vi)].join(
          '; ',
        ),
      });
      continue;
    }
    const shop = await shopOf(adapter);
    if (shop.result.error || shop.result.unsupported) {
      const error =
        shop.result.error ?? failure(adapter.platform, `${adapter.platform} cannot download listings`);
      items.push({
        ...base,
        outcome: 'failed',
        message: error.message,
        messageVi: shop.result.error
          ? `Không tải được tin đăng từ ${adapter.platform}: ${error.message}`
          : `${adapter.platform} không cho tải tin đăng`,
        error,
      });
      continue;
    }
    if (shop.otherIds.has(decision.remoteId)) {
      const where = `${adapter.platform}/${adapter.account}`;
      // A new listing under a SKU the other cooperative lists there would be held again: change the SKU.
      const taken = !!decision.productSku && shop.otherSkus.has(decision.productSku);
      const note = {
        vi: `Không liên kết: tin đăng ${decision.remoteId} trên tài khoản dùng chung ${where} là của một HTX khác của hub (do ocop-connect tạo hoặc liên kết cho HTX đó). Sản phẩm ${decision.productSku ?? ''} cần tin đăng riêng: ${taken ? `đổi mã SKU (SKU ${decision.productSku} đã được HTX khác đăng trên tài khoản này, tạo mới sẽ bị giữ lại), rồi trả lời "tạo mới"` : 'trả lời "tạo mới"'}`,
        en: `Not linked: listing ${decision.remoteId} on the shared account ${where} belongs to another cooperative of this hub (created or linked by ocop-connect for it). Product ${decision.productSku ?? ''} needs a listing of its own: ${taken ? `change the SKU (đổi mã SKU: another cooperative lists ${decision.productSku} on this account, so a create would be held again), then answer "new"` : 'answer "new"'}`,
      };
      items.push({
        ...base,
        outcome: 'failed',
        message: note.en,
        messageVi: note.vi,
        error: failure(adapter.platform, note.en),
      });
      continue;
    }
    const listing = shop.listings.find((l) => l.remoteId === decision.remoteId);
    try {
      const item = await linkOne(
        adapter,
        store,
        decision,
        listing,
        shop.listings,
        products,
        input.catalogIssues ?? [],
        claimed,
        perPack,
        input.setSellerSku !== false,
        callOptions,
      );
      // Linked per pack: the product's other pack listings still await their own decision (#19 re-trial).
      if (item.outcome === 'linked')
        await settleProposals(store, adapter.platform, adapter.account, decision.remoteId, {
          linkedTo: item.productSku!,
          ...(perPack.has(decision.remoteId) ? { perPack: true } : {}),
        });
      items.push(item);
    } catch (error) {
      const failed = asOcopError(error, adapter.platform, 'linkListings');
      items.push({
        ...base,
        outcome: 'failed',
        message: failed.message,
        messageVi: `Lỗi từ ${adapter.platform}: ${failed.message}`,
        error: failed,
      });
    }
  }
  await store.flush();
  // One item per decision, in the decisions' order.
  if (items.length === decisions.length) {
    const inOrder: LinkResultItem[] = new Array(items.length);
    order.forEach((at, k) => {
      inOrder[at] = items[k]!;
    });
    items.splice(0, items.length, ...inOrder);
  }

  const linkedIds = new Set<string>();
  for (const adapter of shops.keys())
    for (const record of await store.listListings(adapter.platform, adapter.account))
      linkedIds.add(`${adapter.platform}\u0000${adapter.account}\u0000${record.remoteListingId}`);
  const unlinkedListings: LinkListingsResult['unlinkedListings'] = [];
  for (const [adapter, shop] of shops) {
    for (const listing of (await shop).listings) {
      if (!linkedIds.has(`${adapter.platform}\u0000${adapter.account}\u0000${listing.remoteId}`))
        unlinkedListings.push({
          platform: adapter.platform,
          account: adapter.account,
          remoteId: listing.remoteId,
          title: listing.title,
        });
    }
  }
  return {
    ok: items.every((i) => i.outcome === 'linked' || i.outcome === 'rejected'),
    items,
    unlinkedListings,
  };
}

async function linkOne(
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
        return fail(
          packMismatchNote(
            product,
            listing.remoteId,
            variantId,
            label,
            offerSku,
            `khác quy cách với ${offerSku} (${sizes})`,
            `is another pack size than ${offerSku} (${sizes})`,
          ),
        );
      }
      const packs =
        sameSku || decision.overridePackSize
          ? undefined
          : multiPack(`${listing.title} ${Object.values(variant.options).join(' ')}`);
      if (packs)
        return fail(
          packMismatchNote(
            product,
            listing.remoteId,
            variantId,
            label,
            offerSku,
            `bán nhiều gói một lần ("${packs}"), không phải ${offerSku}`,
            `sells several packs as one ("${packs}"), not ${offerSku}`,
          ),
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

/**
 * One listing per pack size (#19 trial 5): a listing selling exactly one pack of a product whose other
 * pack another single-pack listing of the account already sells (linked earlier, or just before in
 * this batch). Both are then linked per pack: a listing record keyed by each pack's SKU (the product has
 * none there), so `publish` updates each listing with its own pack and stock sync covers each. Undefined
 * when this is not such a link (the product is linked as a whole, or not yet): the ordinary rules apply.
 */
async function linkPack(
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

/**
 * Whether `match` proposed, for this product on this account, another listing still undecided that sells
 * one other pack of it alone (one listing per pack size): then this single-pack listing is linked per
 * pack, and the other pack waits for its own listing's decision.
 */
async function packSiblingPending(
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
function packMismatchNote(
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
