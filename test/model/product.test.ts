import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  type ProductInput,
  ProductSchema,
  productOffers,
  validateCatalog,
  validateProduct,
} from '../../src/model/index.js';

const VALID: ProductInput = {
  sku: 'VL-TBN',
  name: 'Tinh bột nghệ Vĩnh Linh',
  origin: 'Quảng Trị',
  producer: {
    type: 'cooperative',
    name: 'HTX Nông nghiệp Vĩnh Linh',
    taxCode: '3200123456',
    address: { ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' },
  },
  ocop: { stars: 4, certificateNo: '125/GCN-UBND', issuedBy: 'UBND tỉnh Quảng Trị', issuedAt: '2023-09-15' },
  food: { netContent: { value: 500, unit: 'g' }, shelfLifeDays: 365 },
  priceVnd: 185_000,
  stock: 40,
  weightGrams: 600,
};

function issuesOf(patch: Record<string, unknown>) {
  const result = validateProduct({ ...VALID, ...patch }, { row: 7 });
  if (result.ok) throw new Error('expected the product to be invalid');
  return result.issues;
}

/** Each mistake a clerk could plausibly make, the field it must point at, and the Vietnamese and English reason. */
const CASES: { name: string; patch: Record<string, unknown>; path: string; vi: string; en: string }[] = [
  {
    name: 'negative stock',
    patch: { stock: -1 },
    path: 'stock',
    vi: 'Tồn kho phải là số nguyên không âm',
    en: 'Stock must be a whole number, zero or more',
  },
  {
    name: 'fractional stock',
    patch: { stock: 2.5 },
    path: 'stock',
    vi: 'Tồn kho phải là số nguyên không âm',
    en: 'Stock must be a whole number, zero or more',
  },
  {
    name: 'fractional VND',
    patch: { priceVnd: 45_000.5 },
    path: 'priceVnd',
    vi: 'Giá phải là số nguyên dương (VND)',
    en: 'Price must be a positive whole number of VND',
  },
  {
    name: 'zero price',
    patch: { priceVnd: 0 },
    path: 'priceVnd',
    vi: 'Giá phải là số nguyên dương (VND)',
    en: 'Price must be a positive whole number of VND',
  },
  {
    name: 'price as text',
    patch: { priceVnd: '45.000' },
    path: 'priceVnd',
    vi: 'Giá phải là số nguyên dương (VND)',
    en: 'Price must be a positive whole number of VND',
  },
  {
    name: 'list price below price',
    patch: { listPriceVnd: 100_000 },
    path: 'listPriceVnd',
    vi: 'Giá niêm yết phải lớn hơn hoặc bằng giá bán',
    en: 'List price must be greater than or equal to the selling price',
  },
  {
    name: 'weight in kilograms',
    patch: { weightGrams: 0.6 },
    path: 'weightGrams',
    vi: 'Khối lượng phải là số nguyên dương (gam)',
    en: 'Weight must be a positive whole number of grams',
  },
  {
    name: '4-star OCOP without certificate number',
    patch: { ocop: { ...VALID.ocop, certificateNo: '' } },
    path: 'ocop.certificateNo',
    vi: 'Sản phẩm OCOP phải có số giấy chứng nhận hoặc số quyết định công nhận',
    en: 'An OCOP product needs its certificate or recognition decision number',
  },
  {
    name: '2-star OCOP',
    patch: { ocop: { ...VALID.ocop, stars: 2 } },
    path: 'ocop.stars',
    vi: 'Hạng sao OCOP phải là 3, 4 hoặc 5 (sản phẩm 1–2 sao chưa được công nhận OCOP)',
    en: 'OCOP stars must be 3, 4 or 5 (1–2 star products are not recognised as OCOP)',
  },
  {
    name: 'OCOP expiry before issue',
    patch: { ocop: { ...VALID.ocop, expiresAt: '2022-01-01' } },
    path: 'ocop.expiresAt',
    vi: 'Ngày hết hạn OCOP phải sau ngày cấp',
    en: 'OCOP expiry date must be after the issue date',
  },
  {
    name: 'OCOP date written day-first',
    patch: { ocop: { ...VALID.ocop, issuedAt: '15/09/2023' } },
    path: 'ocop.issuedAt',
    vi: 'Ngày phải theo dạng năm-tháng-ngày, ví dụ 2024-05-31',
    en: 'Date must be written as year-month-day, e.g. 2024-05-31',
  },
  {
    name: 'OCOP date written year-month-day that does not exist',
    patch: { ocop: { ...VALID.ocop, issuedAt: '2024-02-31' } },
    path: 'ocop.issuedAt',
    vi: 'Ngày "2024-02-31" không có thật: tháng 2 năm 2024 có 29 ngày',
    en: 'Date "2024-02-31" does not exist: month 2 of 2024 has 29 days',
  },
  {
    name: 'OCOP expiry with a month that does not exist',
    patch: { ocop: { ...VALID.ocop, expiresAt: '2026-13-01' } },
    path: 'ocop.expiresAt',
    vi: 'Ngày "2026-13-01" không có thật: không có tháng 13 (năm-tháng-ngày, ví dụ 2024-05-31)',
    en: 'Date "2026-13-01" does not exist: there is no month 13 (year-month-day, e.g. 2024-05-31)',
  },
  {
    name: 'OCOP without issuing body',
    patch: { ocop: { ...VALID.ocop, issuedBy: ' ' } },
    path: 'ocop.issuedBy',
    vi: 'Cần ghi cơ quan cấp chứng nhận OCOP (ví dụ: UBND tỉnh Quảng Trị)',
    en: 'The body that issued the OCOP certificate is required (e.g. Quảng Trị Provincial People’s Committee)',
  },
  {
    name: 'accented SKU',
    patch: { sku: 'BỘT-NGHỆ' },
    path: 'sku',
    vi: 'Mã SKU chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới (1–64 ký tự)',
    en: 'SKU may contain only unaccented letters, digits, ".", "-" or "_" (1–64 characters)',
  },
  {
    name: 'name too short',
    patch: { name: 'Bó' },
    path: 'name',
    vi: 'Tên sản phẩm phải có từ 3 đến 255 ký tự',
    en: 'Product name must be 3 to 255 characters long',
  },
  {
    name: 'tax code of 9 digits',
    patch: { producer: { ...VALID.producer, taxCode: '320012345' } },
    path: 'producer.taxCode',
    vi: 'Mã số thuế phải có 10 chữ số hoặc 10 chữ số kèm "-" và 3 chữ số',
    en: 'Tax code must be 10 digits, or 10 digits followed by "-" and 3 digits',
  },
  {
    name: 'producer address without province',
    patch: { producer: { ...VALID.producer, address: { ward: 'Xã Vĩnh Thủy' } } },
    path: 'producer.address.province',
    vi: 'Địa chỉ phải có tỉnh/thành phố',
    en: 'The address needs a province or city',
  },
  {
    name: 'zero shelf life',
    patch: { food: { ...VALID.food, shelfLifeDays: 0 } },
    path: 'food.shelfLifeDays',
    vi: 'Hạn sử dụng phải là số ngày nguyên dương',
    en: 'Shelf life must be a positive whole number of days',
  },
  {
    name: 'image given as a bare string',
    patch: { images: ['anh.jpg'] },
    path: 'images.0',
    vi: 'Ảnh phải là đường dẫn tệp, địa chỉ http(s) hoặc dữ liệu ảnh',
    en: 'An image must be a file path, an http(s) URL or image bytes',
  },
  {
    name: 'ftp image URL',
    patch: { images: [{ url: 'ftp://example.com/a.jpg' }] },
    path: 'images.0.url',
    vi: 'Địa chỉ ảnh phải bắt đầu bằng http:// hoặc https://',
    en: 'An image address must start with http:// or https://',
  },
  {
    name: 'no price, stock or weight and no variants',
    patch: { priceVnd: undefined },
    path: 'priceVnd',
    vi: 'Sản phẩm không có phân loại phải có giá, tồn kho và khối lượng',
    en: 'A product without variants needs a price, a stock quantity and a weight',
  },
];

describe('validateProduct', () => {
  it('accepts a complete product and derives one sellable unit from it', () => {
    const result = validateProduct(VALID);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(productOffers(result.value)).toEqual([
      expect.objectContaining({ sku: 'VL-TBN', priceVnd: 185_000, stock: 40, weightGrams: 600, options: {} }),
    ]);
  });

  for (const c of CASES) {
    it(`explains ${c.name} in Vietnamese and English, naming the field and the value`, () => {
      const issue = issuesOf(c.patch).find((i) => i.path === c.path);
      expect(issue, JSON.stringify(issuesOf(c.patch))).toBeDefined();
      expect(issue?.messageVi).toBe(c.vi);
      expect(issue?.messageEn).toBe(c.en);
      expect(issue?.row).toBe(7);
      expect(formatIssue(issue!, 'vi')).toMatch(/^Dòng 7 · /);
    });
  }

  it('says "missing" for an empty enum field rather than "not an accepted value"', () => {
    const issue = issuesOf({ producer: { ...VALID.producer, type: undefined } }).find(
      (i) => i.path === 'producer.type',
    );
    expect(issue?.messageVi).toBe('Thiếu thông tin bắt buộc');
    expect(issue?.messageEn).toBe('Required value is missing');
  });

  it('reports every problem of a row at once, not only the first', () => {
    const issues = issuesOf({ priceVnd: -5, weightGrams: undefined, name: 'X' });
    expect(issues.map((i) => i.path).sort()).toEqual(['name', 'priceVnd', 'weightGrams']);
  });

  it('formats an issue for a person: row, field label, reason, value', () => {
    const [issue] = issuesOf({ priceVnd: -5 });
    expect(formatIssue(issue!, 'vi')).toBe('Dòng 7 · Giá: Giá phải là số nguyên dương (VND) (giá trị: -5)');
    expect(formatIssue(issue!, 'en')).toBe(
      'Row 7 · Price: Price must be a positive whole number of VND (value: -5)',
    );
  });
});

describe('variants', () => {
  const withVariants = (variants: unknown[]) => ({
    ...VALID,
    priceVnd: undefined,
    stock: undefined,
    weightGrams: undefined,
    variants,
  });
  const box = {
    sku: 'VL-TBN-500',
    options: { 'Quy cách': 'Hộp 500 g' },
    priceVnd: 185_000,
    stock: 25,
    weightGrams: 600,
  };
  const bag = {
    sku: 'VL-TBN-1KG',
    options: { 'Quy cách': 'Túi 1 kg' },
    priceVnd: 340_000,
    stock: 10,
    weightGrams: 1100,
  };

  it('each variant is a sellable unit with its own SKU, price, stock and weight', () => {
    const result = validateProduct(withVariants([box, bag]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(productOffers(result.value).map((o) => [o.sku, o.label, o.priceVnd, o.stock])).toEqual([
      ['VL-TBN-500', 'Hộp 500 g', 185_000, 25],
      ['VL-TBN-1KG', 'Túi 1 kg', 340_000, 10],
    ]);
  });

  it('refuses two variants with the same options, a variant reusing the product SKU, mixed option names and three tiers', () => {
    const cases: [unknown[], string, string][] = [
      [[box, { ...bag, options: box.options }], 'variants.1.options', 'variants.duplicate_options'],
      [[box, { ...bag, sku: 'VL-TBN' }], 'variants.1.sku', 'sku.duplicate'],
      [
        [box, { ...bag, options: { 'Trọng lượng': '1 kg' } }],
        'variants.1.options',
        'variants.tiers_mismatch',
      ],
      [[{ ...box, options: { a: '1', b: '2', c: '3' } }], 'variants.0.options', 'variants.options_count'],
    ];
    for (const [variants, path, code] of cases) {
      const result = validateProduct(withVariants(variants));
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.issues.map((i) => [i.path, i.code])).toContainEqual([path, code]);
    }
  });
});

describe('validateProduct fast path for valid rows (#14)', () => {
  // A valid row is decided without zod checks on objects; a row failing only a cross-field rule must
  // still be refused with the same issues ProductSchema reports, and a valid row get ProductSchema's output.
  it('refuses a row whose fields are all valid but whose cross-field rules fail, like ProductSchema', () => {
    const rows: [Record<string, unknown>, string, string][] = [
      [{ ocop: { ...VALID.ocop, expiresAt: '2023-01-01' } }, 'ocop.expiresAt', 'ocop.expiry_before_issue'],
      [{ listPriceVnd: 100_000 }, 'listPriceVnd', 'list_price.below_price'],
      [{ stock: undefined }, 'stock', 'variants.offer_required'],
    ];
    for (const [patch, path, code] of rows) {
      const input = { ...VALID, ...patch };
      const result = validateProduct(input, { row: 3 });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.issues.map((i) => [i.path, i.code, i.row])).toEqual([[path, code, 3]]);
      expect(ProductSchema.safeParse(input).success).toBe(false);
    }
  });

  it("gives a valid row exactly ProductSchema's output", () => {
    const result = validateProduct({ ...VALID, name: '  Tinh bột nghệ Vĩnh Linh  ' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual(ProductSchema.parse({ ...VALID, name: '  Tinh bột nghệ Vĩnh Linh  ' }));
    expect(result.value.name).toBe('Tinh bột nghệ Vĩnh Linh');
    expect(result.value.variants).toEqual([]);
  });
});

describe('validateCatalog', () => {
  it('keeps valid products, reports invalid ones per row, and refuses a SKU used by two products', () => {
    const result = validateCatalog([
      VALID,
      { ...VALID, stock: -1 },
      { ...VALID, name: 'Tinh bột nghệ (trùng mã)' },
    ]);
    expect(result.products.map((p) => p.name)).toEqual(['Tinh bột nghệ Vĩnh Linh']);
    expect(result.invalidIndexes).toEqual([1, 2]);
    expect(result.issues.map((i) => [i.row, i.code])).toEqual([
      [2, 'stock.non_negative_integer'],
      [3, 'sku.duplicate'],
    ]);
  });
});

describe('an unknown field named like an Object.prototype member is refused too', () => {
  it.each([
    ['constructor', { constructor: 1 }],
    ['toString', { toString: 'x' }],
    ['hasOwnProperty', { hasOwnProperty: 1 }],
    ['producer.constructor', { producer: { ...VALID.producer, constructor: 1 } }],
  ])('%s', (path, patch) => {
    const issues = issuesOf(patch);
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0]?.messageEn).toContain(`Field "${path}" is not part of the product model.`);
  });

  it('a JSON key "__proto__" (an own key after JSON.parse) is named, not ignored', () => {
    const row = JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(VALID).slice(1)}`) as unknown;
    const result = validateProduct(row);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(['__proto__']);
  });
});
