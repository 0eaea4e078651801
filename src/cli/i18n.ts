/**
 * CLI wording. Vietnamese by default: the people running this are cooperative staff, often on a
 * computer set up in English (an English `LANG` must not switch their tool to English). English is
 * chosen explicitly: `--lang en`, or `OCOP_LANG=en` for every run.
 */
export type Lang = 'vi' | 'en';

const VI = {
  sandboxNotice:
    'Không có thông tin đăng nhập: đang chạy trên SANDBOX (môi trường giả lập cục bộ), không phải sàn thật.',
  validateClean: (rows: number, products: number) => `Danh mục hợp lệ: ${rows} dòng, ${products} sản phẩm.`,
  validateProblems: (n: number, products: number) => `Tìm thấy ${n} lỗi; ${products} sản phẩm hợp lệ.`,
  validateWarnings: (n: number) => `${n} cảnh báo (không chặn việc đăng bán).`,
  initWrote: 'Đã tạo:',
  initNext: (command: string) => `Điền danh mục rồi chạy: ${command} validate danh-muc-san-pham.csv`,
  initExists: (paths: string) =>
    `Không ghi đè tệp đã có: ${paths}. Dùng --force để ghi đè (tệp cấu hình có thể chứa mật khẩu).`,
  summaryTitle: 'Kết quả đăng bán',
  platform: 'Sàn',
  created: 'Tạo mới',
  updated: 'Cập nhật',
  unchanged: 'Không đổi',
  failed: 'Lỗi khi gửi',
  notChecked: 'Không kiểm tra được (đăng nhập/kết nối)',
  skipped: 'Ngừng bán, không đăng',
  held: 'Chờ quyết định liên kết',
  invalid: 'Không hợp lệ',
  willCreate: 'Sẽ tạo',
  willUpdate: 'Sẽ cập nhật',
  dryRun: 'Chạy thử (--dry-run): không gửi gì lên sàn.',
  reportWritten: 'Báo cáo:',
  sandboxRunning: 'Các sandbox đang chạy (Ctrl+C để dừng):',
  sandboxStarted: 'Các sandbox đã chạy thử rồi dừng (--once):',
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
  validateClean: (rows: number, products: number) =>
    `Catalog is valid: ${rows} ${rows === 1 ? 'row' : 'rows'}, ${products} ${products === 1 ? 'product' : 'products'}.`,
  validateProblems: (n: number, products: number) =>
    `Found ${n} ${n === 1 ? 'problem' : 'problems'}; ${products} ${products === 1 ? 'product is' : 'products are'} valid.`,
  validateWarnings: (n: number) => `${n} ${n === 1 ? 'warning' : 'warnings'} (listing is not blocked).`,
  initWrote: 'Wrote:',
  initNext: (command: string) => `Fill in the catalog, then run: ${command} validate danh-muc-san-pham.csv`,
  initExists: (paths: string) =>
    `Not overwriting existing files: ${paths}. Use --force to overwrite (the config may hold passwords).`,
  summaryTitle: 'Listing results',
  platform: 'Platform',
  created: 'Created',
  updated: 'Updated',
  unchanged: 'Unchanged',
  failed: 'Failed to send',
  notChecked: 'Not checked (login/connection)',
  skipped: 'Inactive, not listed',
  held: 'Held (awaiting a link decision)',
  invalid: 'Invalid',
  willCreate: 'Will create',
  willUpdate: 'Will update',
  dryRun: 'Dry run (--dry-run): nothing was sent to any platform.',
  reportWritten: 'Report:',
  sandboxRunning: 'Sandboxes running (Ctrl+C to stop):',
  sandboxStarted: 'Sandboxes started and stopped again (--once):',
  quoteTitle: 'ViettelPost quotes',
  shipCreated: 'Shipment created',
};

const TEXT: Record<Lang, Messages> = { vi: VI, en: EN };

export type TextKey = keyof Messages;

/** `OCOP_LANG` (vi or en) when set, else Vietnamese. The OS locale (`LANG`, `LC_ALL`) is ignored on purpose. */
export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return (env.OCOP_LANG ?? '').trim().toLowerCase().startsWith('en') ? 'en' : 'vi';
}

export function t<K extends TextKey>(lang: Lang, key: K): Messages[K] {
  return TEXT[lang][key];
}

/** Inline wording for one-off lines: `say(lang, 'Cước', 'Fee')`. */
export function say(lang: Lang, vi: string, en: string): string {
  return lang === 'en' ? en : vi;
}
