import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import {
  formatIssue,
  type Language,
  type PublishItemResult,
  type PublishReport,
  ValidationError,
} from 'ocop-connect';

/**
 * Checked BEFORE anything is published: finding out afterwards that the report cannot be written
 * would leave a published run without its record.
 */
export async function assertReportWritable(path: string): Promise<void> {
  const full = resolve(path);
  const fail = (vi: string, en: string): never => {
    throw new ValidationError(`Report ${path}: ${en}`, [
      {
        path: 'report',
        value: path,
        code: 'report.unwritable',
        messageVi: `Báo cáo ${path}: ${vi}`,
        messageEn: `Report ${path}: ${en}`,
      },
    ]);
  };
  const existing = await stat(full).catch(() => undefined);
  if (existing?.isDirectory())
    fail('là một thư mục; hãy ghi tên tệp .csv hoặc .json', 'is a folder; give a .csv or .json file name');
  const folder = dirname(full);
  const folderInfo = await stat(folder).catch(() => undefined);
  if (!folderInfo?.isDirectory()) fail(`thư mục ${folder} không tồn tại`, `folder ${folder} does not exist`);
  const writable = await access(existing ? full : folder, constants.W_OK).then(
    () => true,
    () => false,
  );
  if (!writable) fail('không có quyền ghi', 'cannot be written (permission denied)');
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

function reasonOf(item: PublishItemResult, lang: Language): string {
  if (item.issues && item.issues.length > 0)
    return item.issues.map((issue) => formatIssue(issue, lang)).join(' | ');
  if (item.error) return item.error.message;
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

/** One row per product × platform. CSV gets a BOM so Excel shows Vietnamese correctly. */
export async function writeReport(path: string, report: PublishReport, lang: Language): Promise<void> {
  const rows = reportRows(report, lang);
  if (extname(path).toLowerCase() === '.json') {
    await writeFile(
      path,
      `${JSON.stringify({ ...summaryOf(report), items: rows, issues: report.issues }, null, 2)}\n`,
    );
    return;
  }
  const headers: (keyof ReportRow)[] = [
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
  const lines = [headers.join(','), ...rows.map((r) => headers.map((h) => csvCell(r[h])).join(','))];
  await writeFile(path, `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export function summaryOf(report: PublishReport) {
  return { ok: report.ok, dryRun: report.dryRun, durationMs: report.durationMs, platforms: report.platforms };
}
