/**
 * Trial 6 (#18): the token stores given bad input. A token is a secret: a wrong one is refused naming
 * `token`, and its value (the access token) is nowhere in the error — not in issues, toJSON, inspect,
 * the stack or the cause chain. Options are checked name by name (`dri` → "dir"), and
 * MemoryTokenStore takes none. Nothing is kept or written.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  createFileTokenStore,
  FileTokenStore,
  MemoryTokenStore,
  type OcopConnectError,
  type TokenStore,
  ValidationError,
} from '../../../src/index.js';
import { failure } from '../helpers/failure.js';
import { expectNoSecret } from '../helpers/no-secret.js';

const SECRET = 'S3CRET-tok-7f3a9c';
const bad = <T>(value: unknown) => value as T;

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-tokens-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const BAD_TOKENS: ReadonlyArray<readonly [string, unknown]> = [
  ['{ accessToken, bogus } (not an AuthToken)', { accessToken: SECRET, bogus: 1 }],
  ["{ value, obtainedAtMs: 'x' }", { value: SECRET, obtainedAtMs: 'x' }],
  ['{ value: 5, refreshToken }', { value: 5, obtainedAtMs: 1, refreshToken: SECRET }],
  ['the bare secret string', SECRET],
];

describe.each([
  ['MemoryTokenStore', (): TokenStore => new MemoryTokenStore()],
  ['FileTokenStore', (): TokenStore => createFileTokenStore({ dir: tempDir() })],
])('%s.set with a bad token', (_name, open) => {
  it.each(
    BAD_TOKENS,
  )('%s: a ValidationError naming token, without its value; nothing kept', async (_l, token) => {
    const store = open();
    const error = (await failure(() => store.set('voso:shop', bad(token)))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]?.path).toBe('token');
    expect(error.issues[0]).not.toHaveProperty('value');
    expect(error.messageVi).toContain('token: phải là một AuthToken');
    expect(error.messageEn).toContain('token: must be an AuthToken');
    expectNoSecret(error, SECRET);
    expect(await store.get('voso:shop')).toBeUndefined();
    if (store instanceof FileTokenStore) expect(existsSync(store.file)).toBe(false);
  });
});

describe('token store options', () => {
  it('createFileTokenStore({ dri }) is refused with "dir" suggested; no file is used', async () => {
    const error = (await failure(() => createFileTokenStore(bad({ dri: 'x' })))) as OcopConnectError;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.messageVi).toContain('createFileTokenStore: tùy chọn không hợp lệ');
    expect(error.messageVi).toContain('dri: không có tùy chọn này (có phải "dir"?)');
    expect(error.messageEn).toContain('dri: no such option (did you mean "dir"?)');
  });

  it.each([
    ['5', 5, 'options: phải là một đối tượng (hoặc bỏ trống) (nhận được number)'],
    ["'x'", 'x', 'options: phải là một đối tượng (hoặc bỏ trống) (nhận được string)'],
    ['{ dir }', { dir: '/tmp' }, 'dir: không có tùy chọn này'],
  ])('new MemoryTokenStore(%s) is a ConfigurationError naming it', async (_l, options, vi) => {
    const error = (await failure(() => new MemoryTokenStore(bad(options)))) as OcopConnectError;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.messageVi).toContain(vi);
    expect(error.messageEn).toMatch(/options: must be an object|dir: no such option/);
  });

  it('new MemoryTokenStore() and ({}) still work', async () => {
    const store = new MemoryTokenStore({});
    await store.set('k', { value: 'v', obtainedAtMs: 1 });
    expect(await new MemoryTokenStore().get('k')).toBeUndefined();
    expect(await store.get('k')).toEqual({ value: 'v', obtainedAtMs: 1 });
  });
});
