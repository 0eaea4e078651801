/**
 * #16 re-trial item 2: fulfil's `service` option with a carrier policy. An explicit service code wins
 * (it is the service created), one of another carrier than the policy's is refused, an unknown code is a
 * bilingual ValidationError with a did-you-mean, a lower-case code is that service. Nothing is created at
 * either carrier when refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { ValidationError } from '../../src/core/errors.js';
import type { Order } from '../../src/model/order.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import {
  startViettelPostSandbox,
  startVnpostSandbox,
  type ViettelPostSandbox,
  type VnpostSandbox,
} from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import type { CarrierPolicy } from '../../src/sync/fulfil/carrier-choice.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vtp: ViettelPostSandbox;
let vnp: VnpostSandbox;
let store: MemoryStore;
let connector: Connector;

function connect(policy: CarrierPolicy): Connector {
  return createConnector({
    marketplaces: platforms.adapters,
    carriers: [
      viettelpost({
        baseUrl: vtp.url,
        credentials: vtp.memberCredentials,
        retry: { initialDelayMs: 5 },
        store,
      }),
      vnpost({ baseUrl: vnp.url, credentials: vnp.credentials, retry: { initialDelayMs: 5 }, store }),
    ],
    carrierPolicy: policy,
    store,
    categories: CATEGORIES,
    sender: SENDER_2025,
  });
}

beforeEach(async () => {
  platforms = await startPlatforms({ rps: 100 });
  [vtp, vnp] = await Promise.all([startViettelPostSandbox({ stepMs: 0 }), startVnpostSandbox({ stepMs: 0 })]);
  store = createMemoryStore();
  connector = connect({ byMarketplace: { postmart: 'vnpost', voso: 'viettelpost' } });
  await connector.publish([
    makeProduct(1, [await makeJpeg(1)], { sku: 'MAT-ONG-500', weightGrams: 700, stock: 20 }),
  ]);
});
afterEach(async () => {
  await connector.close();
  await Promise.all([platforms.close(), vtp.close(), vnp.close()]);
});

async function postmartOrder(): Promise<Order> {
  const placed = platforms.postmartSandbox.buyers.placeOrder({ sku: 'MAT-ONG-500', quantity: 1 });
  if (!placed.ok) throw new Error(placed.reason);
  return platforms.adapters[1]!.getOrder(placed.order.id);
}

const nothingCreated = () => {
  expect(vnp.state.requestCount('createOrder')).toBe(0);
  expect(vtp.state.requestCount('createOrder')).toBe(0);
};

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe("fulfil's service option under a carrier policy", () => {
  it('an explicit service code of the policy carrier is the one created (not the cheapest)', async () => {
    const order = await postmartOrder();
    const shipped = await connector.fulfil(order, { service: { serviceCode: 'ETN031' } });
    expect(shipped).toMatchObject({
      outcome: 'shipped',
      carrier: 'vnpost',
      quote: { serviceCode: 'ETN031' },
    });
    expect(vnp.state.ordersByReference(shipped.reference).map((o) => o.serviceCode)).toEqual(['ETN031']);
    expect((await store.getShipment(shipped.reference))?.carrierService).toBe('ETN031');
  });

  it('a service given on a later call wins over the service the policy recorded on an earlier one', async () => {
    const order = await postmartOrder();
    // The first call records the policy's choice (cheapest VNPost service), then stops before any create.
    const stopped = await connector.fulfil(order, { confirm: false }).catch((e: unknown) => e);
    expect((stopped as Error).message).toMatch(/confirm/);
    const reference = `postmart-${platforms.adapters[1]!.account}-${order.externalId}`;
    const recorded = (await store.getShipment(reference))?.carrierService;
    expect(recorded).toBeDefined();
    expect(recorded).not.toBe('ETN011');
    const shipped = await connector.fulfil(order, { service: { serviceCode: 'ETN011' } });
    expect(shipped).toMatchObject({ carrier: 'vnpost', quote: { serviceCode: 'ETN011' } });
    expect(vnp.state.ordersByReference(reference).map((o) => o.serviceCode)).toEqual(['ETN011']);
    const record = await store.getShipment(reference);
    expect(record?.carrierService).toBe('ETN011');
    expect(record?.carrierChoice).toMatch(/service ETN011 as fulfil's service option asked/);
  });

  it('"cheapest" across carriers with a VNPost service code ships that VNPost service', async () => {
    const order = await postmartOrder();
    const shipped = await connector.fulfil(order, {
      carrierPolicy: 'cheapest',
      service: { serviceCode: 'ETN011' },
    });
    expect(shipped).toMatchObject({ carrier: 'vnpost', quote: { serviceCode: 'ETN011' } });
    expect(vnp.state.ordersByReference(shipped.reference).map((o) => o.serviceCode)).toEqual(['ETN011']);
    expect(vtp.state.requestCount('createOrder')).toBe(0);
  });

  it('a ViettelPost service for an order the policy ships with VNPost is refused, naming both', async () => {
    const order = await postmartOrder();
    const error = await refusal(connector.fulfil(order, { service: { serviceCode: 'VCN' } }));
    expect(error.issues[0]).toMatchObject({
      code: 'shipment.service_other_carrier',
      path: 'service.serviceCode',
      value: 'VCN',
    });
    expect(error.issues[0]!.messageEn).toMatch(/VCN is a viettelpost service.*ships this order with vnpost/);
    expect(error.issues[0]!.messageVi).toMatch(/dịch vụ VCN là của viettelpost/);
    nothingCreated();
  });

  // #16 trial 5 item 3: one rule with the CLI — service codes are normalised (trimmed, upper case); this
  // test used to expect a lower-case code refused with an "upper case" hint.
  it('a lower-case code with spaces is that service: " etn031 " ships ETN031', async () => {
    const order = await postmartOrder();
    const shipped = await connector.fulfil(order, { service: { serviceCode: ' etn031 ' } });
    expect(shipped).toMatchObject({ carrier: 'vnpost', quote: { serviceCode: 'ETN031' } });
    expect(vnp.state.ordersByReference(shipped.reference).map((o) => o.serviceCode)).toEqual(['ETN031']);
  });

  it('a typo is a bilingual ValidationError with a did-you-mean', async () => {
    const order = await postmartOrder();
    const typo = await refusal(connector.fulfil(order, { service: { serviceCode: 'ETN31' } }));
    expect(typo.issues[0]).toMatchObject({ code: 'shipment.unknown_service', value: 'ETN31' });
    expect(typo.issues[0]!.messageEn).toMatch(
      /vnpost quoted no service "ETN31".*quoted: .*CTN007.*did you mean "ETN031"\?/,
    );
    expect(typo.issues[0]!.messageVi).toMatch(/không báo giá dịch vụ "ETN31".*có phải "ETN031"\?/);
    nothingCreated();
    // Without a policy (one carrier) the same check applies.
    const single = createConnector({
      marketplaces: platforms.adapters,
      carrier: vnpost({
        baseUrl: vnp.url,
        credentials: vnp.credentials,
        retry: { initialDelayMs: 5 },
        store,
      }),
      store,
      sender: SENDER_2025,
    });
    try {
      const alone = await refusal(single.fulfil(order, { service: { serviceCode: 'ETN31' } }));
      expect(alone.issues[0]!.messageEn).toMatch(/did you mean "ETN031"\?/);
      nothingCreated();
    } finally {
      await single.close();
    }
  });
});
