/**
 * Bilingual validation messages. Keys are used as zod `error` strings inside the schemas and turned into
 * readable Vietnamese and English text by `toValidationIssues`, so a cooperative clerk who is not a
 * programmer can fix a spreadsheet from the message alone.
 */
export interface BilingualText {
  vi: string;
  en: string;
}

export const MESSAGES = {
  'vnd.positive_integer': {
    vi: 'Giá phải là số nguyên dương (VND)',
    en: 'Price must be a positive whole number of VND',
  },
  'vnd.non_negative_integer': {
    vi: 'Số tiền phải là số nguyên không âm (VND)',
    en: 'Amount must be a whole number of VND, zero or more',
  },
  'list_price.below_price': {
    vi: 'Giá niêm yết phải lớn hơn hoặc bằng giá bán',
    en: 'List price must be greater than or equal to the selling price',
  },
  'stock.non_negative_integer': {
    vi: 'Tồn kho phải là số nguyên không âm',
    en: 'Stock must be a whole number, zero or more',
  },
  'weight.positive_integer': {
    vi: 'Khối lượng phải là số nguyên dương (gam)',
    en: 'Weight must be a positive whole number of grams',
  },
  'dimension.positive_integer': {
    vi: 'Kích thước phải là số nguyên dương (cm)',
    en: 'Dimensions must be positive whole numbers of centimetres',
  },
  'sku.format': {
    vi: 'Mã SKU chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới (1–64 ký tự)',
    en: 'SKU may contain only unaccented letters, digits, ".", "-" or "_" (1–64 characters)',
  },
  'sku.duplicate': {
    vi: 'Mã SKU bị trùng trong danh mục',
    en: 'SKU appears more than once in the catalog',
  },
  'name.length': {
    vi: 'Tên sản phẩm phải có từ 3 đến 255 ký tự',
    en: 'Product name must be 3 to 255 characters long',
  },
  'text.required': { vi: 'Trường này không được để trống', en: 'This field must not be empty' },
  'ocop.stars': {
    vi: 'Hạng sao OCOP phải là 3, 4 hoặc 5 (sản phẩm 1–2 sao chưa được công nhận OCOP)',
    en: 'OCOP stars must be 3, 4 or 5 (1–2 star products are not recognised as OCOP)',
  },
  'ocop.certificate_required': {
    vi: 'Sản phẩm OCOP phải có số giấy chứng nhận hoặc số quyết định công nhận',
    en: 'An OCOP product needs its certificate or recognition decision number',
  },
  'ocop.issuer_required': {
    vi: 'Cần ghi cơ quan cấp chứng nhận OCOP (ví dụ: UBND tỉnh Quảng Trị)',
    en: 'The body that issued the OCOP certificate is required (e.g. Quảng Trị Provincial People’s Committee)',
  },
  'date.format': {
    vi: 'Ngày phải theo dạng năm-tháng-ngày, ví dụ 2024-05-31',
    en: 'Date must be written as year-month-day, e.g. 2024-05-31',
  },
  'date.not_real': {
    vi: 'Ngày này không có thật (tháng không có ngày đó)',
    en: 'This date does not exist (the month has no such day)',
  },
  'ocop.expiry_before_issue': {
    vi: 'Ngày hết hạn OCOP phải sau ngày cấp',
    en: 'OCOP expiry date must be after the issue date',
  },
  'tax_code.format': {
    vi: 'Mã số thuế phải có 10 chữ số hoặc 10 chữ số kèm "-" và 3 chữ số',
    en: 'Tax code must be 10 digits, or 10 digits followed by "-" and 3 digits',
  },
  'net_content.positive': {
    vi: 'Khối lượng/thể tích tịnh phải lớn hơn 0',
    en: 'Net content must be greater than zero',
  },
  'shelf_life.positive_integer': {
    vi: 'Hạn sử dụng phải là số ngày nguyên dương',
    en: 'Shelf life must be a positive whole number of days',
  },
  'image.source': {
    vi: 'Ảnh phải là đường dẫn tệp, địa chỉ http(s) hoặc dữ liệu ảnh',
    en: 'An image must be a file path, an http(s) URL or image bytes',
  },
  'image.url': {
    vi: 'Địa chỉ ảnh phải bắt đầu bằng http:// hoặc https://',
    en: 'An image address must start with http:// or https://',
  },
  'variants.offer_required': {
    vi: 'Sản phẩm không có phân loại phải có giá, tồn kho và khối lượng',
    en: 'A product without variants needs a price, a stock quantity and a weight',
  },
  'bundle.with_variants': {
    vi: 'Hộp quà không có phân loại: mỗi hộp là một sản phẩm',
    en: 'A gift box has no variants: each box is one product',
  },
  'bundle.components': {
    vi: 'Hộp quà cần ít nhất 2 thành phần khác nhau, mỗi thành phần số lượng nguyên dương',
    en: 'A gift box needs at least 2 different components, each with a positive whole quantity',
  },
  'bundle.unknown_component': {
    vi: 'Thành phần hộp quà không có trong danh mục (ghi mã SKU của sản phẩm hoặc phân loại)',
    en: 'This gift-box component is not in the catalog (write the SKU of a product or variant)',
  },
  'bundle.variant_parent': {
    vi: 'Thành phần hộp quà là sản phẩm có phân loại (tồn kho nằm ở từng phân loại): ghi mã SKU phân loại',
    en: 'This gift-box component is a product with variants (its stock is kept per variant): write a variant SKU',
  },
  'bundle.nested': {
    vi: 'Thành phần hộp quà không được là một hộp quà khác (hoặc chính nó)',
    en: 'A gift-box component cannot be another gift box (or the box itself)',
  },
  'variants.options_count': {
    vi: 'Mỗi phân loại có 1 hoặc 2 thuộc tính (ví dụ "Quy cách": "Hộp 500 g")',
    en: 'Each variant has 1 or 2 options (e.g. "Pack": "Box 500 g")',
  },
  'variants.tiers_mismatch': {
    vi: 'Các phân loại của một sản phẩm phải dùng cùng tên thuộc tính',
    en: 'All variants of a product must use the same option names',
  },
  'variants.duplicate_options': {
    vi: 'Hai phân loại có cùng giá trị thuộc tính',
    en: 'Two variants have the same option values',
  },
  'phone.format': {
    vi: 'Số điện thoại không hợp lệ (ví dụ 0912 345 678)',
    en: 'Phone number is not valid (e.g. 0912 345 678)',
  },
  'address.province_required': {
    vi: 'Địa chỉ phải có tỉnh/thành phố',
    en: 'The address needs a province or city',
  },
  'address.ward_required': {
    vi: 'Địa chỉ phải có phường/xã',
    en: 'The address needs a ward or commune',
  },
  // Followed by what was given ("(nhận được string "Quảng Trị")"): see toValidationIssues.
  'address.invalid_type': {
    vi: 'Phải là một đối tượng địa chỉ { province, ward, district?, street? } (tỉnh/thành phố, phường/xã, quận/huyện chỉ với địa chỉ cũ, số nhà/đường), ví dụ { province: "Quảng Trị", ward: "Xã Vĩnh Linh" }',
    en: 'Must be an address object { province, ward, district?, street? } (province or city, ward or commune, district only for a pre-2025 address, street), e.g. { province: "Quảng Trị", ward: "Xã Vĩnh Linh" }',
  },
  'order.quantity': {
    vi: 'Số lượng phải là số nguyên dương',
    en: 'Quantity must be a positive whole number',
  },
  'order.lines_required': {
    vi: 'Đơn hàng phải có ít nhất một sản phẩm',
    en: 'An order needs at least one line',
  },
  'payment.cod_amount': {
    vi: 'Đơn trả trước không được thu hộ (COD) tiền hàng',
    en: 'A prepaid order must not collect cash on delivery for the goods',
  },
  // Without the expected type (zod names one in almost every case: see toValidationIssues).
  'generic.invalid_type': { vi: 'Giá trị không đúng kiểu', en: 'Value has the wrong type' },
  'generic.required': { vi: 'Thiếu thông tin bắt buộc', en: 'Required value is missing' },
  'generic.too_small': { vi: 'Giá trị quá nhỏ hoặc quá ngắn', en: 'Value is too small or too short' },
  'generic.too_big': { vi: 'Giá trị quá lớn hoặc quá dài', en: 'Value is too large or too long' },
  'generic.invalid_value': {
    vi: 'Giá trị không được chấp nhận',
    en: 'Value is not one of the accepted values',
  },
  'generic.unknown_field': { vi: 'Trường không được hỗ trợ', en: 'Field is not supported' },
  'generic.invalid': { vi: 'Giá trị không hợp lệ', en: 'Value is not valid' },
} as const satisfies Record<string, BilingualText>;

