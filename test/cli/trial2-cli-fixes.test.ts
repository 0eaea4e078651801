/**
 * The CLI defects of the packed-package re-trial of #18 (trial 2, items 3 and 15), through the CLI as a
 * user runs it.
 */
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

interface ListDocument {
  ok: boolean;
  platforms: { platform: string; total: number; invalid: number; planned: number }[];
  items: { platform: string; outcome: string; issues?: { code: string }[] }[];
}

describe('list --dry-run --json: the summary counts what the items say (trial 2, #3)', () => {
  it('the seeds without their images: 14 items invalid on voso, and platforms[0] says total 14, invalid 14', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-summary-'));
    await copyFile(join(SEEDS, 'catalog.csv'), join(dir, 'cat.csv'));
    const run = await runCli(['list', 'cat.csv', '--to', 'voso', '--dry-run', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    const doc = JSON.parse(run.stdout) as ListDocument;
    const invalid = doc.items.filter((i) => i.platform === 'voso' && i.outcome === 'invalid');
    expect(doc.items).toHaveLength(14);
    expect(invalid).toHaveLength(14);
    expect(invalid[0]?.issues?.map((i) => i.code)).toContain('image.file_missing');
    expect(doc.platforms).toHaveLength(1);
    expect(doc.platforms[0]).toMatchObject({ platform: 'voso', total: 14, invalid: 14, planned: 0 });
  });
});

interface ErrorDocument {
  ok: false;
  error: { code: string; message: { vi: string; en: string } };
  exitCode: number;
}

describe('a catalog whose content cannot be read is a data problem: exit 1, code data (trial 2, #15)', () => {
  it('UTF-16, a quote never closed and a damaged .xlsx all end 1 / data; a .txt (no catalog type) 2 / input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-unreadable-'));
    await writeFile(
      join(dir, 'utf16.csv'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Mã sản phẩm,Tên\nA1,Trà\n', 'utf16le')]),
    );
    await writeFile(join(dir, 'quote.csv'), 'Mã sản phẩm,Tên sản phẩm\nA1,"Trà Shan tuyết\n');
    await writeFile(join(dir, 'hong.xlsx'), 'not a workbook');
    await writeFile(join(dir, 'cat.txt'), 'Mã sản phẩm,Tên\nA1,Trà\n');
    const outcome = async (file: string) => {
      const run = await runCli(['validate', file, '--offline', '--json'], { cwd: dir });
      const doc = JSON.parse(run.stdout) as ErrorDocument;
      return [file, run.code, doc.error.code, doc.exitCode];
    };
    expect(await outcome('utf16.csv')).toEqual(['utf16.csv', 1, 'data', 1]);
    expect(await outcome('quote.csv')).toEqual(['quote.csv', 1, 'data', 1]);
    expect(await outcome('hong.xlsx')).toEqual(['hong.xlsx', 1, 'data', 1]);
    expect(await outcome('cat.txt')).toEqual(['cat.txt', 2, 'input', 2]);
  });
});
