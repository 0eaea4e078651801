import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULFIL_OUTCOME_WORDS, ORDER_STATUS_WORDS } from '../../src/cli/status-words.js';
import { ORDER_STATUSES } from '../../src/model/status.js';
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
    expect(orders.stdout).toMatch(/voso\/htx-demo\s+VS\d+\s+awaiting confirmation\s+new\s+2 × DEMO-GAO-5KG/);
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

  it('the demo day ships the Postmart order with VNPost and the Voso order with ViettelPost (#16 trial 5)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-day-carriers-'));
    try {
      const run = await runCli(['--json', 'fulfil'], {
        cwd: dir,
        env: { OCOP_LANG: 'en' },
        timeoutMs: 90_000,
      });
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout) as {
        carrierPolicy: unknown;
        orders: {
          platform: string;
          outcome: string;
          carrier: string;
          trackingNumber: string;
          carrierChoice: string;
        }[];
      };
      const byPlatform = Object.fromEntries(json.orders.map((o) => [o.platform, o]));
      expect(byPlatform.postmart).toMatchObject({ outcome: 'shipped', carrier: 'vnpost' });
      expect(byPlatform.postmart?.trackingNumber).toMatch(/^EB\d{9}VN$/);
      expect(byPlatform.postmart?.carrierChoice).toMatch(/^marketplace: postmart orders ship with vnpost/);
      expect(byPlatform.voso).toMatchObject({ outcome: 'shipped', carrier: 'viettelpost' });
      expect(byPlatform.voso?.carrierChoice).toMatch(
        /voso is not in byMarketplace, otherwise fixed carrier viettelpost/,
      );
      expect(json.carrierPolicy).toEqual({ byMarketplace: { postmart: 'vnpost' }, otherwise: 'viettelpost' });

      const table = await runCli(['fulfil', '--carrier-policy', 'cheapset'], {
        cwd: dir,
        env: { OCOP_LANG: 'en' },
        timeoutMs: 90_000,
      });
      expect(table.code).toBe(2);
      expect(table.stderr).toContain(
        '"--carrier-policy": "cheapset" is neither a policy nor a configured carrier (did you mean "cheapest"?)',
      );

      const printed = await runCli(['fulfil', '--carrier-policy', 'vnpost'], {
        cwd: dir,
        env: { OCOP_LANG: 'en' },
        timeoutMs: 90_000,
      });
      expect(printed.code).toBe(0);
      expect(printed.stdout).toMatch(/Market\s+Order\s+Outcome\s+Carrier\s+Waybill/);
      expect(printed.stdout).toMatch(/voso\/htx-demo\s+VS\d+\s+shipped\s+vnpost\s+EB\d{9}VN/);
      expect(printed.stdout).toMatch(/postmart\/htx-demo\s+PM\d+\s+shipped\s+vnpost\s+EB\d{9}VN/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('a config carrierPolicy naming an unknown carrier is refused on load, naming the key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-day-policy-'));
    try {
      await writeFile(
        join(dir, 'ocop-connect.config.json'),
        JSON.stringify({
          carrierPolicy: { byMarketplace: { postmart: 'vnpots' }, otherwise: 'viettelpost' },
        }),
      );
      const run = await runCli(['fulfil'], { cwd: dir, timeoutMs: 60_000 });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        '"carrierPolicy.byMarketplace.postmart": "vnpots" không phải hãng vận chuyển được cấu hình',
      );
      expect(run.stderr).toContain('có phải "vnpost"?');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

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
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('The count "-1" must be a whole number ≥ 0');
  }, 200_000);

  it('stock set of an unknown SKU is a data problem: exit 1 as the README table says, nearest SKU named (#18 trial 14)', async () => {
    const run = await runCli(['--lang', 'en', '--json', 'stock', 'set', 'DEMO-MAT-ONX', '5'], {
      cwd,
      timeoutMs: 90_000,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SKU "DEMO-MAT-ONX" is not in the stock ledger');
    expect(run.stderr).toContain('"DEMO-MAT-ONG"');
    const doc = JSON.parse(run.stdout) as {
      ok: boolean;
      exitCode: number;
      error: { code: string; message: { vi: string; en: string } };
    };
    expect(doc).toMatchObject({ ok: false, exitCode: 1, error: { code: 'data' } });
    expect(doc.error.message.vi).toContain('Mã SKU "DEMO-MAT-ONX" chưa có trong sổ tồn kho');
  }, 120_000);

  it('fulfil and orders in Vietnamese: an order handed to the carrier is "đã gửi hàng", never "đã giao" (delivered)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-day-words-'));
    try {
      const orders = await runCli(['orders'], { cwd: dir, timeoutMs: 90_000 });
      expect(orders.code, orders.stderr).toBe(0);
      expect(orders.stdout).toMatch(/voso\/htx-demo\s+VS\d+\s+chờ xác nhận\s+mới\s+2 × DEMO-GAO-5KG/);
      expect(orders.stdout).not.toContain('PENDING_CONFIRM');
      const run = await runCli(['fulfil'], { cwd: dir, timeoutMs: 90_000 });
      expect(run.code, run.stderr).toBe(0);
      const rows = run.stdout.split('\n').filter((l) => /^(voso|postmart)\//.test(l));
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row).toMatch(/^\S+\s+\S+\s+đã gửi hàng\s/);
        expect(row).not.toContain('đã giao');
        expect(row).not.toMatch(/\bshipped\b/);
      }
      expect(run.stdout).toContain('đã gửi hàng 2 · chờ số vận đơn 0 · dùng lại 0 · bỏ qua 0 · lỗi 0');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 200_000);

  it('one table words every order status and fulfil outcome in both languages; only DELIVERED is "đã giao"', () => {
    expect(Object.keys(ORDER_STATUS_WORDS).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const table of [ORDER_STATUS_WORDS, FULFIL_OUTCOME_WORDS])
      for (const [code, words] of Object.entries(table)) {
        expect(words.vi, code).toMatch(/[^\x20-\x7e]/);
        expect(words.en, code).toMatch(/^[\x20-\x7e]+$/);
        expect(words.vi.includes('đã giao'), code).toBe(code === 'DELIVERED');
      }
    const vi = Object.values(ORDER_STATUS_WORDS).map((w) => w.vi);
    expect(new Set(vi).size).toBe(vi.length);
    expect(ORDER_STATUS_WORDS.DELIVERED).toEqual({ vi: 'đã giao', en: 'delivered' });
    expect(FULFIL_OUTCOME_WORDS.shipped).toEqual({ vi: 'đã gửi hàng', en: 'shipped' });
  });

  it('sandbox mode: the day commands say their demo shop is their own; stock set names what it holds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-day-stock-'));
    try {
      const run = await runCli(['stock', 'set', 'VL-TBN-500', '7'], { cwd: dir, timeoutMs: 90_000 });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'SANDBOX: các lệnh hằng ngày (orders, sync, fulfil, stock, webhooks) dùng một cửa hàng mẫu riêng',
      );
      expect(run.stderr).toContain(
        'chưa có trong sổ tồn kho (chưa đăng bán hay nhập từ danh mục). SANDBOX: cửa hàng mẫu của các lệnh hằng ngày chỉ có DEMO-GAO-5KG, DEMO-MAT-ONG',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
