/**
 * An empty carrier "environment" (as `init`'s template leaves it) next to credentials is an error naming
 * the key and its variable (#10 trial item 5): it used to fall back silently to the development host.
 * Through the CLI.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-carrier-env-'));
  expect((await runCli(['init', dir])).code).toBe(0);
});

describe('an empty carrier environment with credentials', { timeout: 120_000 }, () => {
  it('in the config file: refused, naming viettelpost.environment and OCOP_VTP_ENV', async () => {
    const file = join(dir, 'ocop-connect.config.json');
    const config = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(config.viettelpost?.environment).toBe('');
    config.viettelpost = { ...config.viettelpost, username: 'htx-vinh-linh', password: 'mat-khau-that' };
    await writeFile(file, JSON.stringify(config, null, 2));
    const run = await runCli(['validate', 'danh-muc-san-pham.csv', '--offline'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"viettelpost.environment" để trống');
    expect(run.stderr).toContain('OCOP_VTP_ENV');
    expect(run.stderr).not.toContain('mat-khau-that');
    const fixed = await runCli(['validate', 'danh-muc-san-pham.csv', '--offline'], {
      cwd: dir,
      env: { OCOP_VTP_ENV: 'development' },
    });
    expect(fixed.stderr).not.toContain('environment');
  });

  it('from the environment: OCOP_VTP_ENV= with credentials is refused the same way (English)', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'ocop-cli-carrier-env2-'));
    const run = await runCli(
      ['--lang', 'en', 'quote', '--to', 'Xã Vĩnh Thủy, Quảng Trị', '--weight', '500'],
      {
        cwd: empty,
        env: { OCOP_VTP_USERNAME: 'u', OCOP_VTP_PASSWORD: 'p', OCOP_VTP_ENV: '' },
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '"viettelpost.environment" is empty while viettelpost credentials are given',
    );
    expect(run.stderr).toContain('OCOP_VTP_ENV');
  });
});
