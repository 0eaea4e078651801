/**
 * What an independent trial of the CLI found, run as a user would (spawned, in a fresh folder, sandbox
 * mode unless said otherwise): each case asserts the output, the exit code and, where it matters, the state.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../src/sandbox/index.js';
import { runCli } from './helpers.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));
const TO = 'Phường Hoàn Kiếm, Hà Nội';

let work: string;
let vtp: ViettelPostSandbox;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ocop-cli-trial-'));
  vtp = await startViettelPostSandbox({ autoApprove: false, stepMs: 0 });
});
afterAll(async () => {
  await vtp?.close();
});

const shipArgs = (reference: string) => [
  'ship',
  '--to',
  `12 Lê Lợi, ${TO}`,
  '--name',
  'Nguyễn Văn An',
  '--phone',
  '0987654321',
  '--weight',
  '800',
  '--reference',
  reference,
];

interface ErrorDocument {
  ok: false;
  error: { code: string; message: { vi: string; en: string } };
  exitCode: number;
}

async function seedsIn(dir: string): Promise<string> {
  await mkdir(join(dir, 'images'), { recursive: true });
  for (const image of await readdir(join(SEEDS, 'images')))
    await copyFile(join(SEEDS, 'images', image), join(dir, 'images', image));
  return readFile(join(SEEDS, 'catalog.csv'), 'utf8');
}

/** Replace one cell of a CSV without quoted commas in the touched cells (the seeds' header row is plain). */
function setCell(csv: string, row: number, header: string, value: string): string {
  const lines = csv.split('\r\n');
  const headers = lines[0]!.replace(/^\ufeff/, '').split(',');
  const column = headers.indexOf(header);
  const cells = splitCsvLine(lines[row - 1]!);
  cells[column] = value;
  lines[row - 1] = cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  return lines.join('\r\n');
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

describe('cli after the trial', { timeout: 120_000 }, () => {
  it('an empty catalog (a header row only) is refused by validate and list --dry-run, not called fine', async () => {
    const dir = await mkdtemp(join(work, 'empty-'));
    const header = (await readFile(join(SEEDS, 'catalog.csv'), 'utf8')).split(/\r?\n/)[0]!;
    await writeFile(join(dir, 'catalog.csv'), `${header}\n`);
    for (const args of [['validate'], ['list', '--dry-run']]) {
      const run = await runCli([...args, 'catalog.csv'], { cwd: dir });
      expect(run.code).not.toBe(0);
      expect(`${run.stdout}${run.stderr}`).toContain('không có sản phẩm nào');
    }
    const en = await runCli(['--lang', 'en', 'validate', 'catalog.csv'], { cwd: dir });
    expect(en.stdout + en.stderr).toContain('holds no product');
  });

  it('quote --weight 0 names the option and the reason in either language (exit 2), no raw zod issues', async () => {
    const vi = await runCli(['quote', '--to', TO, '--weight', '0'], { cwd: work });
    expect(vi.code).toBe(2);
    expect(vi.stderr).toContain('--weight "0": phải là số nguyên lớn hơn 0 (gam)');
    expect(vi.stderr).not.toMatch(/weight\.positive_integer|"code"|too_small|ZodError/);
    const en = await runCli(['--lang', 'en', 'quote', '--to', TO, '--weight', '0', '--length', '-3'], {
      cwd: work,
    });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('--length: "-3" must be a whole number, 0 or more');
    const en0 = await runCli(['--lang', 'en', 'quote', '--to', TO, '--weight', '0'], { cwd: work });
    expect(en0.stderr).toContain('--weight "0": must be a whole number greater than 0 (grams)');
    // #16 trial 5 LOW 7: -5 gets the same answer as 0 (it said "0 or more").
    const minus = await runCli(['--lang', 'en', 'quote', '--to', TO, '--weight', '-5'], { cwd: work });
    expect(minus.code).toBe(2);
    expect(minus.stderr).toContain('--weight "-5": must be a whole number greater than 0 (grams)');
  });

  it('init into a new folder says to cd there first', async () => {
    const run = await runCli(['init', 'cua-hang moi'], { cwd: work });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Tiếp theo: cd 'cua-hang moi'");
    // Shopee is in the template like the other marketplaces (empty: still sandbox mode).
    const config = JSON.parse(
      await readFile(join(work, 'cua-hang moi', 'ocop-connect.config.json'), 'utf8'),
    ) as {
      shopee: Record<string, string>;
      categories: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(config.shopee)).toEqual(
      expect.arrayContaining(['partnerId', 'partnerKey', 'shopId', 'accessToken', 'refreshToken']),
    );
    expect(Object.keys(config.categories['Bột - tinh bột']!)).toEqual(['voso', 'postmart', 'shopee']);
    const dry = await runCli(['list', 'danh-muc-san-pham.csv', '--dry-run', '--to', 'voso,postmart,shopee'], {
      cwd: join(work, 'cua-hang moi'),
    });
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stderr).toContain('SANDBOX');
    expect(dry.stdout).toMatch(/shopee\s+1\s+0/);
    const here = await mkdtemp(join(work, 'here-'));
    const inPlace = await runCli(['init'], { cwd: here });
    expect(inPlace.code).toBe(0);
    expect(inPlace.stdout).not.toContain('cd ');
  });

  it('the dry-run summary counts rows refused by the file checks as invalid', async () => {
    const dir = await mkdtemp(join(work, 'dry-'));
    let csv = await seedsIn(dir);
    csv = setCell(csv, 2, 'Giá bán (VND)', 'abc');
    await writeFile(join(dir, 'catalog.csv'), csv);
    const run = await runCli(['list', 'catalog.csv', '--dry-run'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Dòng 2 · Giá bán (VND): "abc" không phải là số tiền');
    // Header: Sàn, Sẽ tạo, Sẽ cập nhật, Không đổi, Không hợp lệ, Ngừng bán — one product refused.
    expect(run.stdout).toMatch(/voso\s+\d+\s+0\s+0\s+1\s+1/);
    expect(run.stdout).toMatch(/postmart\s+\d+\s+0\s+0\s+1\s+1/);
    const json = await runCli(['--json', 'list', 'catalog.csv', '--dry-run'], { cwd: dir });
    expect((JSON.parse(json.stdout) as { invalidInFile: number }).invalidInFile).toBe(1);
  });

  it('ship --reference twice in sandbox mode: the second run says it exists, with the first waybill', async () => {
    const dir = await mkdtemp(join(work, 'ship-twice-'));
    const first = await runCli(['--json', ...shipArgs('DH-SB-1')], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const waybill = (JSON.parse(first.stdout) as { sandbox: boolean; shipment: { trackingNumber: string } })
      .shipment.trackingNumber;
    expect(waybill).toBeTruthy();
    const second = await runCli(shipArgs('DH-SB-1'), { cwd: dir });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `Đã có vận đơn ViettelPost cho mã tham chiếu "DH-SB-1" (số vận đơn ${waybill})`,
    );
    expect(second.stdout).not.toContain('Đã tạo vận đơn');
    // --json: the failure is one JSON document on stdout too.
    const third = await runCli(['--json', ...shipArgs('DH-SB-1')], { cwd: dir });
    expect(third.code).toBe(1);
    const doc = JSON.parse(third.stdout) as ErrorDocument;
    expect(doc).toMatchObject({ ok: false, exitCode: 1, error: { code: 'exists' } });
    expect(doc.error.message.vi).toContain(`số vận đơn ${waybill}`);
    expect(doc.error.message.en).toContain(`waybill ${waybill}`);
    // Nothing of it leaks into real mode: with credentials, the same reference in the same folder is new.
    await writeFile(
      join(dir, 'ocop-connect.config.json'),
      JSON.stringify({
        sender: {
          name: 'HTX Mai Châu',
          phone: '0987111222',
          address: { ward: 'Xã Mai Châu', province: 'Phú Thọ' },
        },
      }),
    );
    const real = await runCli(shipArgs('DH-SB-1'), {
      cwd: dir,
      env: {
        OCOP_VTP_BASE_URL: vtp.url,
        OCOP_VTP_USERNAME: vtp.memberCredentials.username,
        OCOP_VTP_PASSWORD: vtp.memberCredentials.password,
      },
    });
    expect(real.code, real.stderr).toBe(0);
    expect(vtp.state.ordersByReference('DH-SB-1')).toHaveLength(1);
  });

  it('--json prints a JSON error document on stdout when a command fails', async () => {
    const bad = await runCli(['--json', 'quote', '--to', TO, '--weight', '0'], { cwd: work });
    expect(bad.code).toBe(2);
    const doc = JSON.parse(bad.stdout) as ErrorDocument;
    expect(doc).toEqual({
      ok: false,
      exitCode: 2,
      error: {
        code: 'usage',
        message: {
          vi: '--weight "0": phải là số nguyên lớn hơn 0 (gam)',
          en: '--weight "0": must be a whole number greater than 0 (grams)',
        },
      },
    });
    // commander's own refusals too (a required option missing).
    const missing = await runCli(['--json', 'quote', '--to', TO], { cwd: work });
    expect(missing.code).toBe(2);
    const usage = JSON.parse(missing.stdout) as ErrorDocument;
    expect(usage.exitCode).toBe(2);
    expect(usage.error.code).toBe('usage');
    expect(usage.error.message.vi).toContain("thiếu tùy chọn bắt buộc '--weight <grams>'");
    expect(usage.error.message.en).toContain("required option '--weight <grams>' not specified");
    // init refusing to overwrite (a result, not a thrown error) has the same fields.
    const folder = await mkdtemp(join(work, 'json-init-'));
    expect((await runCli(['init'], { cwd: folder })).code).toBe(0);
    const again = await runCli(['--json', 'init'], { cwd: folder });
    expect(again.code).toBe(1);
    const refused = JSON.parse(again.stdout) as ErrorDocument & { existing: string[] };
    expect(refused).toMatchObject({ ok: false, exitCode: 1, error: { code: 'exists' } });
    expect(refused.error.message.vi).toContain('Không ghi đè tệp đã có');
    expect(refused.error.message.en).toContain('Not overwriting existing files');
    // A missing file.
    const absent = await runCli(['--json', 'validate', 'khong-co.csv', '--offline'], { cwd: work });
    const noFile = JSON.parse(absent.stdout) as ErrorDocument;
    expect(noFile.exitCode).toBe(absent.code);
    expect(noFile.error.message.vi).toContain('khong-co.csv');
  });

  it('config and credential errors are Vietnamese throughout (English with --lang en), naming key paths and env variables', async () => {
    const dir = await mkdtemp(join(work, 'config-'));
    const write = (name: string, value: unknown) => writeFile(join(dir, name), JSON.stringify(value));
    const quote = ['quote', '--to', TO, '--weight', '500'];
    const english = /Unrecognized|Too small|Invalid input|Invalid option|adapter options|expected/;

    await write('typo.json', { viettelpost: { username: 'u', pasword: 'secret-1', environment: 'prod' } });
    const typo = await runCli(['--config', 'typo.json', ...quote], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      'khóa "viettelpost.pasword" không được nhận (có phải "viettelpost.password"?)',
    );
    expect(typo.stderr).toContain('"viettelpost.environment" phải là một trong: "production", "development"');
    expect(typo.stderr).not.toMatch(english);
    expect(typo.stderr).not.toContain('secret-1');
    const typoEn = await runCli(['--lang', 'en', '--config', 'typo.json', ...quote], { cwd: dir });
    expect(typoEn.stderr).toContain(
      'unknown key "viettelpost.pasword" (did you mean "viettelpost.password"?)',
    );

    // Half-set credentials: the missing piece, by config key and environment variable.
    await write('half.json', { voso: { username: 'htx' } });
    const half = await runCli(['--config', 'half.json', 'list', 'x.csv', '--to', 'voso'], { cwd: dir });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain(
      'Thiếu thông tin đăng nhập: voso.password (biến môi trường OCOP_VOSO_PASSWORD)',
    );
    expect(half.stderr).not.toMatch(english);
    const vtp = await runCli(quote, { cwd: dir, env: { OCOP_VTP_USERNAME: 'htx' } });
    expect(vtp.code).toBe(2);
    expect(vtp.stderr).toContain('viettelpost.password (biến môi trường OCOP_VTP_PASSWORD)');
    const postmart = await runCli(['--lang', 'en', 'list', 'x.csv', '--to', 'postmart'], {
      cwd: dir,
      env: { OCOP_POSTMART_USERNAME: 'htx', OCOP_POSTMART_PASSWORD: 'pw' },
    });
    expect(postmart.stderr).toContain(
      'Missing credentials: postmart.customerCode (env OCOP_POSTMART_CUSTOMER_CODE)',
    );
    const shopee = await runCli(quote, { cwd: dir, env: { OCOP_SHOPEE_PARTNER_KEY: 'k' } });
    expect(shopee.code).toBe(2);
    expect(shopee.stderr).toContain(
      '"shopee.partnerId" bắt buộc nhưng chưa có (hoặc biến môi trường OCOP_SHOPEE_PARTNER_ID)',
    );
    expect(shopee.stderr).not.toMatch(english);

    // A profile override the adapter refuses: the config key path, in Vietnamese.
    await write('profile.json', {
      voso: { username: 'u', password: 'p', profile: { rules: { titleMaxChars: 'x' } } },
    });
    const profile = await runCli(['--config', 'profile.json', 'list', 'x.csv', '--to', 'voso'], { cwd: dir });
    expect(profile.code).toBe(2);
    expect(profile.stderr).toContain('"voso.profile.rules.titleMaxChars" phải là một số (nhận được string)');
    expect(profile.stderr).not.toMatch(english);
  });

  it('validate checks image files by their bytes and that they are files, as list would', async () => {
    const dir = await mkdtemp(join(work, 'images-'));
    let csv = await seedsIn(dir);
    const lines = csv.split('\r\n');
    const column = lines[0]!
      .replace(/^\ufeff/, '')
      .split(',')
      .indexOf('Ảnh');
    // The first row of three products with their own image each.
    const firstRows = new Map<string, number>();
    lines.slice(1).forEach((line, i) => {
      const image = line ? splitCsvLine(line)[column] : undefined;
      if (image && !image.includes(';') && !firstRows.has(image)) firstRows.set(image, i + 2);
    });
    const picked = [...firstRows].slice(0, 3);
    expect(picked).toHaveLength(3);
    const [[text, textRow], [folder, folderRow], [heic, heicRow]] = picked as [
      [string, number],
      [string, number],
      [string, number],
    ];
    // A text file named .jpg, a folder named .jpg, an iPhone HEIC photo named .jpg.
    await writeFile(join(dir, text), 'không phải ảnh\n');
    await rm(join(dir, folder));
    await mkdir(join(dir, folder));
    const ftyp = Buffer.alloc(32);
    ftyp.writeUInt32BE(24, 0);
    ftyp.write('ftypheic', 4, 'latin1');
    ftyp.write('mif1heic', 16, 'latin1');
    await writeFile(join(dir, heic), ftyp);
    csv = lines.join('\r\n');
    await writeFile(join(dir, 'catalog.csv'), csv);
    const run = await runCli(['validate', 'catalog.csv', '--offline'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Dòng ${textRow} · Ảnh: Tệp "${text}" không phải là ảnh`);
    expect(run.stdout).toContain(`Dòng ${folderRow} · Ảnh: "${folder}" không phải là tệp ảnh (là thư mục`);
    expect(run.stdout).toContain(`Dòng ${heicRow} · Ảnh: Ảnh "${heic}" là HEIC, không hỗ trợ`);
    const json = await runCli(['--json', 'validate', 'catalog.csv', '--offline'], { cwd: dir });
    const codes = (JSON.parse(json.stdout) as { issues: { code: string }[] }).issues.map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining(['image.not_an_image', 'image.not_a_file', 'image.unsupported_format']),
    );
    // list holds the same products back: none of the three reaches the sandbox.
    const list = await runCli(['--json', 'list', 'catalog.csv', '--to', 'voso'], { cwd: dir });
    expect(list.code).toBe(1);
    const items = (JSON.parse(list.stdout) as { items: { row: number; outcome: string }[] }).items;
    for (const row of [textRow, folderRow, heicRow])
      expect(items.find((i) => i.row === row)?.outcome).toBe('invalid');
  });

  it('without exceljs (an install with it left out), .xlsx is refused naming the package and CSV still works', async () => {
    const dir = await mkdtemp(join(work, 'no-exceljs-'));
    // A module hook that makes `exceljs` unresolvable, as in an install without it.
    await writeFile(
      join(dir, 'hooks.mjs'),
      `export async function resolve(specifier, context, next) {
  if (specifier === 'exceljs') {
    const error = new Error("Cannot find package 'exceljs' imported from " + context.parentURL);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}
`,
    );
    await writeFile(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
    );
    const init = await runCli(['init'], { cwd: dir });
    expect(init.code).toBe(0);
    const env = { NODE_OPTIONS: `--import ${join(dir, 'register.mjs')}` };
    const xlsx = await runCli(['validate', 'danh-muc-san-pham.xlsx', '--offline'], { cwd: dir, env });
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toContain('Thiếu gói exceljs để đọc/ghi tệp .xlsx');
    expect(xlsx.stderr).toContain('CSV UTF-8');
    const csv = await runCli(['validate', 'danh-muc-san-pham.csv', '--offline'], { cwd: dir, env });
    expect(csv.code, csv.stderr).toBe(0);
  });
});
