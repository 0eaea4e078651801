import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('cli: the day commands on the embedded sandboxes', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ocop-cli-day-'));
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('orders lists the demo buyers’ orders; fulfil ships both, weighed from the catalog', async () => {
    const orders = await runCli(['--lang', 'en', 'orders'], { cwd, timeoutMs: 90_000 });
    expect(orders.code).toBe(0);
    expect(orders.stderr).toContain('SANDBOX');
    expect(orders.stdout).toMatch(/voso\/htx-demo\s+VS\d+\s+PENDING_CONFIRM\s+new\s+2 × DEMO-GAO-5KG/);
    expect(orders.stdout).toContain('2 new or changed orders');

    const fulfil = await runCli(['--lang', 'en', '--json', 'fulfil'], { cwd, timeoutMs: 90_000 });
    expect(fulfil.code).toBe(0);
    const json = JSON.parse(fulfil.stdout) as {
      result: {
        counts: Record<string, number>;
        orders: { fulfilment?: { parcel?: { weightGrams: number } } }[];
      };
    };
    expect(json.result.counts).toMatchObject({ shipped: 2, failed: 0 });
    expect(json.result.orders.map((o) => o.fulfilment?.parcel?.weightGrams).sort()).toEqual([10_200, 850]);
  }, 200_000);

  it('stock set records a count that keeps reserved units, and refuses a bad count', async () => {
    const set = await runCli(['--lang', 'en', 'stock', 'set', 'DEMO-MAT-ONG', '3'], {
      cwd,
      timeoutMs: 90_000,
    });
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('DEMO-MAT-ONG: on hand 3, reserved 1, available 2');
    expect(set.stdout).toMatch(/✓ postmart\/htx-demo → 2/);
    const bad = await runCli(['--lang', 'en', 'stock', 'set', 'DEMO-MAT-ONG', '-1'], {
      cwd,
      timeoutMs: 60_000,
    });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('integer ≥ 0');
  }, 200_000);
});
