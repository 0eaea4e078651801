/**
 * The catalog spreadsheet layout: one row per sellable unit (a product without variants, or one variant),
 * rows of one product grouped by "Mã sản phẩm". Headers are Vietnamese as a cooperative clerk writes
 * them; the English alias is accepted too, and matching ignores accents, case and spacing.
 */
export interface CatalogColumn {
  key: ColumnKey;
  vi: string;
  en: string;
  /** Part of the product (taken from the first row of a group) or of the sellable unit (each row). */
  level: 'product' | 'offer';
  required?: boolean;
  /** Example value written by `init` into the template. */
  example: string;
}

export type ColumnKey =
  | 'product_sku'
  | 'variant_sku'
  | 'name'
  | 'description'
  | 'brand'
  | 'category'
  | 'origin'
  | 'producer_type'
  | 'producer_name'
  | 'tax_code'
  | 'producer_phone'
  | 'producer_street'
  | 'producer_ward'
  | 'producer_district'
  | 'producer_province'
  | 'ocop_stars'
  | 'ocop_certificate'
  | 'ocop_decision'
  | 'ocop_issued_by'
  | 'ocop_issued_at'
  | 'ocop_expires_at'
  | 'ocop_group'
  | 'net_content'
  | 'shelf_life_days'
  | 'storage'
  | 'ingredients'
  | 'food_safety_cert'
  | 'images'
  | 'option1_name'
  | 'option1_value'
  | 'option2_name'
  | 'option2_value'
  | 'price'
  | 'list_price'
  | 'stock'
  | 'weight_g'
  | 'length_cm'
  | 'width_cm'
  | 'height_cm'
  | 'status'
  | 'bundle';

/** A column as one line of the table below: key, Vietnamese header, level, example value. */
type ColumnRow = readonly [key: ColumnKey, vi: string, level: CatalogColumn['level'], example: string];

/** The columns in template order. The English header is the key, except where `ENGLISH_HEADERS` says. */
const COLUMN_ROWS: readonly ColumnRow[] = [
  ['product_sku', 'Mã sản phẩm', 'product', 'TBN-VL'],
  ['variant_sku', 'Mã SKU phân loại', 'offer', 'TBN-VL-500'],
  ['name', 'Tên sản phẩm', 'product', 'Tinh bột nghệ Vĩnh Linh'],
  [
    'description',
    'Mô tả',
    'product',
    'Tinh bột nghệ nguyên chất, lọc thủ công từ củ nghệ vàng trồng tại Vĩnh Linh.',
  ],
  ['brand', 'Thương hiệu', 'product', 'Vĩnh Linh'],
  ['category', 'Danh mục', 'product', 'Bột - tinh bột'],
  ['origin', 'Xuất xứ', 'product', 'Quảng Trị'],
  ['producer_type', 'Loại chủ thể', 'product', 'HTX'],
  ['producer_name', 'Tên chủ thể', 'product', 'HTX Nông nghiệp Vĩnh Linh'],
  ['tax_code', 'Mã số thuế', 'product', '3200123456'],
  ['producer_phone', 'SĐT chủ thể', 'product', '0912 345 678'],
  ['producer_street', 'Địa chỉ chủ thể', 'product', 'Thôn Hiền Dũng'],
  ['producer_ward', 'Phường/Xã', 'product', 'Xã Vĩnh Thủy'],
  ['producer_district', 'Quận/Huyện', 'product', ''],
  ['producer_province', 'Tỉnh/Thành phố', 'product', 'Quảng Trị'],
  ['ocop_stars', 'Hạng sao OCOP', 'product', '4'],
  ['ocop_certificate', 'Số chứng nhận OCOP', 'product', '125/GCN-UBND'],
  ['ocop_decision', 'Số quyết định OCOP', 'product', '2468/QĐ-UBND'],
  ['ocop_issued_by', 'Cơ quan cấp', 'product', 'UBND tỉnh Quảng Trị'],
  ['ocop_issued_at', 'Ngày cấp', 'product', '15/09/2025'],
  ['ocop_expires_at', 'Ngày hết hạn', 'product', '15/09/2028'],
  ['ocop_group', 'Nhóm sản phẩm OCOP', 'product', 'Thực phẩm chế biến'],
  ['net_content', 'Khối lượng tịnh', 'product', '500 g'],
  ['shelf_life_days', 'Hạn sử dụng (ngày)', 'product', '365'],
  ['storage', 'Bảo quản', 'product', 'Nơi khô ráo, thoáng mát'],
  ['ingredients', 'Thành phần', 'product', '100% tinh bột nghệ'],
  ['food_safety_cert', 'Chứng nhận ATTP', 'product', ''],
  ['images', 'Ảnh', 'product', 'images/tinh-bot-nghe.jpg'],
  ['option1_name', 'Phân loại 1', 'offer', 'Quy cách'],
  ['option1_value', 'Giá trị phân loại 1', 'offer', 'Hộp 500 g'],
  ['option2_name', 'Phân loại 2', 'offer', ''],
  ['option2_value', 'Giá trị phân loại 2', 'offer', ''],
  ['price', 'Giá bán (VND)', 'offer', '185.000'],
  ['list_price', 'Giá niêm yết (VND)', 'offer', ''],
  ['stock', 'Tồn kho', 'offer', '40'],
  ['weight_g', 'Khối lượng (g)', 'offer', '600'],
  ['length_cm', 'Dài (cm)', 'offer', '15'],
  ['width_cm', 'Rộng (cm)', 'offer', '10'],
  ['height_cm', 'Cao (cm)', 'offer', '8'],
  ['status', 'Trạng thái', 'product', 'Đang bán'],
  // A gift box ("hộp quà OCOP"): its components as "SKU x quantity" separated by ";", e.g.
  // "VL-MO x1; VL-TRM x2". Its stock is then derived from theirs.
  ['bundle', 'Thành phần hộp quà', 'product', ''],
];

