/**
 * `validate` and `list --dry-run` apply the platforms' listing rules that `list` applies (issue #10 trial
 * item 1): no image, a title or description too long, too many images, an image smaller than the
 * platform's minimum, and a config's profile override of those rules — through the bin, no credentials
 * (the embedded sandboxes).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS } from '../../src/catalog/index.js';
import { excelCsv, runCli } from './helpers.js';

let dir: string;

function row(change: Record<string, string> = {}): string[] {
  return CATALOG_COLUMNS.map((c) => change[c.vi] ?? c.example);
}
const HEADERS = CATALOG_COLUMNS.map((c) => c.vi);

async function catalog(name: string, change: Record<string, string>): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, excelCsv([HEADERS, row(change)]));
  return file;
}

interface ValidateJson {
  ok: boolean;
  validProducts: number;
  issues: { platform?: string; code: string; row?: number; message: string }[];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-rules-'));
  const init = await runCli(['init', dir]);
  expect(init.code, init.stderr).toBe(0);
  const small = await sharp({
    create: { width: 300, height: 300, channels: 3, background: '#d4a017' },
  })
    .jpeg()
    .toBuffer();
  await writeFile(join(dir, 'images', 'nho.jpg'), small);
});

describe('validate and list --dry-run apply the listing rules list applies', { timeout: 180_000 }, () => {
  const cases: { name: string; change: () => Record<string, string>; code: string; says: string }[] = [
    {
      name: 'no-image',
      change: () => ({ Ảnh: '' }),
      code: 'listing.images.min_count',
      says: 'Sản phẩm có 0 ảnh',
    },
    {
      name: 'long-title',
      change: () => ({ 'Tên sản phẩm': `Tinh bột nghệ Vĩnh Linh ${'nguyên chất '.repeat(12)}`.trim() }),
      code: 'listing.title.max_chars',
      says: 'Voso cho phép tối đa 120 ký tự',
    },
    {
      name: 'long-description',
      change: () => ({ 'Mô tả': 'Tinh bột nghệ nguyên chất. '.repeat(160) }),
      code: 'listing.description.max_chars',
      says: 'Voso cho phép tối đa 3',
    },
    {
      name: 'ten-images',
      change: () => ({ Ảnh: Array(10).fill('images/tinh-bot-nghe.jpg').join(';') }),
      code: 'listing.images.max_count',
      says: 'Sản phẩm có 10 ảnh',
    },
    {
      name: 'small-image',
      change: () => ({ Ảnh: 'images/nho.jpg' }),
      code: 'image.too_small',
      says: 'Ảnh chỉ có 300×300 px; cần tối thiểu 500×500 px',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: validate refuses it (row, platform, reason) and the dry run agrees`, async () => {
      const file = await catalog(`${c.name}.csv`, c.change());
      const validate = await runCli(['validate', file], { cwd: dir });
      expect(validate.code, validate.stdout + validate.stderr).toBe(1);
      expect(validate.stdout).toContain(c.says);
      expect(validate.stdout).toContain('voso · Dòng 2');
      expect(validate.stdout).not.toContain('Danh mục hợp lệ');
      const json = JSON.parse(
        (await runCli(['--json', 'validate', file], { cwd: dir })).stdout,
      ) as ValidateJson;
      expect(json.ok).toBe(false);
      expect(json.validProducts).toBe(0);
      expect(json.issues.some((i) => i.code === c.code && i.platform === 'voso' && i.row === 2)).toBe(true);
      const dry = await runCli(['--json', 'list', file, '--dry-run'], { cwd: dir });
      expect(dry.code).toBe(1);
      const planned = JSON.parse(dry.stdout) as { items: { platform: string; outcome: string }[] };
      expect(planned.items.find((i) => i.platform === 'voso')?.outcome).toBe('invalid');
    });
  }

  it('the untouched template row is valid for validate and the dry run', async () => {
    const file = await catalog('fine.csv', {});
    const validate = await runCli(['validate', file], { cwd: dir });
    expect(validate.code, validate.stdout).toBe(0);
    expect(validate.stdout).toContain('Danh mục hợp lệ: 1 dòng, 1 sản phẩm.');
    const dry = await runCli(['list', file, '--dry-run'], { cwd: dir });
    expect(dry.code, dry.stdout).toBe(0);
  });

  it("the config's profile.rules override applies to validate and the dry run (sandbox mode too)", async () => {
    const file = await catalog('short-title-rule.csv', {});
    const config = join(dir, 'strict.config.json');
    await writeFile(config, JSON.stringify({ voso: { profile: { rules: { titleMaxChars: 20 } } } }));
    const validate = await runCli(['validate', file, '--config', config, '--to', 'voso'], { cwd: dir });
    expect(validate.code, validate.stdout + validate.stderr).toBe(1);
    expect(validate.stdout).toContain('Voso cho phép tối đa 20 ký tự');
    const dry = await runCli(['list', file, '--dry-run', '--config', config, '--to', 'voso'], { cwd: dir });
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('Voso cho phép tối đa 20 ký tự');
  });
});
