/**
 * The CLI's carrier choice in sandbox mode, through the bin: `ship --carrier vnpost --service fastest`
 * says why it could not compare speed (#16 trial 7); `sandbox` runs a VNPost emulator, `init`'s template
 * has a vnpost block, and sandbox VNPost waybills never repeat across runs in the state folder (#16 trial 8).
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { runCli } from './helpers.js';
import { BUYER_ADDRESS, shipToBuyer } from './ship-fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-carrier-choice-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TO = BUYER_ADDRESS;
const ship = shipToBuyer;

describe('cli carrier choice (sandbox mode)', { timeout: 240_000 }, () => {
  it('ship --carrier vnpost --service fastest says, Vietnamese first, that VNPost states no delivery times and which service it picked', async () => {
    const quote = await runCli(['--json', 'quote', '--to', TO, '--weight', '1200'], { cwd: dir });
    expect(quote.code).toBe(0);
    const cheapest = (
      JSON.parse(quote.stdout) as { byCarrier: { vnpost: { serviceCode: string; totalVnd: number }[] } }
    ).byCarrier.vnpost.sort((a, b) => a.totalVnd - b.totalVnd)[0]!;

    const run = await runCli(ship('FAST-1', '--service', 'fastest'), { cwd: dir, env: { OCOP_LANG: 'en' } });
    expect(run.code, run.stderr).toBe(0);
    const vi = run.stderr.indexOf('VNPost không nêu thời gian giao hàng cho dịch vụ nào');
    const en = run.stderr.indexOf('VNPost states no delivery time for any service');
    expect(vi).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(vi);
    expect(run.stderr).toContain(
      `so speed could not be compared: picked the cheapest service ${cheapest.serviceCode}`,
    );
    expect(run.stdout).toMatch(new RegExp(`Service: ${cheapest.serviceCode} `));
    expect(run.stdout).toContain(
      'Why: VNPost states no delivery times, speed could not be compared → the cheapest',
    );

    const json = await runCli(['--json', ...ship('FAST-2', '--service', 'fastest')], { cwd: dir });
    expect(json.code, json.stderr).toBe(0);
    const shipped = JSON.parse(json.stdout) as {
      quote: { serviceCode: string };
      serviceChoice: { vi: string; en: string };
    };
    expect(shipped.quote.serviceCode).toBe(cheapest.serviceCode);
    expect(shipped.serviceChoice.en).toContain('speed could not be compared');
    expect(shipped.serviceChoice.vi).toContain('không so sánh được tốc độ');
  });

  it('sandbox runs a VNPost emulator and prints its env lines and write-config block (#16 trial 8)', async () => {
    const file = join(dir, 'sandbox.config.json');
    const run = await runCli(['--lang', 'en', 'sandbox', '--once', '--write-config', file], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/VNPost:\s+http:\/\/127\.0\.0\.1:\d+/);
    for (const key of ['BASE_URL', 'USERNAME', 'PASSWORD', 'CUSTOMER_CODE', 'WEBHOOK_PUBLIC_KEY'])
      expect(run.stdout).toMatch(new RegExp(`export OCOP_VNPOST_${key}=\\S+`));
    const written = JSON.parse(await readFile(file, 'utf8')) as {
      vnpost: {
        baseUrl: string;
        username: string;
        password: string;
        customerCode: string;
        webhookPublicKey: string;
      };
    };
    expect(written.vnpost.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(written.vnpost.customerCode).not.toBe('');
    expect(written.vnpost.webhookPublicKey).toContain('BEGIN PUBLIC KEY');
  });

  it("init's config template has a vnpost block, every value empty", async () => {
    const target = join(dir, 'init');
    const run = await runCli(['init', target], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const template = JSON.parse(await readFile(join(target, 'ocop-connect.config.json'), 'utf8')) as {
      vnpost: Record<string, string>;
    };
    expect(Object.keys(template.vnpost).sort()).toEqual(
      ['customerCode', 'environment', 'password', 'username', 'webhookPublicKey'].sort(),
    );
    expect(Object.values(template.vnpost).every((v) => v === '')).toBe(true);
  });

  it('sandbox VNPost waybills do not restart per run: two references never share a waybill in the state folder', async () => {
    const work = join(dir, 'numbering');
    await mkdir(work, { recursive: true });
    const waybills: string[] = [];
    for (const reference of ['DH-1001', 'DH-2', 'DH-3']) {
      const run = await runCli(['--json', ...ship(reference)], { cwd: work });
      expect(run.code, run.stderr).toBe(0);
      waybills.push(
        (JSON.parse(run.stdout) as { shipment: { trackingNumber: string } }).shipment.trackingNumber,
      );
    }
    expect(new Set(waybills).size).toBe(3);
    // What the state folder holds: one waybill per reference, all different.
    const store = await createFileStore({ dir: join(work, '.ocop-connect', 'sandbox') });
    try {
      const records = (await store.listShipments()).filter((r) => r.carrier === 'vnpost');
      expect(records.map((r) => [r.reference, r.waybill]).sort()).toEqual(
        [
          ['DH-1001', waybills[0]],
          ['DH-2', waybills[1]],
          ['DH-3', waybills[2]],
        ].sort(),
      );
    } finally {
      await store.close();
    }
  });
  it('sandbox ViettelPost waybills do not restart per run either (#10 trial 3)', async () => {
    const work = join(dir, 'numbering-vtp');
    await mkdir(work, { recursive: true });
    const waybills: string[] = [];
    for (const reference of ['DH-1001', 'DH-1002', 'DH-1003']) {
      const args = ship(reference);
      args.splice(args.indexOf('--carrier'), 2); // ViettelPost, the default carrier
      const run = await runCli(['--json', ...args], { cwd: work });
      expect(run.code, run.stderr).toBe(0);
      waybills.push(
        (JSON.parse(run.stdout) as { shipment: { trackingNumber: string } }).shipment.trackingNumber,
      );
    }
    expect(new Set(waybills).size).toBe(3);
    // The demo day (`fulfil` without credentials) numbers past them too, for both carriers.
    const vnp = await runCli(['--json', ...ship('DH-VN-1')], { cwd: work });
    expect(vnp.code, vnp.stderr).toBe(0);
    const vnpWaybill = (JSON.parse(vnp.stdout) as { shipment: { trackingNumber: string } }).shipment
      .trackingNumber;
    const day = await runCli(['--json', 'fulfil'], { cwd: work });
    expect(day.code, day.stderr).toBe(0);
    const dayWaybills = [...day.stdout.matchAll(/"(\d{11}|EB\d{9}VN)"/g)].map((m) => m[1]);
    expect(dayWaybills.length).toBeGreaterThanOrEqual(2);
    for (const used of [...waybills, vnpWaybill]) expect(dayWaybills).not.toContain(used);
    const store = await createFileStore({ dir: join(work, '.ocop-connect', 'sandbox') });
    try {
      const records = (await store.listShipments()).filter(
        (r) => (r.carrier ?? 'viettelpost') === 'viettelpost',
      );
      expect(records.map((r) => [r.reference, r.waybill]).sort()).toEqual(
        [
          ['DH-1001', waybills[0]],
          ['DH-1002', waybills[1]],
          ['DH-1003', waybills[2]],
        ].sort(),
      );
    } finally {
      await store.close();
    }
  });
});
