/**
 * #18 (CLI): `ship` checks what it was given before anything is sent — a receiver phone a carrier cannot
 * call (`--phone 123`), a config sender's phone, an empty `--name` — naming the option or config key; and
 * every bad `--weight` (0, -5, "abc", "0.5") gets the one answer.
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const shipAs = (name: string, ...extra: string[]) => [
  'ship',
  '--to',
  '12 Lê Lợi, Phường Hoàn Kiếm, Hà Nội',
  '--name',
  name,
  '--reference',
  'DH-CHECK-1',
  ...extra,
];
const ship = (...extra: string[]) => shipAs('Nguyễn Văn An', ...extra);

describe('cli ship checks its input first', { timeout: 120_000 }, () => {
  it('--phone 123 is refused naming --phone, before any platform is opened or anything sent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-ship-phone-'));
    const vi = await runCli(ship('--phone', '123', '--weight', '800'), { cwd: dir });
    expect(vi.code).toBe(2);
    expect(vi.stderr).toContain('--phone: Số di động "123" phải có 10 chữ số');
    // No sandbox started, no state written: nothing was sent.
    expect(vi.stderr).not.toContain('SANDBOX');
    expect(await readdir(dir)).toEqual([]);
    const en = await runCli(ship('--phone', '0123456789', '--weight', '800'), {
      cwd: dir,
      env: { OCOP_LANG: 'en' },
    });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('--phone: "012" is not an allocated Vietnamese mobile prefix');
    const name = await runCli(shipAs(' ', '--phone', '0987654321', '--weight', '800'), { cwd: dir });
    expect(name.code).toBe(2);
    expect(name.stderr).toContain('--name: tên người nhận không được để trống');
  });

  it("the config sender's phone is checked before the quote, naming sender.phone", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-ship-sender-'));
    await writeFile(
      join(dir, 'ocop-connect.config.json'),
      JSON.stringify({
        sender: {
          name: 'HTX Hồ tiêu Gio Linh',
          phone: '12345',
          address: { street: '36 Lê Duẩn', ward: 'Xã Vĩnh Linh', province: 'Quảng Trị' },
        },
      }),
    );
    const run = await runCli(ship('--phone', '0987654321', '--weight', '800'), { cwd: dir });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('sender.phone (');
    expect(run.stderr).toContain('Số di động "12345" phải có 10 chữ số');
    expect(run.stdout).not.toContain('Đã tạo vận đơn');
  });

  it('every bad --weight gets the one message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-ship-weight-'));
    for (const weight of ['0', 'abc', '0.5']) {
      const run = await runCli(ship('--phone', '0987654321', '--weight', weight), {
        cwd: dir,
        env: { OCOP_LANG: 'en' },
      });
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(`✗ --weight "${weight}": must be a whole number greater than 0 (grams)`);
    }
  });

  it("an amount above the carriers' limits is refused naming the option, money grouped the Vietnamese way, nothing created", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-ship-limits-'));
    const cod = await runCli(ship('--phone', '0987654321', '--weight', '800', '--cod', '1000000000000'), {
      cwd: dir,
    });
    expect(cod.code).toBe(2);
    expect(cod.stderr).toContain(
      '✗ --cod "1000000000000": 1.000.000.000.000 ₫ vượt quá mức tối đa 100.000.000 ₫ mà thư viện cho phép gửi tới hãng vận chuyển',
    );
    expect(cod.stdout).not.toContain('Đã tạo vận đơn');
    for (const carrier of ['viettelpost', 'vnpost']) {
      const box = await runCli(
        ship(
          '--phone',
          '0987654321',
          '--weight',
          '800',
          '--length',
          '50000',
          '--width',
          '1000',
          '--height',
          '1000',
          '--carrier',
          carrier,
        ),
        { cwd: dir, env: { OCOP_LANG: 'en' } },
      );
      expect(box.code).toBe(2);
      expect(box.stderr).toContain(
        '--length "50000": 50.000 cm is above the 10.000 cm this library sends to a carrier',
      );
      expect(box.stderr).toContain(
        '--length "50000" --width "1000" --height "1000": A 50.000 × 1.000 × 1.000 cm box has a chargeable (L×W×H/6000) weight of 8.333.333.334 g, above the 200.000 g',
      );
      expect(box.stdout).not.toContain('Created');
    }
  });
});
