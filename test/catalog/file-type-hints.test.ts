/**
 * #18 (files): a catalog the reader cannot read gets a hint that fits the file — a JSON catalog saved as
 * UTF-16 is told to be saved as UTF-8 JSON (not "save as CSV UTF-8" in Excel), a ".xlsx" that holds JSON
 * or CSV text is told to be named for what it holds.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog, ValidationError } from '../../src/index.js';

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

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
