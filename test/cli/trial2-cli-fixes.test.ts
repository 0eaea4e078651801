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

describe('the config check and ship --json (trial 2, #15)', () => {
  it('a config with a misspelt key and a misspelt carrier policy names both, in each language', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-config-all-'));
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({ voso: { usrname: 'x' }, carrierPolicy: 'cheapset' }),
    );
    const run = await runCli(
      ['--config', 'bad.json', '--json', 'quote', '--to', 'Hà Nội', '--weight', '500'],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(2);
    const doc = JSON.parse(run.stdout) as ErrorDocument;
    expect(doc.error.code).toBe('config');
    expect(doc.error.message.vi).toContain('"voso.usrname" không được nhận (có phải "voso.username"?)');
    expect(doc.error.message.vi).toContain('"carrierPolicy": "cheapset" không phải chính sách chọn hãng');
    expect(doc.error.message.en).toContain('unknown key "voso.usrname" (did you mean "voso.username"?)');
    expect(doc.error.message.en).toContain(
      '"carrierPolicy": "cheapset" is neither a policy nor a configured carrier',
    );
  });

  it('a successful ship --json says "ok": true, as quote and list do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-ship-ok-'));
    const args = ['--to', '12 Lê Lợi, Phường Hoàn Kiếm, Hà Nội', '--name', 'Nguyễn Văn An'];
    const run = await runCli(
      ['--json', 'ship', ...args, '--phone', '0987654321', '--weight', '800', '--reference', 'DH-OK-1'],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { ok: boolean; shipment: { reference: string } };
    expect(doc.ok).toBe(true);
    expect(doc.shipment.reference).toBe('DH-OK-1');
  });
});
