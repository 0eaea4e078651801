/** CLI wording. Vietnamese first: the people running this are cooperative staff. */
export type Lang = 'vi' | 'en';

const VI = {
  sandboxNotice:
    'Không có thông tin đăng nhập: đang chạy trên SANDBOX (môi trường giả lập cục bộ), không phải sàn thật.',
  validateClean: (rows: number, products: number) => `Danh mục hợp lệ: ${rows} dòng, ${products} sản phẩm.`,
  validateProblems: (n: number, products: number) => `Tìm thấy ${n} lỗi; ${products} sản phẩm hợp lệ.`,
  initWrote: 'Đã tạo:',
  initNext: 'Điền danh mục rồi chạy: npm run cli -- validate danh-muc-san-pham.csv',
  summaryTitle: 'Kết quả đăng bán',
  platform: 'Sàn',
  created: 'Tạo mới',
  updated: 'Cập nhật',
  unchanged: 'Không đổi',
  failed: 'Lỗi',
  skipped: 'Ngừng bán, không đăng',
  invalid: 'Không hợp lệ',
  willCreate: 'Sẽ tạo',
  willUpdate: 'Sẽ cập nhật',
  dryRun: 'Chạy thử (--dry-run): không gửi gì lên sàn.',
  reportWritten: 'Báo cáo:',
  sandboxRunning: 'Các sandbox đang chạy (Ctrl+C để dừng):',
  quoteTitle: 'Báo giá ViettelPost',
  shipCreated: 'Đã tạo vận đơn',
};

type Messages = {
  [K in keyof typeof VI]: (typeof VI)[K] extends (...args: infer A) => string
    ? (...args: A) => string
    : string;
};

const EN: Messages = {
  sandboxNotice:
    'No credentials given: running against the embedded SANDBOX (local emulators), not the real platforms.',
  validateClean: (rows: number, products: number) => `Catalog is valid: ${rows} rows, ${products} products.`,
  validateProblems: (n: number, products: number) => `Found ${n} problems; ${products} products are valid.`,
  initWrote: 'Wrote:',
  initNext: 'Fill in the catalog, then run: npm run cli -- validate danh-muc-san-pham.csv',
  summaryTitle: 'Listing results',
  platform: 'Platform',
  created: 'Created',
  updated: 'Updated',
  unchanged: 'Unchanged',
  failed: 'Failed',
  skipped: 'Inactive, not listed',
  invalid: 'Invalid',
  willCreate: 'Will create',
  willUpdate: 'Will update',
  dryRun: 'Dry run (--dry-run): nothing was sent to any platform.',
  reportWritten: 'Report:',
  sandboxRunning: 'Sandboxes running (Ctrl+C to stop):',
  quoteTitle: 'ViettelPost quotes',
  shipCreated: 'Shipment created',
};

const TEXT: Record<Lang, Messages> = { vi: VI, en: EN };

export type TextKey = keyof Messages;

export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const requested = env.OCOP_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return requested.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

export function t<K extends TextKey>(lang: Lang, key: K): Messages[K] {
  return TEXT[lang][key];
}
