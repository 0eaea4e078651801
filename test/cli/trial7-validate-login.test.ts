/**
 * #18 trial 7 (item 7): `validate --to voso,postmart` with Voso's login refused printed the login
 * failure as each row's error ("✗ voso · Dòng 2 · : …", an empty column), counted it as product
 * errors ("0 sản phẩm hợp lệ") and exited 1. A refused login is said once for the platform, the
 * products are not counted as wrong, and the exit is 3 (authentication), as the README says.
 */
import { copyFile, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/index.js';
import { SANDBOX_CONFIG_CATEGORIES } from '../../src/cli/sandbox-categories.js';
import { type MarketplaceSandbox, startPostmartSandbox, startVosoSandbox } from '../../src/sandbox/index.js';
import { runCli } from './helpers.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

describe('validate with one platform refusing the login', { timeout: 120_000 }, () => {
  let vosoBox: MarketplaceSandbox;
  let postmartBox: MarketplaceSandbox;
  beforeAll(async () => {
    vosoBox = await startVosoSandbox();
    postmartBox = await startPostmartSandbox();
  });
  afterAll(async () => {
    await Promise.all([vosoBox?.close(), postmartBox?.close()]);
  });

  it('says the login once for the platform, counts no product error, exit 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-trial7-'));
    await mkdir(join(dir, 'images'), { recursive: true });
    for (const image of await readdir(join(SEEDS, 'images')))
      await copyFile(join(SEEDS, 'images', image), join(dir, 'images', image));
    await copyFile(join(SEEDS, 'catalog.csv'), join(dir, 'catalog.csv'));
    await writeFile(
      join(dir, 'ocop-connect.config.json'),
      JSON.stringify({ categories: SANDBOX_CONFIG_CATEGORIES }),
    );
    const products = (await readCatalog(join(dir, 'catalog.csv'))).products.length;
    const run = await runCli(['validate', 'catalog.csv', '--to', 'voso,postmart'], {
      cwd: dir,
      env: {
        OCOP_VOSO_BASE_URL: vosoBox.baseUrl,
        OCOP_VOSO_USERNAME: vosoBox.credentials.username,
        OCOP_VOSO_PASSWORD: 'not-the-password',
        OCOP_POSTMART_BASE_URL: postmartBox.baseUrl,
        OCOP_POSTMART_USERNAME: postmartBox.credentials.username,
        OCOP_POSTMART_PASSWORD: postmartBox.credentials.password,
        OCOP_POSTMART_CUSTOMER_CODE: postmartBox.credentials.customerCode ?? '',
      },
    });
    expect(run.code, run.stdout + run.stderr).toBe(3);
    const loginLines = (run.stdout + run.stderr)
      .split('\n')
      .filter((l) => l.includes('đăng nhập không thành công'));
    expect(loginLines).toHaveLength(1);
    expect(loginLines[0]).toMatch(/^✗ voso: /);
    expect(run.stdout).not.toMatch(/Dòng \d+ · :/);
    expect(run.stdout).not.toContain('Tìm thấy');
    expect(run.stdout + run.stderr).not.toContain('not-the-password');
    expect(run.stdout).toContain(`${products} sản phẩm`);
    expect(vosoBox.state.listings()).toHaveLength(0);
    expect(postmartBox.state.listings()).toHaveLength(0);
  });
});
