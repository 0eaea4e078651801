import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const CATALOG = fileURLToPath(new URL('../../seeds/catalog.csv', import.meta.url));

describe('sandbox sync after match / link / list (#19 re-trial, MEDIUM 5)', () => {
  it('starts from the saved shop: its stock lines are what list counted for the listings it linked and created, no demo SKUs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-sync-shop-'));
    const sheet = join(dir, 'doi-chieu.csv');
    expect((await runCli(['match', CATALOG, '--out', sheet, '--to', 'voso'], { cwd: dir })).code).toBe(0);
    await runCli(['link', sheet, '--catalog', CATALOG], { cwd: dir });
    const list = await runCli(['list', CATALOG, '--to', 'voso', '--json'], { cwd: dir, timeoutMs: 120_000 });
    const listed = (JSON.parse(list.stdout) as { items: { sku: string; outcome: string }[] }).items
      .filter((i) => i.outcome === 'created' || i.outcome === 'updated' || i.outcome === 'unchanged')
      .map((i) => i.sku);
    expect(listed.length).toBeGreaterThan(0);
    const run = await runCli(['sync', '--json'], { cwd: dir, timeoutMs: 120_000 });
    const report = JSON.parse(run.stdout) as {
      sandbox: boolean;
      result: { stock: { sku: string }[]; pushes: { sku: string; platform: string; ok: boolean }[] };
    };
    expect(report.sandbox).toBe(true);
    // The ledger list counted, covering every listing it left on Voso; the demo day is not this shop.
    const lines = report.result.stock.map((l) => l.sku);
    for (const sku of listed) expect(lines).toContain(sku);
    expect(lines.filter((s) => s.startsWith('DEMO-'))).toEqual([]);
    expect(report.result.pushes.filter((p) => p.sku.startsWith('DEMO-'))).toEqual([]);
    expect(report.result.pushes.every((p) => p.ok)).toBe(true);
  }, 240_000);
});
