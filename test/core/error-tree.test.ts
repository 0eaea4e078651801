import {
  ClosedError,
  ConnectorClosedError,
  createConnector,
  createMemoryStore,
  ERROR_KINDS,
  InternalError,
  LimiterClosedError,
  OcopConnectError,
  parseVnd,
  StoreClosedError,
  ValidationError,
  VnInputError,
} from 'ocop-connect';
import { voso } from 'ocop-connect/voso';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { asOcopError } from '../../src/sync/publish/errors.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('the error tree seen by a user', () => {
  it('a bad price from the Vietnamese helpers is an OcopConnectError of kind validation', () => {
    const error = thrown(() => parseVnd('12,5 nghìn đồng xyz'));
    expect(error).toBeInstanceOf(VnInputError);
    expect(error).toBeInstanceOf(OcopConnectError);
    expect(error).not.toBeInstanceOf(ValidationError);
    expect((error as OcopConnectError).kind).toBe('validation');
    expect((error as OcopConnectError).retriable).toBe(false);
    expect((error as VnInputError).messageVi).toMatch(/\S/);
  });

  it('a bug escaping a step is kind internal, never labelled as the platform refusing', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'map')");
    const error = asOcopError(bug, 'voso', 'createListing');
    expect(error).toBeInstanceOf(InternalError);
    expect(error.kind).toBe('internal');
    expect(error.retriable).toBe(false);
    expect(error.cause).toBe(bug);
    expect(error.platform).toBe('voso');
    expect(error.toJSON()).toMatchObject({ kind: 'internal', platform: 'voso', operation: 'createListing' });
  });

  it('a closed connector throws ConnectorClosedError (kind closed), not a configuration error', async () => {
    const connector = createConnector({
      // Never contacted: the connector is closed before any call.
      marketplaces: [voso({ baseUrl: 'http://127.0.0.1:9', credentials: { username: 'u', password: 'p' } })],
      store: createMemoryStore(),
    });
    await connector.close();
    const error = await connector.setStockCount('VL-TBN-500', 3).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectorClosedError);
    expect(error).toBeInstanceOf(ClosedError);
    expect((error as OcopConnectError).kind).toBe('closed');
  });

  it('closed stores and limiters share the closed kind', async () => {
    const store = createMemoryStore();
    await store.close();
    const error = await store.getStock('A').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreClosedError);
    expect((error as OcopConnectError).kind).toBe('closed');
    expect(new LimiterClosedError('voso').kind).toBe('closed');
  });

  it('every kind has a class or a documented home, and fields are read-only', () => {
    expect(ERROR_KINDS).toContain('internal');
    expect(ERROR_KINDS).toContain('closed');
    expectTypeOf<OcopConnectError['retriable']>().toEqualTypeOf<boolean>();
    const error = new InternalError('x');
    expect(() => {
      // @ts-expect-error an error is a record of what happened: its fields are read-only
      error.retriable = true;
    }).toThrow(TypeError); // at run time too (trial 18a, defect 6)
    expect(() => {
      // @ts-expect-error read-only too
      error.kind = 'server';
    }).toThrow(TypeError);
    expect(error.retriable).toBe(false);
    expect(error.kind).toBe('internal');
  });
});
