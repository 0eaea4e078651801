/**
 * The order methods' arguments (issue #18, trial 7 items 1, 5 and 8; trials 8, 9): on Voso, Postmart and
 * Shopee a misspelt carrier or a malformed tracking number in markShipped, a reversed order window and a
 * bad cancel reason are ValidationErrors naming the argument in both languages, with the nearest known
 * value — and nothing reaches the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/index.js';
import type { MarketplaceProfileOverride } from '../../../src/platforms/marketplace/index.js';
import { voso } from '../../../src/platforms/voso/index.js';
import { type MarketplaceSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';
import { validationRejection } from '../../core/helpers/failure.js';
import { HAND_MADE_TURMERIC } from '../../support/hand-made-listing.js';
import { MARKETPLACES, useMarketplaceAdapters } from '../../support/marketplace-adapters.js';

const adapters = useMarketplaceAdapters();

describe.each(MARKETPLACES)('%s adapter: order method arguments (trial 7)', (platform) => {
  it('markShipped with a misspelt carrier is refused naming shipped.carrier, with viettelpost and the list', async () => {
    const { adapter, requests } = adapters[platform]!;
    const before = requests();
    for (const carrier of ['vietelpost', 'Viettel', 'giao hang nhanh']) {
      const error = await validationRejection(() =>
        adapter.markShipped('1', { carrier, trackingNumber: '158781800120' }),
      );
      expect(error.messageVi).toContain('shipped.carrier');
      expect(error.messageEn).toContain('shipped.carrier');
      expect(error.messageVi).toContain('vnpost');
      expect(error.messageEn).toContain('other');
    }
    const typo = await validationRejection(() =>
      adapter.markShipped('1', { carrier: 'vietelpost', trackingNumber: '158781800120' }),
    );
    expect(typo.messageVi).toContain('có phải "viettelpost"?');
    expect(typo.messageEn).toContain('did you mean "viettelpost"?');
    expect(typo.issues.map((i) => i.path)).toEqual(['shipped.carrier']);
    expect(requests()).toBe(before);
  });

  it('markShipped with a blank or malformed tracking number, or a blank carrier, is refused before sending (trials 8, 9)', async () => {
    const { adapter, requests } = adapters[platform]!;
    const before = requests();
    for (const [shipped, path] of [
      [{ carrier: 'viettelpost', trackingNumber: '   ' }, 'shipped.trackingNumber'],
      [{ carrier: ' ', trackingNumber: '158781800120' }, 'shipped.carrier'],
    ] as const) {
      const error = await validationRejection(() => adapter.markShipped('1', shipped));
      expect(error.issues.map((i) => i.path)).toEqual([path]);
    }
    // Trial 9: Shopee kept a 5,000-character number on the order; spaces at the ends, a newline, NUL, accents.
    for (const trackingNumber of [
      'x'.repeat(5000),
      ' 158781800120 ',
      '1587\n81800120',
      '158781800120\u0000',
      'ĐƠN-Ü-漢字',
    ]) {
      const error = await validationRejection(() =>
        adapter.markShipped('1', { carrier: 'viettelpost', trackingNumber }),
      );
      expect(error.issues.map((i) => i.path)).toEqual(['shipped.trackingNumber']);
      expect(error.messageVi).toContain('mã vận đơn');
      expect(error.messageEn).toContain('a tracking number');
    }
    expect(requests()).toBe(before);
  });

  it('a refused tracking number says why: too long with its length, a space with where, too short for the platform', async () => {
    const { adapter, requests } = adapters[platform]!;
    const before = requests();
    const max = platform === 'shopee' ? 50 : 30;
    const reasons: [string, string, string][] = [
      ['x'.repeat(5000), `too long (5000 characters, at most ${max})`, `quá dài (5000 ký tự, tối đa ${max})`],
      ['VT 777123', 'it contains a space (at character 3)', 'có khoảng trắng (ở ký tự thứ 3)'],
    ];
    if (platform !== 'shopee')
      reasons.push([
        'VT777',
        `too short (5 characters; ${platform} takes at least 6)`,
        `quá ngắn (5 ký tự; ${platform} cần ít nhất 6)`,
      ]);
    for (const [trackingNumber, en, vi] of reasons) {
      const error = await validationRejection(() =>
        adapter.markShipped('1', { carrier: 'viettelpost', trackingNumber }),
      );
      expect(error.issues.map((i) => i.path)).toEqual(['shipped.trackingNumber']);
      expect(error.messageEn).toContain(en);
      expect(error.messageVi).toContain(vi);
      expect(error.messageEn).not.toContain('(got string)');
      expect(error.messageEn.length).toBeLessThan(600);
    }
    if (platform !== 'shopee') {
      const error = await validationRejection(() =>
        adapter.markShipped('1', { carrier: 'viettelpost', trackingNumber: 'VT777' }),
      );
      expect(error.messageEn).toContain(
        `a tracking number on ${platform}: 6–30 characters of letters without accents, digits or -`,
      );
    }
    expect(requests()).toBe(before);
  });

  it('listOrders with from after to is refused when called, naming window.from and window.to', () => {
    const { adapter, requests } = adapters[platform]!;
    const before = requests();
    let error: unknown;
    try {
      adapter.listOrders({ from: new Date(), to: new Date(0) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const { messageVi, messageEn } = error as ValidationError;
    for (const text of [messageVi, messageEn]) {
      expect(text).toContain('window.from');
      expect(text).toContain('window.to');
    }
    expect(messageVi).toContain('window.from không được muộn hơn window.to');
    expect(messageVi).not.toContain('phải không');
    expect(messageEn).toContain('must not be after');
    // One instant (from = to) is a window.
    const now = new Date();
    expect(() => adapter.listOrders({ from: now, to: now })).not.toThrow();
    expect(requests()).toBe(before);
  });

  it('cancelOrder with a bad reason names reason, suggests OUT_OF_STOCK, and asks for reason.note with OTHER', async () => {
    const { adapter, requests } = adapters[platform]!;
    const before = requests();
    for (const reason of [undefined, 'OUT_OF_STOK', 'het hang']) {
      const error = await validationRejection(() => adapter.cancelOrder('1', reason as never));
      expect(error.messageVi).toContain('reason:');
      expect(error.messageEn).toContain('reason:');
      expect(error.messageVi).not.toContain('Lý do hủy undefined');
      if (reason !== undefined) {
        expect(error.messageVi).toContain('có phải "OUT_OF_STOCK"?');
        expect(error.messageEn).toContain('did you mean "OUT_OF_STOCK"?');
      }
    }
    for (const reason of [{ code: 'OTHER' }, { code: 'OTHER', note: '' }, { code: 'OTHER', note: '  ' }]) {
      const error = await validationRejection(() => adapter.cancelOrder('1', reason as never));
      expect(error.issues.map((i) => i.path)).toEqual(['reason.note']);
      expect(error.messageVi).toMatch(/reason\.note: (bắt buộc khi code là "OTHER"|không được để trống)/);
      expect(error.messageEn).toMatch(/reason\.note: (is required when code is "OTHER"|must not be empty)/);
    }
    expect(requests()).toBe(before);
  });
});

describe("markShipped takes the tracking-number rule of the adapter's profile (rules.trackingNumber)", () => {
  const carrier = 'viettelpost';
  let sandbox: MarketplaceSandbox;
  beforeAll(async () => {
    sandbox = await startVosoSandbox({ handMadeListings: [HAND_MADE_TURMERIC] });
  });
  afterAll(() => sandbox.close());

  /** A Voso adapter on the sandbox with `override`, and a confirmed order there to ship. */
  async function confirmedOrder(override?: MarketplaceProfileOverride) {
    const adapter = voso({
      credentials: sandbox.credentials,
      baseUrl: sandbox.baseUrl,
      ...(override ? { profile: override } : {}),
    });
    const placed = sandbox.buyers.placeOrder({ sku: 'VL-TBN-500' }); // HAND_MADE_TURMERIC's variant
    if (!placed.ok) throw new Error('order refused');
    await adapter.confirmOrder(placed.order.id);
    return { adapter, id: placed.order.id };
  }

  it('an override narrows the rule: what the shipped profile takes is refused with the new rule, nothing shipped', async () => {
    const shipped = await confirmedOrder();
    await shipped.adapter.markShipped(shipped.id, { carrier, trackingNumber: 'VT-777123-45' });
    expect(sandbox.state.order(shipped.id)?.trackingNumber).toBe('VT-777123-45');
    await shipped.adapter.close();

    const { adapter, id } = await confirmedOrder({
      rules: { trackingNumber: { minLength: 8, maxLength: 10, symbols: '' } },
    });
    const status = sandbox.state.order(id)?.status;
    const before = sandbox.stats.totalRequests;
    for (const [trackingNumber, en, vi] of [
      ['VT-777123-45', 'too long (12 characters, at most 10)', 'quá dài (12 ký tự, tối đa 10)'],
      ['VT-777123', 'it contains "-" (U+002D), not used', 'có ký tự "-" (U+002D) không dùng'],
      [
        'VT77712',
        'too short (7 characters; voso takes at least 8)',
        'quá ngắn (7 ký tự; voso cần ít nhất 8)',
      ],
    ] as const) {
      const error = await validationRejection(() => adapter.markShipped(id, { carrier, trackingNumber }));
      expect(error.issues.map((i) => i.path)).toEqual(['shipped.trackingNumber']);
      expect(error.messageEn).toContain(
        'a tracking number on voso: 8–10 characters of letters without accents or digits, no spaces',
      );
      expect(error.messageVi).toContain('mã vận đơn trên voso: 8–10 ký tự gồm chữ cái không dấu hoặc chữ số');
      expect(error.messageEn).toContain(en);
      expect(error.messageVi).toContain(vi);
    }
    expect(sandbox.stats.totalRequests).toBe(before);
    expect(sandbox.state.order(id)).toMatchObject({ status, trackingNumber: null });
    await adapter.markShipped(id, { carrier, trackingNumber: 'VT7771234' });
    expect(sandbox.state.order(id)?.trackingNumber).toBe('VT7771234');
    await adapter.close();
  });

  it('without the field (null deletes it) the general 1–50 rule applies: a number of 5 is sent, and the platform answers', async () => {
    const { adapter, id } = await confirmedOrder({ rules: { trackingNumber: null } });
    const before = sandbox.stats.totalRequests;
    const error = await adapter.markShipped(id, { carrier, trackingNumber: 'VT777' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Sent: the sandbox (modeling Voso's own 6–30 rule) refuses it, not the adapter's check.
    expect(sandbox.stats.totalRequests).toBeGreaterThan(before);
    expect(error).not.toBeInstanceOf(ValidationError);
    expect(sandbox.state.order(id)?.trackingNumber).toBeNull();
    await adapter.close();
  });
});
