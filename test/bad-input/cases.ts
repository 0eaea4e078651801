/**
 * The malformed inputs of the standing bad-input suite (#13), as data. Each case says how to feed
 * its input through the PUBLIC API; `bad-input.test.ts` runs them and judges what came back.
 */

/** A CSV as a Vietnamese Excel writes it: BOM, `;`, CRLF. */
export const HEADER = [
  'Mã sản phẩm',
  'Mã SKU phân loại',
  'Tên sản phẩm',
  'Xuất xứ',
  'Loại chủ thể',
  'Tên chủ thể',
  'Phường/Xã',
  'Tỉnh/Thành phố',
  'Phân loại 1',
  'Giá trị phân loại 1',
  'Giá bán (VND)',
  'Tồn kho',
  'Khối lượng (g)',
];
export const GOOD_ROW = [
  'OK-1',
  '',
  'Bột sắn dây',
  'Quảng Trị',
  'HTX',
  'HTX Vĩnh Hà',
  'Xã Bến Quan',
  'Quảng Trị',
  '',
  '',
  '45.000',
  '10',
  '500',
];
export const OTHER_ROW = ['OK-2', '', 'Miến ngũ sắc', ...GOOD_ROW.slice(3)];

export function csvText(rows: readonly (readonly string[])[], separator = ';'): string {
  return `\ufeff${rows.map((r) => r.join(separator)).join('\r\n')}\r\n`;
}

/** The good row with one cell replaced (by header). */
export function rowWith(header: string, value: string, row: readonly string[] = GOOD_ROW): string[] {
  const copy = [...row];
  copy[HEADER.indexOf(header)] = value;
  return copy;
}

/** One bad cell in an otherwise valid single-product CSV. */
export const BAD_CELLS: readonly [name: string, header: string, value: string][] = [
  ['price not a number', 'Giá bán (VND)', 'bốn lăm nghìn'],
  ['price fractional', 'Giá bán (VND)', '45,5'],
  ['price zero', 'Giá bán (VND)', '0'],
  ['price negative', 'Giá bán (VND)', '-45.000'],
  ['price empty', 'Giá bán (VND)', ''],
  ['stock negative', 'Tồn kho', '-1'],
  ['stock fractional', 'Tồn kho', '1,5'],
  ['stock words', 'Tồn kho', 'nhiều'],
  ['stock empty', 'Tồn kho', ''],
  ['weight words', 'Khối lượng (g)', 'nặng'],
  ['weight zero', 'Khối lượng (g)', '0'],
  ['weight negative', 'Khối lượng (g)', '-500'],
  ['weight empty', 'Khối lượng (g)', ''],
  ['name too short', 'Tên sản phẩm', 'Bó'],
  ['name empty', 'Tên sản phẩm', ''],
  ['name too long', 'Tên sản phẩm', 'Bột '.repeat(80)],
  ['producer type unknown', 'Loại chủ thể', 'Công ty ma'],
  ['producer name empty', 'Tên chủ thể', ''],
  ['origin empty', 'Xuất xứ', ''],
  ['province empty', 'Tỉnh/Thành phố', ''],
  ['product SKU empty', 'Mã sản phẩm', ''],
  ['name with zero-width space', 'Tên sản phẩm', 'Bột\u200b sắn dây'],
  ['name with right-to-left override', 'Tên sản phẩm', 'Bột \u202eyâd nắs'],
  ['name with left-to-right embedding', 'Tên sản phẩm', '\u202aBột sắn dây'],
  ['name with zero-width joiner', 'Tên sản phẩm', 'Bột\u200d sắn dây'],
  ['name with word joiner', 'Tên sản phẩm', 'Bột\u2060 sắn dây'],
  ['name with BOM inside', 'Tên sản phẩm', 'Bột\ufeff sắn dây'],
  ['name with soft hyphen', 'Tên sản phẩm', 'Bột sắn\u00ad dây'],
  ['name with first-strong isolate', 'Tên sản phẩm', 'Bột \u2068sắn\u2069 dây'],
  ['producer name with RLO', 'Tên chủ thể', 'HTX \u202eàH hnĩV'],
  ['SKU with zero-width space', 'Mã sản phẩm', 'OK\u200b-1'],
  ['ward with bidi isolate', 'Phường/Xã', 'Xã \u2066Bến Quan'],
  ['name with NUL character', 'Tên sản phẩm', 'Miến\u0000 ngũ sắc'],
  ['name with line separator', 'Tên sản phẩm', 'Bột\u2028 sắn dây'],
  ['name with DEL control character', 'Tên sản phẩm', 'Bột sắn\u007f dây'],
];

