import type { Product } from '../../model/product.js';
import { productOffers } from '../../model/product.js';
import type { ShopListing } from '../../platforms/types.js';
import { searchKey } from '../../vn/text.js';
import {
  analyseText,
  coloursOfNameWords,
  type ListingText,
  parseQuantities,
  type Quantity,
} from './listing-text.js';
import { PlaceDictionary, type ProductPlaces } from './places.js';

interface OfferEntry {
  sku: string;
  options: Record<string, string>;
  words: Set<string>;
  quantities: Quantity[];
}

export interface CatalogEntry {
  product: Product;
  text: ListingText;
  /** Folded words of the option values: explain listing words such as "đen", "sọ". */
  optionWords: Set<string>;
  offers: OfferEntry[];
  skus: Set<string>;
  /** Folded words of where and by whom it is made: explain a listing's "Quảng Trị", never count for it. */
  contextWords: Set<string>;
  /** Colour words of that context ("nghệ vàng" in the ingredients). */
  contextColours: string[];
  /** Places its name carries and where it is made. */
  places: ProductPlaces;
}

/** The catalog, read once: per-product tokens and token weights (rare words weigh more). */
export class CatalogIndex {
  readonly entries: CatalogEntry[];
  readonly #weights = new Map<string, number>();
  readonly #unknownWeight: number;
  readonly #keep: Set<string>;
  readonly places: PlaceDictionary;

  constructor(products: readonly Product[]) {
    this.#keep = new Set(products.flatMap((p) => searchKey(p.name).split(' ')));
    this.places = new PlaceDictionary(products);
    this.entries = products.map((product) => {
      const offers = productOffers(product).map((offer) => {
        const optionText = Object.values(offer.options).join(' ');
        const quantities = offerPackSizes(product, offer.options);
        return {
          sku: offer.sku,
          options: offer.options,
          words: new Set(analyseText(optionText, this.#keep).tokens),
          quantities,
        };
      });
      return {
        product,
        text: analyseText(product.name, this.#keep),
        optionWords: new Set(offers.flatMap((o) => [...o.words])),
        offers,
        skus: new Set([product.sku, ...offers.map((o) => o.sku)].map(skuKey)),
        ...productContext(product),
        places: this.places.productPlaces(product),
      };
    });
    const documents = this.entries.length;
    const frequency = new Map<string, number>();
    for (const entry of this.entries)
      for (const token of entry.text.tokens) frequency.set(token, (frequency.get(token) ?? 0) + 1);
    for (const [token, count] of frequency) this.#weights.set(token, Math.log(1 + documents / count));
    // A word the catalog never uses is as telling as its rarest word: "Bình Thuận", "ST25".
    this.#unknownWeight = Math.log(1 + Math.max(1, documents));
  }

  /** True for a word some catalog product's name uses. */
  knows(token: string): boolean {
    return this.#weights.has(token);
  }

  weight(token: string): number {
    return this.#weights.get(token) ?? this.#unknownWeight;
  }

  analyse(text: string): ListingText {
    return analyseText(text, this.#keep);
  }
}

/**
 * The pack size of one catalog offer: from its option values ("Hũ 100 g"), or for a product without
 * variants its net content. Empty when neither says.
 */
export function offerPackSizes(product: Product, options: Record<string, string>): Quantity[] {
  const quantities = parseQuantities(Object.values(options).join(' '));
  if (quantities.length === 0 && product.variants.length === 0 && product.food) {
    const { value, unit } = product.food.netContent;
    quantities.push(...parseQuantities(`${value}${unit === 'piece' ? '' : unit}`));
  }
  return quantities;
}

function productContext(product: Product): { contextWords: Set<string>; contextColours: string[] } {
  const address = product.producer.address;
  // Where and by whom: a listing naming the province or the commune says nothing against the product.
  const place = [product.origin, address.ward, address.district, address.province, product.producer.name]
    .concat(product.brand ?? [])
    .join(' ');
  // The ingredients only vouch for a colour ("100% tinh bột nghệ vàng"), not for other words.
  const colours = analyseText(`${place} ${product.food?.ingredients ?? ''}`).colours;
  // The description vouches for a colour only beside a word of the name ("lọc từ củ nghệ vàng").
  const nameWords = new Set(searchKey(product.name).split(' ').filter(Boolean));
  colours.push(...coloursOfNameWords(product.description, nameWords));
  return { contextWords: new Set(searchKey(place).split(' ').filter(Boolean)), contextColours: colours };
}

/**
 * A seller SKU as compared: NFC, trimmed, case-folded ("vl-mo " typed by hand is VL-MO). Reports keep
 * the listing's own spelling; linking writes the catalog's.
 */
export function skuKey(sku: string): string {
  return sku.normalize('NFC').trim().toLowerCase();
}

export function listingSkus(listing: ShopListing): string[] {
  return [listing.sku, ...listing.variants.map((v) => v.sku)].filter((s): s is string => !!s?.trim());
}

export function variantLabel(listing: ShopListing, options: Record<string, string>): string {
  const values = Object.values(options);
  return values.length > 0 ? values.join(' / ') : listing.title;
}
