import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, ConfigurationError } from '../../../src/core/errors.js';
import type { LimitScope, RequestLimiter } from '../../../src/core/limiter.js';
import { createRateLimiter } from '../../../src/core/rate-limiter.js';
import { VnpostAddressError, VnpostCaseRefusedError, vnpost } from '../../../src/platforms/vnpost/index.js';
import { type Harness, PARCEL, RECEIVER, SENDER_2025, SENDER_LEGACY, startHarness } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('MyVNPost adapter against the sandbox', () => {
  it('logs in with the customer code, sends the token header, and re-logs in once when the token is refused', async () => {
    h = await startHarness();
    await h.adapter.quote({ from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL });
    expect(h.sandbox.state.requestCount('getAccessToken')).toBe(1);
    h.sandbox.expireTokens(); // next call → HTTP 403
    const quotes = await h.adapter.quote({ from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL });
    expect(quotes.length).toBeGreaterThan(0);
    expect(h.sandbox.state.requestCount('getAccessToken')).toBe(2);
    const login = h.sandbox.state.requests().find((r) => r.operation === 'getAccessToken');
    expect(login?.body).toMatchObject({
      customerCode: h.sandbox.credentials.customerCode,
      password: '[redacted]',
    });
  });

  it('fails with AuthenticationError on wrong credentials, after exactly one login attempt per call', async () => {
    h = await startHarness({}, {});
    const wrong = vnpost({
      baseUrl: h.sandbox.url,
      credentials: { ...h.sandbox.credentials, password: 'wrong' },
      retry: { retries: 0 },
    });
    await expect(
      wrong.quote({ from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL }),
    ).rejects.toBeInstanceOf(AuthenticationError);
    await wrong.close();
  });

  it('a given token refused with HTTP 401 fails clearly: no password to log in again with', async () => {
    h = await startHarness();
    const stale = vnpost({
      baseUrl: h.sandbox.url,
      credentials: { token: 'not-a-token', customerCode: h.sandbox.credentials.customerCode },
      retry: { retries: 0 },
    });
    const error = await stale
      .quote({ from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL })
      .catch((e: unknown) => e);
    await stale.close();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(h.sandbox.state.requests().filter((r) => r.httpStatus === 401).length).toBeGreaterThanOrEqual(1);
    expect(h.sandbox.state.requestCount('getAccessToken')).toBe(0);
  });

  it('quotes every service for a route, cheapest first, priced by weight and route', async () => {
    h = await startHarness();
    const near = await h.adapter.quote({
      from: SENDER_2025.address,
      to: SENDER_2025.address,
      parcel: PARCEL,
    });
    const far = await h.adapter.quote({ from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL });
    expect(near.map((q) => q.serviceCode)).toContain('ETN013'); // same-day only inside one province
    expect(far.map((q) => q.serviceCode)).not.toContain('ETN013');
    expect(far.map((q) => q.totalVnd)).toEqual([...far.map((q) => q.totalVnd)].sort((a, b) => a - b));
    const heavier = await h.adapter.quoteService(
      { from: SENDER_2025.address, to: RECEIVER.address, parcel: { ...PARCEL, weightGrams: 5000 } },
      'CTN001',
    );
    const light = far.find((q) => q.serviceCode === 'CTN001')!;
    expect(heavier.totalVnd).toBeGreaterThan(light.totalVnd);
    expect(heavier.chargeableWeightGrams).toBe(5000);
    expect(far.every((q) => q.carrier === 'vnpost')).toBe(true);
  });

  it('sends district code "VNPOST" for a 2025 two-level address and the real district for a legacy one', async () => {
    h = await startHarness();
    const twoLevel = await h.adapter.resolveAddress(SENDER_2025.address);
    const legacy = await h.adapter.resolveAddress(SENDER_LEGACY.address);
    expect(twoLevel.codes.districtCode).toBe('VNPOST');
    expect(twoLevel.era).toBe('2025');
    expect(legacy.era).toBe('legacy');
    expect(legacy.codes.districtCode).not.toBe('VNPOST');
    await h.adapter.quote({ from: SENDER_LEGACY.address, to: RECEIVER.address, parcel: PARCEL });
    const charge = h.sandbox.state.requests().find((r) => r.operation === 'servicesCharge');
    expect(charge?.body).toMatchObject({
      scope: 1,
      data: {
        senderDistrictCode: legacy.codes.districtCode,
        receiverDistrictCode: 'VNPOST',
        serviceCode: null,
      },
    });
  });

  it('names the unknown address part in Vietnamese and English, sending nothing to price', async () => {
    h = await startHarness();
    const bad = { ...RECEIVER.address, ward: 'Phường Không Có Thật' };
    const error = await h.adapter
      .quote({ from: SENDER_2025.address, to: bad, parcel: PARCEL })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VnpostAddressError);
    expect((error as VnpostAddressError).issues[0]).toMatchObject({
      path: 'address.ward',
      code: 'vnpost.address_unknown',
    });
    expect((error as VnpostAddressError).issues[0]?.messageVi).toContain('không có trong danh mục');
    // What a user sees first (error.message) is in both languages, naming the part and what was written.
    const message = (error as Error).message;
    expect(message).toContain('phường/xã "Phường Không Có Thật" không có trong danh mục');
    expect(message).toContain('ward "Phường Không Có Thật" is not in the catalog');
    expect((error as VnpostAddressError).messageEn).toContain('is not in the catalog');
    expect(h.sandbox.state.requestCount('servicesCharge')).toBe(0);
  });

  it('creates a parcel the sandbox holds with our reference, then reads its detail, journey and label', async () => {
    h = await startHarness();
    const shipment = await h.adapter.createShipment(
      {
        sender: SENDER_2025,
        receiver: RECEIVER,
        parcel: PARCEL,
        serviceCode: 'ETN031',
        codAmountVnd: 350_000,
      },
      { reference: 'postmart-PM1001' },
    );
    const held = h.sandbox.state.ordersByReference('postmart-PM1001');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({
      itemCode: shipment.trackingNumber,
      serviceCode: 'ETN031',
      codAmountVnd: 350_000,
    });
    expect(shipment).toMatchObject({
      carrier: 'vnpost',
      status: 'CREATED',
      rawStatus: '1',
      codAmountVnd: 350_000,
    });
    expect(shipment.fees?.totalVnd).toBe(held[0]!.totalFee);

    await h.sandbox.advance(shipment.trackingNumber!, '7');
    const detail = await h.adapter.getShipment(shipment.trackingNumber!);
    expect(detail).toMatchObject({
      status: 'PICKED_UP',
      rawStatus: '7',
      reference: 'postmart-PM1001',
      unknownStatus: false,
    });
    const history = await h.adapter.statusHistory(shipment.trackingNumber!);
    expect(history.map((s) => s.rawStatus)).toEqual(['1', '2', '4', '6', '7']);
    expect(history.every((s) => s.occurredAt !== undefined)).toBe(true);

    const [pdf] = await h.adapter.labels([shipment.trackingNumber!]);
    expect(pdf!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf!.toString()).toContain(shipment.trackingNumber!);
    expect(await h.adapter.labelUrl([shipment.trackingNumber!])).toMatch(/^data:application\/pdf;base64,/);
  });

  it('cancels before pickup (sandbox status 9), and refuses after pickup without changing anything', async () => {
    h = await startHarness();
    const a = await h.adapter.createShipment(
      { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'CTN007' },
      { reference: 'voso-A1' },
    );
    await h.adapter.cancelShipment(a.trackingNumber!);
    expect(h.sandbox.state.order(a.trackingNumber!)?.status).toBe('9');
    const b = await h.adapter.createShipment(
      { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'CTN007' },
      { reference: 'voso-B1' },
    );
    await h.sandbox.advance(b.trackingNumber!, '6');
    await expect(h.adapter.cancelOrder(b.trackingNumber!)).rejects.toBeInstanceOf(VnpostCaseRefusedError);
    expect(h.sandbox.state.order(b.trackingNumber!)?.status).toBe('6');
  });

  it('corrects an order before pickup: the sandbox re-prices the new weight', async () => {
    h = await startHarness();
    const s = await h.adapter.createShipment(
      { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'ETN011' },
      { reference: 'pm-edit-1' },
    );
    const before = h.sandbox.state.order(s.trackingNumber!)!.totalFee;
    const result = await h.adapter.editShipment(s.trackingNumber!, {
      sender: SENDER_2025,
      receiver: RECEIVER,
      parcel: { ...PARCEL, weightGrams: 4000 },
      serviceCode: 'ETN011',
    });
    expect(result.state).toBe('accepted');
    const after = h.sandbox.state.order(s.trackingNumber!)!;
    expect(after.weightGrams).toBe(4000);
    expect(after.totalFee).toBeGreaterThan(before);
  });

  it('edits a shipment whose parcel lists no items: the order keeps its content note', async () => {
    h = await startHarness();
    const { items: _items, description: _description, ...bare } = PARCEL;
    const s = await h.adapter.createShipment(
      { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'ETN031' },
      { reference: 'pm-edit-noitems' },
    );
    expect(h.sandbox.state.order(s.trackingNumber!)!.contentNote).toBe(PARCEL.description);
    const result = await h.adapter.editShipment(s.trackingNumber!, {
      sender: SENDER_2025,
      receiver: { ...RECEIVER, name: 'Anh Trần Văn Nam' },
      // A caller writing JavaScript, or building the parcel from a form, may leave `items` out.
      parcel: { ...bare, weightGrams: 2500 } as typeof PARCEL,
      serviceCode: 'ETN031',
    });
    expect(result.state).toBe('accepted');
    const after = h.sandbox.state.order(s.trackingNumber!)!;
    expect(after.weightGrams).toBe(2500);
    expect(after.receiver.receiverName).toBe('Anh Trần Văn Nam');
    expect(after.contentNote).toBe(PARCEL.description);
  });

  it('an edit with items but no description writes the items as the content note', async () => {
    h = await startHarness();
    const s = await h.adapter.createShipment(
      { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'ETN031' },
      { reference: 'pm-edit-items' },
    );
    const { description: _description, ...withoutDescription } = PARCEL;
    await h.adapter.editShipment(s.trackingNumber!, {
      sender: SENDER_2025,
      receiver: RECEIVER,
      parcel: withoutDescription,
      serviceCode: 'ETN031',
    });
    expect(h.sandbox.state.order(s.trackingNumber!)!.contentNote).toBe('Hạt tiêu Vĩnh Linh OCOP 4 sao x2');
  });

  it('rejects bad options all at once', () => {
    expect(() => vnpost({ credentials: { username: '', password: '', customerCode: '' } } as never)).toThrow(
      ConfigurationError,
    );
    try {
      vnpost({ credentials: { username: '', password: '', customerCode: '' } } as never);
    } catch (error) {
      expect((error as ConfigurationError).problems.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('names each missing piece: customerCode and environment/baseUrl, not "credentials: Invalid input" (#16 re-trial 7)', () => {
    const problems = (options: unknown) => {
      try {
        vnpost(options as never);
      } catch (error) {
        return (error as ConfigurationError).problems;
      }
      return [];
    };
    const missing = problems({ credentials: { username: 'htx', password: 'secret' } });
    expect(missing).toEqual([
      'credentials.customerCode: bắt buộc: mã khách hàng VNPost (ví dụ C000368268) / credentials.customerCode: required: the VNPost customer code (e.g. C000368268)',
      "environment: bắt buộc: `environment` ('production' hoặc 'uat') hoặc `baseUrl` / environment: required: `environment` ('production' or 'uat') or `baseUrl`",
    ]);
    expect(missing.join(' ')).not.toContain('Invalid input');
    expect(problems({ credentials: { username: 'htx', customerCode: 'C1' }, environment: 'uat' })).toEqual([
      'credentials.password: bắt buộc khi dùng username + password / credentials.password: required with username + password',
    ]);
  });

  it('takes an injected limiter: every request (login included) waits on it, and the adapter does not close it', async () => {
    const shared = createRateLimiter();
    const scopes: LimitScope[] = [];
    let closed = false;
    const limiter: RequestLimiter = {
      acquire: (scope, options) => {
        scopes.push(scope);
        return shared.acquire(scope, options);
      },
      close: async () => {
        closed = true;
        await shared.close();
      },
    };
    h = await startHarness({}, { limiter, account: 'htx-vinh-linh' });
    await h.adapter.quote({ from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL });
    const sent = h.sandbox.state.requests().length;
    expect(sent).toBeGreaterThan(1);
    expect(scopes).toHaveLength(sent);
    expect(new Set(scopes.map((s) => `${s.platform}:${s.account}`))).toEqual(
      new Set(['vnpost:htx-vinh-linh']),
    );
    await h.close();
    h = undefined;
    expect(closed).toBe(false);
    await limiter.close();
  });

  it('refuses a limiter that is not one', () => {
    expect(() =>
      vnpost({
        baseUrl: 'http://127.0.0.1:1',
        credentials: { token: 't', customerCode: 'C1' },
        limiter: {} as never,
      }),
    ).toThrow(/limiter/);
  });
});