export type MessageKey = keyof typeof MESSAGES;

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(MESSAGES, value);
}

/** Human labels for field names, used to print "Giá" rather than "priceVnd". */
export const FIELD_LABELS: Record<string, BilingualText> = {
  sku: { vi: 'Mã SKU', en: 'SKU' },
  name: { vi: 'Tên sản phẩm', en: 'Product name' },
  description: { vi: 'Mô tả', en: 'Description' },
  brand: { vi: 'Thương hiệu', en: 'Brand' },
  categoryHints: { vi: 'Danh mục', en: 'Category' },
  origin: { vi: 'Xuất xứ', en: 'Origin' },
  producer: { vi: 'Chủ thể sản xuất', en: 'Producer' },
  ocop: { vi: 'OCOP', en: 'OCOP' },
  stars: { vi: 'Hạng sao', en: 'Stars' },
  certificateNo: { vi: 'Số chứng nhận', en: 'Certificate number' },
  issuedBy: { vi: 'Cơ quan cấp', en: 'Issued by' },
  issuedAt: { vi: 'Ngày cấp', en: 'Issue date' },
  expiresAt: { vi: 'Ngày hết hạn', en: 'Expiry date' },
  food: { vi: 'Thông tin thực phẩm', en: 'Food facts' },
  netContent: { vi: 'Khối lượng tịnh', en: 'Net content' },
  shelfLifeDays: { vi: 'Hạn sử dụng (ngày)', en: 'Shelf life (days)' },
  images: { vi: 'Ảnh', en: 'Images' },
  priceVnd: { vi: 'Giá', en: 'Price' },
  listPriceVnd: { vi: 'Giá niêm yết', en: 'List price' },
  stock: { vi: 'Tồn kho', en: 'Stock' },
  bundle: { vi: 'Hộp quà', en: 'Gift box' },
  components: { vi: 'Thành phần', en: 'Components' },
  weightGrams: { vi: 'Khối lượng (g)', en: 'Weight (g)' },
  dimensionsCm: { vi: 'Kích thước (cm)', en: 'Dimensions (cm)' },
  variants: { vi: 'Phân loại', en: 'Variants' },
  taxCode: { vi: 'Mã số thuế', en: 'Tax code' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  province: { vi: 'Tỉnh/thành phố', en: 'Province' },
  district: { vi: 'Quận/huyện', en: 'District' },
  ward: { vi: 'Phường/xã', en: 'Ward/commune' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  quantity: { vi: 'Số lượng', en: 'Quantity' },
};
