/**
 * Outside sandbox mode no demo identity of the sandboxes (usernames, passwords, customer codes, tokens,
 * secrets — not only the sample sender) may be sent to any host (issue #10 trial item 2): the config is
 * refused when it is loaded, naming the keys (or their environment variables) but never the values, in
 * both languages. Through the bin.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEMO_IDENTITIES, sandboxDemoValues } from '../../src/sandbox/index.js';
import { runCli } from './helpers.js';

let dir: string;
const D = SANDBOX_DEMO_IDENTITIES;

/** What `sandbox --write-config` writes, with the sandbox marker and local addresses taken out. */
const REAL_WITH_DEMO_LOGINS = {
  voso: { username: D.voso.username, password: D.voso.password },
  postmart: {
    username: D.postmart.username,
    password: D.postmart.password,
    customerCode: D.postmart.customerCode,
  },
  shopee: { ...D.shopee },
  viettelpost: {
    username: D.viettelpost.member.username,
    password: D.viettelpost.member.password,
    webhookSecret: D.viettelpost.webhookSecret,
    environment: 'production',
  },
  vnpost: { ...D.vnpost },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-demo-'));
  await writeFile(join(dir, 'c.json'), JSON.stringify(REAL_WITH_DEMO_LOGINS));
});

describe('sandbox demo identities never leave for a real host', { timeout: 120_000 }, () => {
  it('a config holding them with real addresses is refused on load, every key named, no value shown', async () => {
    const quote = await runCli(
      [
        'quote',
        '--config',
        'c.json',
        '--from',
        'Xã Vĩnh Thủy, Quảng Trị',
        '--to',
        'Phường Đông Hà, Quảng Trị',
        '--weight',
        '500',
      ],
      { cwd: dir },
    );
    expect(quote.code).toBe(2);
    for (const key of [
      'voso.username',
      'voso.password',
      'postmart.username',
      'postmart.password',
      'postmart.customerCode',
      'shopee.partnerId',
      'shopee.partnerKey',
      'shopee.shopId',
      'shopee.accessToken',
      'shopee.refreshToken',
      'viettelpost.username',
      'viettelpost.password',
      'viettelpost.webhookSecret',
      'vnpost.username',
      'vnpost.password',
      'vnpost.customerCode',
    ]) {
      expect(quote.stderr).toContain(`"${key}"`);
    }
    expect(quote.stderr).toContain('thông tin đăng nhập mẫu của sandbox');
    for (const value of sandboxDemoValues()) expect(quote.stderr + quote.stdout).not.toContain(value);
    const en = await runCli(['--lang', 'en', 'list', 'x.csv', '--config', 'c.json', '--dry-run'], {
      cwd: dir,
    });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain("holds the sandbox's demo identity");
    expect(en.stderr).toContain('"voso.password"');
  });

  it('one demo value alone (a password from the environment, a secret as the VTP token) is enough to refuse', async () => {
    await writeFile(join(dir, 'mine.json'), JSON.stringify({ voso: { username: 'htx-cua-toi' } }));
    const env = await runCli(['list', 'x.csv', '--config', 'mine.json', '--dry-run', '--to', 'voso'], {
      cwd: dir,
      env: { OCOP_VOSO_PASSWORD: D.voso.password },
    });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('"voso.password" (biến môi trường OCOP_VOSO_PASSWORD)');
    expect(env.stderr).not.toContain('"voso.username"');
    await writeFile(
      join(dir, 'token.json'),
      JSON.stringify({ viettelpost: { token: D.viettelpost.loginVtpSecret, environment: 'development' } }),
    );
    const token = await runCli(
      [
        'quote',
        '--config',
        'token.json',
        '--from',
        'Xã Vĩnh Thủy, Quảng Trị',
        '--to',
        'Phường Đông Hà, Quảng Trị',
        '--weight',
        '500',
      ],
      { cwd: dir },
    );
    expect(token.code).toBe(2);
    expect(token.stderr).toContain('"viettelpost.token"');
  });

  it('the same identities addressed on this machine (a running sandbox command) are accepted', async () => {
    const local = Object.fromEntries(
      Object.entries(REAL_WITH_DEMO_LOGINS).map(([name, block]) => [
        name,
        { ...block, baseUrl: 'http://127.0.0.1:9' },
      ]),
    );
    await writeFile(join(dir, 'local.json'), JSON.stringify(local));
    const run = await runCli(['validate', 'nothing.csv', '--offline', '--config', 'local.json'], {
      cwd: dir,
    });
    // Past the config: the (missing) catalog is what fails now.
    expect(run.stderr).not.toContain('mẫu của sandbox');
    expect(run.stderr).toContain('nothing.csv');
  });
});
