import { constants } from 'node:fs';
import { access, open, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { formatIssue, type Language, type PublishItemResult, type PublishReport } from 'ocop-connect';
import { CliError, describeErrorBoth } from './errors.js';

/**
 * Checked BEFORE anything is published: finding out afterwards that the report cannot be written
 * would leave a published run without its record. Checks the extension, the folder and the permission.
 */
export async function assertReportWritable(path: string): Promise<void> {
  reportFormat(path);
  const full = resolve(path);
  const fail = (vi: string, en: string): never => {
    throw new CliError('usage', { vi: `Báo cáo ${path}: ${vi}`, en: `Report ${path}: ${en}` });
  };
  const existing = await stat(full).catch(() => undefined);
  if (existing?.isDirectory())
    fail(
      'là một thư mục; hãy ghi tên tệp .csv, .xlsx hoặc .json',
      'is a folder; give a .csv, .xlsx or .json file name',
    );
  const folder = dirname(full);
  const folderInfo = await stat(folder).catch(() => undefined);
  if (!folderInfo?.isDirectory()) fail(`thư mục ${folder} không tồn tại`, `folder ${folder} does not exist`);
  const writable = await access(existing ? full : folder, constants.W_OK).then(
    () => true,
    () => false,
  );
  if (!writable) fail('không có quyền ghi', 'cannot be written (permission denied)');
  // Permission bits do not tell everything (/sys, read-only mounts, a full disk): create the file now
  // (or open an existing one for writing) and remove it again if it did not exist.
  try {
    const handle = await open(full, existing ? 'r+' : 'wx');
    await handle.close();
    if (!existing) await unlink(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    fail(`không tạo được tệp (${code})`, `cannot be created (${code})`);
  }
}

export interface ReportRow {
  row: number;
  sku: string;
  platform: string;
  action: string;
  changes: string;
  outcome: string;
  remoteId: string;
  recovered: string;
  errorKind: string;
  message: string;
}

const HEADERS: readonly (keyof ReportRow)[] = [
  'row',
  'sku',
  'platform',
  'action',
  'changes',
  'outcome',
  'remoteId',
  'recovered',
  'errorKind',
  'message',
];

/** Column titles of the CSV and .xlsx reports, in the run's language, for a clerk opening them in Excel. */
const TITLES: Record<Language, Record<keyof ReportRow, string>> = {
  vi: {
    row: 'Dòng',
    sku: 'Mã sản phẩm',
    platform: 'Sàn',
    action: 'Việc',
    changes: 'Thay đổi',
    outcome: 'Kết quả',
    remoteId: 'Mã trên sàn',
    recovered: 'Khôi phục',
    errorKind: 'Loại lỗi',
    message: 'Lý do',
  },
  en: {
    row: 'Row',
    sku: 'SKU',
    platform: 'Platform',
    action: 'Action',
    changes: 'Changes',
    outcome: 'Outcome',
    remoteId: 'Listing id',
    recovered: 'Recovered',
    errorKind: 'Error kind',
    message: 'Reason',
  },
};

/**
 * The values of the CSV and .xlsx reports in the run's language (the words of the summary table); the
 * JSON report keeps the library's codes, for programs.
 */
const VALUES_VI: Record<string, Record<string, string>> = {
  action: {
    create: 'tạo mới',
    update: 'cập nhật',
    unchanged: 'không đổi',
    skip: 'ngừng bán (không đăng)',
  },
  changes: { content: 'nội dung', images: 'ảnh', price: 'giá', stock: 'tồn kho' },
  outcome: {
    created: 'đã tạo',
    updated: 'đã cập nhật',
    unchanged: 'không đổi',
    failed: 'lỗi khi gửi',
    invalid: 'không hợp lệ',
    planned: 'dự kiến (chạy thử)',
    held: 'chờ quyết định liên kết',
  },
  recovered: { yes: 'có' },
  errorKind: {
    authentication: 'đăng nhập bị từ chối',
    permission: 'không có quyền',
    not_found: 'không tìm thấy',
    conflict: 'xung đột',
    rate_limited: 'vượt giới hạn tốc độ',
    server: 'lỗi máy chủ của sàn',
    network: 'lỗi mạng',
    timeout: 'hết thời gian chờ',
    outcome_unknown: 'không rõ kết quả',
    invalid_request: 'yêu cầu bị sàn từ chối',
    validation: 'dữ liệu không hợp lệ',
    contract_violation: 'sàn trả lời sai quy ước',
    configuration: 'cấu hình',
    aborted: 'đã dừng',
    closed: 'đã đóng',
    internal: 'lỗi nội bộ',
  },
};

const VALUES_EN: Record<string, Record<string, string>> = {
  action: { skip: 'skip (inactive)' },
  outcome: { planned: 'planned (dry run)', held: 'held (awaiting a link decision)' },
  errorKind: { not_found: 'not found', rate_limited: 'rate limited', outcome_unknown: 'outcome unknown' },
};

/** One report row with its values in `lang` (codes kept where there is no word for them). */
function localizedRow(row: ReportRow, lang: Language): Record<keyof ReportRow, string | number> {
  const words = lang === 'vi' ? VALUES_VI : VALUES_EN;
  const word = (key: keyof ReportRow, value: string) => words[key]?.[value] ?? value;
  return {
    ...row,
    // Nothing was decided for an item refused before planning (a refused login, a row the file's checks
    // refused): no action, rather than "skip (inactive)".
    action:
      (row.outcome === 'failed' || row.outcome === 'invalid') && row.action === 'skip'
        ? ''
        : word('action', row.action),
    changes: row.changes
      .split('+')
      .filter(Boolean)
      .map((change) => word('changes', change))
      .join(' + '),
    outcome: word('outcome', row.outcome),
    recovered: row.recovered ? word('recovered', row.recovered) : '',
    errorKind: row.errorKind ? word('errorKind', row.errorKind) : '',
  };
}

export type ReportFormat = 'csv' | 'json' | 'xlsx';

/** The report's format from its extension; anything else is refused before the run starts. */
export function reportFormat(path: string): ReportFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.json' || ext === '.xlsx') return ext.slice(1) as ReportFormat;
  throw new CliError('usage', {
    vi: `--report ${path}: chỉ ghi được báo cáo .csv, .xlsx hoặc .json`,
    en: `--report ${path}: a report is written as .csv, .xlsx or .json only`,
  });
}

function reasonOf(item: PublishItemResult, lang: Language): string {
  if (item.issues && item.issues.length > 0)
    return item.issues.map((issue) => formatIssue(issue, lang)).join(' | ');
  if (item.error) return describeErrorBoth(item.error).text[lang];
  // Listed all the same, with something the platform did not take (a list price it has none of).
  if (item.warnings?.length)
    return item.warnings.map((w) => `⚠ ${lang === 'vi' ? w.messageVi : w.messageEn}`).join(' | ');
  return '';
}

export function reportRows(report: PublishReport, lang: Language): ReportRow[] {
  return report.items.map((item) => ({
    row: item.row,
    sku: item.sku,
    platform: item.platform,
    action: item.action,
    changes: item.changes.join('+'),
    outcome: item.outcome,
    remoteId: item.remoteId ?? '',
    recovered: item.recovered ? 'yes' : '',
    errorKind: item.error?.kind ?? (item.issues?.length ? 'validation' : ''),
    message: reasonOf(item, lang),
  }));
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeXlsx(path: string, rows: readonly ReportRow[], lang: Language): Promise<void> {
  // exceljs is large: loaded only when a workbook is written.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(lang === 'vi' ? 'Báo cáo' : 'Report');
  sheet.columns = HEADERS.map((key) => ({
    header: TITLES[lang][key],
    key,
    width: key === 'message' ? 80 : 16,
  }));
  for (const row of rows) sheet.addRow(localizedRow(row, lang));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  await workbook.xlsx.writeFile(path);
}

/**
 * One row per product × platform: CSV (with a BOM, so Excel shows Vietnamese) or a real .xlsx workbook,
 * headers and values in the run's language; or JSON, whose keys and values are the library's codes.
 */
export async function writeReport(path: string, report: PublishReport, lang: Language): Promise<void> {
  const rows = reportRows(report, lang);
  const format = reportFormat(path);
  if (format === 'json') {
    await writeFile(
      path,
      `${JSON.stringify({ ...summaryOf(report), items: rows, issues: report.issues }, null, 2)}\n`,
    );
    return;
  }
  if (format === 'xlsx') {
    await writeXlsx(path, rows, lang);
    return;
  }
  const lines = [
    HEADERS.map((h) => csvCell(TITLES[lang][h])).join(','),
    ...rows.map((r) => localizedRow(r, lang)).map((r) => HEADERS.map((h) => csvCell(r[h])).join(',')),
  ];
  await writeFile(path, `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export function summaryOf(report: PublishReport) {
  return {
    ok: report.ok,
    dryRun: report.dryRun,
    // Whole milliseconds: a report is read by people and diffed, not used to time the CPU.
    durationMs: Math.round(report.durationMs),
    platforms: report.platforms,
  };
}
