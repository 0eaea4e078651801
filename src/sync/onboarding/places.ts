import type { Product } from '../../model/product.js';
import { defaultVnAdmin } from '../../vn/admin/default-admin.js';
import { searchKey } from '../../vn/text.js';

/**
 * Place names in product and listing names. "Tinh bột nghệ Quảng Bình" is not "Tinh bột nghệ Vĩnh
 * Linh" even though every other word agrees, and "Quảng" alone would pass as the producer's province
 * (Quảng Trị) while "Bình" is a packaging word ("bình" = jar): a place is read as a whole phrase, from
 * the provinces and districts of both eras, every catalog product's own address, and the proper-noun
 * run of each product name ("Cửa Tùng", "Vĩnh Khê").
 */

/** One place named in a text: its folded key ("vinh linh") and how to show it ("Vĩnh Linh"). */
export interface PlaceName {
  key: string;
  name: string;
}

/**
 * A product's own places, with their level: ward 3, district 2, province (or origin) 1. A listing that
 * names a broader one of them, or the product's own name place, names where the product is made.
 */
export interface ProductPlaces {
  /** Places its name carries ("Vĩnh Linh" of "Tinh bột nghệ Vĩnh Linh"). */
  inName: PlaceName[];
  /** Its producer's address and origin, folded key → level and display name. */
  chain: Map<string, { name: string; level: number }>;
}

const MAX_PLACE_WORDS = 4;
/** District names that are also ordinary words in a product title ("trồng trên đất đỏ"). */
const ORDINARY_WORDS = new Set(['dat do', 'thong nhat', 'binh minh']);
const TYPE_PREFIX =
  /^(thành phố|tp\.?|tỉnh|quận|q\.|huyện|h\.|thị xã|tx\.?|phường|p\.|xã|x\.|thị trấn|tt\.?|đặc khu)\s+/iu;

let gazetteer: Set<string> | undefined;

/** Province (both eras) and district names of two words or more, folded. */
function adminPlaces(): Set<string> {
  if (gazetteer) return gazetteer;
  const places = new Set<string>();
  try {
    const admin = defaultVnAdmin();
    const legacy = admin.listProvinces('legacy');
    const units = [
      ...legacy,
      ...admin.listProvinces('2025'),
      ...legacy.flatMap((p) => admin.listDistricts(p.code)),
    ];
    for (const unit of units) {
      const key = searchKey(unit.name);
      const words = key.split(' ');
      if (words.length < 2 || words.length > MAX_PLACE_WORDS || /\d/.test(key) || ORDINARY_WORDS.has(key))
        continue;
      places.add(key);
    }
  } catch {
    // Without the administrative data (a bundler dropped it) the catalog's own places still count.
  }
  gazetteer = places;
  return places;
}

/** "Xã Vĩnh Thủy" → "Vĩnh Thủy". */
function withoutType(unit: string): string {
  return unit.normalize('NFC').trim().replace(TYPE_PREFIX, '').trim();
}

/**
 * Runs of capitalised words after the first in a name written in sentence case ("Nước mắm cá cơm Cửa
 * Tùng" → "Cửa Tùng"): the names of places and makers. A name in title case says nothing this way.
 */
function properNouns(name: string): string[] {
  const words = name
    .normalize('NFC')
    .split(/[\s\-–—,()/]+/u)
    .filter(Boolean);
  const capital = (w: string) => /^\p{Lu}\p{Ll}*$/u.test(w);
  if (words.slice(1).every((w) => capital(w) || !/\p{L}/u.test(w))) return [];
  const runs: string[] = [];
  let run: string[] = [];
  for (const word of words.slice(1)) {
    if (capital(word)) run.push(word);
    else {
      if (run.length >= 2 && run.length <= MAX_PLACE_WORDS) runs.push(run.join(' '));
      run = [];
    }
  }
  if (run.length >= 2 && run.length <= MAX_PLACE_WORDS) runs.push(run.join(' '));
  return runs;
}

/** Every place phrase the matcher recognises: the admin names and each product's own. */
export class PlaceDictionary {
  readonly #names = new Set<string>();

  constructor(products: readonly Product[]) {
    for (const key of adminPlaces()) this.#names.add(key);
    for (const product of products) {
      for (const { key } of chainOf(product)) if (key.includes(' ')) this.#names.add(key);
      for (const name of properNouns(product.name)) this.#names.add(searchKey(name));
    }
  }

  /** The places named in a text (as the text writes them), longest phrase first at each word, no overlaps. */
  find(text: string): PlaceName[] {
    const words = text
      .normalize('NFC')
      .split(/[^\p{L}\p{N}'’ʼ`]+/u)
      .flatMap((w) =>
        searchKey(w)
          .split(' ')
          .filter(Boolean)
          .map((folded) => ({ folded, as: w })),
      );
    const out: PlaceName[] = [];
    for (let i = 0; i < words.length; i++) {
      for (let n = Math.min(MAX_PLACE_WORDS, words.length - i); n >= 2; n--) {
        const run = words.slice(i, i + n);
        const key = run.map((w) => w.folded).join(' ');
        if (!this.#names.has(key)) continue;
        const name = run
          .map((w) => w.as)
          .filter((w, k) => k === 0 || w !== run[k - 1]!.as)
          .join(' ');
        if (!out.some((p) => p.key === key)) out.push({ key, name });
        i += n - 1;
        break;
      }
    }
    return out;
  }

  productPlaces(product: Product): ProductPlaces {
    const chain = new Map<string, { name: string; level: number }>();
    for (const { key, name, level } of chainOf(product))
      if (!chain.has(key) || chain.get(key)!.level < level) chain.set(key, { name, level });
    return { inName: this.find(product.name), chain };
  }
}

function chainOf(product: Product): Array<PlaceName & { level: number }> {
  const address = product.producer.address;
  const units: Array<[string | undefined, number]> = [
    [address.ward, 3],
    [address.district, 2],
    [address.province, 1],
    [product.origin, 1],
  ];
  return units.flatMap(([unit, level]) => {
    if (!unit) return [];
    const name = withoutType(unit);
    const key = searchKey(name);
    return key ? [{ key, name, level }] : [];
  });
}
