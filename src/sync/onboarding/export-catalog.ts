import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CATALOG_COLUMNS, type ColumnKey } from '../../catalog/columns.js';
import {
  A_BOOLEAN_OR_NOTHING,
  A_TEXT,
  A_TEXT_OR_NOTHING,
  AN_ABORT_SIGNAL_OR_NOTHING,
  anAdapter,
  checkOption,
  checkOptionTable,
  type Expected,
  OWN_RULES,
} from '../../core/argument-guards.js';
import { OcopConnectError } from '../../core/errors.js';
import type { MarketplaceAdapter, ShopListing } from '../../platforms/types.js';
import { formatVnd } from '../../vn/money.js';
import { slugify } from '../../vn/text.js';
import type { CategoryMap } from '../publish/types.js';
import { downloadShop } from './download.js';
import { downloadImage } from './image-download.js';
import type { Quantity } from './listing-text.js';
import { csvText, sheetWorkbook } from './sheet-files.js';
import { variantQuantities } from './variant-pairing.js';

/** A required column the listings could not fill, and the products (catalog SKUs) it is empty for. */
export interface UnfilledColumn {
  key: ColumnKey;
  /** The Vietnamese header, as written in the file. */
  header: string;
  skus: string[];
  /**
   * Per product, where the listing did hold a value that could not be written (an image that could not
   * be downloaded): the spreadsheet row (1 = headers) of the product's first row and why.
   */
  reasons?: Array<{ sku: string; row: number; reason: string }>;
}

export interface ExportCatalogOptions {
  /** Folder the files are written to (created if missing). */
  dir: string;
  /** File name without extension. @default `danh-muc-<platform>` */
  baseName?: string;
  /**
   * The category map `publish` will use (`createConnector({ categories })`, the CLI config's
   * `categories`): the "Danh mục" column is written as the catalog category that maps to the listing's
   * platform category, so the file lists as written. A platform category no entry maps to is written by
   * its platform name and reported in `unmappedCategories`. @default the connector's `categories`
   */
  categories?: CategoryMap;
  /**
   * Download the listings' images into `<dir>/images/` and write those paths (relative to the file) in
   * the "Ảnh" column, instead of the platform's URLs — which may be private, short-lived or refuse
   * other sites. An image that cannot be downloaded is left out of the column (never kept as a URL) and
   * reported in `imagesNotDownloaded`; a product left with no image at all gets "Ảnh" in `unfilled`.
   * @default true
   */
  downloadImages?: boolean;
  signal?: AbortSignal;
}

/** exportCatalog's options, one entry each (`categories` has its own rules). */
export const EXPORT_CATALOG_OPTIONS: Readonly<Record<keyof ExportCatalogOptions, Expected>> = {
  dir: A_TEXT,
  baseName: A_TEXT_OR_NOTHING,
  categories: OWN_RULES,
  downloadImages: A_BOOLEAN_OR_NOTHING,
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
};

/** A platform category no entry of the category map points at: mapped by hand before listing. */
export interface UnmappedCategory {
  categoryId: string;
  /** The platform's name for it, as written in the "Danh mục" column. */
  name: string;
  skus: string[];
}

export interface ExportCatalogResult {
  platform: string;
  account: string;
  /** Paths of the written spreadsheet (CSV UTF-8 with BOM, and XLSX with the unfilled columns marked). */
  files: { csv: string; xlsx: string };
  products: number;
  rows: number;
  /**
   * Columns the catalog needs that no listing could fill (producer, OCOP certificate …): `validate` on
   * the written file names exactly these, and they are highlighted in the XLSX.
   */
  unfilled: UnfilledColumn[];
  /** Platform categories the category map does not cover (written by name): add them to the map. */
  unmappedCategories: UnmappedCategory[];
  /** Images downloaded into `<dir>/images/`. */
  imagesDownloaded: number;
  /**
   * Listing images that could not be downloaded, left out of the "Ảnh" column (#19 re-trial: the URL was
   * kept, a loopback sandbox URL included): the product, its first spreadsheet row (1 = headers), the
   * URL and why. A product none of whose images came through is also in `unfilled` ("Ảnh").
   */
  imagesNotDownloaded: ImageNotDownloaded[];
}