/** Whole-file layout mistakes in CSV. */
export const BAD_LAYOUTS: readonly [name: string, text: string, validProducts: number][] = [
  [
    'unknown column (misspelled "Trạng thái")',
    csvText([
      [...HEADER, 'Tình trạng bán'],
      [...GOOD_ROW, 'Ngừng bán'],
    ]),
    0,
  ],
  [
    'unknown column "Trang thai ban"',
    csvText([
      [...HEADER, 'Trạng thái bán'],
      [...GOOD_ROW, 'Ngừng bán'],
    ]),
    0,
  ],
  [
    'misspelled status header (a letter missing; accents alone are ignored by design)',
    csvText([
      [...HEADER, 'Trạng thá'],
      [...GOOD_ROW, 'Ngừng bán'],
    ]),
    0,
  ],
  [
    'unknown English column',
    csvText([
      [...HEADER, 'staus'],
      [...GOOD_ROW, 'inactive'],
    ]),
    0,
  ],
  [
    'duplicated header "Giá bán"',
    csvText([
      [...HEADER, 'Giá bán (VND)'],
      [...GOOD_ROW, '99.000'],
    ]),
    0,
  ],
  [
    'same column by vi and en name',
    csvText([
      [...HEADER, 'price'],
      [...GOOD_ROW, '99.000'],
    ]),
    0,
  ],
  [
    'column with data but no header',
    csvText([
      [...HEADER, ''],
      [...GOOD_ROW, 'ghi chú'],
    ]),
    0,
  ],
  ['cell beyond the last header', csvText([HEADER, [...GOOD_ROW, 'thừa']]), 0],
  ['header with zero-width space', csvText([[...HEADER.slice(0, -1), 'Khối lượng (g)\u200b'], GOOD_ROW]), 0],
  ['missing required column', csvText([HEADER.slice(0, -1), GOOD_ROW.slice(0, -1)]), 0],
  [
    'same product code in non-adjacent rows',
    csvText([HEADER, GOOD_ROW, OTHER_ROW, rowWith('Tên sản phẩm', 'Sản phẩm khác hẳn')]),
    1,
  ],
  [
    'group row contradicts the product name',
    csvText([
      HEADER,
      rowWith(
        'Giá trị phân loại 1',
        'Gói 200 g',
        rowWith('Phân loại 1', 'Quy cách', rowWith('Mã SKU phân loại', 'OK-1-200')),
      ),
      rowWith(
        'Tên sản phẩm',
        'Tên khác',
        rowWith(
          'Giá trị phân loại 1',
          'Gói 500 g',
          rowWith('Phân loại 1', 'Quy cách', rowWith('Mã SKU phân loại', 'OK-1-500')),
        ),
      ),
    ]),
    0,
  ],
  ['unclosed quote', csvText([HEADER, rowWith('Tên sản phẩm', '"Bột sắn dây')]), 0],
  ['text after a closing quote', csvText([HEADER, rowWith('Tên sản phẩm', '"Bột" sắn dây')]), 0],
  ['header only, separator is "|"', csvText([HEADER, GOOD_ROW], '|'), 0],
];

/** Bytes that are not UTF-8 (each placed inside the product name). */
export const BAD_BYTES: readonly [name: string, bytes: number[]][] = [
  ['Latin-1 "é"', [0xe9]],
  ['lone continuation byte', [0x80]],
  ['overlong "/"', [0xc0, 0xaf]],
  ['truncated 3-byte sequence', [0xe1, 0x80]],
  ['UTF-16 surrogate', [0xed, 0xa0, 0x80]],
  ['byte 0xF5', [0xf5, 0x80, 0x80, 0x80]],
  ['Windows-1258 "ơ"', [0xf5]],
  ['byte 0xFF', [0xff]],
];

