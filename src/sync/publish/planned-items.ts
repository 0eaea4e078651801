import { OcopConnectError, ValidationError } from '../../core/errors.js';
import type { ImageError } from '../../images/errors.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { CategoryMapping, MarketplaceAdapter } from '../../platforms/types.js';
import type { ListingRecord, PendingLinkProposal } from '../../store/state-store.js';
import { unmappedCategoryIssue } from './category-resolver.js';
import { type ListingPlan, NO_CHANGES } from './plan.js';
import type { PublishItemResult } from './types.js';

/* Results and issues the planner settles without sending anything. */

export function imageIssue(product: Product, index: number, error: unknown): ValidationIssue {
  // An ImageError's own text in each language ("không tìm thấy tệp ảnh: …"), never one raw text in both.
  const reason =
    error instanceof OcopConnectError
      ? { vi: error.messageVi, en: error.messageEn }
      : {
          vi: String(error instanceof Error ? error.message : error),
          en: String(error instanceof Error ? error.message : error),
        };
  return {
    path: `images.${index}`,
    value: product.images[index],
    code: 'image.unreadable',
    messageVi: `Không đọc được ảnh số ${index + 1}: ${reason.vi}`,
    messageEn: `Image ${index + 1} cannot be read: ${reason.en}`,
    sku: product.sku,
  };
}

/**
 * The listing as the platforms should hold an inactive product: the same content with nothing left to
 * sell. Marketplaces have no common "hidden" state, so going inactive and coming back are stock-only
 * changes (status stays out of the content fingerprint, or both moves would resend the whole listing).
 */
export function offSale(product: Product): Product {
  return {
    ...product,
    status: 'active',
    ...(product.stock !== undefined ? { stock: 0 } : {}),
    variants: product.variants.map((v) => ({ ...v, stock: 0 })),
  };
}

/** An item settled while planning: skipped, nothing changed, with its outcome (and issues or error). */
export function skippedItem(
  sku: string,
  adapter: MarketplaceAdapter,
  row: number,
  settled: Omit<PublishItemResult, 'sku' | 'platform' | 'account' | 'row' | 'action' | 'changes'>,
): PublishItemResult {
  return {
    sku,
    platform: adapter.platform,
    account: adapter.account,
    row,
    action: 'skip',
    changes: NO_CHANGES,
    ...settled,
  };
}

/** An inactive product that no platform has: nothing to do, nothing sent. */
export function notListedItem(sku: string, adapter: MarketplaceAdapter, row: number): PublishItemResult {
  return skippedItem(sku, adapter, row, { outcome: 'unchanged' });
}

/** Not planned: the platform could not be reached by a read this item needed (one error per platform). */
export function unreachableItem(
  sku: string,
  adapter: MarketplaceAdapter,
  row: number,
  error: OcopConnectError,
): PublishItemResult {
  return skippedItem(sku, adapter, row, { outcome: 'failed', error });
}

/**
 * The issue of an image the platform's spec refuses (too small, not an image) or that cannot be
 * loaded (host unreachable, timeout): the ImageError's own bilingual text, naming the image.
 */
export function imageSpecIssue(
  error: ImageError,
  sku: string,
  row: number,
  platform: string,
  index?: number,
): ValidationIssue {
  return {
    path: index === undefined ? 'images' : `images.${index}`,
    ...(error.source !== undefined ? { value: error.source } : {}),
    code: `image.${error.code.toLowerCase()}`,
    messageVi: error.messageVi,
    messageEn: error.messageEn,
    sku,
    row,
    platform,
    rule: 'image',
  };
}

