/** CLI wording. Vietnamese first: the people running this are cooperative staff. */
export type Lang = 'vi' | 'en';

const TEXT = {
  sandboxNotice: {
    vi: 'Không có thông tin đăng nhập: đang chạy trên SANDBOX (môi trường giả lập cục bộ), không phải sàn thật.',
    en: 'No credentials given: running against the embedded SANDBOX (local emulators), not the real platforms.',
  },
  validateClean: {
    vi: (rows: number, products: number) => `Danh mục hợp lệ: ${rows} dòng, ${products} sản phẩm.`,
    en: (rows: number, products: number) => `Catalog is valid: ${rows} rows, ${products} products.`,
  },
  validateProblems: {
    vi: (n: number, products: number) => `Tìm thấy ${n} lỗi; ${products} sản phẩm hợp lệ.`,
    en: (n: number, products: number) => `Found ${n} problems; ${products} products are valid.`,
  },
  initWrote: { vi: 'Đã tạo:', en: 'Wrote:' },
  initNext: {
    vi: 'Điền danh mục rồi chạy: npm run cli -- validate danh-muc-san-pham.csv',
    en: 'Fill in the catalog, then run: npm run cli -- validate danh-muc-san-pham.csv',
  },
  summaryTitle: { vi: 'Kết quả đăng bán', en: 'Listing results' },
  platform: { vi: 'Sàn', en: 'Platform' },
  created: { vi: 'Tạo mới', en: 'Created' },
  updated: { vi: 'Cập nhật', en: 'Updated' },
  unchanged: { vi: 'Không đổi', en: 'Unchanged' },
  failed: { vi: 'Lỗi', en: 'Failed' },
  skipped: { vi: 'Bỏ qua', en: 'Skipped' },
  dryRun: {
    vi: 'Chạy thử (--dry-run): không gửi gì lên sàn.',
    en: 'Dry run (--dry-run): nothing was sent to any platform.',
  },
  reportWritten: { vi: 'Báo cáo:', en: 'Report:' },
  invalidSkipped: {
    vi: (n: number) => `${n} sản phẩm không hợp lệ đã bị bỏ qua (không gửi lên sàn nào).`,
    en: (n: number) => `${n} invalid products were skipped (sent to no platform).`,
  },
  sandboxRunning: {
    vi: 'Các sandbox đang chạy (Ctrl+C để dừng):',
    en: 'Sandboxes running (Ctrl+C to stop):',
  },
  quoteTitle: { vi: 'Báo giá ViettelPost', en: 'ViettelPost quotes' },
  shipCreated: { vi: 'Đã tạo vận đơn', en: 'Shipment created' },
} as const;

export type TextKey = keyof typeof TEXT;

export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const requested = env.OCOP_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return requested.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

export function t<K extends TextKey>(lang: Lang, key: K): (typeof TEXT)[K][Lang] {
  const entry: Record<Lang, (typeof TEXT)[K][Lang]> = TEXT[key];
  return entry[lang];
}
