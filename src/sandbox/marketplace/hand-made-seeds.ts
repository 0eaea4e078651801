/**
 * Listings a cooperative typed by hand into each seller centre before it used ocop-connect, for the
 * products of `seeds/catalog.json` (plus products it sells that the catalog does not hold). Messy on
 * purpose: missing or different SKUs, names without accents or in capitals, units written "0,5kg",
 * "500 gram", "1 lít", regional words ("đậu phộng" for "lạc"), one product per pack size, a subset of
 * the variants, one product listed twice by hand, and look-alike products that are not in the catalog.
 * `intended` records what a careful person would link each listing to: the ground truth a matcher is
 * measured against (`npm run bench:match`).
 */
import { arg, checkArguments } from '../handle-guard.js';
import { oneOf } from '../sandbox-options.js';
import type { SandboxHandMadeListing } from './shop-data.js';
import type { MarketplacePlatform } from './types.js';

const ORIGIN = 'Xuất xứ (tỉnh/thành)';
const STARS = 'Hạng sao OCOP';
const BRAND = 'Thương hiệu';
const SHELF = 'Hạn sử dụng (ngày)';

function food(origin: string, stars?: number, brand?: string): Record<string, string | number> {
  return {
    [ORIGIN]: origin,
    [SHELF]: 365,
    ...(stars !== undefined ? { [STARS]: stars } : {}),
    ...(brand ? { [BRAND]: brand } : {}),
  };
}

type Offer = [sku: string | undefined, priceVnd: number, stock: number];

/** One listing without tiers. */
function single(
  title: string,
  category: string,
  offer: Offer,
  intended: string | null,
  extra: Partial<SandboxHandMadeListing> = {},
): SandboxHandMadeListing {
  const [sku, priceVnd, stock] = offer;
  return {
    ...(sku ? { sellerSku: sku } : {}),
    title,
    description: `${title}. Hàng nhà làm, đóng gói tại hợp tác xã.`,
    category,
    attributes: food('Quảng Trị', 3),
    weightGrams: 600,
    variants: [{ ...(sku ? { sku } : {}), priceVnd, stock }],
    intended:
      intended === null
        ? null
        : { productSku: intended.split('|')[0]!, variantSkus: [intended.split('|')[1] ?? intended] },
    ...extra,
  };
}

/** One option of a one-tier listing, with the catalog variant a careful person links it to. */
type TierOption = [option: string, ...Offer, intendedVariant: string | null];

/** One listing with one tier, for the catalog product `intendedProduct`. */
function tiered(
  title: string,
  category: string,
  tier: string,
  intendedProduct: string,
  options: readonly TierOption[],
  productSku?: string,
): SandboxHandMadeListing {
  return {
    ...(productSku ? { sellerSku: productSku } : {}),
    title,
    description: `${title}. Sản phẩm của hợp tác xã, giao hàng toàn quốc.`,
    category,
    attributes: food('Quảng Trị', 4),
    weightGrams: 800,
    tiers: [{ name: tier, options: options.map(([option]) => option) }],
    variants: options.map(([, sku, priceVnd, stock], index) => ({
      ...(sku ? { sku } : {}),
      tierIndex: [index],
      priceVnd,
      stock,
    })),
    intended: { productSku: intendedProduct, variantSkus: options.map((option) => option[4]) },
  };
}