/** A product not created because listings proposed for it by `match` await a link decision. */
export function heldItem(
  sku: string,
  adapter: MarketplaceAdapter,
  row: number,
  pending: readonly PendingLinkProposal[],
): PublishItemResult {
  const listings = pending.map((p) => `${p.remoteId} "${p.title}" (${Math.round(p.confidence * 100)}%)`);
  // Below the threshold is still "perhaps": said so, so nobody reads the hold as a mistake.
  const below = pending.some((p) => p.belowThreshold);
  const belowVi = below ? ' (dưới ngưỡng đề xuất, nhưng trùng SKU hoặc tên)' : '';
  const belowEn = below ? ' (below the proposal threshold, but sharing its SKU or name words)' : '';
  return skippedItem(sku, adapter, row, {
    outcome: 'held',
    issues: [
      {
        path: 'sku',
        code: 'link.pending',
        value: sku,
        sku,
        row,
        platform: adapter.platform,
        messageVi: `chờ xác nhận liên kết: tin đăng ${listings.join(', ')} trên ${adapter.platform}${belowVi} có thể chính là sản phẩm này — chưa tạo mới. Ghi "đồng ý" (liên kết) hoặc "tạo mới" (không phải sản phẩm này) vào bảng đối chiếu rồi chạy link`,
        messageEn: `awaiting link decision: listing ${listings.join(', ')} on ${adapter.platform}${belowEn} may be this product — not created. Write "đồng ý" (link) or "tạo mới" (new: not this product) in the review sheet, then run link`,
      },
    ],
  });
}

export function invalidItem(
  sku: string,
  adapter: MarketplaceAdapter,
  row: number,
  issues: ValidationIssue[],
  error: ValidationError,
): PublishItemResult {
  return skippedItem(sku, adapter, row, { outcome: 'invalid', issues, error });
}

/** The adapter's own listing rules, plus "no category" when the category map has nothing for it. */
export function listingIssues(
  adapter: MarketplaceAdapter,
  product: Product,
  mapping: CategoryMapping | undefined,
  row: number,
): ValidationIssue[] {
  const issues: ValidationIssue[] = adapter.checkListing(product, mapping).map((issue) => ({
    ...issue,
    platform: issue.platform ?? adapter.platform,
    sku: issue.sku ?? product.sku,
    row: issue.row ?? row,
  }));
  if (!mapping && !issues.some((i) => i.path.startsWith('category') || i.code.startsWith('category'))) {
    issues.push({ ...unmappedCategoryIssue(product, adapter.platform), row });
  }
  return issues;
}

/** A listing not sent: nothing changed, or a dry run's plan (with the ids of the listing it would update). */
export function plannedItem(
  sku: string,
  adapter: MarketplaceAdapter,
  row: number,
  plan: ListingPlan,
  previous: ListingRecord | undefined,
): PublishItemResult {
  const item: PublishItemResult = {
    sku,
    platform: adapter.platform,
    account: adapter.account,
    row,
    action: plan.action,
    changes: plan.changes,
    outcome: plan.action === 'unchanged' ? 'unchanged' : 'planned',
  };
  // Assigned, not spread: a 100k-row dry run keeps 200k of these, in V8's compact object shape.
  if (previous) {
    item.remoteId = previous.remoteListingId;
    item.variantRemoteIds = previous.variantRemoteIds;
  }
  return item;
}

/** A product refused by the target's listing rules (or with no category there): nothing sent to it. */
export function listingRulesRefusal(
  row: number,
  sku: string,
  platform: string,
  issues: ValidationIssue[],
): ValidationError {
  return new ValidationError(
    {
      vi: `Dòng ${row} (${sku}) không đạt quy tắc đăng tin của ${platform}`,
      en: `Row ${row} (${sku}) does not meet ${platform}'s listing rules`,
    },
    issues,
    { platform },
  );
}

/**
 * A row refused before anything is sent: which row and SKU, then each field with its reason, in
 * Vietnamese and in English (`priceVnd: Giá phải là …; category: Trường "category" không có …`).
 */
export function rowRefusal(
  row: number,
  sku: string,
  issues: readonly ValidationIssue[],
  what: { vi: string; en: string },
): ValidationError {
  const field = (issue: ValidationIssue, lang: 'vi' | 'en') =>
    `${issue.path || (lang === 'vi' ? 'sản phẩm' : 'product')}: ${lang === 'vi' ? issue.messageVi : issue.messageEn}`;
  const of = sku ? ` (SKU ${sku})` : '';
  return new ValidationError(
    {
      vi: `Dòng ${row}${of} ${what.vi}, không gửi gì: ${issues.map((i) => field(i, 'vi')).join('; ')}`,
      en: `Row ${row}${of} ${what.en}, nothing sent: ${issues.map((i) => field(i, 'en')).join('; ')}`,
    },
    issues,
  );
}

