import type { Workbook, Worksheet } from 'exceljs';

/** A spreadsheet cell in CSV: quoted when it holds a quote, a comma, a semicolon or a line break. */
export function csvCell(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV file's text as Excel opens it with Vietnamese intact: UTF-8 BOM, CRLF, a header row first. */
export function csvText(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\ufeff${[headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A workbook of one sheet: the header row (bold), then the rows. ExcelJS is loaded only when asked. */
export async function sheetWorkbook(
  name: string,
  headers: string[],
  rows: readonly string[][],
): Promise<{ workbook: Workbook; sheet: Worksheet }> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return { workbook, sheet };
}
