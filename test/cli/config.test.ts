import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config.js';
import { CONFIG_TEMPLATE } from '../../src/cli/config-schema.js';
import { CliError } from '../../src/cli/errors.js';
import { isSandboxMode } from '../../src/cli/platforms.js';
import { SANDBOX_SENDER } from '../../src/cli/sandbox-sender.js';
import { senderFor } from '../../src/cli/sender.js';

async function configFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-config-'));
  const path = join(dir, 'ocop-connect.config.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function rejection(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return error;
}

describe('CLI config', () => {
  it("init's untouched template keeps the CLI in sandbox mode", async () => {
    const config = await loadConfig(await configFile(CONFIG_TEMPLATE), {});
    expect(isSandboxMode(config)).toBe(true);
    expect(config.sender).toBeUndefined();
  });

  it('an environment name, base URL or webhook secret alone does not leave sandbox mode; a login does', async () => {
    const path = await configFile({
      viettelpost: { environment: 'development', baseUrl: 'http://127.0.0.1:9', webhookSecret: 's' },
    });
    expect(isSandboxMode(await loadConfig(path, {}))).toBe(true);
    expect(isSandboxMode(await loadConfig(path, { OCOP_VTP_TOKEN: 'tok' }))).toBe(false);
    expect(isSandboxMode(await loadConfig(path, { OCOP_VOSO_USERNAME: 'u' }))).toBe(false);
  });

  it('merges the environment into the file key by key: username in the file, password in the environment', async () => {
    const path = await configFile({
      voso: { username: 'htx-file', baseUrl: 'https://voso.example/api' },
      viettelpost: { username: 'vtp-file', environment: 'production' },
    });
    const config = await loadConfig(path, { OCOP_VOSO_PASSWORD: 'from-env', OCOP_VTP_PASSWORD: 'p2' });
    expect(config.voso).toEqual({
      username: 'htx-file',
      password: 'from-env',
      baseUrl: 'https://voso.example/api',
    });
    expect(config.viettelpost).toEqual({ username: 'vtp-file', password: 'p2', environment: 'production' });
    // The environment wins for a key both give.
    const overridden = await loadConfig(path, { OCOP_VOSO_USERNAME: 'htx-env' });
    expect(overridden.voso?.username).toBe('htx-env');
  });

  it('carries a profile override per marketplace and refuses unknown keys, naming them but not values', async () => {
    const path = await configFile({
      voso: { username: 'u', password: 'p', profile: { rules: { titleMaxChars: 90 } } },
    });
    expect((await loadConfig(path, {})).voso?.profile).toEqual({ rules: { titleMaxChars: 90 } });
    const bad = await configFile({ voso: { username: 'u', pasword: 'hunter2-secret' } });
    const error = await loadConfig(bad, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).text.vi).toContain(
      'khóa "voso.pasword" không được nhận (có phải "voso.password"?)',
    );
    expect((error as CliError).text.en).toContain(
      'unknown key "voso.pasword" (did you mean "voso.password"?)',
    );
    expect((error as CliError).text.en).not.toContain('hunter2-secret');
  });

  it('says in both languages when the file is missing or not JSON', async () => {
    const missing = await rejection(loadConfig('/nonexistent/ocop.json', {}));
    expect(missing.text.vi).toBe('Không tìm thấy tệp cấu hình /nonexistent/ocop.json');
    expect(missing.exitCode).toBe(2);
    const broken = await rejection(loadConfig(await configFile('{ "voso": '), {}));
    expect(broken.text.vi).toMatch(/không phải JSON hợp lệ/);
    expect(broken.text.en).toMatch(/is not valid JSON/);
  });

  it('uses the sandbox sender only in sandbox mode; outside it a missing sender names the config key', async () => {
    const config = await loadConfig(await configFile({}), {});
    expect(senderFor(config, true)).toBe(SANDBOX_SENDER);
    const error = (() => {
      try {
        senderFor(config, false);
      } catch (e) {
        return e as CliError;
      }
      return undefined;
    })();
    expect(error?.text.vi).toContain('"sender"');
    expect(error?.text.en).toContain('"sender"');
    const own = { name: 'HTX A', phone: '0912000111', address: { ward: 'Xã B', province: 'Quảng Trị' } };
    expect(senderFor({ ...config, sender: own }, false)).toEqual(own);
  });
});

describe('hub file: carrierPolicy', () => {
  it("accepts otherwise: '<carrier>' as the library reads it (a fixed carrier), refuses an unknown one", async () => {
    const { HubFileSchema } = await import('../../src/cli/hub-config.js');
    const file = (otherwise: unknown) => ({
      cooperatives: [
        {
          id: 'htx',
          marketplaces: [{ platform: 'voso', credentials: { username: 'u', password: 'p' } }],
          carrierPolicy: { byMarketplace: { postmart: 'vnpost' }, otherwise },
        },
      ],
    });
    const fixed = HubFileSchema.safeParse(file('viettelpost'));
    expect(fixed.success, JSON.stringify(fixed.error?.issues)).toBe(true);
    expect(HubFileSchema.safeParse(file('cheapest')).success).toBe(true);
    expect(HubFileSchema.safeParse(file('viettelpots')).success).toBe(false);
  });
});