/** A listing image `exportCatalog` could not download (left out of the file). */
export interface ImageNotDownloaded {
  sku: string;
  /** Spreadsheet row of the product's first row (row 1 holds the headers). */
  row: number;
  url: string;
  reason: string;
}

type Row = Partial<Record<ColumnKey, string>>;

const decimal = (n: number) => String(n).replace('.', ',');

/**
 * A listing without a net-content attribute usually says it in its name or variants ("chai 500ml",
 * "100gr" / "0,5kg"): the smallest pack, as the catalog writes it for a product with variants.
 */
export function netContentOf(listing: ShopListing): string | undefined {
  const sizes = listing.variants
    .map((v) => variantQuantities(listing, v)[0])
    .filter((q): q is Quantity => q !== undefined);
  if (sizes.length === 0 || sizes.some((q) => q.unit !== sizes[0]!.unit)) return undefined;
  const { value, unit } = sizes.reduce((a, b) => (b.value < a.value ? b : a));
  if (value >= 1000) return `${decimal(value / 1000)} ${unit === 'g' ? 'kg' : 'l'}`;
  return `${decimal(value)} ${unit}`;
}

const uniqueSku = (wanted: string, taken: Set<string>): string => {
  let sku = wanted;
  for (let n = 2; taken.has(sku); n += 1) sku = `${wanted.slice(0, 60)}-${n}`;
  taken.add(sku);
  return sku;
};

/** Catalog rows (one per sellable unit) from one listing; product columns repeated on every row. */
export function listingRows(
  listing: ShopListing,
  productSku: string,
  categoryName: string | undefined,
  taken: Set<string>,
): Row[] {
  const facts = listing.facts;
  const product: Row = {
    product_sku: productSku,
    name: listing.title,
    description: listing.description,
    brand: facts.brand,
    category: categoryName,
    origin: facts.origin,
    ocop_stars: facts.ocopStars,
    net_content: facts.netContent ?? netContentOf(listing),
    shelf_life_days: facts.shelfLifeDays,
    storage: facts.storage,
    ingredients: facts.ingredients,
    producer_name: facts.producerName,
    images: listing.imageUrls.join('; '),
    status: listing.review === 'REJECTED' ? 'Ngừng bán' : 'Đang bán',
  };
  const offer = (v: ShopListing['variants'][number]): Row => ({
    price: formatVnd(v.priceVnd, { symbol: '' }),
    stock: String(v.stock),
    weight_g: listing.weightGrams !== undefined ? String(listing.weightGrams) : undefined,
    length_cm: listing.dimensionsCm ? String(listing.dimensionsCm.length) : undefined,
    width_cm: listing.dimensionsCm ? String(listing.dimensionsCm.width) : undefined,
    height_cm: listing.dimensionsCm ? String(listing.dimensionsCm.height) : undefined,
  });
  if (listing.tiers.length === 0 && listing.variants.length === 1) {
    return [{ ...product, ...offer(listing.variants[0]!) }];
  }
  return listing.variants.map((v, index) => {
    const [first, second] = listing.tiers;
    return {
      ...product,
      ...offer(v),
      variant_sku: uniqueSku(v.sku ?? `${productSku}-${index + 1}`, taken),
      option1_name: first,
      option1_value: first ? v.options[first] : undefined,
      option2_name: second,
      option2_value: second ? v.options[second] : undefined,
    };
  });
}

/** Required columns (and the ones a filled column makes required) left empty, per product. */
export function unfilledColumns(rowsBySku: ReadonlyMap<string, Row[]>): UnfilledColumn[] {
  const empty = new Map<ColumnKey, string[]>();
  const mark = (key: ColumnKey, sku: string) => empty.set(key, [...(empty.get(key) ?? []), sku]);
  for (const [sku, rows] of rowsBySku) {
    const head = rows[0]!;
    const missing = (key: ColumnKey) => rows.some((r) => !r[key]);
    for (const column of CATALOG_COLUMNS) if (column.required && missing(column.key)) mark(column.key, sku);
    // An OCOP rating needs its certificate; food facts need both net content and shelf life.
    if (head.ocop_stars)
      for (const key of ['ocop_certificate', 'ocop_issued_by', 'ocop_issued_at'] as const) mark(key, sku);
    if (head.shelf_life_days && !head.net_content) mark('net_content', sku);
    if (head.net_content && !head.shelf_life_days) mark('shelf_life_days', sku);
  }
  return CATALOG_COLUMNS.filter((c) => empty.has(c.key)).map((c) => ({
    key: c.key,
    header: c.vi,
    skus: empty.get(c.key)!,
  }));
}