// biome-ignore format: a table, one row per listing
const VOSO: readonly SandboxHandMadeListing[] = [
  tiered('Tinh bot nghe Vinh Linh nguyen chat', 'Dược liệu khô', 'Khối lượng', 'VL-TBN', [['100gr', undefined, 85_000, 40, 'VL-TBN-100'], ['0,5kg', undefined, 340_000, 12, 'VL-TBN-500']]),
  tiered('BỘT ĐẬU XANH VĨNH LINH - đặc sản Quảng Trị', 'Gạo & ngũ cốc', 'Trọng lượng', 'VL-BDX', [['500 gram', undefined, 70_000, 30, 'VL-BDX-500'], ['1kg', undefined, 130_000, 10, 'VL-BDX-1KG']]),
  single('Thanh long ruột đỏ Vĩnh Linh - thùng 5kg', 'Trái cây & nông sản tươi', ['TLRD5', 150_000, 8], 'VL-TLRD|VL-TLRD-5KG'),
  tiered('Dầu lạc Bến Quan ép thủ công', 'Nước mắm & gia vị', 'Dung tích', 'VL-DL', [['0,5 lít', 'DAULAC-05', 65_000, 20, 'VL-DL-500'], ['1 lít', 'DAULAC-1', 120_000, 9, 'VL-DL-1L']], 'DAULAC'),
  single('Miến ngũ sắc Hồ Xá OCOP 3 sao', 'Gạo & ngũ cốc', ['VL-MNS', 60_000, 50], 'VL-MNS'),
  tiered('Nước mắm cá cơm Cửa Tùng', 'Nước mắm & gia vị', 'Loại', 'VL-NMCC', [['Chai 500ml', undefined, 85_000, 25, 'VL-NMCC-500'], ['Can 1L', undefined, 150_000, 6, 'VL-NMCC-1L']]),
  single('Bột sắn dây Vĩnh Linh nguyên chất 500g', 'Gạo & ngũ cốc', [undefined, 120_000, 15], 'VL-BSD'),
  {
    title: 'Hồ tiêu Vĩnh Linh loại 1',
    description: 'Hồ tiêu trồng trên đất đỏ bazan, phơi nắng tự nhiên.',
    category: 'Nước mắm & gia vị',
    attributes: food('Quảng Trị', 4),
    weightGrams: 550,
    tiers: [
      { name: 'Loại', options: ['Đen', 'Sọ'] },
      { name: 'Quy cách', options: ['100g', '500g'] },
    ],
    variants: [
      { sku: 'VL-HT-DEN-100', tierIndex: [0, 0], priceVnd: 45_000, stock: 30 },
      { sku: 'VL-HT-DEN-500', tierIndex: [0, 1], priceVnd: 150_000, stock: 10 },
      { sku: 'VL-HT-SO-100', tierIndex: [1, 0], priceVnd: 70_000, stock: 20 },
      { sku: 'VL-HT-SO-500', tierIndex: [1, 1], priceVnd: 260_000, stock: 4 },
    ],
    intended: {
      productSku: 'VL-HT',
      variantSkus: ['VL-HT-DEN-100', 'VL-HT-DEN-500', 'VL-HT-SO-100', 'VL-HT-SO-500'],
    },
  },
  single('Mật ong rừng Vĩnh Hà - chai 500ml', 'Mật ong', [undefined, 250_000, 14], 'VL-MO'),
  single('Trà rau má Vĩnh Khê túi lọc OCOP', 'Trà', [undefined, 60_000, 35], 'VL-TRM'),
  tiered('Cao chè vằng Vĩnh Khê (hộp)', 'Dược liệu khô', 'Quy cách', 'VL-CCV', [['200 g', undefined, 180_000, 10, 'VL-CCV-200'], ['500 g', undefined, 400_000, 5, 'VL-CCV-500']]),
  single('Gạo sạch Vĩnh Long - túi 5kg', 'Gạo & ngũ cốc', ['GAO5', 140_000, 22], 'VL-GAO|VL-GAO-5KG'),
  // The jar on this listing is 200 g, the catalog's 500 g: the same product, another pack. A careful
  // person links no variant (stock of one pack is not the other's) and decides: add the pack, or "new".
  single('Mắm ruốc Cửa Tùng hũ 200g', 'Nước mắm & gia vị', [undefined, 75_000, 18], 'VL-MR|', { intended: { productSku: 'VL-MR', variantSkus: [null] } }),
  single('Khoai deo Vĩnh Hoàng', 'Trái cây & nông sản tươi', [undefined, 90_000, 0], 'VL-KD'),
  // The same honey typed a second time by another clerk.
  single('Mat ong rung Vinh Ha nguyen chat', 'Mật ong', [undefined, 245_000, 3], 'VL-MO'),
  single('Nước mắm Phú Quốc 40 độ đạm', 'Nước mắm & gia vị', [undefined, 95_000, 12], null),
  single('Mật ong hoa cà phê Đắk Lắk', 'Mật ong', [undefined, 180_000, 9], null),
  single('Khoai lang tím Vĩnh Linh', 'Trái cây & nông sản tươi', [undefined, 35_000, 40], null),
  single('Chè vằng khô Quảng Trị - túi 500g', 'Dược liệu khô', ['CVK500', 90_000, 16], null),
  single('Hạt điều rang muối Bình Phước', 'Gạo & ngũ cốc', [undefined, 220_000, 7], null),
  single('Dầu mè đen ép lạnh', 'Nước mắm & gia vị', [undefined, 110_000, 11], null),
  single('Gạo nếp cái hoa vàng Hải Hậu', 'Gạo & ngũ cốc', [undefined, 45_000, 30], null),
];

