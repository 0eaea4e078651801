import type { Product } from '../../model/product.js';

/** Platforms count characters as Unicode code points after NFC (Vietnamese may arrive decomposed). */
export function charCount(text: string): number {
  return codePoints(text.normalize('NFC'));
}

/** Code points, as `[...text].length` counts them (a lone surrogate is one), without the array. */
function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++, n++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

/** What every platform's rules read of a product's text: normalised once, whatever the platform count. */
export interface ProductText {
  name: string;
  description: string;
  title: string;
  titleChars: number;
  descriptionChars: number;
  /** NFC title + description, lower-cased the Vietnamese way (prohibited phrases are searched here). */
  haystack: string;
}

/**
 * The last few products read, checked against their strings so an edited product is read again.
 * Publish checks one product against every platform back to back, so a handful of entries serves every
 * platform after the first. Not a WeakMap keyed by the product: V8's scavenger keeps a WeakMap's values
 * (and so its keys' products) alive until the next full GC, which in a 100k-row dry run promoted every
 * validated product to the old generation and grew the heap by ~1 KB per row (#14).
 */
const RECENT_PRODUCT_TEXTS = 4;
const recentProducts: Array<Product | undefined> = new Array(RECENT_PRODUCT_TEXTS).fill(undefined);
const recentTexts: Array<ProductText | undefined> = new Array(RECENT_PRODUCT_TEXTS).fill(undefined);
let nextRecent = 0;
export function productText(product: Product): ProductText {
  for (let i = 0; i < RECENT_PRODUCT_TEXTS; i++) {
    const cached = recentTexts[i];
    if (
      recentProducts[i] === product &&
      cached &&
      cached.name === product.name &&
      cached.description === product.description
    )
      return cached;
  }
  const title = product.name.normalize('NFC');
  const description = product.description.normalize('NFC');
  const text: ProductText = {
    name: product.name,
    description: product.description,
    title,
    titleChars: codePoints(title),
    descriptionChars: codePoints(description),
    haystack: `${title}\n${description}`.toLocaleLowerCase('vi'),
  };
  recentProducts[nextRecent] = product;
  recentTexts[nextRecent] = text;
  nextRecent = (nextRecent + 1) % RECENT_PRODUCT_TEXTS;
  return text;
}
