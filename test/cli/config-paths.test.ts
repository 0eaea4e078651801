/**
 * Paths in the config file are relative to the config file's folder, not to where the command runs
 * (#10 trial item 2): `--config ../shop/cfg.json` from another folder keeps the state next to the
 * config; OCOP_STATE_DIR (a shell path) is relative to the working folder.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/index.js';
import { runCli } from './helpers.js';

let dir: string;
const ship = (reference: string) => [
  'ship',
  '--to',
  'Phường Hoàn Kiếm, Hà Nội',
  '--name',
  'Nguyễn Văn An',
  '--phone',
  '0987654321',
  '--weight',
  '500',
  '--reference',
  reference,
];

async function references(stateDir: string): Promise<string[]> {
  const store = await createFileStore({ dir: stateDir });
  try {
    return (await store.listShipments()).map((s) => s.reference).sort();
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-paths-'));
  await mkdir(join(dir, 'shop'));
  await mkdir(join(dir, 'elsewhere'));
  await writeFile(join(dir, 'shop', 'cfg.json'), JSON.stringify({ stateDir: 'trang-thai' }));
  await writeFile(join(dir, 'shop', 'plain.json'), JSON.stringify({}));
});

describe('relative paths in the config file', { timeout: 120_000 }, () => {
  it('stateDir is taken from the config file’s folder when run from another folder with --config', async () => {
    const run = await runCli(['--config', join('..', 'shop', 'cfg.json'), ...ship('DH-P-1')], {
      cwd: join(dir, 'elsewhere'),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(await references(join(dir, 'shop', 'trang-thai', 'sandbox'))).toEqual(['DH-P-1']);
    expect(existsSync(join(dir, 'elsewhere', 'trang-thai'))).toBe(false);
    // Run again from the shop folder itself: the same state, so the reference is known.
    const again = await runCli(['--config', 'cfg.json', ...ship('DH-P-1')], { cwd: join(dir, 'shop') });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Đã có vận đơn ViettelPost cho mã tham chiếu "DH-P-1"');
  });

  it('without a stateDir key the state folder is .ocop-connect next to the config file', async () => {
    const run = await runCli(['--config', join('..', 'shop', 'plain.json'), ...ship('DH-P-2')], {
      cwd: join(dir, 'elsewhere'),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(await references(join(dir, 'shop', '.ocop-connect', 'sandbox'))).toEqual(['DH-P-2']);
    expect(existsSync(join(dir, 'elsewhere', '.ocop-connect'))).toBe(false);
  });

  it('OCOP_STATE_DIR is relative to the working folder and wins over the file', async () => {
    const run = await runCli(['--config', join('..', 'shop', 'cfg.json'), ...ship('DH-P-3')], {
      cwd: join(dir, 'elsewhere'),
      env: { OCOP_STATE_DIR: 'st' },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(await references(join(dir, 'elsewhere', 'st', 'sandbox'))).toEqual(['DH-P-3']);
    expect(await references(join(dir, 'shop', 'trang-thai', 'sandbox'))).toEqual(['DH-P-1']);
  });
});
