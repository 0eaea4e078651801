/**
 * Usage errors a user meets on quote/ship, stock and pull-catalog speak the run's language only
 * (#10 trial item 8: no "vi / en" text in a Vietnamese run), name the option, and exit 2; --json
 * carries both languages.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-onelang-'));
});

describe('usage errors in one language', { timeout: 120_000 }, () => {
  it('an address without "ward, province", a bad stock count, two platforms for pull-catalog', async () => {
    const cases: [string[], string, string][] = [
      [
        ['quote', '--to', 'xyz', '--weight', '500'],
        '✗ --to: địa chỉ "xyz" cần ít nhất "phường/xã, tỉnh"',
        '✗ --to: address "xyz" needs at least "ward, province"',
      ],
      [
        ['quote', '--from', 'Hà Nội', '--to', 'Phường Hoàn Kiếm, Hà Nội', '--weight', '500'],
        '✗ --from: địa chỉ "Hà Nội" cần ít nhất',
        '✗ --from: address "Hà Nội" needs at least',
      ],
      [
        ['stock', 'set', 'VL-TBN', 'abc'],
        '✗ Số lượng "abc" phải là số nguyên ≥ 0',
        '✗ The count "abc" must be a whole number ≥ 0',
      ],
      [
        ['pull-catalog', '--from', 'voso,postmart'],
        '✗ --from: chỉ một sàn (voso hoặc postmart), không phải "voso,postmart"',
        '✗ --from: one platform (voso or postmart), not "voso,postmart"',
      ],
    ];
    for (const [args, vi, en] of cases) {
      const inVi = await runCli(args, { cwd: dir });
      expect(inVi.code, inVi.stderr).toBe(2);
      expect(inVi.stderr).toContain(vi);
      expect(inVi.stderr).not.toContain(en.slice(2, 20));
      const inEn = await runCli(args, { cwd: dir, env: { OCOP_LANG: 'en' } });
      expect(inEn.code).toBe(2);
      expect(inEn.stderr).toContain(en);
      expect(inEn.stderr).not.toContain(vi.slice(2, 20));
    }
    const json = await runCli(['--json', 'quote', '--to', 'xyz', '--weight', '500'], { cwd: dir });
    const doc = JSON.parse(json.stdout) as { error: { message: { vi: string; en: string } } };
    expect(doc.error.message.vi).toContain('cần ít nhất');
    expect(doc.error.message.en).toContain('needs at least');
  });
});
