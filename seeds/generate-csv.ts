/**
 * Writes seeds/catalog.csv from seeds/catalog.json, the way Excel saves "CSV UTF-8": a byte-order
 * mark, CRLF line ends, comma separators, Vietnamese number formatting for prices ("85.000").
 * The column ↔ field mapping is documented in seeds/README.md; the headers come from the catalog
 * reader's own column table so the two cannot drift apart.
 * Run: `npx tsx seeds/generate-csv.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOG_COLUMNS, type ColumnKey } from '../src/catalog/columns.js';
import { type Product, ProductSchema, type Variant } from '../src/model/index.js';
import { formatVnd } from '../src/vn/index.js';

const SEEDS_DIR = dirname(fileURLToPath(import.meta.url));
const BOM = '\ufeff';
const CRLF = '\r\n';

export const PRODUCER_TYPE_LABELS: Record<Product['producer']['type'], string> = {
  cooperative: 'HTX',
  cooperative_group: 'Tổ hợp tác',
  enterprise: 'Doanh nghiệp',
  household: 'Hộ kinh doanh',
};

const STATUS_LABELS: Record<Product['status'], string> = { active: 'Đang bán', inactive: 'Ngừng bán' };

/** "2024-03-12" → "12/03/2024", as a Vietnamese Excel shows dates. */
function vietnameseDate(iso: string | undefined): string {
  if (iso === undefined) return '';
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

function money(amountVnd: number | undefined): string {
  return amountVnd === undefined ? '' : formatVnd(amountVnd, { symbol: '' });
}

function productCells(product: Product): Partial<Record<ColumnKey, string>> {
  const { producer, ocop, food } = product;
  return {
    product_sku: product.sku,
    name: product.name,
    description: product.description,
    brand: product.brand,
    category: product.categoryHints.join('; '),
    origin: product.origin,
    producer_type: PRODUCER_TYPE_LABELS[producer.type],
    producer_name: producer.name,
    tax_code: producer.taxCode,
    producer_phone: producer.phone,
    producer_street: producer.address.street,
    producer_ward: producer.address.ward,
    producer_district: producer.address.district,
    producer_province: producer.address.province,
    ocop_stars: ocop === undefined ? '' : String(ocop.stars),
    ocop_certificate: ocop?.certificateNo,
    ocop_decision: ocop?.decisionNo,
    ocop_issued_by: ocop?.issuedBy,
    ocop_issued_at: vietnameseDate(ocop?.issuedAt),
    ocop_expires_at: vietnameseDate(ocop?.expiresAt),
    ocop_group: ocop?.productGroup,
    net_content: food === undefined ? '' : `${food.netContent.value} ${food.netContent.unit}`,
    shelf_life_days: food === undefined ? '' : String(food.shelfLifeDays),
    storage: food?.storage,
    ingredients: food?.ingredients,
    food_safety_cert: food?.foodSafetyCertificate,
    images: product.images.map((image) => ('path' in image ? image.path : 'url' in image ? image.url : '')).join('; '),
    status: STATUS_LABELS[product.status],
  };
}

type Offer = Pick<Variant, 'priceVnd' | 'listPriceVnd' | 'stock' | 'weightGrams' | 'dimensionsCm'> & {
  sku?: string;
  options: Record<string, string>;
};

function offerCells(offer: Offer): Partial<Record<ColumnKey, string>> {
  const [first, second] = Object.entries(offer.options);
  return {
    variant_sku: offer.sku,
    option1_name: first?.[0],
    option1_value: first?.[1],
    option2_name: second?.[0],
    option2_value: second?.[1],
    price: money(offer.priceVnd),
    list_price: money(offer.listPriceVnd),
    stock: String(offer.stock),
    weight_g: String(offer.weightGrams),
    length_cm: offer.dimensionsCm === undefined ? '' : String(offer.dimensionsCm.length),
    width_cm: offer.dimensionsCm === undefined ? '' : String(offer.dimensionsCm.width),
    height_cm: offer.dimensionsCm === undefined ? '' : String(offer.dimensionsCm.height),
  };
}

function offersOf(product: Product): Offer[] {
  if (product.variants.length > 0) return product.variants;
  return [
    {
      options: {},
      priceVnd: product.priceVnd ?? 0,
      listPriceVnd: product.listPriceVnd,
      stock: product.stock ?? 0,
      weightGrams: product.weightGrams ?? 0,
      dimensionsCm: product.dimensionsCm,
    },
  ];
}

function csvField(value: string | undefined): string {
  const text = value ?? '';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per sellable unit; product columns repeated on every row of a product (see README). */
export function catalogToCsv(products: readonly Product[]): string {
  const lines = [CATALOG_COLUMNS.map((c) => csvField(c.vi)).join(',')];
  for (const product of products) {
    const shared = productCells(product);
    for (const offer of offersOf(product)) {
      const cells = { ...shared, ...offerCells(offer) };
      lines.push(CATALOG_COLUMNS.map((c) => csvField(cells[c.key])).join(','));
    }
  }
  return BOM + lines.join(CRLF) + CRLF;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const raw = JSON.parse(readFileSync(join(SEEDS_DIR, 'catalog.json'), 'utf8')) as unknown[];
  const products = raw.map((p) => ProductSchema.parse(p));
  writeFileSync(join(SEEDS_DIR, 'catalog.csv'), catalogToCsv(products));
  console.log(`seeds/catalog.csv: ${products.length} products`);
}
