import { searchKey } from '../../vn/text.js';

/**
 * The review spreadsheet of `ocop-connect match` / `link`: one row per listing variant (catalog row ↔
 * platform listing), the proposal, its confidence and reasons, and a "Quyết định" column a person fills
 * with one of `DECISION_WORDS` (case and accents do not matter): link, new (not this product; the
 * listing is left alone and `publish` may create the product) or later (left undecided: `publish` keeps
 * holding the product back). Any other value is refused. The catalog SKU cells may be corrected before
 * linking.
 */
export const REVIEW_COLUMNS = {
  platform: { vi: 'Sàn', en: 'platform' },
  account: { vi: 'Tài khoản', en: 'account' },
  listingId: { vi: 'Mã tin đăng', en: 'listing_id' },
  title: { vi: 'Tên trên sàn', en: 'listing_title' },
  variantId: { vi: 'Mã biến thể trên sàn', en: 'listing_variant_id' },
  variantLabel: { vi: 'Phân loại trên sàn', en: 'listing_variant' },
  remoteSku: { vi: 'SKU trên sàn', en: 'listing_sku' },
  productSku: { vi: 'Mã sản phẩm', en: 'product_sku' },
  offerSku: { vi: 'Mã SKU phân loại', en: 'variant_sku' },
  productName: { vi: 'Tên sản phẩm', en: 'name' },
  confidence: { vi: 'Độ tin cậy', en: 'confidence' },
  reasons: { vi: 'Lý do', en: 'reasons' },
  duplicateOf: { vi: 'Trùng với tin', en: 'duplicate_of' },
  decision: { vi: 'Quyết định', en: 'decision' },
} as const;
export type ReviewKey = keyof typeof REVIEW_COLUMNS;
export const REVIEW_KEYS = Object.keys(REVIEW_COLUMNS) as ReviewKey[];

/**
 * The words the "Quyết định" column accepts, Vietnamese and English (compared without case and accents).
 * - link: link the listing to the catalog product in the row;
 * - new: the listing is not that product (never linked, never deleted); the product no longer waits for
 *   it, so the next publish creates it unless another listing is still proposed;
 * - later (or an empty cell): undecided; the product stays held back from publish.
 * - override: link although the listing's pack size (or a multi-pack) differs from the catalog's: the
 *   listing is that product with its pack written wrong, and the next publish rewrites it.
 */
export const DECISION_WORDS = {
  link: ['đồng ý', 'liên kết', 'có', 'chấp nhận', 'x', 'ok', 'yes', 'y', 'link', 'accept'],
  new: ['tạo mới', 'mới', 'từ chối', 'không', 'không phải', 'new', 'reject', 'no', 'n'],
  later: ['để sau', 'chưa', 'later'],
  override: ['ghi đè', 'đồng ý ghi đè', 'override', 'link anyway'],
} as const;
export type Decided = 'accept' | 'override' | 'reject' | 'blank';
/** Each decision word's meaning, by its search key (case and accents folded). */
export const DECISION_OF = new Map<string, Decided>([
  ...DECISION_WORDS.link.map((w) => [searchKey(w), 'accept'] as const),
  ...DECISION_WORDS.override.map((w) => [searchKey(w), 'override'] as const),
  ...DECISION_WORDS.new.map((w) => [searchKey(w), 'reject'] as const),
  ...DECISION_WORDS.later.map((w) => [searchKey(w), 'blank'] as const),
]);
