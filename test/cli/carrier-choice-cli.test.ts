/**
 * The CLI's carrier choice in sandbox mode, through the bin: `ship --carrier vnpost --service fastest`
 * says why it could not compare speed (#16 trial 7); `sandbox` runs a VNPost emulator, `init`'s template
 * has a vnpost block, and sandbox VNPost waybills never repeat across runs in the state folder (#16 trial 8).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-carrier-choice-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TO = '144 Xuân Thủy, Phường Cầu Giấy, Hà Nội';
const ship = (reference: string, ...extra: string[]) => [
  'ship',
  '--carrier',
  'vnpost',
  '--to',
  TO,
  '--name',
  'Chị Nguyễn Thị Lan',
  '--phone',
  '0987654321',
  '--weight',
  '1200',
  '--reference',
  reference,
  ...extra,
];

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
});
