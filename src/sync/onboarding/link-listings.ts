import { A_LIST, A_STORE, checkOptionTable } from '../../core/argument-guards.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import { asOcopError } from '../publish/errors.js';
import type { OtherTenantListingsLookup } from '../publish/types.js';
import { skuKey } from './catalog-index.js';
import { downloadOwnShop } from './download.js';
import { linkOne } from './link-one.js';
import { failure, type Note } from './link-result.js';
import { settleProposals } from './proposals.js';
import type { LinkDecision, LinkListingsOptions, LinkListingsResult, LinkResultItem } from './types.js';

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

/**
 * Records confirmed links in the store (listing records keyed by the catalog SKU, so `publish` updates
 * and stock sync covers them), writing the catalog's SKUs onto the platform listing first where they
 * differ and the platform allows it. Rejected and unknown listings are reported, never changed or deleted.
 * Per-item results: one failure never hides the others.
 */
export async function linkListings(input: LinkListingsInput): Promise<LinkListingsResult> {
  checkOptionTable(input, { store: A_STORE, marketplaces: A_LIST, decisions: A_LIST }, 'input');
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
