/**
 * The CLI's language: Vietnamese by default whatever the OS locale, English on request; commander's
 * own texts and the errors a user meets (network, login, config, missing file) in the chosen language.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateError, translateHelp } from '../../src/cli/commander-text.js';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../src/sandbox/index.js';
import { runCli } from './helpers.js';

let box: ViettelPostSandbox;
let dir: string;
beforeAll(async () => {
  box = await startViettelPostSandbox({ autoApprove: false, stepMs: 0 });
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-lang-'));
});
afterAll(async () => {
  await box?.close();
});

describe('commander texts', { timeout: 120_000 }, () => {
  it('translates every commander message the CLI can meet (a commander upgrade that rewords one fails here)', () => {
    const cases: [string, string][] = [
      [
        "error: unknown option '--dryrun'\n(Did you mean --dry-run?)",
        "lỗi: không có tùy chọn '--dryrun'\n(Có phải ý bạn là --dry-run?)",
      ],
      [
        "error: unknown command 'lisst'\n(Did you mean list?)",
        "lỗi: không có lệnh 'lisst'\n(Có phải ý bạn là list?)",
      ],
      ["error: missing required argument 'catalog'", "lỗi: thiếu tham số bắt buộc 'catalog'"],
      [
        "error: option '--to <platforms>' argument missing",
        "lỗi: tùy chọn '--to <platforms>' cần một giá trị",
      ],
      [
        "error: required option '--weight <grams>' not specified",
        "lỗi: thiếu tùy chọn bắt buộc '--weight <grams>'",
      ],
      [
        "error: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are vi, en.",
        "lỗi: giá trị 'fr' của tùy chọn '--lang <lang>' không hợp lệ; chọn một trong: vi, en.",
      ],
      [
        "error: too many arguments for 'validate'. Expected 1 argument but got 2.",
        'lỗi: thừa tham số: cần 1 nhưng nhận 2.',
      ],
    ];
    for (const [en, vi] of cases) {
      expect(translateError(en, 'vi')).toBe(vi);
      expect(translateError(en, 'en')).toBe(en);
    }
    expect(
      translateHelp('Usage: x [options] [command]\n\nOptions:\n  --a  b (default: "0")\n\nCommands:\n', 'vi'),
    ).toBe('Cách dùng: x [tùy chọn] [lệnh]\n\nTùy chọn:\n  --a  b (mặc định: "0")\n\nLệnh:\n');
  });

  it('shows help and commander errors in Vietnamese by default, even under an English OS locale', async () => {
    const env = { OCOP_LANG: '', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' };
    const help = await runCli(['--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Cách dùng: ocop-connect [tùy chọn] [lệnh]');
    expect(help.stdout).toContain('Lệnh:');
    expect(help.stdout).toContain('xem hướng dẫn của lệnh');
    expect(help.stdout).toContain('Mã thoát: 0 xong');
    expect(help.stdout).not.toMatch(/Usage:|Options:|Commands:|display help/);
    const missing = await runCli(['validate'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("lỗi: thiếu tham số bắt buộc 'catalog'");
    expect(missing.stderr).toContain('(thêm --help để xem hướng dẫn)');
    const typo = await runCli(['lisst'], { env });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("lỗi: không có lệnh 'lisst'");
    const quoteHelp = await runCli(['quote', '--help'], { env });
    expect(quoteHelp.stdout).toMatch(/--length <cm>\s+chiều dài gói hàng \(cm\)/);
    expect(quoteHelp.stdout).toMatch(/--height <cm>\s+chiều cao gói hàng \(cm\)/);
  });

  it('switches to English with --lang en or OCOP_LANG=en', async () => {
    const byFlag = await runCli(['--lang', 'en', 'quote', '--help']);
    expect(byFlag.stdout).toContain('Usage: ocop-connect quote [options]');
    expect(byFlag.stdout).toMatch(/--width <cm>\s+parcel width \(cm\)/);
    const byEnv = await runCli(['validate'], { env: { OCOP_LANG: 'en' } });
    expect(byEnv.stderr).toContain("error: missing required argument 'catalog'");
  });
});

describe('a misspelt option is told before a missing required one', { timeout: 120_000 }, () => {
  it('quote --weigth 800: unknown option --weigth (did you mean --weight?) in each language, exit 2', async () => {
    const vi = await runCli(['quote', '--weigth', '800'], { cwd: dir });
    expect(vi.code).toBe(2);
    expect(vi.stderr).toContain("lỗi: không có tùy chọn '--weigth'\n(Có phải ý bạn là --weight?)");
    expect(vi.stderr).not.toContain('thiếu tùy chọn bắt buộc');
    const en = await runCli(['quote', '--weigth=800', '--json'], { cwd: dir, env: { OCOP_LANG: 'en' } });
    expect(en.code).toBe(2);
    expect(JSON.parse(en.stdout).error).toEqual({
      code: 'usage',
      message: {
        vi: "không có tùy chọn '--weigth'\n(Có phải ý bạn là --weight?)",
        en: "unknown option '--weigth'\n(Did you mean --weight?)",
      },
    });
  });
});

describe('errors a user meets, in their language', { timeout: 120_000 }, () => {
  it('a missing catalog file: named, no raw ENOENT, exit 2', async () => {
    const run = await runCli(['validate', 'khong-co.csv', '--offline'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('✗ Tệp danh mục "khong-co.csv" không tồn tại\n');
  });

  it('a config file that is not JSON: named, exit 2', async () => {
    await writeFile(join(dir, 'hong.json'), '{ "voso": { "username": "a", }');
    const run = await runCli(
      ['--config', 'hong.json', 'quote', '--to', 'Phường Hoàn Kiếm, Hà Nội', '--weight', '500'],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^✗ Tệp cấu hình hong\.json không phải JSON hợp lệ/);
  });

  it('a refused login: in Vietnamese, exit 3, the password not shown', async () => {
    await writeFile(
      join(dir, 'ocop-connect.config.json'),
      JSON.stringify({
        sender: {
          name: 'HTX A',
          phone: '0912000111',
          address: { ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' },
        },
      }),
    );
    const env = {
      OCOP_VTP_BASE_URL: box.url,
      OCOP_VTP_USERNAME: box.memberCredentials.username,
      OCOP_VTP_PASSWORD: 'mat-khau-sai-123',
    };
    const run = await runCli(['quote', '--to', 'Phường Hoàn Kiếm, Hà Nội', '--weight', '500'], {
      cwd: dir,
      env,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('viettelpost: Đăng nhập bị từ chối');
    expect(run.stderr).not.toContain('mat-khau-sai-123');
  });

  it('an unreachable server: in Vietnamese, exit 3', async () => {
    const env = { OCOP_VTP_BASE_URL: 'http://127.0.0.1:9', OCOP_VTP_USERNAME: 'u', OCOP_VTP_PASSWORD: 'p' };
    const run = await runCli(['quote', '--to', 'Phường Hoàn Kiếm, Hà Nội', '--weight', '500'], {
      cwd: dir,
      env,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Không kết nối được tới máy chủ');
  });
});
