import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { A_TEXT, checkArgument } from '../core/argument-guards.js';
import { CATALOG_COLUMNS } from './columns.js';

export interface TemplateFiles {
  csv: string;
  xlsx: string;
}

function csvCell(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Write an empty catalog (Vietnamese headers + one filled example row) as CSV and XLSX. The CSV is UTF-8
 * with a BOM and CRLF line ends, which is what makes Excel on Windows open Vietnamese text correctly.
 */
export async function writeCatalogTemplate(
  dir: string,
  baseName = 'danh-muc-san-pham',
): Promise<TemplateFiles> {
  checkArgument(dir, 'dir', A_TEXT);
  checkArgument(baseName, 'baseName', A_TEXT);
  await mkdir(dir, { recursive: true });
  const headers = CATALOG_COLUMNS.map((c) => c.vi);
  const example = CATALOG_COLUMNS.map((c) => c.example);
  const csvPath = join(dir, `${baseName}.csv`);
  const csv = `\ufeff${[headers, example].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
  await writeFile(csvPath, csv, 'utf8');

  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sản phẩm');
  sheet.addRow(headers);
  sheet.addRow(example);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = Math.max(12, (headers[i] ?? '').length + 4);
  });
  const xlsxPath = join(dir, `${baseName}.xlsx`);
  await workbook.xlsx.writeFile(xlsxPath);
  return { csv: csvPath, xlsx: xlsxPath };
}
