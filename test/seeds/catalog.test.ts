/**
 * The sample catalog in seeds/ is valid against the model, its CSV and JSON forms describe the same
 * products, its addresses and phone numbers are real Vietnamese ones, and its images are the
 * generated 1200×1200 JPEGs under 60 KB.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { catalogToCsv } from '../../seeds/generate-csv.js';
import { readCatalog } from '../../src/catalog/index.js';
import { type Product, ProductSchema, validateCatalog, validateProduct } from '../../src/model/index.js';
import {
  findDistrict,
  findProvince,
  findWard,
  mapWardTo2025,
  parseVnd,
  parseVnPhone,
} from '../../src/vn/index.js';

const SEEDS = resolve(dirname(fileURLToPath(import.meta.url)), '../../seeds');
const MAX_IMAGE_BYTES = 60 * 1024;

const rawJson = JSON.parse(readFileSync(join(SEEDS, 'catalog.json'), 'utf8')) as unknown[];
const csvBytes = readFileSync(join(SEEDS, 'catalog.csv'));
const csvText = csvBytes.toString('utf8');
const products: Product[] = rawJson.map((p) => ProductSchema.parse(p));

/** The header row, exactly as seeds/README.md documents it. */
const HEADERS = [
  'Mã sản phẩm',
  'Mã SKU phân loại',
  'Tên sản phẩm',
  'Mô tả',
  'Thương hiệu',
  'Danh mục',
  'Xuất xứ',
  'Loại chủ thể',
  'Tên chủ thể',
  'Mã số thuế',
  'SĐT chủ thể',
  'Địa chỉ chủ thể',
  'Phường/Xã',
  'Quận/Huyện',
  'Tỉnh/Thành phố',
  'Hạng sao OCOP',
  'Số chứng nhận OCOP',
  'Số quyết định OCOP',
  'Cơ quan cấp',
  'Ngày cấp',
  'Ngày hết hạn',
  'Nhóm sản phẩm OCOP',
  'Khối lượng tịnh',
  'Hạn sử dụng (ngày)',
  'Bảo quản',
  'Thành phần',
  'Chứng nhận ATTP',
  'Ảnh',
  'Phân loại 1',
  'Giá trị phân loại 1',
  'Phân loại 2',
  'Giá trị phân loại 2',
  'Giá bán (VND)',
  'Giá niêm yết (VND)',
  'Tồn kho',
  'Khối lượng (g)',
  'Dài (cm)',
  'Rộng (cm)',
  'Cao (cm)',
  'Trạng thái',
  'Thành phần hộp quà',
];

const PRODUCER_TYPES: Record<string, Product['producer']['type']> = {
  HTX: 'cooperative',
  'Tổ hợp tác': 'cooperative_group',
  'Doanh nghiệp': 'enterprise',
  'Hộ kinh doanh': 'household',
};

type Row = Record<string, string>;

/** An independent reading of the CSV, following the mapping table in seeds/README.md. */
function productsFromCsv(rows: Row[]): unknown[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const sku = row['Mã sản phẩm'] ?? '';
    groups.set(sku, [...(groups.get(sku) ?? []), row]);
  }
  const opt = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  const num = (value: string | undefined) => (opt(value) === undefined ? undefined : parseVnd(value ?? ''));
  const date = (value: string | undefined) => {
    const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value ?? '');
    return match === null ? undefined : `${match[3]}-${match[2]}-${match[1]}`;
  };
  const dims = (r: Row) =>
    opt(r['Dài (cm)']) === undefined
      ? undefined
      : { length: num(r['Dài (cm)']), width: num(r['Rộng (cm)']), height: num(r['Cao (cm)']) };
  const offer = (r: Row) => ({
    priceVnd: num(r['Giá bán (VND)']),
    listPriceVnd: num(r['Giá niêm yết (VND)']),
    stock: num(r['Tồn kho']),
    weightGrams: num(r['Khối lượng (g)']),
    dimensionsCm: dims(r),
  });
  return [...groups.values()].map((group) => {
    const first = group[0] as Row;
    const [netValue, netUnit] = (first['Khối lượng tịnh'] ?? '').split(' ');
    const hasVariants = opt(first['Mã SKU phân loại']) !== undefined;
    const product = {
      sku: first['Mã sản phẩm'],
      name: first['Tên sản phẩm'],
      description: first['Mô tả'],
      brand: opt(first['Thương hiệu']),
      categoryHints: (first['Danh mục'] ?? '').split(';').map((c) => c.trim()),
      origin: first['Xuất xứ'],
      producer: {
        type: PRODUCER_TYPES[first['Loại chủ thể'] ?? ''],
        name: first['Tên chủ thể'],
        taxCode: opt(first['Mã số thuế']),
        phone: opt(first['SĐT chủ thể']),
        address: {
          street: opt(first['Địa chỉ chủ thể']),
          ward: first['Phường/Xã'],
          district: opt(first['Quận/Huyện']),
          province: first['Tỉnh/Thành phố'],
        },
      },
      ocop:
        opt(first['Hạng sao OCOP']) === undefined
          ? undefined
          : {
              stars: Number(first['Hạng sao OCOP']),
              certificateNo: first['Số chứng nhận OCOP'],
              decisionNo: opt(first['Số quyết định OCOP']),
              issuedBy: first['Cơ quan cấp'],
              issuedAt: date(first['Ngày cấp']),
              expiresAt: date(first['Ngày hết hạn']),
              productGroup: opt(first['Nhóm sản phẩm OCOP']),
            },
      food: {
        netContent: { value: Number(netValue), unit: netUnit },
        shelfLifeDays: Number(first['Hạn sử dụng (ngày)']),
        storage: opt(first['Bảo quản']),
        ingredients: opt(first['Thành phần']),
        foodSafetyCertificate: opt(first['Chứng nhận ATTP']),
      },
      images: (first['Ảnh'] ?? '').split(';').map((path) => ({ path: path.trim() })),
      ...(hasVariants ? {} : offer(first)),
      variants: hasVariants
        ? group.map((r) => ({
            sku: r['Mã SKU phân loại'],
            options: Object.fromEntries(
              [
                [r['Phân loại 1'], r['Giá trị phân loại 1']],
                [r['Phân loại 2'], r['Giá trị phân loại 2']],
              ].filter(([name]) => opt(name) !== undefined),
            ),
            ...offer(r),
          }))
        : [],
      status: first['Trạng thái'] === 'Ngừng bán' ? 'inactive' : 'active',
    };
    return JSON.parse(JSON.stringify(product)); // drops undefined fields, as JSON would
  });
}

