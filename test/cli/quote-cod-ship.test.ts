/**
 * `quote --cod X` shows, for every service of both carriers, the price `ship --cod X` is then charged,
 * COD fee included (#10 trial item 3; the trial saw 35.200 ₫ quoted and 46.200 ₫ charged). Every
 * service is shipped and compared, not only the cheapest (whose COD fee may be 0).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const TO = 'Phường Hoàn Kiếm, Hà Nội';
const COD = '150000';
let dir: string;

interface Quoted {
  serviceCode: string;
  totalVnd: number;
  codFeeVnd: number;
  freightVnd: number;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-cod-'));
});

describe('quote --cod and ship --cod agree', { timeout: 240_000 }, () => {
  it('every ViettelPost and VNPost service: the quoted total (COD fee included) is what ship charges', async () => {
    const quote = await runCli(['--json', 'quote', '--to', TO, '--weight', '800', '--cod', COD], {
      cwd: dir,
    });
    expect(quote.code, quote.stderr).toBe(0);
    const byCarrier = (JSON.parse(quote.stdout) as { byCarrier: Record<string, Quoted[]> }).byCarrier;
    expect(Object.keys(byCarrier).sort()).toEqual(['viettelpost', 'vnpost']);
    let withFee = 0;
    for (const [carrier, quotes] of Object.entries(byCarrier)) {
      expect(quotes.length).toBeGreaterThan(1);
      for (const q of quotes) {
        expect(q.freightVnd + q.codFeeVnd).toBe(q.totalVnd);
        if (q.codFeeVnd > 0) withFee++;
        const ship = await runCli(
          [
            '--json',
            'ship',
            '--carrier',
            carrier,
            '--service',
            q.serviceCode,
            '--to',
            TO,
            '--name',
            'Nguyễn Văn An',
            '--phone',
            '0987654321',
            '--weight',
            '800',
            '--cod',
            COD,
            '--reference',
            `COD-${carrier}-${q.serviceCode}`,
          ],
          { cwd: dir },
        );
        expect(ship.code, ship.stderr).toBe(0);
        const shipped = JSON.parse(ship.stdout) as {
          quote: Quoted;
          shipment: { fees?: { totalVnd: number } };
        };
        expect(shipped.quote.totalVnd, `${carrier} ${q.serviceCode}`).toBe(q.totalVnd);
        expect(shipped.shipment.fees?.totalVnd ?? shipped.quote.totalVnd, `${carrier} ${q.serviceCode}`).toBe(
          q.totalVnd,
        );
      }
    }
    // The comparison means something only where a COD fee is charged.
    expect(withFee).toBeGreaterThan(4);
    // The human table says the total includes the fee, and shows the fee.
    const human = await runCli(['quote', '--to', TO, '--weight', '800', '--cod', COD], { cwd: dir });
    expect(human.stdout).toMatch(/VCBO\s+Chuyển phát đường bộ\s+35\.200 ₫\s+11\.000 ₫\s+46\.200 ₫/);
    expect(human.stdout).toContain(
      'Tổng cước đã gồm phí thu hộ cho 150.000 ₫ tiền hàng; đó là số ship sẽ bị tính.',
    );
  });
});