/** JSON catalogs that must not yield a product. */
export const GOOD_JSON_PRODUCT = {
  sku: 'J-1',
  name: 'Mật ong bạc hà',
  origin: 'Hà Giang',
  producer: {
    type: 'cooperative',
    name: 'HTX Mật ong Mèo Vạc',
    address: { ward: 'Xã Pả Vi', province: 'Hà Giang' },
  },
  priceVnd: 150_000,
  stock: 10,
  weightGrams: 700,
};
export const BAD_JSON: readonly [name: string, text: string][] = [
  ['trailing comma', `[${JSON.stringify(GOOD_JSON_PRODUCT)},]`],
  ['unclosed array', `[${JSON.stringify(GOOD_JSON_PRODUCT)}`],
  ['empty file', ''],
  ['BOM only', '\ufeff'],
  ['single quotes', "[{'sku': 'J-1'}]"],
  ['comment inside', `[/* note */ ${JSON.stringify(GOOD_JSON_PRODUCT)}]`],
  ['wrapper "product" instead of "products"', JSON.stringify({ product: [GOOD_JSON_PRODUCT] })],
  ['wrapper "items"', JSON.stringify({ items: [GOOD_JSON_PRODUCT] })],
  ['"products" is an object', JSON.stringify({ products: { a: GOOD_JSON_PRODUCT } })],
  ['"products" plus a stray key', JSON.stringify({ products: [GOOD_JSON_PRODUCT], version: 2 })],
  ['a string', JSON.stringify('products')],
  ['a number', '42'],
  ['null', 'null'],
  ['misspelled "status" ("satus")', JSON.stringify([{ ...GOOD_JSON_PRODUCT, satus: 'inactive' }])],
  ['misspelled "priceVnd" ("price")', JSON.stringify([{ ...GOOD_JSON_PRODUCT, price: 1 }])],
  [
    'misspelled nested "address" ("adress")',
    JSON.stringify([
      { ...GOOD_JSON_PRODUCT, producer: { ...GOOD_JSON_PRODUCT.producer, adress: { province: 'Hà Giang' } } },
    ]),
  ],
  [
    'misspelled variant field ("prize")',
    JSON.stringify([
      {
        ...GOOD_JSON_PRODUCT,
        variants: [
          { sku: 'J-1-A', options: { Loại: 'A' }, prize: 1, priceVnd: 1000, stock: 1, weightGrams: 1 },
        ],
      },
    ]),
  ],
  ['name with RLO', JSON.stringify([{ ...GOOD_JSON_PRODUCT, name: 'Mật \u202eGNO' }])],
  ['name with zero-width space', JSON.stringify([{ ...GOOD_JSON_PRODUCT, name: 'Mật\u200b ong bạc hà' }])],
  ['item is a string', JSON.stringify(['J-1'])],
  ['item is null', '[null]'],
  ['price is text', JSON.stringify([{ ...GOOD_JSON_PRODUCT, priceVnd: '150.000' }])],
  ['stock negative', JSON.stringify([{ ...GOOD_JSON_PRODUCT, stock: -3 }])],
  ['weight NaN-like', JSON.stringify([{ ...GOOD_JSON_PRODUCT, weightGrams: 'NaN' }])],
  ['producer missing', JSON.stringify([{ ...GOOD_JSON_PRODUCT, producer: undefined }])],
  ['status unknown', JSON.stringify([{ ...GOOD_JSON_PRODUCT, status: 'paused' }])],
  // JSON.parse keeps the last of two equal keys without a word: which price was meant is unknown.
  [
    'a key written twice ("priceVnd")',
    `[${JSON.stringify(GOOD_JSON_PRODUCT).replace('{', '{"priceVnd": 1000,')}]`,
  ],
  ['"__proto__" key', `[${JSON.stringify(GOOD_JSON_PRODUCT).replace('{', '{"__proto__": {"x": 1},')}]`],
];
