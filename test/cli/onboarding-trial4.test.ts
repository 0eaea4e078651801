import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const CATALOG = fileURLToPath(new URL('../../seeds/catalog.csv', import.meta.url));

describe('CLI onboarding (#19 trial 4)', () => {
  it('validate online after match and link in a sandbox state folder writes nothing and answers as on a fresh folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-validate-linked-'));
    const sheet = join(dir, 'doi-chieu.csv');
    const match = await runCli(
      ['match', CATALOG, '--to', 'voso,postmart', '--out', sheet, '--auto-accept', '1'],
      {
        cwd: dir,
      },
    );
    expect(match.code).toBe(0);
    // The auto-accepted rows are linked, their seller SKUs written on the sandbox listings.
    const link = await runCli(['link', sheet, '--catalog', CATALOG, '--json'], { cwd: dir });
    const linked = (JSON.parse(link.stdout) as { items: { outcome: string; skusWritten?: string[] }[] })
      .items;
    expect(linked.some((i) => i.outcome === 'linked' && (i.skusWritten?.length ?? 0) > 0)).toBe(true);

    // Before the fix validate replayed those links (PUT /products/:id/sku) on shops without the
    // hand-made listings and ended with exit 3.
    const validate = await runCli(['validate', CATALOG, '--to', 'voso,postmart', '--json'], {
      cwd: dir,
      timeoutMs: 120_000,
    });
    const fresh = await mkdtemp(join(tmpdir(), 'ocop-cli-validate-fresh-'));
    const baseline = await runCli(['validate', CATALOG, '--to', 'voso,postmart', '--json'], {
      cwd: fresh,
      timeoutMs: 120_000,
    });
    expect(validate.stderr).not.toMatch(/setListingSkus|\/sku/);
    expect(validate.code).toBe(baseline.code);
    expect(validate.code).not.toBe(3);
    expect(JSON.parse(validate.stdout)).toEqual(JSON.parse(baseline.stdout));
  }, 240_000);
});

describe('CLI match confidence options (#19 trial 4)', () => {
  it('--min-confidence and --auto-accept refuse a fraction above 1 without "%" (1.5 was read as 1.5 %), in vi and en', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-ratio-'));
    for (const option of ['--min-confidence', '--auto-accept']) {
      const vi = await runCli(
        ['match', CATALOG, '--to', 'voso', option, '1.5', '--out', join(dir, 'r.csv')],
        {
          cwd: dir,
        },
      );
      expect([vi.code, vi.stderr.trim()]).toEqual([
        2,
        `✗ ${option} "1.5": độ tin cậy phải từ 0 đến 1 (ví dụ 0.9); 1.5 lớn hơn 1 mà không phải số nguyên phần trăm — nếu là phần trăm, ghi "1.5%"`,
      ]);
      const en = await runCli(['--lang', 'en', 'match', CATALOG, '--to', 'voso', option, '1,5'], {
        cwd: dir,
      });
      expect([en.code, en.stderr.trim()]).toEqual([
        2,
        `✗ ${option} "1,5": a confidence must be from 0 to 1 (e.g. 0.9); 1,5 is above 1 and not a whole percentage — if you mean a percentage, write "1,5%"`,
      ]);
    }
    // Nothing was matched, no review sheet written.
    await expect(stat(join(dir, 'r.csv'))).rejects.toThrow();
  }, 120_000);
});
