/**
 * Issue #18: the order writes' arguments as a clerk types them. A cancel reason code in another case
 * (`'out_of_stock'`, `{ code: 'other', note }`) is that code; a code that is none of them is refused with
 * the exact accepted codes and the nearest. A carrier with spaces around or in another case
 * (`'ViettelPost '`) is that carrier. What the sandbox order ends up holding is the canonical value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/index.js';
import type { ProfileMarketplaceAdapter } from '../../../src/platforms/marketplace/index.js';
import { postmart } from '../../../src/platforms/postmart/index.js';
import { shopee } from '../../../src/platforms/shopee/index.js';
import { voso } from '../../../src/platforms/voso/index.js';
import {
  type MarketplaceSandbox,
  type ShopeeSandbox,
  startPostmartSandbox,
  startShopeeSandbox,
  startVosoSandbox,
} from '../../../src/sandbox/index.js';
import { failure } from '../../core/helpers/failure.js';

const LISTING = {
  sellerSku: 'VL-TBN',
  title: 'Tinh bột nghệ Vĩnh Linh',
  description: 'Tinh bột nghệ nguyên chất',
  category: 'Gạo & ngũ cốc',
  weightGrams: 650,
  variants: [{ sku: 'VL-TBN-500', priceVnd: 350_000, stock: 500 }],
};

type Sandbox = MarketplaceSandbox | ShopeeSandbox;
const shops: Record<string, { sandbox: Sandbox; adapter: ProfileMarketplaceAdapter }> = {};

beforeAll(async () => {
  const [vs, pm, sp] = await Promise.all([
    startVosoSandbox({ handMadeListings: [LISTING] }),
    startPostmartSandbox({ handMadeListings: [LISTING] }),
    startShopeeSandbox({ handMadeListings: [LISTING] }),
  ]);
  const { username, password, customerCode } = pm.credentials;
  shops.voso = { sandbox: vs, adapter: voso({ credentials: vs.credentials, baseUrl: vs.baseUrl }) };
  shops.postmart = {
    sandbox: pm,
    adapter: postmart({
      credentials: { username, password, customerCode: customerCode! },
      baseUrl: pm.baseUrl,
    }),
  };
  shops.shopee = { sandbox: sp, adapter: shopee({ credentials: sp.credentials, baseUrl: sp.baseUrl }) };
});

afterAll(async () => {
  await Promise.all(Object.values(shops).map(({ adapter }) => adapter.close()));
  await Promise.all(Object.values(shops).map(({ sandbox }) => sandbox.close()));
});

function place(sandbox: Sandbox): string {
  const placed = sandbox.buyers.placeOrder({ sku: 'VL-TBN-500' });
  if (!placed.ok) throw new Error(placed.reason);
  return placed.order.id;
}

describe.each(['voso', 'postmart', 'shopee'])('%s: cancel reasons and carriers as typed', (platform) => {
  it('a code in another case is the code: the sandbox order holds the canonical reason', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const lower = place(sandbox);
    const cancelled = await adapter.cancelOrder(lower, 'out_of_stock' as never);
    expect(cancelled.status).toBe('CANCELLED');
    expect(sandbox.state.order(lower)).toMatchObject({
      status: 'CANCELLED',
      cancelReasonCode: 'OUT_OF_STOCK',
    });

    const mixed = place(sandbox);
    await adapter.cancelOrder(mixed, { code: ' Buyer_Request', note: 'Khách đổi ý' } as never);
    // Shopee's cancel_order takes no text: only Voso and Postmart keep the note.
    expect(sandbox.state.order(mixed)).toMatchObject({
      status: 'CANCELLED',
      cancelReasonCode: 'BUYER_REQUEST',
      ...(platform === 'shopee' ? {} : { cancelReason: 'Khách đổi ý' }),
    });
  });

  it('a code that is none of them is refused with the accepted codes and the nearest; nothing is sent', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const id = place(sandbox);
    const before = sandbox.stats.totalRequests;
    for (const [reason, near] of [
      ['out_of_stok', 'OUT_OF_STOCK'],
      [{ code: 'buyer-requst' }, 'BUYER_REQUEST'],
    ] as const) {
      const error = await failure(() => adapter.cancelOrder(id, reason as never));
      expect(error).toBeInstanceOf(ValidationError);
      const { messageVi, messageEn, issues } = error as ValidationError;
      const shown = typeof reason === 'string' ? `"${reason}"` : `{ code: "${reason.code}" }`;
      expect(messageEn).toContain(
        `reason: ${shown} is not a cancel reason; use OUT_OF_STOCK (out of stock), BUYER_REQUEST (the buyer asked), WRONG_PRICE (wrong price), CANNOT_SHIP (cannot ship), or { code: "OTHER", note: "…" } — did you mean "${near}"?`,
      );
      expect(messageVi).toContain(`reason: ${shown} không phải là lý do hủy; dùng OUT_OF_STOCK (hết hàng)`);
      expect(messageVi).toContain(`có phải "${near}"?`);
      expect(issues[0]).toMatchObject({ path: 'reason', platform });
    }
    const field = await failure(() =>
      adapter.cancelOrder(id, { code: 'OUT_OF_STOCK', note: 'x', notes: 'y' } as never),
    );
    expect((field as ValidationError).messageEn).toContain(
      'reason.notes: no such field; a cancel reason is { code, note } (did you mean "reason.note"?)',
    );
    expect((field as ValidationError).messageVi).toContain(
      'reason.notes: không có trường này; lý do hủy là { code, note } (có phải "reason.note"?)',
    );
    expect(sandbox.stats.totalRequests).toBe(before);
    expect(sandbox.state.order(id)!.status).not.toBe('CANCELLED');
  });

  it('"ViettelPost " and "VNPOST" are the carriers viettelpost and vnpost: the order holds the canonical one', async () => {
    const { sandbox, adapter } = shops[platform]!;
    // Voso and Postmart both write these two carriers as VTP and VNPOST.
    const code = (carrier: string) => ({ viettelpost: 'VTP', vnpost: 'VNPOST' })[carrier];
    for (const [typed, canonical, number] of [
      ['ViettelPost ', 'viettelpost', 'VTP100200300'],
      ['  VNPOST', 'vnpost', 'EB000100001VN'],
    ] as const) {
      const id = place(sandbox);
      await adapter.confirmOrder(id);
      const shipped = await adapter.markShipped(id, { carrier: typed, trackingNumber: number });
      expect(shipped.tracking).toEqual({ carrier: canonical, trackingNumber: number });
      expect((await adapter.getOrder(id)).tracking).toEqual({ carrier: canonical, trackingNumber: number });
      // Voso and Postmart keep the platform's code of the carrier; Shopee keeps its own channel.
      if (platform !== 'shopee')
        expect(sandbox.state.order(id)).toMatchObject({
          carrierCode: code(canonical),
          trackingNumber: number,
        });
      else expect(sandbox.state.order(id)).toMatchObject({ trackingNumber: number });
    }
  });

  it('a misspelt carrier is still refused with the nearest, before sending', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const id = place(sandbox);
    const before = sandbox.stats.totalRequests;
    const error = await failure(() =>
      adapter.markShipped(id, { carrier: 'Vietelpost ', trackingNumber: 'VTP1' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).messageEn).toContain('did you mean "viettelpost"?');
    expect(sandbox.stats.totalRequests).toBe(before);
  });
});
