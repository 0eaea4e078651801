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

export const CATALOG_COLUMNS: readonly CatalogColumn[] = [
  {
    key: 'product_sku',
    vi: 'Mã sản phẩm',
    en: 'product_sku',
    level: 'product',
    required: true,
    example: 'TBN-VL',
  },
  { key: 'variant_sku', vi: 'Mã SKU phân loại', en: 'variant_sku', level: 'offer', example: 'TBN-VL-500' },
  {
    key: 'name',
    vi: 'Tên sản phẩm',
    en: 'name',
    level: 'product',
    required: true,
    example: 'Tinh bột nghệ Vĩnh Linh',
  },
  {
    key: 'description',
    vi: 'Mô tả',
    en: 'description',
    level: 'product',
    example: 'Tinh bột nghệ nguyên chất, lọc thủ công từ củ nghệ vàng trồng tại Vĩnh Linh.',
  },
  { key: 'brand', vi: 'Thương hiệu', en: 'brand', level: 'product', example: 'Vĩnh Linh' },
  { key: 'category', vi: 'Danh mục', en: 'category', level: 'product', example: 'Bột - tinh bột' },
  { key: 'origin', vi: 'Xuất xứ', en: 'origin', level: 'product', required: true, example: 'Quảng Trị' },
  {
    key: 'producer_type',
    vi: 'Loại chủ thể',
    en: 'producer_type',
    level: 'product',
    required: true,
    example: 'HTX',
  },
  {
    key: 'producer_name',
    vi: 'Tên chủ thể',
    en: 'producer_name',
    level: 'product',
    required: true,
    example: 'HTX Nông nghiệp Vĩnh Linh',
  },
  { key: 'tax_code', vi: 'Mã số thuế', en: 'tax_code', level: 'product', example: '3200123456' },
  {
    key: 'producer_phone',
    vi: 'SĐT chủ thể',
    en: 'producer_phone',
    level: 'product',
    example: '0912 345 678',
  },
  {
    key: 'producer_street',
    vi: 'Địa chỉ chủ thể',
    en: 'producer_street',
    level: 'product',
    example: 'Thôn Hiền Dũng',
  },
  {
    key: 'producer_ward',
    vi: 'Phường/Xã',
    en: 'producer_ward',
    level: 'product',
    required: true,
    example: 'Xã Vĩnh Thủy',
  },
  { key: 'producer_district', vi: 'Quận/Huyện', en: 'producer_district', level: 'product', example: '' },
  {
    key: 'producer_province',
    vi: 'Tỉnh/Thành phố',
    en: 'producer_province',
    level: 'product',
    required: true,
    example: 'Quảng Trị',
  },
  { key: 'ocop_stars', vi: 'Hạng sao OCOP', en: 'ocop_stars', level: 'product', example: '4' },
  {
    key: 'ocop_certificate',
    vi: 'Số chứng nhận OCOP',
    en: 'ocop_certificate',
    level: 'product',
    example: '125/GCN-UBND',
  },
  {
    key: 'ocop_decision',
    vi: 'Số quyết định OCOP',
    en: 'ocop_decision',
    level: 'product',
    example: '2468/QĐ-UBND',
  },
  {
    key: 'ocop_issued_by',
    vi: 'Cơ quan cấp',
    en: 'ocop_issued_by',
    level: 'product',
    example: 'UBND tỉnh Quảng Trị',
  },
  { key: 'ocop_issued_at', vi: 'Ngày cấp', en: 'ocop_issued_at', level: 'product', example: '15/09/2025' },
  {
    key: 'ocop_expires_at',
    vi: 'Ngày hết hạn',
    en: 'ocop_expires_at',
    level: 'product',
    example: '15/09/2028',
  },
  {
    key: 'ocop_group',
    vi: 'Nhóm sản phẩm OCOP',
    en: 'ocop_group',
    level: 'product',
    example: 'Thực phẩm chế biến',
  },
  { key: 'net_content', vi: 'Khối lượng tịnh', en: 'net_content', level: 'product', example: '500 g' },
  {
    key: 'shelf_life_days',
    vi: 'Hạn sử dụng (ngày)',
    en: 'shelf_life_days',
    level: 'product',
    example: '365',
  },
  { key: 'storage', vi: 'Bảo quản', en: 'storage', level: 'product', example: 'Nơi khô ráo, thoáng mát' },
  {
    key: 'ingredients',
    vi: 'Thành phần',
    en: 'ingredients',
    level: 'product',
    example: '100% tinh bột nghệ',
  },
  { key: 'food_safety_cert', vi: 'Chứng nhận ATTP', en: 'food_safety_cert', level: 'product', example: '' },
  { key: 'images', vi: 'Ảnh', en: 'images', level: 'product', example: 'images/tinh-bot-nghe.jpg' },
  { key: 'option1_name', vi: 'Phân loại 1', en: 'option1_name', level: 'offer', example: 'Quy cách' },
  {
    key: 'option1_value',
    vi: 'Giá trị phân loại 1',
    en: 'option1_value',
    level: 'offer',
    example: 'Hộp 500 g',
  },
  { key: 'option2_name', vi: 'Phân loại 2', en: 'option2_name', level: 'offer', example: '' },
  { key: 'option2_value', vi: 'Giá trị phân loại 2', en: 'option2_value', level: 'offer', example: '' },
  { key: 'price', vi: 'Giá bán (VND)', en: 'price', level: 'offer', required: true, example: '185.000' },
  { key: 'list_price', vi: 'Giá niêm yết (VND)', en: 'list_price', level: 'offer', example: '' },
  { key: 'stock', vi: 'Tồn kho', en: 'stock', level: 'offer', required: true, example: '40' },
  { key: 'weight_g', vi: 'Khối lượng (g)', en: 'weight_g', level: 'offer', required: true, example: '600' },
  { key: 'length_cm', vi: 'Dài (cm)', en: 'length_cm', level: 'offer', example: '15' },
  { key: 'width_cm', vi: 'Rộng (cm)', en: 'width_cm', level: 'offer', example: '10' },
  { key: 'height_cm', vi: 'Cao (cm)', en: 'height_cm', level: 'offer', example: '8' },
  { key: 'status', vi: 'Trạng thái', en: 'status', level: 'product', example: 'Đang bán' },
  // A gift box ("hộp quà OCOP"): its components as "SKU x quantity" separated by ";", e.g.
  // "VL-MO x1; VL-TRM x2". Its stock is then derived from theirs.
  { key: 'bundle', vi: 'Thành phần hộp quà', en: 'bundle_components', level: 'product', example: '' },
];

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