/**
 * A product whose SKU this account already lists spelt in another letter case: refused on that platform
 * (nothing created), both SKUs named — a marketplace would hold the same product twice (#18).
 */
export function otherCaseItem(
  product: Product,
  adapter: MarketplaceAdapter,
  row: number,
  clash: { sku: string; listed: string },
): PublishItemResult {
  return skuClashItem(
    product,
    adapter,
    row,
    clash.sku,
    {
      vi: `Mã SKU ${clash.sku} trùng với tin đăng ${clash.listed} đã có trên ${adapter.platform} (chỉ khác chữ hoa/chữ thường): không tạo tin đăng thứ hai — dùng đúng mã ${clash.listed}`,
      en: `SKU ${clash.sku} equals the listing ${clash.listed} already on ${adapter.platform} ignoring letter case: no second listing created — use ${clash.listed} as written`,
    },
    { vi: `không tạo được trên ${adapter.platform}`, en: `cannot be created on ${adapter.platform}` },
  );
}

/** A create or an update refused for a SKU clash: one `sku.duplicate` issue, nothing sent (#18). */
function skuClashItem(
  product: Product,
  adapter: MarketplaceAdapter,
  row: number,
  sku: string,
  text: { vi: string; en: string },
  outcome: { vi: string; en: string },
): PublishItemResult {
  const issue: ValidationIssue = {
    path: sku === product.sku ? 'sku' : 'variants.sku',
    value: sku,
    code: 'sku.duplicate',
    messageVi: text.vi,
    messageEn: text.en,
    sku: product.sku,
    platform: adapter.platform,
    row,
  };
  return invalidItem(product.sku, adapter, row, [issue], rowRefusal(row, product.sku, [issue], outcome));
}

/**
 * An update whose SKU clashes with the account's listing records (`AccountReads.updateSkuClash`):
 * refused on that platform, nothing sent, both SKUs named (#18). Another product's SKU would be sold
 * in two listings; a change of letter case only would leave stock and orders of the old spelling
 * finding nothing (the platforms keep SKUs case-sensitively) — a rename must be explicit.
 */
export function updateSkuClashItem(
  product: Product,
  adapter: MarketplaceAdapter,
  row: number,
  clash: { sku: string; listed: string; owner: string },
): PublishItemResult {
  const { sku, listed, owner } = clash;
  const platform = adapter.platform;
  const own = owner === product.sku;
  const heldBy = owner === listed ? '' : ` (${owner})`;
  const heldByVi = owner === listed ? '' : ` (sản phẩm ${owner})`;
  const same = sku === listed;
  return skuClashItem(
    product,
    adapter,
    row,
    sku,
    {
      vi: own
        ? `Mã SKU ${sku} chỉ khác chữ hoa/chữ thường với mã ${listed} mà tin đăng của ${product.sku} trên ${platform} đang giữ: sàn phân biệt chữ hoa/thường, tồn kho và đơn hàng của ${listed} sẽ không còn tìm thấy — giữ đúng mã ${listed}, hoặc đổi mã một cách tường minh`
        : `Mã SKU ${sku} ${same ? 'trùng với' : 'trùng (chỉ khác chữ hoa/chữ thường) với'} mã ${listed} mà tin đăng khác${heldByVi} trên ${platform} đang giữ: không cập nhật ${product.sku} — một SKU không được bán ở hai tin đăng`,
      en: own
        ? `SKU ${sku} differs only in letter case from ${listed}, which the listing of ${product.sku} on ${platform} holds: the platform keeps SKUs case-sensitively, so stock and orders of ${listed} would find nothing — keep ${listed} as written, or rename the SKU explicitly`
        : `SKU ${sku} ${same ? 'equals' : 'equals, ignoring letter case,'} ${listed}, which another listing${heldBy} on ${platform} holds: ${product.sku} not updated — one SKU is never sold in two listings`,
    },
    { vi: `không cập nhật được trên ${platform}`, en: `cannot be updated on ${platform}` },
  );
}
