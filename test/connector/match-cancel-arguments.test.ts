/**
 * #18 trial 5 (items 6, 11): connector.matchListings with no catalog (or null, 5, {}, {x:1}, '') was an
 * InternalError "input.catalog is not iterable" — or, for '', accepted: every listing downloaded and
 * matched against nothing; connector.cancelOrder with a reason typed in Vietnamese was "Dữ liệu không hợp
 * lệ (Unknown cancel reason …)". Both are refused before anything is read or sent, with a ValidationError
 * naming the argument in both languages; the cancel reason lists the known ones and the nearest.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, type Connector, ValidationError } from '../../src/index.js';
import { failure } from '../core/helpers/failure.js';
import { sandboxTraffic as trafficOf, useSandboxConnector } from '../support/connector.js';
import { makeJpeg, makeProduct, type Platforms } from '../sync/helpers.js';

let platforms: Platforms;
let connector: Connector;
useSandboxConnector((made) => {
  ({ platforms, connector } = made);
});

const requests = () => trafficOf(platforms).requests;

describe('connector.matchListings(catalog)', () => {
  it.each([
    ['nothing', undefined],
    ['null', null],
    ['5', 5],
    ['{}', {}],
    ['{ x: 1 }', { x: 1 }],
    ["''", ''],
    ['a text', 'catalog.csv'],
  ])('%s is refused as the catalog, naming it; nothing is read from the shops', async (_, catalog) => {
    const before = requests();
    const error = await failure(() => connector.matchListings(catalog as never));
    expect(error).toBeInstanceOf(ValidationError);
    const { messageVi, messageEn } = error as ValidationError;
    expect(messageVi).toContain('catalog: phải là một mảng (hoặc iterable) các sản phẩm');
    expect(messageEn).toContain('catalog: must be an array (or iterable) of products');
    expect(messageVi).not.toMatch(/internal|nội bộ|TypeError/);
    expect(requests()).toBe(before);
  });

  it('a bad product ([{}], [5, null]) is refused naming its index and fields; nothing is read from the shops', async () => {
    const empty = await failure(() => connector.matchListings([{}] as never));
    expect(empty).toBeInstanceOf(ValidationError);
    const { messageVi, messageEn, issues } = empty as ValidationError;
    expect(messageEn).toContain(
      'matchListings: the catalog has 1 invalid product (catalog[0]), nothing was read from the shops',
    );
    expect(messageVi).toContain(
      'matchListings: danh mục có 1 sản phẩm không hợp lệ (catalog[0]), chưa đọc gì từ các sàn',
    );
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['catalog[0].sku', 'catalog[0].name']));
    expect(messageEn).toContain('catalog[0].sku: Required value is missing');
    expect(messageVi).toContain('catalog[0].sku: Thiếu thông tin bắt buộc');

    const shapes = await failure(() => connector.matchListings([5, null] as never));
    expect((shapes as ValidationError).issues.map((i) => [i.path, i.messageEn])).toEqual([
      ['catalog[0]', 'catalog[0]: Must be an object (got number 5)'],
      ['catalog[1]', 'catalog[1]: Must be an object (got null)'],
    ]);
    // Not one request: the shops are read only once every product is valid.
    expect(requests()).toBe(0);
    expect(platforms.vosoSandbox.stats.requests).toEqual({});
    expect(platforms.postmartSandbox.stats.requests).toEqual({});
  });

  it('an array of products is still matched', async () => {
    const result = await connector.matchListings([]);
    expect(result).toBeDefined();
  });
});

describe('connector.cancelOrder(order, reason)', () => {
  const order = { platform: 'voso', account: 'htx-demo', externalId: 'VS-1' };

  it('a reason typed in Vietnamese: complete Vietnamese, the known reasons, the nearest; nothing sent', async () => {
    const before = requests();
    const error = await failure(() => connector.cancelOrder(order, 'khong co hang' as never));
    expect(error).toBeInstanceOf(ValidationError);
    const { messageVi, messageEn, issues } = error as ValidationError;
    expect(messageVi).toContain(
      'reason: "khong co hang" không phải là lý do hủy; dùng OUT_OF_STOCK (hết hàng), BUYER_REQUEST (người mua yêu cầu hủy), WRONG_PRICE (sai giá), CANNOT_SHIP (không giao được), hoặc { code: "OTHER", note: "…" } — có phải "OUT_OF_STOCK"?',
    );
    expect(messageEn).toContain(
      'reason: "khong co hang" is not a cancel reason; use OUT_OF_STOCK (out of stock)',
    );
    expect(messageEn).toContain('did you mean "OUT_OF_STOCK"?');
    expect(messageVi).not.toMatch(/Unknown|cancel reason|must be/);
    expect(issues[0]).toMatchObject({ path: 'reason', code: 'order.cancel_reason' });
    expect(requests()).toBe(before);
  });

  it.each([
    ['out_of_stok', 'OUT_OF_STOCK'],
    ['BUYER_REQEST', 'BUYER_REQUEST'],
    ['hết hàng', 'OUT_OF_STOCK'],
  ])('%s → did you mean %s', async (reason, near) => {
    const error = await failure(() => connector.cancelOrder(order, reason as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).messageVi).toContain(`có phải "${near}"?`);
  });

  it('a code in another case is the code: the order is cancelled with it on the marketplace', async () => {
    await connector.publish([makeProduct(1, [await makeJpeg(1)], { sku: 'CASE-1', stock: 10 })], {
      to: ['voso'],
    });
    const placed = platforms.vosoSandbox.buyers.placeOrder({ sku: 'CASE-1' });
    if (!placed.ok) throw new Error(placed.reason);
    const key = { platform: 'voso', account: platforms.adapters[0]!.account, externalId: placed.order.id };
    const cancelled = await connector.cancelOrder(key, 'buyer_request' as never);
    expect(cancelled.status).toBe('CANCELLED');
    expect(platforms.vosoSandbox.state.order(placed.order.id)).toMatchObject({
      status: 'CANCELLED',
      cancelReasonCode: 'BUYER_REQUEST',
    });
  });

  it("resolveOversells takes the reason as cancelOrder does: 'wrong_price' is WRONG_PRICE, 'wrong_prise' refused", async () => {
    await expect(connector.resolveOversells({ reason: 'wrong_price' } as never)).resolves.toBeDefined();
    const error = await failure(() => connector.resolveOversells({ reason: 'wrong_prise' } as never));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).messageEn).toContain('reason: must be a cancel reason');
  });

  it.each([
    ['nothing', undefined],
    ['5', 5],
  ])('%s is refused, naming reason, before anything is sent', async (_, reason) => {
    const before = requests();
    const error = await failure(() => connector.cancelOrder(order, reason as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).messageVi).toContain('reason: ');
    expect((error as ValidationError).messageVi).toContain('không phải là lý do hủy');
    expect(requests()).toBe(before);
  });
});
