import type { OcopConnectError } from '../../core/errors.js';
import type { ShopListing } from '../../platforms/types.js';

/** Why a listing was matched (or not) to a catalog product; `detail` names the evidence (Vietnamese). */
export interface MatchReason {
  code:
    | 'sku' // a product or variant seller SKU equals the catalog's
    | 'sku-conflict' // … but the pack size the listing shows is another offer's (SKU typed on the wrong pack)
    | 'name' // normalised names share identifying words
    | 'unit' // pack sizes written on the listing exist in the catalog product
    | 'ocop' // the OCOP star rating agrees
    | 'ocop-conflict' // … or disagrees
    | 'colour-conflict' // "ruột đỏ" vs "ruột trắng", or a colour the product's name lacks ("nghệ đen")
    | 'word-conflict' // a word of its own where the product has another: "dầu mè" vs "dầu lạc", another place
    | 'place-conflict' // another place than the product's name says: "Quảng Bình" vs "Vĩnh Linh"
    | 'pack-conflict' // a pack size the catalog product does not have (250 g vs 100 g / 500 g)
    | 'multi-pack' // several packs sold as one ("Combo 2 hộp")
    | 'variant-tie' // a listing variant fits two catalog variants equally: neither is chosen
    | 'sku-title-conflict' // the seller SKU is one catalog product's, the title names another (see `otherProducts`)
    | 'several-products' // the title names several catalog products ("Combo tinh bột nghệ + bột sắn dây")
    | 'pack-listing' // one listing per pack size: this listing sells one pack, another listing another (linked per pack)
    | 'duplicate' // another listing of the same account matches the same product better (or is linked to it)
    | 'linked' // already linked to this product by an earlier linkListings: nothing to decide
    | 'below-threshold' // the nearest product scored below `minConfidence`: not proposed, but held (see `candidate`)
    | 'no-match'; // nothing in the catalog shares a SKU or a name word with the listing
  /** The evidence, in Vietnamese (the review sheet's "Lý do" column). */
  detail: string;
  /** The same in English, where the evidence has words (not only SKUs, names and sizes). */
  detailEn?: string;
}

/** One listing variant and the catalog offer (variant SKU) it corresponds to. */
export interface VariantMatch {
  remoteId: string;
  /** The platform's SKU of this variant, if any. */
  remoteSku?: string;
  /** Its option values joined ("Đen / 100g"), or the listing title when it has no tiers. */
  label: string;
  /** The catalog offer SKU (product SKU for a product without variants); absent: none fits. */
  offerSku?: string;
  /**
   * Catalog offers that fit this variant equally well ("Hạt tiêu 500g": black or white pepper 500 g):
   * none is chosen (`offerSku` absent) and the match waits for a person (`variant-tie`).
   */
  candidates?: string[];
}

/**
 * The nearest catalog product of a listing scored below `minConfidence`: not proposed (`productSku`
 * absent, `suggestion` `none`), but it shares a seller SKU or name words with the listing, so the listing
 * may be that product typed by hand. `matchListings` records it like a proposal: `publish` does not
 * create the product there until a person links the listing or rejects it (`accept: false`).
 */
export interface MatchCandidate {
  productSku: string;
  productName: string;
  confidence: number;
  method: 'sku' | 'name';
  /** Why it came close, and what speaks against it (the conflicts). */
  reasons: MatchReason[];
  /** The variant mapping a link to it would use. */
  variants: VariantMatch[];
}

/**
 * Another catalog product a listing credibly is, besides the one proposed (or its `candidate`): the
 * title names it while the seller SKU is another product's, or the title names several products. Held
 * back from `publish` like the proposed product until a person links the listing or rejects it.
 */
export interface OtherProductMatch {
  productSku: string;
  productName: string;
  /** How well the listing's title (or the part of it naming the product) fits it, 0–1. */
  confidence: number;
  code: 'sku-title-conflict' | 'several-products';
}

/** The matcher's proposal for one listing. Nothing is linked until a decision accepts it. */
export interface ListingMatch {
  platform: string;
  account: string;
  listing: ShopListing;
  /** The catalog product proposed; absent below `minConfidence` (see `candidate`) or when nothing comes close. */
  productSku?: string;
  productName?: string;
  /** 0–1 (two decimals): 1 for a SKU match, lower for name matches. */
  confidence: number;
  method: 'sku' | 'name' | 'none';
  reasons: MatchReason[];
  variants: VariantMatch[];
  /**
   * Below `minConfidence`, the nearest product when the listing shares its SKU or name words: shown for
   * review and holding that product back from `publish` until linked or rejected. Absent: no candidate
   * at all (the listing holds nothing back).
   */
  candidate?: MatchCandidate;
  /**
   * Other catalog products the listing credibly is too (the seller SKU says one, the title another; or
   * the title names several): each is held back from `publish` until a person links the listing (to
   * one of them: the others are then created) or rejects it ("tạo mới": all of them are created). The
   * match is never auto-accepted. Absent: the listing names one product only.
   */
  otherProducts?: OtherProductMatch[];
  /** Set when another listing of this account is the better match for the same product. */
  duplicateOf?: string;
  /** A person already rejected this listing for this product ("new"): it holds nothing back. */
  rejectedBefore?: true;
  /**
   * The catalog product this listing is already linked to (an earlier `linkListings`): `productSku` and
   * the variant mapping are the link's, `suggestion` is `accept` and linking it again changes nothing.
   */
  linkedTo?: string;
  /**
   * `accept`: confidence ≥ `autoAcceptAt`, not a duplicate, and no conflict reason (another name, place,
   * colour or pack, a combo, a variant tie, a SKU on the wrong pack): linked by `linkListings` without
   * review. `review`: a proposal waiting for a person. `none`: nothing proposed (a `candidate` below the
   * threshold still waits for a person).
   */
  suggestion: 'accept' | 'review' | 'none';
}

