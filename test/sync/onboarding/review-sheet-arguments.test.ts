/**
 * #18 (files): writeReviewSheet checks every match (its index named), writes only .csv or .xlsx, and never
 * replaces an existing sheet (a filled one holds decisions) unless told `{ overwrite: true }`.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ListingMatch, readReviewSheet, ValidationError, writeReviewSheet } from '../../../src/index.js';
import { failure } from '../../core/helpers/failure.js';

const MATCH: ListingMatch = {
  platform: 'voso',
  account: 'default',
  listing: { remoteId: 'L1', title: 'Tinh bột nghệ 500g' } as ListingMatch['listing'],
  productSku: 'VL-TBN',
  productName: 'Tinh bột nghệ',
  confidence: 1,
  method: 'sku',
  reasons: [{ code: 'sku', detail: 'VL-TBN' }],
  variants: [{ remoteId: 'V1', label: '500g', offerSku: 'VL-TBN' }],
  suggestion: 'accept',
};

describe('writeReviewSheet checks its arguments before writing', () => {
  it('a match that is not a ListingMatch is named by its index (no TypeError); nothing written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-review-bad-'));
    const path = join(dir, 'review.csv');
    const error = await failure(() => writeReviewSheet([MATCH, {} as never], path));
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    expect(e.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['matches[1].platform', 'matches[1].listing', 'matches[1].variants']),
    );
    expect(e.issues.every((i) => i.path.startsWith('matches[1].'))).toBe(true);
    expect(e.messageVi).toContain('matches[1].listing: phải là một tin đăng');
    expect(e.messageEn).toContain('matches[1].listing: must be a listing');
    const wrongReason = await failure(() =>
      writeReviewSheet([{ ...MATCH, reasons: [{ code: 'nope', detail: 'x' }] } as never], path),
    );
    expect((wrongReason as ValidationError).issues.map((i) => i.path)).toEqual(['matches[0].reasons']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('only .csv or .xlsx (any case), naming path and the extensions allowed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-review-ext-'));
    for (const name of ['review.txt', 'review.json', 'review']) {
      const error = await failure(() => writeReviewSheet([MATCH], join(dir, name)));
      expect(error).toBeInstanceOf(ValidationError);
      const e = error as ValidationError;
      expect(e.issues.map((i) => i.path)).toEqual(['path']);
      expect(e.messageVi).toContain(`path: phải là tệp .csv, .xlsx (nhận được "${join(dir, name)}"`);
      expect(e.messageEn).toContain('path: must be a .csv, .xlsx file (got');
    }
    expect(await readdir(dir)).toEqual([]);
    expect(await writeReviewSheet([MATCH], join(dir, 'REVIEW.XLSX'))).toBe(1);
    expect((await readReviewSheet(join(dir, 'REVIEW.XLSX'))).decisions).toHaveLength(1);
  });

  it('refuses to overwrite an existing sheet unless { overwrite: true }', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-review-exists-'));
    const path = join(dir, 'review.csv');
    await writeFile(path, 'filled decisions');
    const error = await failure(() => writeReviewSheet([MATCH], path));
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    expect(e.issues.map((i) => i.path)).toEqual(['path']);
    expect(e.messageVi).toContain('đã có; không ghi đè');
    expect(e.messageEn).toContain('{ overwrite: true }');
    expect(await readFile(path, 'utf8')).toBe('filled decisions');
    expect(await writeReviewSheet([MATCH], path, { overwrite: true })).toBe(1);
    expect(await readFile(path, 'utf8')).toContain('Quyết định');
  });
});