// biome-ignore format: a table, one row per listing
const POSTMART: readonly SandboxHandMadeListing[] = [
  single('Tinh Bột Nghệ Vàng Vĩnh Linh - Hộp 500g', 'Dược liệu khô', ['TBN500', 350_000, 9], 'VL-TBN|VL-TBN-500'),
  tiered('Bột đậu xanh rang xay Vĩnh Linh', 'Gạo & ngũ cốc', 'Quy cách', 'VL-BDX', [['Túi 0,5kg', undefined, 70_000, 15, 'VL-BDX-500'], ['Túi 1000g', undefined, 130_000, 5, 'VL-BDX-1KG']]),
  tiered('Thanh long ruột đỏ Vĩnh Linh', 'Trái cây & nông sản tươi', 'Thùng', 'VL-TLRD', [['3 kg', undefined, 95_000, 10, 'VL-TLRD-3KG'], ['5 kg', undefined, 150_000, 6, 'VL-TLRD-5KG']]),
  tiered('Dầu đậu phộng nguyên chất Bến Quan', 'Nước mắm & gia vị', 'Chai', 'VL-DL', [['500ml', undefined, 65_000, 12, 'VL-DL-500'], ['1l', undefined, 120_000, 4, 'VL-DL-1L']]),
  single('Miến ngũ sắc Hồ Xá', 'Gạo & ngũ cốc', [undefined, 60_000, 25], 'VL-MNS'),
  tiered('Nước mắm cá cơm Cửa Tùng - OCOP 4 sao', 'Nước mắm & gia vị', 'Dung tích', 'VL-NMCC', [['500 ml', 'VL-NMCC-500', 85_000, 14, 'VL-NMCC-500'], ['1 lít', 'VL-NMCC-1L', 150_000, 3, 'VL-NMCC-1L']], 'VL-NMCC'),
  single('Bột sắn dây VĨNH LINH', 'Gạo & ngũ cốc', [undefined, 120_000, 10], 'VL-BSD'),
  tiered('Tiêu đen Vĩnh Linh', 'Nước mắm & gia vị', 'Quy cách', 'VL-HT', [['100gr', undefined, 45_000, 12, 'VL-HT-DEN-100'], ['500gr', undefined, 150_000, 6, 'VL-HT-DEN-500']]),
  single('Mật ong rừng Vĩnh Hà', 'Mật ong', [undefined, 250_000, 6], 'VL-MO'),
  single('Trà rau má Vĩnh Khê', 'Trà', [undefined, 60_000, 20], 'VL-TRM'),
  single('Cao chè vằng Vĩnh Khê hộp 200gr', 'Dược liệu khô', [undefined, 180_000, 7], 'VL-CCV|VL-CCV-200'),
  tiered('Gạo sạch Vĩnh Long', 'Gạo & ngũ cốc', 'Khối lượng', 'VL-GAO', [['2kg', undefined, 60_000, 30, 'VL-GAO-2KG'], ['5kg', undefined, 140_000, 12, 'VL-GAO-5KG']]),
  single('Mắm ruốc Cửa Tùng', 'Nước mắm & gia vị', ['MR01', 75_000, 9], 'VL-MR'),
  // The arrowroot starch typed a second time, with a different price.
  single('Bột sắn dây Vĩnh Linh nguyên chất', 'Gạo & ngũ cốc', [undefined, 125_000, 2], 'VL-BSD'),
  single('Nghệ đen ngâm mật ong', 'Dược liệu khô', [undefined, 160_000, 8], null),
  single('Nước mắm Nam Ô Đà Nẵng', 'Nước mắm & gia vị', [undefined, 90_000, 10], null),
  single('Trà xanh Tân Cương Thái Nguyên', 'Trà', [undefined, 120_000, 15], null),
  single('Cà phê Khe Sanh rang mộc', 'Cà phê', [undefined, 140_000, 20], null),
  single('Thanh long ruột trắng Bình Thuận', 'Trái cây & nông sản tươi', [undefined, 40_000, 50], null),
  single('Gạo ST25 Sóc Trăng', 'Gạo & ngũ cốc', [undefined, 38_000, 60], null),
  single('Miến dong Bình Liêu', 'Gạo & ngũ cốc', [undefined, 70_000, 18], null),
  single('Chuối sấy dẻo Quảng Trị', 'Trái cây & nông sản tươi', [undefined, 55_000, 25], null),
];

/** The hand-made listings of the OCOP seeds catalog's cooperative on one platform (22 each). */
export function ocopSeedsHandMadeListings(platform: MarketplacePlatform): readonly SandboxHandMadeListing[] {
  const where = { sandbox: 'Voso/Postmart', method: 'ocopSeedsHandMadeListings' };
  checkArguments(where, [arg('platform', oneOf(['voso', 'postmart']))], [platform]);
  return platform === 'voso' ? VOSO : POSTMART;
}
