import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubFileError, loadHubFile } from '../../src/cli/hub-config.js';

/**
 * #17 item 5: the hub file is checked as a whole — environment variables, the schema, the service
 * URLs and the hub's own checks (ids, accounts listed twice) — and every problem is reported at once,
 * `field: reason` in both languages, instead of a second stage showing only after the first is fixed.
 */
describe('hub file: every problem in one go', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ocop-hub-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const account = (name: string) => ({
    platform: 'voso',
    account: name,
    credentials: { username: 'u', password: 'p-secret-9' },
  });

  async function problemsOf(content: unknown, env: NodeJS.ProcessEnv = {}): Promise<HubFileError> {
    const file = join(dir, `hub-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify(content));
    const error = await loadHubFile(file, env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubFileError);
    return error as HubFileError;
  }

  it('reports env, schema, URL and hub-check problems together, each naming its field, no secret', async () => {
    const error = await problemsOf({
      databaseUrl: 'postgres://hub:db-secret-9@:bad',
      redisUrl: 'not a url',
      queue: 'a:b',
      cooperatives: [
        {
          id: 'htx a',
          marketplaces: [
            { platform: 'voso', credentials: { username: 'u', password: 'env:NOT_SET_C17_TEST' } },
          ],
        },
        { id: 'htx-b', marketplaces: [account('x'), account('x')] },
        { id: 'htx-c', marketplaces: [{ ...account('y'), platform: 'lazada' }] },
        { id: 'htx-b', marketplaces: [account('z')], sender: 'nowhere' },
      ],
    });
    const en = error.issues.map((i) => i.messageEn);
    const vi = error.issues.map((i) => i.messageVi);
    expect(en[0]).toMatch(/\(9 problems\):$/);
    expect(vi[0]).toMatch(/\(9 lỗi\):$/);
    expect(en.slice(1)).toEqual([
      "queue: no ':' in a queue name (BullMQ)",
      'databaseUrl: not a valid postgres:// URL (host, port 1–65535)',
      'redisUrl: not a valid redis:// (or rediss://) URL',
      'cooperatives[0].marketplaces[0].credentials.password: environment variable NOT_SET_C17_TEST is not set (value "env:NOT_SET_C17_TEST")',
      'cooperatives[0].id: cooperative id "htx a" is invalid: 1–200 letters, digits and the signs . _ : @ - \'/\' only',
      'cooperatives[1].marketplaces: voso/x is listed twice',
      'cooperatives[2].marketplaces[0].platform: must be one of: "voso", "postmart", "shopee"',
      'cooperatives[3].sender: must be an object (got string)',
      'cooperatives[3].id: cooperative id "htx-b" is used twice',
    ]);
    expect(vi).toContain(
      'cooperatives[0].marketplaces[0].credentials.password: biến môi trường NOT_SET_C17_TEST chưa đặt (giá trị "env:NOT_SET_C17_TEST")',
    );
    expect(vi).toContain('cooperatives[1].marketplaces: tài khoản voso/x khai báo hai lần');
    expect(JSON.stringify(error.issues) + error.message).not.toMatch(/db-secret-9|p-secret-9/);
  });

  it('a missing databaseUrl is said with the other problems, and OCOP_DATABASE_URL is checked as well', async () => {
    const missing = await problemsOf({ cooperatives: [{ id: 'a b', marketplaces: [account('x')] }] });
    expect(missing.issues.map((i) => i.messageEn).slice(1)).toEqual([
      'databaseUrl: missing (in the hub file or OCOP_DATABASE_URL): a hub needs PostgreSQL',
      'cooperatives[0].id: cooperative id "a b" is invalid: 1–200 letters, digits and the signs . _ : @ - \'/\' only',
    ]);
    const fromEnv = await problemsOf(
      { cooperatives: [{ id: 'ok', marketplaces: [account('x')] }] },
      { OCOP_DATABASE_URL: 'postgres://x:env-secret@[::1/db' },
    );
    expect(fromEnv.issues.map((i) => i.messageEn).slice(1)).toEqual([
      'databaseUrl (OCOP_DATABASE_URL): not a valid postgres:// URL (host, port 1–65535)',
    ]);
    expect(JSON.stringify(fromEnv.issues)).not.toContain('env-secret');
  });

  it('categories keyed category → platform (the single-cooperative config shape) are refused at once, bad keys named once (#17 re-trial MEDIUM 2)', async () => {
    const turned = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`Loại ${i}`, { voso: { categoryId: String(1000 + i) } }]),
    );
    const error = await problemsOf(
      {
        databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
        cooperatives: [
          { id: 'htx-1', marketplaces: [account('x')], categories: turned },
          {
            id: 'htx-2',
            marketplaces: [account('y')],
            categories: { voso: { 'Mật ong': { categoryId: '1' } } },
          },
        ],
      },
      {},
    );
    const en = error.issues.map((i) => i.messageEn);
    expect(en.slice(1)).toHaveLength(1);
    expect(en[1]).toMatch(
      /^cooperatives\[0\]\.categories: "Loại 0", "Loại 1", .*"Loại 9" (is|are) not a marketplace/,
    );
    expect(en[1]).toContain('platform → category');
    // Short: each bad key once, not a paragraph per category.
    expect(en[1]!.length).toBeLessThan(600);
    expect(error.issues[1]!.messageVi).toContain('không phải tên sàn');
  });

  it('a good file loads, its env: values filled in', async () => {
    const file = join(dir, 'good.json');
    await writeFile(
      file,
      JSON.stringify({
        databaseUrl: 'env:C17_DB',
        cooperatives: [{ id: 'htx-1', catalog: 'c.json', marketplaces: [account('x')] }],
      }),
    );
    const loaded = await loadHubFile(file, { C17_DB: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(loaded.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/test');
    expect(loaded.cooperatives[0]?.catalog).toBe(join(dir, 'c.json'));
  });
});
