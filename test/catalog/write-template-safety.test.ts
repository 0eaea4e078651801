/**
 * #18 (files): writeCatalogTemplate writes only inside `dir`, under a plain file name, and never replaces
 * an existing template unless told `{ overwrite: true }` — both files checked before either is written.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, ValidationError, writeCatalogTemplate } from '../../src/index.js';
import { failure } from '../core/helpers/failure.js';

describe('writeCatalogTemplate refuses what a library must not do silently', () => {
  it('refuses a baseName with a folder part, naming baseName; nothing is written', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ocop-tpl-name-'));
    const dir = join(root, 'inside');
    for (const baseName of ['../escape', 'sub/name', '..', 'a\\b']) {
      const error = await failure(() => writeCatalogTemplate(dir, baseName));
      expect(error).toBeInstanceOf(ValidationError);
      const e = error as ValidationError;
      expect(e.issues.map((i) => i.path)).toEqual(['baseName']);
      expect(e.messageVi).toContain('baseName: phải là một tên tệp, không có thư mục');
      expect(e.messageVi).toContain(`nhận được "${baseName}"`);
      expect(e.messageEn).toContain('baseName: must be a plain file name, with no folder');
    }
    expect(await readdir(root)).toEqual([]);
  });

  it('refuses to overwrite an existing template file; the other one is not written either', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-tpl-exists-'));
    await writeFile(join(dir, 'danh-muc-san-pham.xlsx'), 'my edited catalog');
    const error = await failure(() => writeCatalogTemplate(dir));
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    expect(e.messageVi).toContain('danh-muc-san-pham.xlsx');
    expect(e.messageVi).toContain('đã có; không ghi đè');
    expect(e.messageVi).toContain('{ overwrite: true }');
    expect(e.messageEn).toContain('exists already; not overwriting');
    // Nothing half-written: the CSV beside it was not created, the XLSX kept.
    expect(await readdir(dir)).toEqual(['danh-muc-san-pham.xlsx']);
    expect(await readFile(join(dir, 'danh-muc-san-pham.xlsx'), 'utf8')).toBe('my edited catalog');
  });

  it('overwrites with { overwrite: true }, and checks the options object', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-tpl-force-'));
    await writeFile(join(dir, 'mau.csv'), 'old');
    const files = await writeCatalogTemplate(dir, 'mau', { overwrite: true });
    expect(await readFile(files.csv, 'utf8')).toContain('Mã sản phẩm');
    const wrong = await failure(() => writeCatalogTemplate(dir, 'khac', { overwrite: 'yes' } as never));
    expect(wrong).toBeInstanceOf(ConfigurationError);
    expect((wrong as ConfigurationError).messageVi).toContain('overwrite: phải là true hoặc false');
    expect((wrong as ConfigurationError).messageEn).toContain('overwrite: must be true or false');
    const typo = await failure(() => writeCatalogTemplate(dir, 'khac', { overwrites: true } as never));
    expect(typo).toBeInstanceOf(ConfigurationError);
    expect((typo as ConfigurationError).messageEn).toContain('did you mean "overwrite"');
    expect((await readdir(dir)).sort()).toEqual(['mau.csv', 'mau.xlsx']);
  });
});
