/**
 * Trial 18a, defects 2, 4, 5 and 6 — through the public root entry, judged by what the caller gets:
 * hooks that throw come back as InternalError, a closed store is a ClosedError, our own refusal of a
 * stock count is a ValidationError, and an error's fields cannot be changed at run time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ClosedError,
  ConfigurationError,
  createConnector,
  createMemoryStore,
  createPlatformClient,
  InternalError,
  InvalidRecordError,
  NestedTransactionError,
  NetworkError,
  OcopConnectError,
  type PlatformClient,
  StoreClosedError,
  ValidationError,
} from '../../src/index.js';
import { fakeMarketplace } from '../sync/fake-marketplace.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer | undefined;
const clients: PlatformClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server?.close();
  server = undefined;
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
}

describe('a hook that throws is an InternalError (defect 2)', () => {
  it('mapError throwing a TypeError', async () => {
    server = await startTestServer(() => ({ status: 500, json: {} }));
    const bug = new TypeError('bug in mapError');
    const client = createPlatformClient({
      platform: 'testplatform',
      account: 'coop-1',
      baseUrl: server.url,
      retry: { retries: 0 },
      mapError: () => {
        throw bug;
      },
    });
    clients.push(client);
    const error = await failure(client.request({ operation: 'getThing', method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(InternalError);
    expect(error).toBeInstanceOf(OcopConnectError);
    expect((error as InternalError).kind).toBe('internal');
    expect((error as InternalError).cause).toBe(bug);
    expect((error as InternalError).platform).toBe('testplatform');
    expect((error as InternalError).operation).toBe('getThing');
    expect((error as Error).message).toMatch(/lỗi nội bộ/);
    expect((error as Error).message).toMatch(/internal error/);
  });

  it('AuthStrategy.applyAuth throwing', async () => {
    server = await startTestServer(() => ({ status: 200, json: {} }));
    const bug = new TypeError('cannot sign');
    const client = createPlatformClient({
      platform: 'testplatform',
      account: 'coop-1',
      baseUrl: server.url,
      mapError: () => undefined,
      auth: {
        name: 'broken',
        applyAuth: async () => {
          throw bug;
        },
      },
    });
    clients.push(client);
    const error = await failure(client.request({ operation: 'getThing', method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(InternalError);
    expect((error as InternalError).cause).toBe(bug);
    expect(server.requests).toHaveLength(0);
  });

  it('a request that is not an object', async () => {
    const client = createPlatformClient({
      platform: 'testplatform',
      account: 'coop-1',
      baseUrl: 'http://127.0.0.1:9',
      mapError: () => undefined,
    });
    clients.push(client);
    const error = await failure(client.request(undefined as never));
    expect(error).toBeInstanceOf(OcopConnectError);
  });
});

describe('store errors in the README tree (defects 4, 5)', () => {
  it('a closed store throws a ClosedError (StoreClosedError), bilingual', async () => {
    const store = createMemoryStore();
    await store.close();
    const error = await failure(store.transaction(async () => undefined));
    expect(error).toBeInstanceOf(StoreClosedError);
    expect(error).toBeInstanceOf(ClosedError);
    expect((error as StoreClosedError).kind).toBe('closed');
    expect((error as StoreClosedError).code).toBe('STORE_CLOSED');
    expect((error as Error).message).toMatch(/đã đóng/);
    expect((error as Error).message).toMatch(/closed/);
  });

  it.each([-1, 1.5])('setStockCount(sku, %s) is a ValidationError naming count', async (count) => {
    const connector = createConnector({
      marketplaces: [fakeMarketplace('voso').adapter],
      store: createMemoryStore(),
    });
    const error = await failure(connector.setStockCount('VL-X', count));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(InvalidRecordError);
    const e = error as InvalidRecordError;
    expect(e.kind).toBe('validation');
    expect(e.code).toBe('INVALID_RECORD');
    expect(e.issues).toEqual([
      expect.objectContaining({ path: 'count', value: count, code: 'INVALID_RECORD' }),
    ]);
    expect(e.issues[0]?.messageVi).toMatch(/số nguyên/);
    expect(e.issues[0]?.messageEn).toMatch(/integer/);
    await connector.close();
  });

  it('a record the store refuses is a ValidationError too', async () => {
    const store = createMemoryStore();
    const error = await failure(store.putStock({ sku: '', onHand: 1, reserved: 0 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('sku');
    const nested = await failure(store.transaction(async () => store.getStock('A')));
    expect(nested).toBeInstanceOf(NestedTransactionError);
    expect((nested as OcopConnectError).kind).toBe('configuration');
  });
});

describe('error fields are read-only at run time (defect 6)', () => {
  it('kind, retriable, platform, issues, problems cannot be changed', () => {
    const network = new NetworkError('x', { platform: 'voso', code: 'ECONNRESET' });
    expect(() => {
      (network as { kind: string }).kind = 'x';
    }).toThrow(TypeError);
    expect(() => {
      (network as { retriable: boolean }).retriable = false;
    }).toThrow(TypeError);
    expect(() => {
      (network as { platform: string }).platform = 'y';
    }).toThrow(TypeError);
    expect(() => {
      (network as { requestSent: boolean }).requestSent = false;
    }).toThrow(TypeError);
    expect(network.kind).toBe('network');
    expect(network.retriable).toBe(true);

    const validation = new ValidationError('x', [{ path: 'a', code: 'X', messageVi: 'v', messageEn: 'e' }]);
    expect(() => (validation.issues as unknown[]).push({})).toThrow(TypeError);
    expect(validation.issues).toHaveLength(1);
    const configuration = new ConfigurationError('x', ['p']);
    expect(() => (configuration.problems as string[]).push('q')).toThrow(TypeError);

    // Still an error like any other: instanceof, toJSON, name.
    expect(network).toBeInstanceOf(OcopConnectError);
    expect(network.name).toBe('NetworkError');
    expect(network.toJSON()).toMatchObject({
      name: 'NetworkError',
      kind: 'network',
      platform: 'voso',
      retriable: true,
    });
    expect(validation.toJSON()).toMatchObject({ kind: 'validation', issues: [{ path: 'a' }] });
  });
});

describe("the helpers' and image errors are read-only too (defect 6)", () => {
  it('VndParseError and ImageError fields cannot be changed', async () => {
    const { parseVnd, ImageError: ImageErrorClass } = await import('../../src/index.js').then(
      async (root) => ({
        parseVnd: root.parseVnd,
        ImageError: (await import('../../src/images/index.js')).ImageError,
      }),
    );
    let vnd: unknown;
    try {
      parseVnd('mười lăm xyz');
    } catch (e) {
      vnd = e;
    }
    expect(() => {
      (vnd as { code: string }).code = 'x';
    }).toThrow(TypeError);
    const image = new ImageErrorClass('TOO_SMALL', { en: 'small', vi: 'nhỏ' }, { details: { width: 1 } });
    expect(() => {
      (image as { code: string }).code = 'x';
    }).toThrow(TypeError);
    expect(() => {
      (image.details as Record<string, number>).width = 2;
    }).toThrow(TypeError);
    expect(image.toJSON()).toMatchObject({ code: 'TOO_SMALL', messageVi: 'nhỏ' });
  });
});