export interface MatchListingsOptions {
  /**
   * Proposals below this confidence are not made; the nearest product, when the listing shares its SKU
   * or name words, is still reported as the listing's `candidate` and held back from `publish` until a
   * person decides. @default 0.55
   */
  minConfidence?: number;
  /**
   * Proposals at or above this confidence are marked `accept` (certain matches, e.g. 1 = SKU matches
   * only), unless a conflict reason speaks against them. @default undefined: every proposal waits for a person
   */
  autoAcceptAt?: number;
  /** Only these marketplaces (platform names). @default every marketplace that can download listings */
  platforms?: readonly string[];
}

export interface UnmatchedProduct {
  platform: string;
  account: string;
  sku: string;
  name: string;
  /** False for an inactive product: `publish` does not create it. */
  active: boolean;
}

export interface MatchPlatformResult {
  platform: string;
  account: string;
  listings: number;
  /** Downloading failed (other platforms still matched). */
  error?: OcopConnectError;
  /** The adapter cannot download listings (`capabilities.listingDownload` false). */
  unsupported?: boolean;
  /**
   * On an account shared with other cooperatives of one hub: their listings there (created or linked
   * for them), left out of matching — never proposed for this cooperative's products. Not in `listings`.
   */
  otherCooperatives?: number;
}

export interface MatchListingsResult {
  /** One entry per downloaded listing, in download order per platform. */
  matches: ListingMatch[];
  /**
   * Catalog products no listing of that account was matched to, nor is a below-threshold `candidate` of:
   * the active ones are what the next `publish` creates there.
   */
  unmatchedProducts: UnmatchedProduct[];
  platforms: MatchPlatformResult[];
  /**
   * Catalog rows that failed validation: 0 — a catalog with an invalid row is refused (ValidationError)
   * before any shop is read.
   */
  invalidRows: number;
}

/** A person's (or the auto-accept's) decision about one listing. */
export interface LinkDecision {
  platform: string;
  /** @default the only account of that platform */
  account?: string;
  /** The listing's platform id. */
  remoteId: string;
  accept: boolean;
  /** Catalog product SKU the listing is linked to (required when accepted). */
  productSku?: string;
  /** Listing variant id → catalog offer SKU; variants left out keep no link. @default the proposal's */
  variants?: Record<string, string>;
  /**
   * Link even though a variant's pack size (or a multi-pack: "Combo 2 hộp") differs from the catalog
   * offer it is paired with: a person says the listing IS that offer and its title or pack is wrong.
   * The next `publish` rewrites the listing from the catalog (name, pack, price, stock). The review
   * sheet's decision "ghi đè" / "override". @default false: such a pairing is refused
   */
  overridePackSize?: boolean;
}

export interface LinkListingsOptions {
  /**
   * Write the catalog's SKUs onto the platform listing when they differ and the platform allows it
   * (`capabilities.sellerSkuUpdate`). Without matching SKUs stock sync and `publish` cannot address the
   * listing, so such a link is refused (`sku-mismatch`). @default true
   */
  setSellerSku?: boolean;
  signal?: AbortSignal;
}

export type LinkOutcome =
  | 'linked' // recorded in the store (SKUs already equal or written)
  | 'rejected' // the decision said no: nothing recorded, the listing is left as it is
  | 'sku-mismatch' // SKUs differ and could not be written: nothing recorded
  | 'failed'; // platform or input error: nothing recorded

export interface LinkResultItem {
  platform: string;
  account: string;
  remoteId: string;
  productSku?: string;
  outcome: LinkOutcome;
  /** SKUs written on the platform (listing SKU first). */
  skusWritten?: string[];
  /** Listing variants with no catalog offer: the next publish of the product drops them from the listing. */
  unlinkedVariants?: string[];
  /** Catalog offers the listing lacks: the next publish adds them to it. */
  missingOffers?: string[];
  /** What happened, in English (also the error's message). */
  message?: string;
  /** The same note in Vietnamese. */
  messageVi?: string;
  error?: OcopConnectError;
}

export interface LinkListingsResult {
  ok: boolean;
  items: LinkResultItem[];
  /** Listings of the shop that no decision linked: reported, never deleted. */
  unlinkedListings: Array<{ platform: string; account: string; remoteId: string; title: string }>;
}
