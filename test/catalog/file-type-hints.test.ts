/**
 * #18 (files): a catalog the reader cannot read gets a hint that fits the file — a JSON catalog saved as
 * UTF-16 is told to be saved as UTF-8 JSON (not "save as CSV UTF-8" in Excel), a ".xlsx" that holds JSON
 * or CSV text is told to be named for what it holds. Trial 2, item 16: a CSV saved as UTF-16 is refused
 * with the encoding named (README "Spreadsheets"), a damaged .xlsx has a Vietnamese text that is all
 * Vietnamese (the zip reader's English text and URL are the cause).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog, ValidationError } from '../../src/index.js';
import { rejectionOf } from '../core/helpers/failure.js';

const refusal = (promise: Promise<unknown>) => rejectionOf(promise, ValidationError);

describe('catalog read errors hint at the file type read', () => {
  it('a JSON catalog in UTF-16: save it as UTF-8 JSON, no Excel CSV hint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-json16-'));
    const file = join(dir, 'danh-muc.json');
    await writeFile(
      file,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"sku":"A1"}]', 'utf16le')]),
    );
    const error = await refusal(readCatalog(file));
    expect(error.issues.map((i) => i.code)).toEqual(['catalog.encoding']);
    expect(error.messageVi).toContain('lưu lại tệp JSON với bảng mã UTF-8');
    expect(error.messageEn).toContain('Save the JSON file again in the UTF-8 encoding');
    expect(`${error.messageVi} ${error.messageEn}`).not.toContain('CSV');
    // A CSV keeps Excel's "CSV UTF-8" hint.
    const csv = join(dir, 'danh-muc.csv');
    await writeFile(
      csv,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('SKU,Tên\nA1,Trà\n', 'utf16le')]),
    );
    expect((await refusal(readCatalog(csv))).messageEn).toContain('"CSV UTF-8 (Comma delimited)"');
  });

  it('a ".xlsx" holding JSON or CSV text is told to be named for what it holds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-notxlsx-'));
    const json = join(dir, 'json.xlsx');
    await writeFile(json, '[{"sku":"A1","name":"Trà"}]');
    const fromJson = await refusal(readCatalog(json));
    expect(fromJson.messageVi).toContain('tệp chứa JSON: hãy đổi đuôi tệp thành .json');
    expect(fromJson.messageEn).toContain('it holds JSON: rename it to .json');
    expect(fromJson.messageEn).not.toContain('CSV');
    const csv = join(dir, 'csv.xlsx');
    await writeFile(csv, 'Mã sản phẩm,Tên sản phẩm\nA1,Trà\n');
    const fromCsv = await refusal(readCatalog(csv));
    expect(fromCsv.messageVi).toContain('hãy đổi đuôi tệp thành .csv');
    expect(fromCsv.messageEn).toContain('rename it to .csv');
  });
});

describe('readCatalog: a file it cannot read says why, in each language', () => {
  it('a CSV saved as UTF-16 LE (with or without a BOM) names UTF-16 LE in messageVi and messageEn', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-utf16-'));
    const text = 'Mã sản phẩm,Tên sản phẩm\nA1,Trà\n';
    for (const [name, bom] of [
      ['bom.csv', Buffer.from([0xff, 0xfe])],
      ['plain.csv', Buffer.alloc(0)],
    ] as const) {
      const file = join(dir, name);
      await writeFile(
        file,
        Buffer.concat([bom, Buffer.from(name === 'plain.csv' ? 'SKU,Name\nA1,Tea\n' : text, 'utf16le')]),
      );
      const error = await refusal(readCatalog(file));
      expect(error.issues.map((i) => i.code)).toEqual(['catalog.encoding']);
      expect(error.messageVi).toContain('được lưu bằng bảng mã UTF-16 LE, không phải UTF-8');
      expect(error.messageEn).toContain('is saved in the UTF-16 LE encoding, not UTF-8');
    }
  });

  it('an image or other bytes named .csv or .json is not a text file, not "saved in UTF-16"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-binary-'));
    const jpeg = join(dir, 'x.csv');
    await writeFile(
      jpeg,
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0, 0, 0, 0]),
    );
    const error = await refusal(readCatalog(jpeg));
    expect(error.issues.map((i) => i.code)).toEqual(['catalog.not_text']);
    expect(error.messageEn).toContain(`"${jpeg}" is not a CSV text file: it holds a JPEG file`);
    expect(error.messageVi).toContain(`Tệp "${jpeg}" không phải tệp văn bản CSV: tệp chứa một tệp JPEG`);
    expect(`${error.messageVi} ${error.messageEn}`).not.toMatch(/UTF-16|CSV UTF-8/);
    const workbook = join(dir, 'book.csv');
    await writeFile(workbook, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]));
    expect((await refusal(readCatalog(workbook))).messageEn).toContain(
      'If it is an Excel workbook, rename it to .xlsx',
    );
    const other = join(dir, 'data.json');
    await writeFile(
      other,
      Buffer.from([
        0x01, 0x02, 0x03, 0x00, 0x7f, 0x80, 0x00, 0x00, 0x00, 0x03, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46,
      ]),
    );
    const json = await refusal(readCatalog(other));
    expect(json.messageEn).toContain('is not a JSON text file: it holds binary data');
    expect(json.messageVi).toContain('tệp chứa dữ liệu nhị phân');
  });

  it('a damaged .xlsx: messageVi is Vietnamese only (no zip-library text, no URL); that text is the cause', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-xlsx-'));
    const file = join(dir, 'hong.xlsx');
    await writeFile(file, 'this is not a zip file at all, just text');
    const error = await refusal(readCatalog(file));
    expect(error.issues.map((i) => i.code)).toEqual(['catalog.xlsx_unreadable']);
    expect(error.messageVi).toContain('không phải là tệp Excel .xlsx đọc được');
    expect(error.messageVi).not.toMatch(/https?:|zip file|central directory/i);
    expect(error.messageEn).not.toMatch(/https?:/);
    expect(String((error.cause as Error | undefined)?.message)).toMatch(/zip/i);
  });
});
