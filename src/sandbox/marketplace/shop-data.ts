/**
 * The shop's data as a marketplace sandbox keeps it: canonical order and review statuses, listings with
 * their variants and images, orders with their buyer and lines, and listings typed by hand. Part of the
 * public sandbox types (re-exported by ./types.js).
 */

/** Canonical order statuses (same strings as src/model's OrderStatus). */
export type SandboxOrderStatus =
  | 'UNPAID'
  | 'PENDING_CONFIRM'
  | 'CONFIRMED'
  | 'READY_TO_SHIP'
  | 'SHIPPED'
  | 'DELIVERED'
  | 'COMPLETED'
  | 'CANCEL_REQUESTED'
  | 'CANCELLED'
  | 'DELIVERY_FAILED'
  | 'RETURNING'
  | 'RETURNED';

/** Canonical listing review statuses (same strings as src/model's ListingReviewStatus). */
export type SandboxReviewStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** A listing the seller typed by hand (see `MarketplaceSandboxOptions.handMadeListings`). */
export interface SandboxHandMadeListing {
  /** Omitted or '': the seller left the SKU empty (the API shows `null`). */
  sellerSku?: string;
  title: string;
  description: string;
  /** Leaf category by its name in the sandbox tree, e.g. 'Mật ong'. */
  category: string;
  /** Attribute values by the attribute's display name, e.g. `{ 'Xuất xứ (tỉnh/thành)': 'Quảng Trị' }`. */
  attributes?: Record<string, string | number>;
  weightGrams: number;
  tiers?: Array<{ name: string; options: string[] }>;
  variants: Array<{ sku?: string; tierIndex?: number[]; priceVnd: number; stock: number }>;
  /** Placeholder images attached (flat-colour squares). @default 1 */
  imageCount?: number;
  /**
   * What a careful person would link the listing to (ground truth for measuring a matcher): a catalog
   * product SKU and, per listing variant in order, the catalog offer SKU (null: none). null = not in
   * the catalog. Never sent over the API.
   */
  intended?: { productSku: string; variantSkus: Array<string | null> } | null;
}

export interface SandboxVariant {
  id: number;
  sku: string;
  tierIndex: number[];
  priceVnd: number;
  stock: number;
}

export interface SandboxListing {
  /** Platform product id (`PRODUCT_ID` / `maSanPham`). */
  id: number;
  sellerSku: string;
  title: string;
  description: string;
  categoryId: number;
  /** Keyed by the platform's attribute code (`OCOP_STARS` / `saoOcop`). */
  attributes: Record<string, string | number>;
  imageIds: string[];
  weightGrams: number;
  lengthCm: number | null;
  widthCm: number | null;
  heightCm: number | null;
  tiers: Array<{ name: string; options: string[] }>;
  variants: SandboxVariant[];
  reviewStatus: SandboxReviewStatus;
  /** The platform's raw review string (`WAITING_APPROVAL`, `cho_duyet`, …). */
  rawReviewStatus: string;
  rejectReasons: Array<{ code: string; message: string }>;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface SandboxImage {
  id: string;
  sha256: string;
  width: number;
  height: number;
  format: 'JPEG' | 'PNG';
  bytes: number;
  uploadedAtMs: number;
}

export interface SandboxAddress {
  province: string;
  /** null on Postmart (2-level addresses). */
  district: string | null;
  ward: string;
  detail: string;
}

export interface SandboxBuyer {
  name: string;
  phone: string;
  address: SandboxAddress;
}

export interface SandboxOrderLine {
  listingId: number;
  sku: string;
  title: string;
  /** Tier option names joined with ", " (empty when the listing has no tiers). */
  variantName: string;
  quantity: number;
  unitPriceVnd: number;
}

export type SandboxCancelReason = 'OUT_OF_STOCK' | 'BUYER_REQUEST' | 'WRONG_PRICE' | 'CANNOT_SHIP' | 'OTHER';

export interface SandboxOrder {
  id: string;
  status: SandboxOrderStatus;
  rawStatus: string;
  paymentMethod: 'COD' | 'PREPAID';
  buyer: SandboxBuyer;
  lines: SandboxOrderLine[];
  itemsTotalVnd: number;
  shippingFeeVnd: number;
  totalVnd: number;
  codAmountVnd: number;
  carrierCode: string | null;
  trackingNumber: string | null;
  cancelReasonCode: SandboxCancelReason | null;
  cancelReason: string | null;
  cancelledBy: 'BUYER' | 'SELLER' | 'SYSTEM' | null;
  note: string;
  createdAtMs: number;
  updatedAtMs: number;
}