describe('seeds/catalog.json', () => {
  it('holds at least 12 products, some with variants (one with two tiers), one without OCOP', () => {
    expect(products.length).toBeGreaterThanOrEqual(12);
    expect(products.filter((p) => p.variants.length > 0).length).toBeGreaterThanOrEqual(5);
    expect(products.some((p) => p.variants.some((v) => Object.keys(v.options).length === 2))).toBe(true);
    expect(products.some((p) => p.ocop === undefined)).toBe(true);
    expect(new Set(products.map((p) => p.ocop?.stars).filter(Boolean))).toEqual(new Set([3, 4]));
  });

  it('every product validates against the model (validateProduct and validateCatalog)', () => {
    for (const raw of rawJson) {
      const result = validateProduct(raw);
      expect(result.ok ? [] : result.issues, (raw as { sku: string }).sku).toEqual([]);
    }
    const catalog = validateCatalog(rawJson);
    expect(catalog.issues).toEqual([]);
    expect(catalog.products).toHaveLength(rawJson.length);
  });

  it('is canonical: parsing changes nothing (defaults already written out)', () => {
    expect(products).toEqual(rawJson);
  });

  it('has producer addresses that resolve to real units of the era they are written in', () => {
    for (const { sku, producer } of products) {
      const { address } = producer;
      if (address.district !== undefined) {
        const province = findProvince(address.province, { era: 'legacy' });
        expect(province?.code, sku).toBe('45');
        const district = findDistrict(province?.code ?? '', address.district);
        expect(district?.name, sku).toBe('Vĩnh Linh');
        const ward = findWard(province?.code ?? '', address.ward, {
          era: 'legacy',
          districtCode: district?.code,
        });
        expect(ward, `${sku}: ${address.ward}`).toBeDefined();
        expect(mapWardTo2025(ward?.code ?? '')[0]?.ward.provinceCode, sku).toBe('44');
      } else {
        const province = findProvince(address.province, { era: '2025' });
        expect(province?.code, sku).toBe('44');
        expect(findWard(province?.code ?? '', address.ward), `${sku}: ${address.ward}`).toBeDefined();
      }
    }
    const eras = new Set(
      products.map((p) => (p.producer.address.district === undefined ? '2025' : 'legacy')),
    );
    expect(eras).toEqual(new Set(['legacy', '2025']));
  });

  it('has valid Vietnamese phone numbers', () => {
    for (const { sku, producer } of products) {
      if (producer.phone !== undefined) expect(() => parseVnPhone(producer.phone ?? ''), sku).not.toThrow();
    }
  });

  it('points at generated 1200×1200 JPEG images under 60 KB', async () => {
    const paths = products.flatMap((p) => p.images.map((image) => ('path' in image ? image.path : '')));
    expect(paths.length).toBe(products.length);
    for (const path of paths) {
      const file = join(SEEDS, path);
      const bytes = readFileSync(file);
      expect(bytes.length, path).toBeLessThan(MAX_IMAGE_BYTES);
      const meta = await sharp(bytes).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }, path).toEqual({
        format: 'jpeg',
        width: 1200,
        height: 1200,
      });
    }
  });
});

describe('seeds/catalog.csv', () => {
  it('is saved as Excel saves "CSV UTF-8": BOM, CRLF line ends, the documented Vietnamese headers', () => {
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvText.endsWith('\r\n')).toBe(true);
    const unquoted = csvText.replace(/"(?:[^"]|"")*"/g, '');
    expect(unquoted.match(/(?<!\r)\n/g)).toBeNull();
    const header = csvText.slice(1).split('\r\n')[0]?.split(',');
    expect(header).toEqual(HEADERS);
    expect(csvText).toBe(csvText.normalize('NFC'));
  });

  it('has one row per sellable unit (a variant, or a product without variants)', () => {
    const rows = parse(csvBytes, { bom: true, columns: true }) as Row[];
    const units = products.reduce((n, p) => n + Math.max(1, p.variants.length), 0);
    expect(rows).toHaveLength(units);
  });

  it('describes the same products as catalog.json (independent reading of the README mapping)', () => {
    const rows = parse(csvBytes, { bom: true, columns: true }) as Row[];
    const fromCsv = productsFromCsv(rows).map((p) => ProductSchema.parse(p));
    expect(fromCsv).toEqual(products);
  });

  it('describes the same products as catalog.json (the library catalog reader)', async () => {
    const result = await readCatalog(join(SEEDS, 'catalog.csv'));
    expect(result.issues).toEqual([]);
    const expected = products.map((p) => ({
      ...p,
      images: p.images.map((image) => ('path' in image ? { path: join(SEEDS, image.path) } : image)),
    }));
    expect(result.products).toEqual(expected);
  });

  it('is exactly what seeds/generate-csv.ts writes from catalog.json (regenerate after editing the JSON)', () => {
    expect(catalogToCsv(products)).toBe(csvText);
  });
});
