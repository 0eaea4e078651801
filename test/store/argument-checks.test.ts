/**
 * #18 (helper S): the stores given bad arguments answer with the library's bilingual errors naming the
 * argument — createPostgresStore / checkPostgresStore before any connection, transaction(fn) before
 * anything runs. Never a raw TypeError.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, createMemoryStore, ValidationError } from '../../src/index.js';
import { checkPostgresStore, createPostgresStore } from '../../src/store/postgres/index.js';
import { bad, expectOptionsNotAnObject, refusal } from '../core/helpers/failure.js';

// The checks must fire before any connection: with no database URL in the environment, nothing could
// connect anyway, and a refused port (1) would give StoreUnavailableError, not a ConfigurationError.
let savedUrl: string | undefined;
beforeEach(() => {
  savedUrl = process.env.OCOP_DATABASE_URL;
  delete process.env.OCOP_DATABASE_URL;
});
afterEach(() => {
  if (savedUrl !== undefined) process.env.OCOP_DATABASE_URL = savedUrl;
});

const REFUSED = 'postgres://hub:s3cret-pw@127.0.0.1:1/test';

describe('createPostgresStore checks its options before connecting', () => {
  it.each([
    ['()', undefined],
    ['({})', {}],
  ])('createPostgresStore%s names scope and connectionString, in both languages', async (_label, options) => {
    const error = await refusal(() => createPostgresStore(bad(options)));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.messageVi).toContain('scope: phải gồm 1–200 chữ cái');
    expect(error.messageVi).toContain('connectionString: chưa có: hãy cho connectionString hoặc pool');
    expect(error.messageEn).toContain('scope: must be 1–200 letters');
    expect(error.messageEn).toContain('connectionString: missing: give connectionString or pool');
    // No English inside the Vietnamese (the old text put "scope must be …" in both).
    expect(error.messageVi).not.toMatch(/\b(must|letters|digits|give|missing|cooperative)\b/);
  });

  it.each([
    ['null', null, 'null'],
    ['5', 5, 'number'],
    ['"coop"', 'coop', 'string'],
  ])('createPostgresStore(%s) names options', async (_label, options, got) => {
    await expectOptionsNotAnObject(() => createPostgresStore(bad(options)), got);
  });

  it('a bad scope, a misspelt option and a wrong-typed connectionString, together, the URL never printed', async () => {
    const error = await refusal(() =>
      createPostgresStore(bad({ scope: 'hợp tác xã #1', connectionString: REFUSED, tablePrefx: 'x_' })),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.messageVi).toContain('tablePrefx: không có tùy chọn này (có phải "tablePrefix"?)');
    expect(error.messageEn).toContain('tablePrefx: no such option (did you mean "tablePrefix"?)');
    expect(error.messageVi).toContain('scope: phải gồm');
    const typed = await refusal(() => createPostgresStore(bad({ scope: 'coop', connectionString: 5 })));
    expect(typed).toBeInstanceOf(ConfigurationError);
    expect(typed.messageVi).toContain('connectionString: phải là một chuỗi postgres://… (nhận được number)');
    expect(typed.messageEn).toContain('connectionString: must be a postgres://… string (got number)');
    expect(String(error) + JSON.stringify(error)).not.toContain('s3cret');
  });

  it('numeric store options are named in both languages', async () => {
    const error = await refusal(() =>
      createPostgresStore(
        bad({ scope: 'coop', connectionString: REFUSED, maxWebhookKeys: 0, maxConnections: 'x' }),
      ),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.messageVi).toContain('maxWebhookKeys: phải là một số nguyên ≥ 1');
    expect(error.messageVi).toContain('maxConnections: phải là một số nguyên ≥ 1');
    expect(error.messageEn).toContain('maxWebhookKeys: must be a whole number ≥ 1');
  });
});

describe('createPostgresStore refuses a pool it could not use, before using it (trial 6)', () => {
  it.each([
    ['{}', {}],
    ['{ connect: 5 }', { connect: 5 }],
    ['a function', () => {}],
  ])('pool: %s is a ConfigurationError naming pool, not a network failure', async (_label, pool) => {
    const error = await refusal(() => createPostgresStore(bad({ pool, scope: 's' })));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.kind).toBe('configuration');
    expect(error.messageVi).toContain('pool: phải là một pg.Pool (có hàm connect)');
    expect(error.messageEn).toContain('pool: must be a pg.Pool (with a connect function)');
  });

  it('a pool with connect() is used as given', async () => {
    let connects = 0;
    const pool = {
      connect: async () => {
        connects += 1;
        throw new Error('no database here');
      },
      end: async () => {},
    };
    await refusal(() => createPostgresStore({ pool, scope: 's' }));
    expect(connects).toBe(1);
  });
});

describe('a refused stock count shows the value as given (trial 6)', () => {
  it.each([
    ['NaN', Number.NaN, 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
    ["'5'", '5', '"5"'],
  ])('putStock({ onHand: %s }) says "(nhận được %s)"; nothing written', async (_label, onHand, shown) => {
    const store = createMemoryStore();
    const error = await refusal(() => store.putStock(bad({ sku: 'S', onHand, reserved: 0 })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.messageVi).toContain(`onHand phải là số nguyên ≥ 0 (nhận được ${shown})`);
    expect(error.messageEn).toContain(`onHand must be an integer ≥ 0 (got ${shown})`);
    expect(await store.listStock()).toEqual([]);
  });
});

describe('checkPostgresStore checks its options before connecting', () => {
  it.each([
    ['null', null, 'null'],
    ['5', 5, 'number'],
  ])('checkPostgresStore(%s) names options', async (_label, options, got) => {
    await expectOptionsNotAnObject(() => checkPostgresStore(bad(options)), got);
  });

  it('checkPostgresStore() without a URL, and a bad prefix or timeout, in both languages', async () => {
    const error = await refusal(() =>
      checkPostgresStore(bad({ tablePrefix: 'Bad-Prefix', timeoutMs: 'soon' })),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.messageVi).toContain(
      'connectionString: chưa có: hãy cho connectionString (hoặc đặt biến môi trường',
    );
    expect(error.messageVi).toContain('tablePrefix: chỉ gồm chữ thường, chữ số hoặc _');
    expect(error.messageVi).toContain('timeoutMs: phải là một số nguyên ≥ 1');
    expect(error.messageEn).toContain('tablePrefix: must be lower-case letters, digits or _');
    expect(error.messageVi).not.toMatch(/\b(must|give|letters)\b/);
  });
});

// The operations' own arguments (keys, inputs) are the store contract's (test/store/store-contract.ts).
describe('transaction refuses a callback or options of the wrong type, running nothing', () => {
  it.each([
    ['undefined', undefined, 'undefined'],
    ['5', 5, 'number'],
  ])('transaction(%s): a ValidationError naming fn', async (_label, fn, got) => {
    const error = await refusal(() => createMemoryStore().transaction(bad(fn)));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.messageVi).toBe(`fn: phải là một hàm (nhận được ${got})`);
    expect(error.messageEn).toBe(`fn: must be a function (got ${got})`);
  });

  it('transaction(fn, null) names options and runs nothing', async () => {
    let ran = false;
    const error = await refusal(() =>
      createMemoryStore().transaction(() => {
        ran = true;
      }, bad(null)),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.messageEn).toContain('options: must be an object (or left out) (got null)');
    expect(ran).toBe(false);
  });
});
