/**
 * Trial 18a, defects 1, 2 and 3: a public function given a wrong-typed argument answers with a typed,
 * bilingual error naming the argument (ConfigurationError for options, ValidationError for data), never
 * a raw TypeError / RangeError; a connector refuses a non-adapter at creation; a throwing categories
 * lookup during publish is an InternalError.
 */
import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  catalogFromSheet,
  createConnector,
  createFileStore,
  createMemoryStore,
  createRateLimiter,
  InternalError,
  OcopConnectError,
  readCatalog,
  resolveAddress,
  ValidationError,
  validateCatalog,
} from '../../src/index.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import { fakeMarketplace } from '../sync/fake-marketplace.js';
import { makeProduct } from '../sync/helpers.js';
import { failure } from './helpers/failure.js';

const bilingual = (e: unknown) => {
  const message = (e as Error).message;
  expect(message).toMatch(/phải|không/);
  expect(message).toMatch(/must/);
};

describe('wrong-typed arguments (defect 1)', () => {
  it.each([
    ['createConnector(undefined)', 'options', () => createConnector(undefined as never)],
    [
      'createConnector({ marketplaces: [null] })',
      'marketplaces[0]',
      () => createConnector({ marketplaces: [null as never] }),
    ],
    ['createFileStore({ dir: 5 })', 'dir', () => createFileStore({ dir: 5 as never })],
    ['createMemoryStore(null)', 'options', () => createMemoryStore(null as never)],
    [
      'createRateLimiter().acquire(undefined)',
      'scope',
      () => createRateLimiter().acquire(undefined as never),
    ],
  ])('%s is a ConfigurationError naming %s', async (_name, argument, run) => {
    const error = await failure(run);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems.join()).toContain(argument);
    bilingual(error);
  });

  it.each([
    ['readCatalog(123)', 'path', () => readCatalog(123 as never)],
    ['catalogFromSheet(null, ".")', 'sheet', () => catalogFromSheet(null as never, '.')],
  ])('%s is a ValidationError naming %s', async (_name, argument, run) => {
    const error = await failure(run);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe(argument);
    bilingual(error);
  });

  it.each([
    ['catalogFromSheet({}, ".")', {}, ['sheet.headers', 'sheet.rows']],
    [
      'catalogFromSheet({ headers: 5, rows: "x" }, ".")',
      { headers: 5, rows: 'x' },
      ['sheet.headers', 'sheet.rows'],
    ],
    [
      'catalogFromSheet({ headers: ["SKU"], rows: [["a"]] }, ".")',
      { headers: ['SKU'], rows: [['a']] },
      ['sheet.rows'],
    ],
    [
      'catalogFromSheet({ headers: [1], rows: [], headerRow: "1" }, ".")',
      { headers: [1], rows: [], headerRow: '1' },
      ['sheet.headers', 'sheet.headerRow'],
    ],
  ])('%s (trial 2 defect 2) is a ValidationError naming every wrong field', async (_name, sheet, paths) => {
    const error = await failure(() => catalogFromSheet(sheet as never, '.'));
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues.map((issue) => issue.path)).toEqual(paths);
    expect(issues.every((issue) => issue.code === 'invalid_argument')).toBe(true);
    expect((error as ValidationError).messageVi).toContain(`${paths[0]}: phải là`);
    expect((error as ValidationError).messageEn).toContain(`${paths[0]}: must be`);
  });

  it('catalogFromSheet with a well-formed sheet and a wrong ignoreColumns', async () => {
    const sheet = { headers: ['SKU'], rows: [{ rowNumber: 2, cells: { SKU: 'A-1' } }] };
    const error = await failure(() => catalogFromSheet(sheet, '.', 5 as never));
    expect((error as ValidationError).issues[0]?.path).toBe('ignoreColumns');
    // The sheet itself passes the shape check and is read (its problems are issues, not a throw).
    expect(catalogFromSheet(sheet, '.').issues.length).toBeGreaterThan(0);
  });

  it('connector.publish(null) is a ValidationError naming catalog', async () => {
    const connector = createConnector({
      marketplaces: [fakeMarketplace('voso').adapter],
      store: createMemoryStore(),
    });
    const error = await failure(() => connector.publish(null as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('catalog');
    await connector.close();
  });

  it('viettelpost quote(undefined) is a ValidationError naming request, nothing sent', async () => {
    const vtp = viettelpost({ baseUrl: 'http://127.0.0.1:9', credentials: { username: 'u', password: 'p' } });
    const error = await failure(() => vtp.quote(undefined as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('request');
    await vtp.close();
  });

  it("resolveAddress(undefined) and validateCatalog(null) answer in the library's terms", () => {
    const error = (() => {
      try {
        resolveAddress(undefined as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OcopConnectError);
    expect((error as OcopConnectError).kind).toBe('validation');
    const result = validateCatalog(null as never);
    expect(result.products).toEqual([]);
    expect(result.issues[0]).toMatchObject({ path: '', code: 'invalid_argument' });
    expect(result.issues[0]?.messageVi).toMatch(/mảng/);
  });

  it('a sandbox on port -1 is a configuration error, not a RangeError', async () => {
    const error = await failure(() => startVosoSandbox({ port: -1 }));
    expect(error).toBeInstanceOf(OcopConnectError);
    expect((error as OcopConnectError).kind).toBe('configuration');
    expect((error as Error).message).toMatch(/port/);
  });
});

describe('a connector checks its adapters at creation (defect 3)', () => {
  it('createConnector({ marketplaces: [{}] }) is a ConfigurationError naming MarketplaceAdapter', async () => {
    const error = await failure(() =>
      createConnector({ marketplaces: [{} as never], store: createMemoryStore() }),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems.join()).toMatch(/marketplaces\[0\].*MarketplaceAdapter/);
  });

  it('a carrier that is not a CarrierAdapter is refused too', async () => {
    const error = await failure(() =>
      createConnector({
        marketplaces: [fakeMarketplace('voso').adapter],
        carriers: [{ carrier: 'x' } as never],
        store: createMemoryStore(),
      }),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems.join()).toMatch(/carriers\[0\].*CarrierAdapter/);
  });
});

describe('a hook throwing inside the connector is an InternalError (defect 2)', () => {
  it('a categories lookup that throws a TypeError during publish', async () => {
    const bug = new TypeError('bug in my lookup');
    const connector = createConnector({
      marketplaces: [fakeMarketplace('voso').adapter],
      store: createMemoryStore(),
      categories: () => {
        throw bug;
      },
    } as never);
    const outcome = await connector.publish([makeProduct(1)], { dryRun: true }).then(
      (report) => report.items.map((i) => i.error),
      (e: unknown) => [e],
    );
    expect(outcome.length).toBeGreaterThan(0);
    for (const error of outcome) {
      expect(error).toBeInstanceOf(InternalError);
      expect((error as InternalError).kind).toBe('internal');
      expect((error as InternalError).cause).toBe(bug);
    }
    await connector.close();
  });
});