/** The columns a catalog file must have (a sheet without one of them is refused). */
const REQUIRED_COLUMNS: ReadonlySet<ColumnKey> = new Set<ColumnKey>([
  'product_sku',
  'name',
  'origin',
  'producer_type',
  'producer_name',
  'producer_ward',
  'producer_province',
  'price',
  'stock',
  'weight_g',
]);

const ENGLISH_HEADERS: Partial<Record<ColumnKey, string>> = { bundle: 'bundle_components' };

export const CATALOG_COLUMNS: readonly CatalogColumn[] = COLUMN_ROWS.map(([key, vi, level, example]) => ({
  key,
  vi,
  en: ENGLISH_HEADERS[key] ?? key,
  level,
  ...(REQUIRED_COLUMNS.has(key) ? { required: true } : {}),
  example,
}));

/** Model field path (as reported by validation) → column, for pointing a clerk at the right cell. */
export const FIELD_TO_COLUMN: Readonly<Record<string, ColumnKey>> = {
  sku: 'product_sku',
  name: 'name',
  description: 'description',
  brand: 'brand',
  categoryHints: 'category',
  origin: 'origin',
  'producer.type': 'producer_type',
  'producer.name': 'producer_name',
  'producer.taxCode': 'tax_code',
  'producer.phone': 'producer_phone',
  'producer.address.street': 'producer_street',
  'producer.address.ward': 'producer_ward',
  'producer.address.district': 'producer_district',
  'producer.address.province': 'producer_province',
  'ocop.stars': 'ocop_stars',
  'ocop.certificateNo': 'ocop_certificate',
  'ocop.decisionNo': 'ocop_decision',
  'ocop.issuedBy': 'ocop_issued_by',
  'ocop.issuedAt': 'ocop_issued_at',
  'ocop.expiresAt': 'ocop_expires_at',
  'ocop.productGroup': 'ocop_group',
  'food.netContent': 'net_content',
  'food.netContent.value': 'net_content',
  'food.netContent.unit': 'net_content',
  'food.shelfLifeDays': 'shelf_life_days',
  'food.storage': 'storage',
  'food.ingredients': 'ingredients',
  'food.foodSafetyCertificate': 'food_safety_cert',
  images: 'images',
  priceVnd: 'price',
  listPriceVnd: 'list_price',
  stock: 'stock',
  weightGrams: 'weight_g',
  'dimensionsCm.length': 'length_cm',
  'dimensionsCm.width': 'width_cm',
  'dimensionsCm.height': 'height_cm',
  status: 'status',
  bundle: 'bundle',
  // Inside a variant (path "variants.N.<field>").
  'variant.sku': 'variant_sku',
  'variant.options': 'option1_value',
  'variant.priceVnd': 'price',
  'variant.listPriceVnd': 'list_price',
  'variant.stock': 'stock',
  'variant.weightGrams': 'weight_g',
  'variant.dimensionsCm.length': 'length_cm',
  'variant.dimensionsCm.width': 'width_cm',
  'variant.dimensionsCm.height': 'height_cm',
};
