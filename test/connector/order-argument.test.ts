/**
 * #18: the order given to connector.fulfil and connector.cancelOrder with a field an order does not have
 * (`externalID`, `staus`, `buyer.phon`) was let through — the misspelt key dropped without a word. Each
 * unknown field is refused naming its path and the nearest field, as a product's are; nothing is sent.
 * An order of the model (as getOrder and pullOrders return it, with its account) still passes.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, type Connector, type Order, ValidationError } from '../../src/index.js';
import { failure } from '../core/helpers/failure.js';
import { sandboxTraffic as trafficOf, useSandboxConnector } from '../support/connector.js';
import type { Platforms } from '../sync/helpers.js';

let platforms: Platforms;
let connector: Connector;
useSandboxConnector((made) => {
  ({ platforms, connector } = made);
});

const requests = () => trafficOf(platforms).requests;

describe('connector.cancelOrder and fulfil: an order with a field an order does not have', () => {
  it('cancelOrder({ externalID }) names order.externalID with the nearest, and the missing externalId', async () => {
    const account = platforms.adapters[0]!.account;
    const before = requests();
    const error = await failure(() =>
      connector.cancelOrder({ platform: 'voso', account, externalID: 'VS-1' } as never, 'OUT_OF_STOCK'),
    );
    expect(error).toBeInstanceOf(ValidationError);
    const { messageVi, messageEn, issues } = error as ValidationError;
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['order.externalID', 'unknown_field'],
      ['order', 'invalid_argument'],
    ]);
    expect(messageEn).toContain(
      'order.externalID: no such field in an order (did you mean "order.externalId"?)',
    );
    expect(messageVi).toContain(
      'order.externalID: không có trường này trong đơn hàng (có phải "order.externalId"?)',
    );
    expect(messageEn).toContain('order: must be an order (with platform, externalId)');
    expect(requests()).toBe(before);
  });

  it('cancelOrder with a misspelt extra field (staus) is refused naming it, nothing cancelled', async () => {
    const account = platforms.adapters[0]!.account;
    const error = await failure(() =>
      connector.cancelOrder(
        { platform: 'voso', account, externalId: 'VS-1', staus: 'CANCELLED' } as never,
        'OUT_OF_STOCK',
      ),
    );
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: 'order.staus', value: 'CANCELLED', code: 'unknown_field' }),
    ]);
    expect((error as ValidationError).messageEn).toContain('(did you mean "order.status"?)');
    expect(platforms.vosoSandbox.stats.requests.cancelOrder ?? 0).toBe(0);
  });

  it.each([
    'constructor',
    'toString',
    'hasOwnProperty',
  ])('cancelOrder with an extra field %s (an Object.prototype name) is refused naming it', async (name) => {
    const account = platforms.adapters[0]!.account;
    const error = await failure(() =>
      connector.cancelOrder(
        { platform: 'voso', account, externalId: 'VS-1', [name]: 1 } as never,
        'OUT_OF_STOCK',
      ),
    );
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: `order.${name}`, value: 1, code: 'unknown_field' }),
    ]);
    expect(platforms.vosoSandbox.stats.requests.cancelOrder ?? 0).toBe(0);
  });

  it('fulfil: an order of the model passes the check; a nested misspelt field is named', async () => {
    // An order of the model's shape (what getOrder and pullOrders return, with the connector's account).
    const order: Order = {
      platform: 'voso',
      account: platforms.adapters[0]!.account,
      externalId: 'VS-1',
      status: 'READY_TO_SHIP',
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
      buyer: { name: 'Nguyễn Văn A', phone: '0987654321' },
      shippingAddress: { ward: 'Phường 1', province: 'Quảng Trị' },
      lines: [{ sku: 'X-1', name: 'Mật ong', quantity: 1, unitPriceVnd: 150_000 }],
      payment: {
        method: 'cod',
        subtotalVnd: 150_000,
        shippingFeeVnd: 0,
        discountVnd: 0,
        totalVnd: 150_000,
        codAmountVnd: 150_000,
      },
      externalIds: { voso: 'VS-1' },
    };
    const before = requests();
    // Known fields only: refused for what is missing (no carrier), not for its fields.
    const known = await failure(() => connector.fulfil(order));
    expect(known).toBeInstanceOf(ConfigurationError);

    const misspelt = { ...order, buyer: { ...order.buyer, phon: '0987654321' }, shippingAdress: {} };
    const error = await failure(() => connector.fulfil(misspelt as never));
    expect(error).toBeInstanceOf(ValidationError);
    const { messageVi, messageEn, issues } = error as ValidationError;
    expect(issues.map((i) => i.path)).toEqual(['order.buyer.phon', 'order.shippingAdress']);
    expect(messageEn).toContain(
      'order.buyer.phon: no such field in an order (did you mean "order.buyer.phone"?)',
    );
    expect(messageEn).toContain(
      'order.shippingAdress: no such field in an order (did you mean "order.shippingAddress"?)',
    );
    expect(messageVi).toContain(
      'order.buyer.phon: không có trường này trong đơn hàng (có phải "order.buyer.phone"?)',
    );
    expect(requests()).toBe(before);
  });
});
