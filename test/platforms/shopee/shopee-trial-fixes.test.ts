import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, ContractViolationError, ValidationError } from '../../../src/core/errors.js';
import type { ProfileMarketplaceAdapter } from '../../../src/platforms/marketplace/index.js';
import { type ShopeeOptions, shopee } from '../../../src/platforms/shopee/index.js';
import { type ShopeeSandbox, shopeePushSignature, startShopeeSandbox } from '../../../src/sandbox/index.js';
import { honeyProduct, jpegUpload } from '../../contract/fixtures.js';

/** Defects an independent trial of the Shopee adapter found (issue #15), each asserted by behaviour. */
const fastRetry = { initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 2000 };
const DAY = 86_400_000;

describe('shopee adapter: trial findings', () => {
  let sandbox: ShopeeSandbox;
  const adapters: ProfileMarketplaceAdapter[] = [];
  const make = (extra: Partial<ShopeeOptions> = {}) => {
    const adapter = shopee({
      credentials: sandbox.credentials,
      baseUrl: sandbox.baseUrl,
      retry: fastRetry,
      ...extra,
    });
    adapters.push(adapter);
    return adapter;
  };
  const publish = async (adapter: ProfileMarketplaceAdapter, prefix: string) => {
    const product = honeyProduct(prefix);
    const image = await adapter.uploadImage(await jpegUpload());
    const draft = {
      product,
      categoryId: '100001',
      attributes: adapter.resolveAttributes(product, { categoryId: '100001' }),
      imageIds: [image.imageId],
    };
    return { draft, created: await adapter.createListing(draft) };
  };

  beforeEach(async () => {
    sandbox = await startShopeeSandbox();
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((a) => a.close()));
    await sandbox.close();
  });

  describe('setStock / setPrice input errors name the field and the reason, in Vietnamese and English', () => {
    const refusal = async (call: Promise<unknown>) => {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues;
    };

    it('a wrong value field, a missing SKU and a text quantity are refused before anything is sent', async () => {
      const adapter = make();
      await publish(adapter, 'SI');
      sandbox.resetStats();
      const issues = await refusal(
        adapter.setStock([
          { sku: 'SI-MO-250', stock: 5 },
          { quantity: 3 },
          { sku: 'SI-MO-500', quantity: '7' },
        ] as never),
      );
      expect(issues.map((i) => [i.path, i.code])).toEqual([
        ['updates[0].quantity', 'bulk.value_missing'],
        ['updates[0].stock', 'bulk.unknown_field'],
        ['updates[1].sku', 'bulk.sku_missing'],
        ['updates[2].quantity', 'bulk.value_not_a_number'],
      ]);
      expect(issues[0]!.messageEn).toContain('fields given: stock');
      expect(issues[0]!.messageVi).toContain('Thiếu số lượng tồn kho');
      expect(issues[0]!.sku).toBe('SI-MO-250');
      // Nothing reached Shopee, and the stock is what the listing was created with.
      expect(sandbox.stats.requests.updateStock ?? 0).toBe(0);
      expect(sandbox.state.stockOf('SI-MO-250')).toBe(60);
    });

    it('the same SKU twice is refused naming the SKU, nothing sent (#15 trial item 4)', async () => {
      const adapter = make();
      await publish(adapter, 'SD');
      sandbox.resetStats();
      const issues = await refusal(
        adapter.setStock([
          { sku: 'SD-MO-250', quantity: 7 },
          { sku: 'SD-MO-500', quantity: 8 },
          { sku: 'SD-MO-250', quantity: 9 },
        ]),
      );
      expect(issues.map((i) => [i.path, i.code, i.sku])).toEqual([
        ['updates[2].sku', 'bulk.sku_duplicate', 'SD-MO-250'],
      ]);
      expect(issues[0]!.messageEn).toContain('SD-MO-250');
      expect(issues[0]!.messageVi).toContain('trùng');
      const priceIssues = await refusal(
        adapter.setPrice([
          { sku: 'SD-MO-500', priceVnd: 200_000 },
          { sku: 'SD-MO-500', priceVnd: 210_000 },
        ]),
      );
      expect(priceIssues[0]).toMatchObject({
        path: 'updates[1].sku',
        code: 'bulk.sku_duplicate',
        sku: 'SD-MO-500',
      });
      // Nothing reached Shopee: stock and price are what the listing was created with.
      expect(sandbox.stats.requests.updateStock ?? 0).toBe(0);
      expect(sandbox.stats.requests.updatePrice ?? 0).toBe(0);
      expect(sandbox.state.stockOf('SD-MO-250')).toBe(60);
    });

    it('an update that is not a list is a ValidationError, not a TypeError', async () => {
      const issues = await refusal(make().setStock({ sku: 'X', quantity: 1 } as never));
      expect(issues[0]).toMatchObject({ path: 'updates', code: 'bulk.not_a_list' });
      const priceIssues = await refusal(make().setPrice([{ sku: 'X', price: 1000 }] as never));
      expect(priceIssues[0]).toMatchObject({ path: 'updates[0].priceVnd', code: 'bulk.value_missing' });
    });

    it('an out-of-range value stays a per-SKU result whose message names the field and the range in both languages', async () => {
      const adapter = make();
      await publish(adapter, 'SR');
      const results = await adapter.setStock([
        { sku: 'SR-MO-250', quantity: -1 },
        { sku: 'SR-MO-500', quantity: 9 },
      ]);
      expect(results[0]).toMatchObject({ sku: 'SR-MO-250', ok: false, code: 'INVALID_VALUE' });
      const message = (results[0] as { message: string }).message;
      expect(message).toContain('quantity -1');
      expect(message).toContain('số nguyên từ 0 đến 999999');
      expect(message).toContain('whole number from 0 to 999999');
      expect(results[1]).toEqual({ sku: 'SR-MO-500', ok: true });
      const [unknown] = await adapter.setStock([{ sku: 'SR-NONE', quantity: 1 }]);
      expect(unknown).toMatchObject({ sku: 'SR-NONE', ok: false, code: 'SKU_NOT_FOUND' });
      expect((unknown as { message: string }).message).toMatch(
        /^sku SR-NONE: shopee không có tin đăng nào mang SKU này \/ shopee has no listing with this SKU$/,
      );
      expect(sandbox.state.stockOf('SR-MO-500')).toBe(9);
    });
  });

  describe('order paging overrides are honoured or refused, never silently ignored', () => {
    const read = async (adapter: ProfileMarketplaceAdapter, checkpoints: unknown[] = []) => {
      const now = Date.now();
      const window = { from: new Date(now - 2 * DAY), to: new Date(now + 60_000) };
      const ids: string[] = [];
      const error = await (async () => {
        for await (const order of adapter.listOrders(window, {
          onCheckpoint: (c) => void checkpoints.push(c),
        }))
          ids.push(order.externalId);
      })().then(
        () => undefined,
        (e: unknown) => e,
      );
      return { ids, error };
    };
    const placeOrders = async (prefix: string, count: number) => {
      await publish(make(), prefix);
      for (let i = 0; i < count; i++)
        expect(sandbox.buyers.placeOrder({ sku: `${prefix}-MO-250` }).ok).toBe(true);
    };

    it('the page size of an override is used', async () => {
      await placeOrders('PS', 5);
      sandbox.resetStats();
      const { ids, error } = await read(make({ profile: { pagination: { orders: { pageSize: 2 } } } }));
      expect(error).toBeUndefined();
      expect(ids).toHaveLength(5);
      // 5 orders by 2: three list calls.
      expect(sandbox.stats.requests.listOrders).toBe(3);
    });

    it.each([
      ['itemsPath', { itemsPath: 'orders' }, '"orders"'],
      ['nextCursorPath', { nextCursorPath: 'cursor_next' }, '"cursor_next"'],
      ['hasMorePath', { hasMorePath: 'has_more' }, '"has_more"'],
    ])('a mistyped %s is a ContractViolationError naming it, and no checkpoint moves', async (_name, orders, named) => {
      await placeOrders('PT', 3);
      const checkpoints: unknown[] = [];
      const { ids, error } = await read(make({ profile: { pagination: { orders } } }), checkpoints);
      expect(error).toBeInstanceOf(ContractViolationError);
      expect((error as Error).message).toContain(named);
      expect(ids).toEqual([]);
      expect(checkpoints).toEqual([]);
    });

    it('a paging style or body the hooks do not implement is refused at construction', () => {
      const problems = (profile: Record<string, unknown>) => {
        try {
          make({ profile } as Partial<ShopeeOptions>);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigurationError);
          return (error as ConfigurationError).problems;
        }
        throw new Error('accepted');
      };
      expect(
        problems({
          pagination: {
            orders: {
              style: 'page',
              pageParam: 'page',
              sizeParam: 'page_size',
              pageSize: 20,
              itemsPath: 'order_list',
            },
          },
        }),
      ).toEqual([expect.stringContaining('pagination.orders.style')]);
      expect(problems({ pagination: { orders: { repeatFilters: false } } })).toEqual([
        expect.stringContaining('pagination.orders.repeatFilters'),
      ]);
      expect(problems({ fields: { bulk: { items: 'stocks' } } })).toEqual([
        expect.stringContaining('fields.bulk'),
      ]);
      expect(problems({ fields: { variant: { sku: 'sku' } } })).toEqual([
        expect.stringContaining('fields.variant'),
      ]);
    });
  });

  describe('cancel reasons', () => {
    const cancellable = async (prefix: string, count: number) => {
      await publish(make(), prefix);
      return Array.from({ length: count }, () => {
        const placed = sandbox.buyers.placeOrder({ sku: `${prefix}-MO-250` });
        if (!placed.ok) throw new Error(`order not placed: ${placed.reason}`);
        return placed.order.id;
      });
    };

    it('each canonical reason reaches Shopee as its own cancel reason', async () => {
      const [a, b, c] = await cancellable('CR', 3);
      const adapter = make();
      await adapter.cancelOrder(a!, 'OUT_OF_STOCK');
      await adapter.cancelOrder(b!, { code: 'BUYER_REQUEST', note: 'Khách đổi ý' });
      const cancelled = await adapter.cancelOrder(c!, 'CANNOT_SHIP');
      expect(cancelled.status).toBe('CANCELLED');
      // The sandbox keeps the reason code Shopee received.
      expect([a, b, c].map((id) => sandbox.state.order(id!)!.cancelReason)).toEqual([
        'OUT_OF_STOCK',
        'CUSTOMER_REQUEST',
        'UNDELIVERABLE_AREA',
      ]);
    });

    it('a shop patches CANNOT_SHIP to COD_NOT_SUPPORTED; a value Shopee does not know is refused at construction', async () => {
      const [id] = await cancellable('CC', 1);
      const adapter = make({ profile: { codes: { cancelReasons: { cannot_ship: 'COD_NOT_SUPPORTED' } } } });
      await adapter.cancelOrder(id!, 'CANNOT_SHIP');
      expect(sandbox.state.order(id!)!.cancelReason).toBe('COD_NOT_SUPPORTED');
      expect(() => make({ profile: { codes: { cancelReasons: { wrong_price: 'WRONG_PRICE' } } } })).toThrow(
        /codes\.cancelReasons\.wrong_price: "WRONG_PRICE" is not a Shopee cancel reason/,
      );
    });

    it('WRONG_PRICE and OTHER have no Shopee reason: refused in both languages, nothing sent', async () => {
      const [id] = await cancellable('CW', 1);
      const adapter = make();
      sandbox.resetStats();
      for (const reason of ['WRONG_PRICE', { code: 'OTHER', note: 'Hết hàng tạm thời' }] as const) {
        const error = await adapter.cancelOrder(id!, reason).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        const [issue] = (error as ValidationError).issues;
        expect(issue).toMatchObject({ path: 'reason', code: 'order.cancel_reason_unsupported' });
        expect(issue!.messageVi).toContain('không có lý do hủy');
        expect(issue!.messageEn).toContain('OUT_OF_STOCK, BUYER_REQUEST, CANNOT_SHIP');
      }
      expect(sandbox.stats.requests.cancelOrder ?? 0).toBe(0);
      expect(sandbox.state.order(id!)!.status).not.toBe('CANCELLED');
    });
  });

  describe('push notifications for another shop of the same partner app', () => {
    const push = (shopId: number | undefined) =>
      JSON.stringify({
        ...(shopId !== undefined ? { shop_id: shopId } : {}),
        code: 3,
        timestamp: Math.floor(Date.now() / 1000),
        data: { ordersn: '2612020000009', status: 'READY_TO_SHIP', update_time: 1 },
      });
    const url = 'https://htx.example.vn/shopee/push';
    const signed = (body: string) => ({
      authorization: shopeePushSignature(sandbox.credentials.partnerKey, url, body),
    });

    it("are refused by verifyWebhook and parseWebhook; this shop's pushes pass", () => {
      const adapter = make({ webhookUrl: url });
      const ours = push(Number(sandbox.credentials.shopId));
      expect(adapter.verifyWebhook(ours, signed(ours))).toBe(true);
      expect(adapter.parseWebhook(ours)).toMatchObject({ type: 'order.updated', orderId: '2612020000009' });

      // Correctly signed with the shared partner key, but for shop 990022.
      const theirs = push(990022);
      expect(adapter.verifyWebhook(theirs, signed(theirs))).toBe(false);
      const error = (() => {
        try {
          adapter.parseWebhook(theirs);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]).toMatchObject({
        path: 'shop_id',
        value: '990022',
        code: 'webhook.foreign_shop',
      });
      expect((error as ValidationError).issues[0]!.messageVi).toContain('không phải cửa hàng 880011');

      const anonymous = push(undefined);
      expect(adapter.verifyWebhook(anonymous, signed(anonymous))).toBe(false);
    });

    it('the adapter of the other shop accepts it (a multi-shop receiver routes by verifyWebhook)', () => {
      const other = make({
        webhookUrl: url,
        credentials: { ...sandbox.credentials, shopId: 990022 },
      });
      const theirs = push(990022);
      expect(other.verifyWebhook(theirs, signed(theirs))).toBe(true);
      expect(other.parseWebhook(theirs)).toMatchObject({ orderId: '2612020000009' });
    });
  });

  describe('variants added to an existing listing', () => {
    const withVariants = (draft: Awaited<ReturnType<typeof publish>>['draft'], variants: unknown[]) => ({
      ...draft,
      product: honeyProduct(draft.product.sku.replace(/-MO$/, ''), { variants } as never),
    });
    const v = (
      prefix: string,
      options: Record<string, string>,
      sku: string,
      priceVnd: number,
      stock: number,
    ) => ({
      sku: `${prefix}-MO-${sku}`,
      options,
      priceVnd,
      stock,
      weightGrams: 700,
    });

    it('a new option and model go through update_tier_variation and add_model; existing models keep id and stock', async () => {
      const adapter = make();
      const { draft, created } = await publish(adapter, 'AV');
      const before = sandbox.state.listingBySku('AV-MO')!;
      // Sold meanwhile: the update must not reset the stock of existing models.
      sandbox.state.setStock('AV-MO-250', 41);
      const grown = withVariants(draft, [
        v('AV', { 'Dung tích': '250ml' }, '250', 150_000, 60),
        v('AV', { 'Dung tích': '500ml' }, '500', 280_000, 50),
        v('AV', { 'Dung tích': '1000ml' }, '1000', 520_000, 20),
      ]);
      const updated = await adapter.updateListing(created.remoteId, grown);
      expect(sandbox.stats.requests.updateTierVariation).toBe(1);
      expect(sandbox.stats.requests.addModel).toBe(1);
      const held = sandbox.state.listingBySku('AV-MO')!;
      expect(held.tiers).toEqual([{ name: 'Dung tích', options: ['250ml', '500ml', '1000ml'] }]);
      expect(held.variants.map((x) => [x.sku, x.tierIndex, x.priceVnd, x.stock])).toEqual([
        ['AV-MO-250', [0], 150_000, 41],
        ['AV-MO-500', [1], 280_000, 50],
        ['AV-MO-1000', [2], 520_000, 20],
      ]);
      expect(held.variants.slice(0, 2).map((x) => x.id)).toEqual(before.variants.map((x) => x.id));
      expect(updated.variants.map((x) => x.sku)).toEqual(['AV-MO-250', 'AV-MO-500', 'AV-MO-1000']);
      // Stock and price of the new model are addressable at once.
      expect(await adapter.setStock([{ sku: 'AV-MO-1000', quantity: 7 }])).toEqual([
        { sku: 'AV-MO-1000', ok: true },
      ]);
      expect(sandbox.state.stockOf('AV-MO-1000')).toBe(7);
      // The same update again changes nothing and sends no variation call.
      sandbox.resetStats();
      await adapter.updateListing(created.remoteId, grown);
      expect(sandbox.stats.requests.updateTierVariation ?? 0).toBe(0);
      expect(sandbox.stats.requests.addModel ?? 0).toBe(0);
      expect(sandbox.state.listingBySku('AV-MO')!.variants).toHaveLength(3);
    });

    it('an option the product renames is renamed in place; no model is added or moved', async () => {
      const adapter = make();
      const { draft, created } = await publish(adapter, 'AR');
      const ids = sandbox.state.listingBySku('AR-MO')!.variants.map((x) => x.id);
      await adapter.updateListing(
        created.remoteId,
        withVariants(draft, [
          v('AR', { 'Dung tích': 'Chai 250ml' }, '250', 150_000, 60),
          v('AR', { 'Dung tích': '500ml' }, '500', 280_000, 50),
        ]),
      );
      expect(sandbox.stats.requests.updateTierVariation).toBe(1);
      expect(sandbox.stats.requests.addModel ?? 0).toBe(0);
      const held = sandbox.state.listingBySku('AR-MO')!;
      expect(held.tiers).toEqual([{ name: 'Dung tích', options: ['Chai 250ml', '500ml'] }]);
      expect(held.variants.map((x) => [x.id, x.tierIndex])).toEqual([
        [ids[0], [0]],
        [ids[1], [1]],
      ]);
    });

    it('a lost add_model answer is recovered by reading the models, never sent twice', async () => {
      const adapter = make();
      const { draft, created } = await publish(adapter, 'AL');
      sandbox.setFaults({ dropAfterCommit: { addModel: 1 } });
      const updated = await adapter.updateListing(
        created.remoteId,
        withVariants(draft, [
          v('AL', { 'Dung tích': '250ml' }, '250', 150_000, 60),
          v('AL', { 'Dung tích': '500ml' }, '500', 280_000, 50),
          v('AL', { 'Dung tích': '1000ml' }, '1000', 520_000, 20),
        ]),
      );
      expect(sandbox.stats.droppedConnections).toBe(1);
      expect(sandbox.stats.requests.addModel).toBe(1);
      expect(updated.variants).toHaveLength(3);
    });

    it('an item first listed without variants gets them with init_tier_variation', async () => {
      const adapter = make();
      const single = honeyProduct('AS', {
        variants: [],
        priceVnd: 150_000,
        stock: 9,
        weightGrams: 400,
      } as never);
      const image = await adapter.uploadImage(await jpegUpload());
      const draft = {
        product: single,
        categoryId: '100001',
        attributes: adapter.resolveAttributes(single, { categoryId: '100001' }),
        imageIds: [image.imageId],
      };
      const created = await adapter.createListing(draft);
      expect(sandbox.state.listingBySku('AS-MO')!.tiers).toEqual([]);
      const updated = await adapter.updateListing(
        created.remoteId,
        withVariants(draft, [
          v('AS', { 'Dung tích': '250ml' }, '250', 150_000, 5),
          v('AS', { 'Dung tích': '500ml' }, '500', 280_000, 6),
        ]),
      );
      expect(sandbox.stats.requests.initTierVariation).toBe(1);
      expect(updated.variants.map((x) => x.sku)).toEqual(['AS-MO-250', 'AS-MO-500']);
    });

    it('a second tier or a removed variant is refused before anything is sent', async () => {
      const adapter = make();
      const { draft, created } = await publish(adapter, 'AX');
      sandbox.resetStats();
      const twoTiers = withVariants(draft, [
        v('AX', { 'Dung tích': '250ml', Loại: 'Hũ' }, '250', 150_000, 60),
        v('AX', { 'Dung tích': '500ml', Loại: 'Hũ' }, '500', 280_000, 50),
      ]);
      const refused = await adapter.updateListing(created.remoteId, twoTiers).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).issues[0]!.messageEn).toContain(
        'cannot change the variation tiers of a listed item (Dung tích → Dung tích × Loại)',
      );
      const removed = await adapter
        .updateListing(
          created.remoteId,
          withVariants(draft, [v('AX', { 'Dung tích': '250ml' }, '250', 150_000, 60)]),
        )
        .catch((e: unknown) => e);
      expect(removed).toBeInstanceOf(ValidationError);
      expect((removed as ValidationError).issues[0]).toMatchObject({ sku: 'AX-MO-500' });
      expect((removed as ValidationError).issues[0]!.messageVi).toContain('AX-MO-500');
      expect(sandbox.stats.requests.updateListing ?? 0).toBe(0);
      expect(sandbox.stats.writes).toBe(0);
      expect(sandbox.state.listingBySku('AX-MO')!.variants).toHaveLength(2);
    });
  });
});
