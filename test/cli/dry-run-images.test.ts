/**
 * A dry run refuses exactly the images a real run refuses (#10 trial item 3): a truncated JPEG
 * (`head -c 2000 photo.jpg`, an interrupted copy) has a whole header, so a header-only check passed it
 * in `validate` and `list --dry-run`, and `list` then refused it ("Dữ liệu ảnh bị hỏng"). Through the CLI.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS } from '../../src/catalog/index.js';
import { excelCsv, runCli } from './helpers.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-dry-images-'));
  expect((await runCli(['init', dir])).code).toBe(0);
  // A real 1200×1200 photo-like JPEG, then only its first 2000 bytes.
  const noise = Buffer.alloc(1200 * 1200 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  const whole = await sharp(noise, { raw: { width: 1200, height: 1200, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  expect(whole.length).toBeGreaterThan(20_000);
  await writeFile(join(dir, 'whole.jpg'), whole);
  await writeFile(join(dir, 'cut.jpg'), whole.subarray(0, 2000));
  const headers = CATALOG_COLUMNS.map((c) => c.vi);
  for (const [name, image] of [
    ['cut.csv', 'cut.jpg'],
    ['whole.csv', 'whole.jpg'],
  ] as const)
    await writeFile(
      join(dir, name),
      excelCsv([headers, CATALOG_COLUMNS.map((c) => (c.vi === 'Ảnh' ? image : c.example))]),
    );
});

describe('dry run == real run on images', { timeout: 180_000 }, () => {
  it('validate and list --dry-run refuse a truncated JPEG as list does, naming row, field and reason', async () => {
    const validate = await runCli(['validate', 'cut.csv'], { cwd: dir });
    expect(validate.code, validate.stdout + validate.stderr).toBe(1);
    expect(validate.stdout).toMatch(/voso · Dòng 2 · Ảnh › #1: Dữ liệu ảnh bị hỏng, không giải mã được/);
    const dry = await runCli(['list', 'cut.csv', '--dry-run', '--report', 'dry.json'], { cwd: dir });
    expect(dry.code, dry.stdout + dry.stderr).toBe(1);
    expect(dry.stdout).toContain('Dữ liệu ảnh bị hỏng');
    const real = await runCli(['list', 'cut.csv'], { cwd: dir });
    expect(real.code).toBe(1);
    expect(real.stdout).toContain('Dữ liệu ảnh bị hỏng');
  });

  it('the same photo whole passes validate and the dry run', async () => {
    const validate = await runCli(['validate', 'whole.csv'], { cwd: dir });
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    const dry = await runCli(['list', 'whole.csv', '--dry-run'], { cwd: dir });
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
  });
});
