/**
 * Trial 18b, defect N1: the adapters' public methods given a wrong-typed argument answer with a bilingual
 * ValidationError naming the argument, before anything is sent (never a TypeError from deep inside) —
 * ViettelPost as VNPost already did, and the marketplace engine (Voso and the other profile adapters).
 * Defect N4: the connector's fulfil / cancelOrder / handleWebhook say the same of bad input (not InternalError).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Connector,
  createConnector,
  createMemoryStore,
  InternalError,
  type OcopConnectError,
  ValidationError,
} from '../../src/index.js';
import type { ViettelPostAdapter } from '../../src/platforms/viettelpost/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import { startVosoSandbox, type ViettelPostSandbox } from '../../src/sandbox/index.js';
import { useViettelPostMember } from '../platforms/viettelpost/helpers.js';
import { fakeMarketplace } from '../sync/fake-marketplace.js';
import { failure } from './helpers/failure.js';

function expectArgumentError(error: unknown, argument: string): void {
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as OcopConnectError).kind).toBe('validation');
  expect((error as ValidationError).issues[0]?.path).toBe(argument);
  const message = (error as Error).message;
  expect(message).toMatch(/phải là/);
  expect(message).toMatch(/must be/);
}

describe('ViettelPost adapter: wrong-typed arguments (N1)', () => {
  let box: ViettelPostSandbox;
  let vtp: ViettelPostAdapter;
  useViettelPostMember((made) => {
    ({ box, vtp } = made);
  });

  it.each([
    [
      'createShipment(undefined, { reference })',
      'request',
      () => vtp.createShipment(undefined as never, { reference: 'a' }),
    ],
    ['createShipment({}, undefined)', 'options', () => vtp.createShipment({} as never, undefined as never)],
    ['labelUrl(5, "A6")', 'trackingNumbers', () => vtp.labelUrl(5 as never, 'A6')],
    ['editShipment(undefined, …)', 'trackingNumber', () => vtp.editShipment(undefined as never, {} as never)],
    ['cancelShipment(7)', 'trackingNumber', () => vtp.cancelShipment(7 as never)],
    ['quoteService({}, 5)', 'serviceCode', () => vtp.quoteService({} as never, 5 as never)],
  ])('%s is a ValidationError naming %s, nothing sent', async (_name, argument, run) => {
    const before = box.state.requestCount();
    expectArgumentError(await failure(run), argument);
    expect(box.state.requestCount()).toBe(before);
  });
});

describe('marketplace engine (Voso): wrong-typed arguments (N1)', () => {
  let box: Awaited<ReturnType<typeof startVosoSandbox>>;
  let adapter: ReturnType<typeof voso>;
  beforeAll(async () => {
    box = await startVosoSandbox({ rateLimitRps: false });
    adapter = voso({
      baseUrl: box.baseUrl,
      credentials: { username: box.credentials.username, password: box.credentials.password },
    });
  });
  afterAll(async () => {
    await adapter.close();
    await box.close();
  });

  const sent = () => Object.values(box.stats.requests).reduce((a, b) => a + (b ?? 0), 0);

  it.each([
    ['createListing(undefined)', 'draft', () => adapter.createListing(undefined as never)],
    ['checkListing(undefined)', 'product', () => adapter.checkListing(undefined as never)],
    ['markShipped(undefined, …)', 'orderId', () => adapter.markShipped(undefined as never, {} as never)],
    ['markShipped("O1", undefined)', 'shipped', () => adapter.markShipped('O1', undefined as never)],
    ['getOrder(undefined)', 'orderId', () => adapter.getOrder(undefined as never)],
  ])('%s is a ValidationError naming %s, nothing sent', async (_name, argument, run) => {
    const before = sent();
    expectArgumentError(await failure(run), argument);
    expect(sent()).toBe(before);
  });
});

describe('connector: wrong-typed user input is a ValidationError, not an InternalError (N4)', () => {
  const connector = () =>
    createConnector({ marketplaces: [fakeMarketplace('voso').adapter], store: createMemoryStore() });

  it.each([
    ['fulfil(undefined)', 'order', (c: Connector) => c.fulfil(undefined as never)],
    ['fulfil({})', 'order', (c: Connector) => c.fulfil({} as never)],
    [
      'cancelOrder(undefined, "bogus")',
      'order',
      (c: Connector) => c.cancelOrder(undefined as never, 'bogus' as never),
    ],
    [
      'handleWebhook("voso", null, null)',
      'rawBody',
      (c: Connector) => c.handleWebhook('voso', null as never, null as never),
    ],
    [
      'handleWebhook("voso", "{}", null)',
      'headers',
      (c: Connector) => c.handleWebhook('voso', '{}', null as never),
    ],
  ])('%s is a ValidationError naming %s', async (_name, argument, run) => {
    const c = connector();
    const error = await failure(() => run(c));
    expect(error).not.toBeInstanceOf(InternalError);
    expectArgumentError(error, argument);
    await c.close();
  });
});
