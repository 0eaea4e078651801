/**
 * #18 trial 6 (item 13): writeCatalogTemplate's baseName may end in .csv or .xlsx (any case): the ending
 * is dropped, so 'a.csv' writes a.csv and a.xlsx — never a.csv.csv and a.csv.xlsx. A baseName that is only
 * an ending ('.csv') is refused, naming baseName, and nothing is written.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError, writeCatalogTemplate } from '../../src/index.js';
import { failure } from '../core/helpers/failure.js';

describe('writeCatalogTemplate baseName with an extension', () => {
  it.each(['a.csv', 'a.xlsx', 'a.CSV'])('%s writes a.csv and a.xlsx', async (baseName) => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-tpl-ext-'));
    const files = await writeCatalogTemplate(dir, baseName);
    expect(files).toEqual({ csv: join(dir, 'a.csv'), xlsx: join(dir, 'a.xlsx') });
    expect((await readdir(dir)).sort()).toEqual(['a.csv', 'a.xlsx']);
  });

  it('keeps any other dot in the name (danh-muc.v2 → danh-muc.v2.csv)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-tpl-ext-'));
    await writeCatalogTemplate(dir, 'danh-muc.v2');
    expect((await readdir(dir)).sort()).toEqual(['danh-muc.v2.csv', 'danh-muc.v2.xlsx']);
  });

  it("'.csv' alone is refused, naming baseName; nothing is written", async () => {
    const root = await mkdtemp(join(tmpdir(), 'ocop-tpl-ext-'));
    const dir = join(root, 'out');
    const error = (await failure(() => writeCatalogTemplate(dir, '.csv'))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue) => issue.path)).toEqual(['baseName']);
    expect(error.messageVi).toContain('baseName: ".csv" chỉ có phần đuôi tệp');
    expect(error.messageEn).toContain('baseName: ".csv" is only a file extension');
    expect(await readdir(root)).toEqual([]);
  });
});
