/**
 * `quote` shows ViettelPost and VNPost side by side for the same parcel: in sandbox mode (both emulators
 * started by the CLI) and with real-mode credentials (both sandboxes reached as real platforms would be).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startViettelPostSandbox,
  startVnpostSandbox,
  type ViettelPostSandbox,
  type VnpostSandbox,
} from '../../src/sandbox/index.js';
import { runCli } from './helpers.js';

interface QuoteJson {
  quotes: { carrier: string; totalVnd: number }[];
  byCarrier: Record<string, { carrier: string; serviceCode: string; totalVnd: number }[] | null>;
}

const TO = '144 Xuân Thủy, Phường Cầu Giấy, Hà Nội';
const SENDER = {
  name: 'HTX Nông sản Vĩnh Linh',
  phone: '0912345678',
  address: { street: '36 Lê Duẩn', ward: 'Xã Vĩnh Linh', province: 'Quảng Trị' },
};

describe('cli quote: both carriers side by side', { timeout: 120_000 }, () => {
  let vtp: ViettelPostSandbox;
  let vnp: VnpostSandbox;
  beforeAll(async () => {
    [vtp, vnp] = await Promise.all([
      startViettelPostSandbox({ stepMs: 0 }),
      startVnpostSandbox({ stepMs: 0 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([vtp?.close(), vnp?.close()]);
  });

  it('sandbox mode: both emulators quote the same parcel; the text puts them in one table and names the cheapest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-quote-'));
    const json = await runCli(['--json', 'quote', '--to', TO, '--weight', '1200', '--cod', '350000'], {
      cwd: dir,
    });
    expect(json.code, json.stderr).toBe(0);
    const body = JSON.parse(json.stdout) as QuoteJson;
    const vnpost = body.byCarrier.vnpost ?? [];
    expect(body.byCarrier.viettelpost?.length).toBeGreaterThan(0);
    expect(vnpost.length).toBeGreaterThan(0);
    expect(vnpost.every((q) => q.carrier === 'vnpost')).toBe(true);

    const text = await runCli(['--lang', 'en', 'quote', '--to', TO, '--weight', '1200', '--cod', '350000'], {
      cwd: dir,
    });
    expect(text.code, text.stderr).toBe(0);
    // With --cod each carrier's COD fee stands beside its total (#10 trial item 9).
    expect(text.stdout).toMatch(
      /#\s+ViettelPost\s+COD fee\s+Total \(incl\. VAT\)\s+VNPost\s+COD fee\s+Total \(incl\. VAT\)/,
    );
    const all = [...(body.byCarrier.viettelpost ?? []), ...vnpost].sort((a, b) => a.totalVnd - b.totalVnd);
    const cheapest = all[0]!;
    // Top-level `quotes` holds every carrier's quotes, each with its carrier, cheapest first (trial 1 #10).
    expect(body.quotes).toEqual(all);
    expect(new Set(body.quotes.map((q) => q.carrier))).toEqual(new Set(['viettelpost', 'vnpost']));
    expect(body.quotes[0]).toEqual(cheapest);
    expect(text.stdout).toContain(
      `Cheapest: ${cheapest.carrier === 'vnpost' ? 'VNPost' : 'ViettelPost'} ${cheapest.serviceCode}`,
    );
  });

  it('real mode: ViettelPost and VNPost credentials from the environment, one ServicesCharge for the parcel', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-quote-real-'));
    await writeFile(join(dir, 'ocop-connect.config.json'), JSON.stringify({ sender: SENDER }));
    const env = {
      OCOP_VTP_BASE_URL: vtp.url,
      OCOP_VTP_USERNAME: vtp.memberCredentials.username,
      OCOP_VTP_PASSWORD: vtp.memberCredentials.password,
      OCOP_VNPOST_BASE_URL: vnp.url,
      OCOP_VNPOST_USERNAME: vnp.credentials.username,
      OCOP_VNPOST_PASSWORD: vnp.credentials.password,
      OCOP_VNPOST_CUSTOMER_CODE: vnp.credentials.customerCode,
    };
    const before = vnp.state.requestCount('servicesCharge');
    const run = await runCli(['--json', 'quote', '--to', TO, '--weight', '2500'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    const body = JSON.parse(run.stdout) as QuoteJson;
    expect(body.byCarrier.vnpost?.length).toBeGreaterThan(0);
    expect(vnp.state.requestCount('servicesCharge')).toBe(before + 1);
    const charge = vnp.state
      .requests()
      .filter((r) => r.operation === 'servicesCharge')
      .at(-1);
    expect(charge?.body).toMatchObject({ data: { weight: '2500', receiverDistrictCode: 'VNPOST' } });
    expect(run.stdout).not.toContain(vnp.credentials.password);
  });
});