/**
 * Builds a catalog from a shop's existing listings and writes it in the CLI's spreadsheet layout (the
 * `init` template): names, descriptions, prices, stock, images (downloaded next to the file), variants,
 * the category (as the category map names it), and
 * the attributes the platform holds. What a listing cannot say (producer, OCOP certificate …) stays
 * empty and is reported in `unfilled` and highlighted in the XLSX. Listings without a seller SKU get one
 * made from the name (`TINH-BOT-NGHE-VINH-LINH`).
 */
export async function exportCatalog(
  adapter: MarketplaceAdapter,
  options: ExportCatalogOptions,
): Promise<ExportCatalogResult> {
  checkOption(adapter, 'adapter', anAdapter('MarketplaceAdapter', ['platform', 'account'], []));
  checkOptionTable(options, EXPORT_CATALOG_OPTIONS);
  const callOptions = options.signal ? { signal: options.signal } : {};
  const { listings, result } = await downloadShop(adapter, callOptions);
  if (result.unsupported)
    throw new OcopConnectError(
      'configuration',
      {
        vi: `${adapter.platform} không tải được danh sách tin đăng (capabilities.listingDownload)`,
        en: `${adapter.platform} cannot download listings (capabilities.listingDownload)`,
      },
      {
        platform: adapter.platform,
        operation: 'exportCatalog',
      },
    );
  if (result.error) throw result.error;
  const categories = new Map((await adapter.getCategories(callOptions)).map((c) => [c.id, c.name]));
  const mapped = mappedCategoryNames(options.categories, adapter.platform);
  const unmapped = new Map<string, UnmappedCategory>();
  const taken = new Set<string>();
  const rowsBySku = new Map<string, Row[]>();
  const imageFailures: Array<Omit<ImageNotDownloaded, 'row'>> = [];
  let imagesDownloaded = 0;
  const imageDir = join(options.dir, 'images');
  for (const listing of listings) {
    const sku = uniqueSku(
      listing.sku ?? (slugify(listing.title, { maxLength: 40 }).toUpperCase() || `SP-${listing.remoteId}`),
      taken,
    );
    // The category as the map names it ("Bột - tinh bột"), so `list` finds it; else the platform's name.
    const id = listing.categoryId;
    let category = id ? mapped.get(id) : undefined;
    if (id && !category) {
      const name = categories.get(id) ?? id;
      category = name;
      const entry = unmapped.get(id) ?? { categoryId: id, name, skus: [] };
      entry.skus.push(sku);
      unmapped.set(id, entry);
    }
    let images: string[] = [...listing.imageUrls];
    if (options.downloadImages !== false && images.length > 0) {
      images = [];
      for (const [n, url] of listing.imageUrls.entries()) {
        const saved = await downloadImage(
          url,
          imageDir,
          `${slugify(sku, { maxLength: 60 })}-${n + 1}`,
          options.signal,
        );
        if ('file' in saved) {
          images.push(`images/${saved.file}`);
          imagesDownloaded++;
        } else {
          imageFailures.push({ sku, url, reason: saved.reason });
        }
      }
    }
    rowsBySku.set(sku, listingRows({ ...listing, imageUrls: images }, sku, category, taken));
  }
  // Spreadsheet row of each product's first row: headers are row 1.
  const firstRow = new Map<string, number>();
  let next = 2;
  for (const [sku, productRows] of rowsBySku) {
    firstRow.set(sku, next);
    next += productRows.length;
  }
  const imagesNotDownloaded = imageFailures.map((f) => ({ ...f, row: firstRow.get(f.sku)! }));
  const withReasons = (u: UnfilledColumn): UnfilledColumn => {
    const reasons = imagesNotDownloaded
      .filter((f) => u.skus.includes(f.sku))
      .map((f) => ({ sku: f.sku, row: f.row, reason: `${f.url}: ${f.reason}` }));
    return reasons.length > 0 ? { ...u, reasons } : u;
  };
  const unfilled = unfilledColumns(rowsBySku).map((u) => (u.key === 'images' ? withReasons(u) : u));
  // A product none of whose images could be downloaded has an empty "Ảnh": a column to fill, with why.
  const imageless = [...new Set(imagesNotDownloaded.map((f) => f.sku))].filter(
    (sku) => !rowsBySku.get(sku)![0]!.images,
  );
  if (imageless.length > 0 && !unfilled.some((u) => u.key === 'images')) {
    const column = CATALOG_COLUMNS.find((c) => c.key === 'images')!;
    const at = CATALOG_COLUMNS.indexOf(column);
    const index = unfilled.findIndex((u) => CATALOG_COLUMNS.findIndex((c) => c.key === u.key) > at);
    const entry = withReasons({ key: 'images', header: column.vi, skus: imageless });
    unfilled.splice(index === -1 ? unfilled.length : index, 0, entry);
  }
  // A category the map does not cover is written by its platform name, which `list` cannot map: a
  // column still to fill, reported with the others (#19 re-trial LOW 2), each row with the config entry.
  if (unmapped.size > 0) {
    const column = CATALOG_COLUMNS.find((c) => c.key === 'category')!;
    const reasons = [...unmapped.values()].flatMap((c) =>
      c.skus.map((sku) => ({
        sku,
        row: firstRow.get(sku)!,
        reason: `"${c.name}" (${adapter.platform} ${c.categoryId}) chưa có trong bảng danh mục (categories) / not in the category map: { "${c.name}": { "${adapter.platform}": { "categoryId": "${c.categoryId}" } } }`,
      })),
    );
    const entry: UnfilledColumn = {
      key: 'category',
      header: column.vi,
      skus: reasons.map((r) => r.sku),
      reasons,
    };
    const existing = unfilled.findIndex((u) => u.key === 'category');
    const at = CATALOG_COLUMNS.indexOf(column);
    const index = unfilled.findIndex((u) => CATALOG_COLUMNS.findIndex((c) => c.key === u.key) > at);
    if (existing !== -1) unfilled[existing] = entry;
    else unfilled.splice(index === -1 ? unfilled.length : index, 0, entry);
  }
  const headers = CATALOG_COLUMNS.map((c) => c.vi);
  const rows = [...rowsBySku.values()].flat().map((row) => CATALOG_COLUMNS.map((c) => row[c.key] ?? ''));

  await mkdir(options.dir, { recursive: true });
  const baseName = options.baseName ?? `danh-muc-${adapter.platform}`;
  const csv = join(options.dir, `${baseName}.csv`);
  await writeFile(csv, csvText(headers, rows), 'utf8');

  const { workbook, sheet } = await sheetWorkbook('Sản phẩm', headers, rows);
  const marked = new Set(unfilled.map((u) => u.header));
  headers.forEach((header, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    sheet.getColumn(i + 1).width = Math.max(12, header.length + 4);
    if (!marked.has(header)) return;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE08A' } };
    cell.note = 'Không lấy được từ sàn: cần điền / Not available from the marketplace: fill in';
  });
  const xlsx = join(options.dir, `${baseName}.xlsx`);
  await workbook.xlsx.writeFile(xlsx);
  return {
    platform: adapter.platform,
    account: adapter.account,
    files: { csv, xlsx },
    products: rowsBySku.size,
    rows: rows.length,
    unfilled,
    unmappedCategories: [...unmapped.values()],
    imagesDownloaded,
    imagesNotDownloaded,
  };
}

/**
 * Platform category id → the catalog category ("Danh mục") the map sends there, for one platform: the
 * first entry in the map's order (several may share a platform category; any of them lists the same).
 */
export function mappedCategoryNames(
  categories: CategoryMap | undefined,
  platform: string,
): Map<string, string> {
  const out = new Map<string, string>();
  if (!categories || typeof categories === 'function') return out;
  for (const [hint, mapping] of Object.entries(categories[platform] ?? {}))
    if (!out.has(mapping.categoryId)) out.set(mapping.categoryId, hint);
  return out;
}
