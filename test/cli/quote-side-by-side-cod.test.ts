/**
 * `quote --cod`: the ViettelPost ↔ VNPost side-by-side table shows each carrier's COD fee (the JSON
 * had codFeeVnd, the table did not), and `--json` says "ok": true like every other command
 * (#10 trial items 9, 10). Through the CLI, on the embedded sandboxes.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatVnd } from 'ocop-connect';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const ARGS = ['quote', '--to', 'Phường Hoàn Kiếm, Hà Nội', '--weight', '800', '--cod', '150000'];

describe('quote --cod side by side', { timeout: 180_000 }, () => {
  it('every VNPost row of the side-by-side table carries its COD fee, equal to the JSON codFeeVnd', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-quote-sbs-'));
    const json = await runCli(['--json', ...ARGS], { cwd: dir });
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as {
      ok: boolean;
      byCarrier: { vnpost: { serviceCode: string; codFeeVnd: number; totalVnd: number }[] };
    };
    expect(result.ok).toBe(true);
    const vnpost = result.byCarrier.vnpost;
    expect(vnpost.some((q) => q.codFeeVnd > 0)).toBe(true);

    const human = await runCli(ARGS, { cwd: dir });
    expect(human.code, human.stderr).toBe(0);
    const side = human.stdout.slice(human.stdout.indexOf('ViettelPost và VNPost, cùng gói hàng:'));
    const header = side.split('\n')[1] ?? '';
    expect(header.match(/Phí thu hộ \(COD\)/g)).toHaveLength(2);
    const money = (vnd: number) => formatVnd(vnd, { space: 'space' });
    for (const q of vnpost) {
      const row = side
        .split('\n')
        .find((line) => line.includes(` ${q.serviceCode} `) && line.includes(money(q.totalVnd)));
      expect(row, q.serviceCode).toBeDefined();
      const afterCode = row!.slice(row!.lastIndexOf(` ${q.serviceCode} `));
      expect(afterCode).toMatch(
        new RegExp(
          `${money(q.codFeeVnd).replace(/\./g, '\\.')}\\s+${money(q.totalVnd).replace(/\./g, '\\.')}`,
        ),
      );
    }
  });
});
