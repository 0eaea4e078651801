import type { Product } from '../../model/product.js';
import type { CategoryMapping } from '../../platforms/types.js';
import { canonicalJson, shortHash, shortHashOfText, writeCanonical } from './canonical-hash.js';

/**
 * Four hashes of what one listing looks like on one platform, kept apart so the planner can pick the
 * cheapest operation: a stock-only change goes through bulk stock, a price-only change through bulk
 * price, anything else through a full listing update.
 */
export interface ListingFingerprint {
  /** Title, description, category mapping, attributes, facts, variant structure, weights. */
  content: string;
  /** The images' source identities, in display order, and the platform's image spec. */
  images: string;
  /** Price and list price per offer SKU. */
  price: string;
  /** Stock per offer SKU. */
  stock: string;
}

/** The platform-independent part, computed once per product and shared by every target. */
export interface ProductFingerprint {
  content: string;
  images: string;
  price: string;
  stock: string;
}

const FINGERPRINT_VERSION = 'v1';

/** Hashed on their own (price, stock, images) or not part of the listing at all (our remote ids). */
const OFFER_AND_ID_FIELDS: ReadonlySet<string> = new Set([
  'priceVnd',
  'listPriceVnd',
  'stock',
  'images',
  'externalIds',
]);
const OFFER_AND_ID_FIELDS_AND_VARIANTS: ReadonlySet<string> = new Set([...OFFER_AND_ID_FIELDS, 'variants']);

/** Category mappings are shared objects from the caller's table: hash each once. */
const mappingTexts = new WeakMap<CategoryMapping, string>();
function mappingText(mapping: CategoryMapping): string {
  let text = mappingTexts.get(mapping);
  if (text === undefined) {
    text = canonicalJson(mapping);
    mappingTexts.set(mapping, text);
  }
  return text;
}

/**
 * Everything of a product that a platform's listing body can be built from, minus price, stock and
 * images (hashed on their own). Hashing the whole canonical product rather than one platform's body
 * keeps the engine independent of how each adapter maps fields. Text: the canonical product without
 * those fields, `|`, then the canonical variants as a list — written into one list of parts and joined
 * once (the same bytes as before, so stored fingerprints stay valid).
 */
function contentText(product: Product): string {
  const parts: string[] = [];
  writeCanonical(parts, product, OFFER_AND_ID_FIELDS_AND_VARIANTS);
  parts.push('|[');
  product.variants.forEach((variant, i) => {
    if (i > 0) parts.push(',');
    writeCanonical(parts, variant, OFFER_AND_ID_FIELDS);
  });
  parts.push(']');
  return parts.join('');
}

/** `[["sku",price,listPrice|null],…]` and `[["sku",stock],…]` (canonical JSON), with no offer objects. */
function offerTexts(product: Product): { price: string; stock: string } {
  const price: string[] = ['['];
  const stock: string[] = ['['];
  const add = (sku: string, priceVnd: number, listPriceVnd: number | undefined, units: number) => {
    const sep = price.length > 1 ? ',[' : '[';
    const quoted = JSON.stringify(sku);
    price.push(
      sep,
      quoted,
      ',',
      String(priceVnd),
      ',',
      listPriceVnd === undefined ? 'null' : String(listPriceVnd),
      ']',
    );
    stock.push(sep, quoted, ',', String(units), ']');
  };
  if (product.variants.length === 0) {
    // The single offer of a product without variants (see productOffers).
    add(product.sku, product.priceVnd!, product.listPriceVnd, product.stock ?? 0);
  } else {
    for (const v of product.variants) add(v.sku, v.priceVnd, v.listPriceVnd, v.stock);
  }
  price.push(']');
  stock.push(']');
  return { price: price.join(''), stock: stock.join('') };
}

/** @param imageIdentities one per product image (sha256 of the source bytes, or the URL). */
export function fingerprintProduct(product: Product, imageIdentities: readonly string[]): ProductFingerprint {
  const offers = offerTexts(product);
  return {
    content: shortHashOfText(contentText(product)),
    images: shortHash(imageIdentities),
    price: shortHashOfText(offers.price),
    stock: shortHashOfText(offers.stock),
  };
}

/** Where it lands (category mapping) and how its images are shaped (spec) are part of the listing. */
export function fingerprintListing(
  product: ProductFingerprint,
  mapping: CategoryMapping | undefined,
  imageSpecKey: string,
): ListingFingerprint {
  return {
    content: mapping ? shortHashOfText(`${product.content}|${mappingText(mapping)}`) : product.content,
    images: shortHashOfText(`${product.images}|${imageSpecKey}`),
    price: product.price,
    stock: product.stock,
  };
}

/** The store keeps one opaque `contentHash` per listing; the four parts travel inside it. */
export function encodeFingerprint(fp: ListingFingerprint): string {
  return [FINGERPRINT_VERSION, fp.content, fp.images, fp.price, fp.stock].join(':');
}

/** Undefined for a hash written by another version (treated as "everything changed"). */
export function decodeFingerprint(encoded: string | undefined): ListingFingerprint | undefined {
  if (!encoded) return undefined;
  const parts = encoded.split(':');
  if (parts.length !== 5 || parts[0] !== FINGERPRINT_VERSION) return undefined;
  const [, content, images, price, stock] = parts as [string, string, string, string, string];
  return { content, images, price, stock };
}
