import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTokenStore } from '../../../src/core/auth/token-store.js';
import { AuthenticationError } from '../../../src/core/errors.js';
import type { Address } from '../../../src/model/address.js';
import type { Shipment } from '../../../src/model/shipment.js';
import {
  AddressResolutionError,
  OrderActionNotAllowedError,
  type ViettelPostAdapter,
  type ViettelPostShipmentEvent,
  viettelpost,
} from '../../../src/platforms/viettelpost/index.js';
import { applyShipmentEvent } from '../../../src/platforms/viettelpost/shipment-events.js';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../../src/sandbox/index.js';
import {
  PARCEL,
  RECEIVER,
  SENDER_2025,
  SENDER_LEGACY,
  startWebhookReceiver,
  type WebhookReceiver,
} from './helpers.js';

const WEBHOOK_SECRET = 'htx-vinh-linh-webhook-secret-2026';
const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 20, jitter: 'none' as const };

let sandbox: ViettelPostSandbox;
let receiver: WebhookReceiver;
let adapter: ViettelPostAdapter;
const tokenStore = new MemoryTokenStore();

function newAdapter(): ViettelPostAdapter {
  return viettelpost({
    baseUrl: sandbox.url,
    credentials: sandbox.memberCredentials,
    tokenStore,
    webhookSecret: WEBHOOK_SECRET,
    labelHost: sandbox.url,
    retry: FAST_RETRY,
  });
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sandbox = await startViettelPostSandbox({ stepMs: 0, webhookRetryDelayMs: 10 });
  sandbox.setWebhook(receiver.url, WEBHOOK_SECRET);
  adapter = newAdapter();
});

afterAll(async () => {
  await adapter?.close();
  await sandbox?.close();
  await receiver?.close();
});

/**
 * Every webhook received so far for one waybill, through the verified path (verify, parse, apply to
 * the store). Re-applying an event already applied changes nothing.
 */
async function eventsFor(waybill: string): Promise<ViettelPostShipmentEvent[]> {
  const events: ViettelPostShipmentEvent[] = [];
  for (const delivery of receiver.deliveries) {
    const outcome = await adapter.receiveWebhook(delivery.rawBody, delivery.headers);
    if (!outcome.verified)
      throw new Error(`a sandbox delivery failed verification: ${outcome.verification.reason}`);
    if (outcome.event.trackingNumber === waybill) events.push(outcome.event);
  }
  return events;
}

async function createOrder(reference: string, codAmountVnd = 350_000): Promise<Shipment> {
  return adapter.createShipment(
    { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'VCN', codAmountVnd },
    { reference },
  );
}

describe('auth against the sandbox', () => {
  it('logs in, ownerconnects, persists the token; a second adapter with the same store logs in zero times', async () => {
    const warehouses = await adapter.listWarehouses();
    expect(warehouses[0]).toMatchObject({ name: 'HTX Nông sản Vĩnh Linh', phone: '0912345678' });
    expect(warehouses[0]!.groupAddressId).toBeGreaterThan(0);
    expect(sandbox.state.loginCount()).toBe(1);
    expect(sandbox.state.ownerConnectCount()).toBe(1);
    const stored = await tokenStore.get(`viettelpost:${sandbox.memberCredentials.username}`);
    expect(stored?.value).toMatch(/.{20,}/);

    const second = newAdapter();
    try {
      await second.listWarehouses();
      expect(sandbox.state.loginCount()).toBe(1);
      expect(sandbox.state.ownerConnectCount()).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('re-authenticates once when VTP says the token expired, then succeeds', async () => {
    await adapter.listWarehouses();
    const logins = sandbox.state.loginCount();
    sandbox.expireTokens();
    await adapter.listWarehouses();
    expect(sandbox.state.loginCount()).toBe(logins + 1);
    expect(sandbox.state.ownerConnectCount()).toBe(logins + 1);
  });

  it('fails with AuthenticationError on a wrong password, without leaking it', async () => {
    const wrong = viettelpost({
      baseUrl: sandbox.url,
      credentials: { username: sandbox.memberCredentials.username, password: 'not-the-password-123' },
      retry: FAST_RETRY,
    });
    try {
      const error = await wrong.listWarehouses().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(JSON.stringify((error as AuthenticationError).toJSON())).not.toContain('not-the-password-123');
    } finally {
      await wrong.close();
    }
  });

  it('partner delegation: the partner logs in and ownerconnects as the member', async () => {
    const delegated = viettelpost({
      baseUrl: sandbox.url,
      credentials: sandbox.memberCredentials,
      partner: sandbox.credentials,
      account: 'delegated-member',
      retry: FAST_RETRY,
    });
    try {
      const shipment = await delegated.createShipment(
        { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'VCN' },
        { reference: 'DELEGATED-1' },
      );
      const order = sandbox.state.orderByWaybill(shipment.trackingNumber!);
      const member = sandbox.state.accounts().find((a) => a.username === sandbox.memberCredentials.username)!;
      const partner = sandbox.state.accounts().find((a) => a.username === sandbox.credentials.username)!;
      expect(order?.ownerUserId).toBe(member.userId);
      expect(order?.partnerUserId).toBe(partner.userId);
    } finally {
      await delegated.close();
    }
  });
});

describe('catalogs and addresses', () => {
  it('reads the v2 and v3 catalogs, caches them, and refreshes on demand', async () => {
    const provinces = await adapter.catalogs.provincesNew();
    expect(provinces).toHaveLength(34);
    const warm = sandbox.state.requestCount('listProvinceNew');
    await adapter.catalogs.provincesNew();
    expect(sandbox.state.requestCount('listProvinceNew')).toBe(warm);
    adapter.refreshCatalogs();
    await adapter.catalogs.provincesNew();
    expect(sandbox.state.requestCount('listProvinceNew')).toBe(warm + 1);

    const quangTri = provinces.find((p) => p.name === 'QUẢNG TRỊ')!;
    const districts = await adapter.catalogs.districts(quangTri.id);
    const bridge = districts.find((d) => d.twoLevelBridge);
    expect(bridge).toMatchObject({ value: 'NEW', id: 100_000_000 + quangTri.id });
    const services = await adapter.catalogs.services();
    expect(services.map((s) => s.code)).toContain('VCN');
    expect((await adapter.catalogs.extraServices('VCN')).length).toBeGreaterThan(0);
  });

  it('resolves the Vĩnh Linh producer in both structures, with or without accents and prefixes', async () => {
    const legacy = await adapter.resolveAddress(SENDER_LEGACY.address);
    expect(legacy).toMatchObject({
      era: 'legacy',
      matched: { province: 'QUẢNG TRỊ', district: 'HUYỆN VĨNH LINH', ward: 'THỊ TRẤN HỒ XÁ' },
    });
    const folded = await adapter.resolveAddress({
      ward: 'thi tran ho xa',
      district: 'vinh linh',
      province: 'Tinh Quang Tri',
    });
    expect(folded).toEqual(legacy);

    const modern = await adapter.resolveAddress(SENDER_2025.address);
    expect(modern).toMatchObject({ era: '2025', matched: { province: 'QUẢNG TRỊ', ward: 'XÃ VĨNH LINH' } });
    // The 2025 ward travels with the province's pseudo-district (DISTRICT_VALUE "NEW").
    expect(modern.districtId).toBe(100_000_000 + modern.provinceId);
    expect(modern.wardId).not.toBe(legacy.wardId);

    // An old province name on a two-level address follows the merger (Quảng Bình → Quảng Trị).
    const dongHoi = await adapter.resolveAddress({ ward: 'Phường Đồng Hới', province: 'Quảng Bình' });
    expect(dongHoi).toMatchObject({
      era: '2025',
      provinceId: modern.provinceId,
      matched: { ward: 'PHƯỜNG ĐỒNG HỚI' },
    });

    // An old commune name without a district: followed to the one 2025 commune that absorbed it.
    const hoXa = await adapter.resolveAddress({ ward: 'Thị trấn Hồ Xá', province: 'Quảng Trị' });
    expect(hoXa).toEqual(modern);

    const hcm = await adapter.resolveAddress({ ward: 'Phường 4', district: 'Q.3', province: 'TP HCM' });
    expect(hcm.matched).toEqual({ province: 'HỒ CHÍ MINH', district: 'QUẬN 3', ward: 'PHƯỜNG 4' });

    const hanoi = await adapter.resolveAddress({ ward: 'P. Cầu Giấy', province: 'TP Hà Nội' });
    expect(hanoi.matched).toEqual({ province: 'HÀ NỘI', ward: 'PHƯỜNG CẦU GIẤY' });
  });

  it('resolves every producer address of the seed catalog (old and new Vĩnh Linh communes)', async () => {
    const addresses = new Map<string, Address>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (typeof record.ward === 'string' && typeof record.province === 'string') {
          addresses.set(JSON.stringify(record), record as unknown as Address);
        }
        Object.values(record).forEach(walk);
      }
    };
    walk(JSON.parse(readFileSync(new URL('../../../seeds/catalog.json', import.meta.url), 'utf8')));
    expect(addresses.size).toBeGreaterThanOrEqual(10);
    for (const address of addresses.values()) {
      const resolved = await adapter.resolveAddress(address);
      expect(resolved.matched.province).toBe('QUẢNG TRỊ');
      expect(resolved.era).toBe(address.district ? 'legacy' : '2025');
      expect(resolved.matched.ward.normalize('NFC')).toContain(
        address.ward.replace(/^(Xã|Thị trấn) /, '').toLocaleUpperCase('vi-VN'),
      );
    }
  });

  it('names the part that did not match and the closest candidates', async () => {
    const error = await adapter
      .resolveAddress({ ward: 'Xã Vĩnh Lnh', province: 'Quảng Trị' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AddressResolutionError);
    expect((error as AddressResolutionError).part).toBe('ward');
    expect((error as AddressResolutionError).candidates).toContain('XÃ VĨNH LINH');
    expect((error as AddressResolutionError).issues[0]).toMatchObject({
      path: 'address.ward',
      value: 'Xã Vĩnh Lnh',
    });

    const province = await adapter
      .resolveAddress({ ward: 'Xã Vĩnh Linh', province: 'Quảng Tri Tri' })
      .catch((e) => e);
    expect(province).toBeInstanceOf(AddressResolutionError);
    expect((province as AddressResolutionError).part).toBe('province');
  });

  it('a quote to an unknown province says it whole in each language (never one inside the other)', async () => {
    const error = (await adapter
      .quote({
        from: SENDER_2025.address,
        to: { ...RECEIVER.address, province: 'Tỉnh Không Có' },
        parcel: PARCEL,
      })
      .catch((e: unknown) => e)) as AddressResolutionError;
    expect(error).toBeInstanceOf(AddressResolutionError);
    expect(error.messageVi).toMatch(
      /^Không tìm thấy tỉnh\/thành phố "Tỉnh Không Có" trong danh mục ViettelPost/,
    );
    expect(error.messageEn).toMatch(/^Province "Tỉnh Không Có" was not found in the ViettelPost catalog/);
    expect(error.messageVi).not.toMatch(/not found|closest|Invalid input/);
    expect(error.messageEn).not.toMatch(/Không tìm thấy|gần nhất|Invalid input/);
  });
});

describe('quotes and shipments', () => {
  it('quotes every service cheapest first with delivery hours parsed', async () => {
    const quotes = await adapter.quote({ from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL });
    expect(quotes.length).toBeGreaterThan(1);
    const totals = quotes.map((q) => q.totalVnd);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    const vcn = quotes.find((q) => q.serviceCode === 'VCN')!;
    expect(vcn.serviceName).toBe('Chuyển phát nhanh');
    expect(vcn.deliveryHours).toBe(Number.parseFloat(vcn.deliveryText!));
    expect(vcn.chargeableWeightGrams).toBe(1200);

    const one = await adapter.quoteService(
      { from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL },
      'VCN',
    );
    expect(one.totalVnd).toBe(vcn.totalVnd);
    expect(one.fees.vatVnd).toBeGreaterThan(0);
  });

  it('creates an order the sandbox holds with our reference, COD goods only (ORDER_PAYMENT 3)', async () => {
    const shipment = await createOrder('OCOP-VL-0001');
    expect(shipment).toMatchObject({ status: 'CREATED', reference: 'OCOP-VL-0001', codAmountVnd: 350_000 });
    expect(shipment.trackingNumber).toMatch(/^\d{11,12}$/);
    expect(shipment.sortCode).toMatch(/^HNI-/);
    expect(shipment.fees?.totalVnd).toBeGreaterThan(0);
    const order = sandbox.state.orderByReference('OCOP-VL-0001')!;
    expect(order.waybill).toBe(shipment.trackingNumber);
    expect(order.orderPayment).toBe(3);
    expect(order.codVnd).toBe(350_000);
    expect(order.weightGrams).toBe(1200);
    expect(order.orderService).toBe('VCN');
  });

  it('a dropped create response ends as ONE order, WAYBILL_PENDING, completed by the webhook', async () => {
    const reference = 'OCOP-VL-DROP-0001';
    sandbox.setFaults({ dropResponseAfterCommit: { createOrder: 1 } });
    const creates = sandbox.state.requestCount('createOrder');
    const pending = await createOrder(reference);
    expect(sandbox.state.requestCount('createOrder')).toBe(creates + 2);
    expect(sandbox.state.ordersByReference(reference)).toHaveLength(1);
    expect(pending).toMatchObject({ status: 'WAYBILL_PENDING', reference });
    expect(pending.trackingNumber).toBeUndefined();

    await sandbox.webhooksIdle();
    const waybill = sandbox.state.orderByReference(reference)!.waybill;
    const events = await eventsFor(waybill);
    expect(events[0]).toMatchObject({ reference, rawStatus: -100, status: 'CREATED' });
    const completed = events.reduce(applyShipmentEvent, pending);
    expect(completed).toMatchObject({ trackingNumber: waybill, status: 'CREATED', reference });

    // Asked again (a re-run of the same order), the adapter answers from what the webhook taught it.
    const again = await createOrder(reference);
    expect(again).toMatchObject({ trackingNumber: waybill, status: 'CREATED', rawStatus: -100, reference });
    expect(sandbox.state.requestCount('createOrder')).toBe(creates + 2);
    expect(sandbox.state.ordersByReference(reference)).toHaveLength(1);
  });

  it('refuses a cancel after pickup before sending anything; cancels before pickup', async () => {
    const picked = await createOrder('OCOP-VL-CANCEL-1');
    await adapter.updateOrder(picked.trackingNumber!, 'approve');
    await sandbox.advance(picked.trackingNumber!, 105);
    await sandbox.webhooksIdle();
    const events = await eventsFor(picked.trackingNumber!);
    expect(events.at(-1)).toMatchObject({ rawStatus: 105, status: 'PICKED_UP' });
    expect(await adapter.lastKnownStatus(picked.trackingNumber!)).toBe(105);

    const updates = sandbox.state.requestCount('updateOrder');
    const refused = await adapter
      .cancelShipment(picked.trackingNumber!, 'Khách đổi ý')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OrderActionNotAllowedError);
    expect(sandbox.state.requestCount('updateOrder')).toBe(updates);
    expect(sandbox.state.orderByWaybill(picked.trackingNumber!)!.status).toBe(105);

    const fresh = await createOrder('OCOP-VL-CANCEL-2');
    await adapter.cancelShipment(fresh.trackingNumber!, 'Khách đổi ý');
    expect(sandbox.state.orderByWaybill(fresh.trackingNumber!)!.status).toBe(107);
    // Deleting is allowed only once cancelled; the adapter now knows it is 107.
    await adapter.updateOrder(fresh.trackingNumber!, 'delete');
    expect(sandbox.state.orderByWaybill(fresh.trackingNumber!)!.deleted).toBe(true);
  });

  it('builds a label URL whose print page opens', async () => {
    const shipment = await createOrder('OCOP-VL-LABEL-1');
    const url = await adapter.labelUrl([shipment.trackingNumber!], 'A6');
    const parsed = new URL(url);
    expect(parsed.origin).toBe(sandbox.url);
    expect(parsed.pathname).toBe('/DigitalizePrint/report.do');
    expect(parsed.searchParams.get('type')).toBe('2');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(shipment.trackingNumber!);
  });
});

describe('webhook journeys received by a local HTTP receiver', () => {
  it('delivered: every event verifies and parses, ending terminal DELIVERED', async () => {
    const shipment = await createOrder('OCOP-VL-JOURNEY-DELIVERED');
    sandbox.setOrderEnding(shipment.trackingNumber!, 'delivered');
    await adapter.updateOrder(shipment.trackingNumber!, 'approve');
    await sandbox.advance(shipment.trackingNumber!, 501);
    await sandbox.webhooksIdle();
    const events = await eventsFor(shipment.trackingNumber!);
    expect(events.map((e) => e.rawStatus)).toEqual(expect.arrayContaining([-100, 100, 105, 200, 500, 501]));
    const last = events.at(-1)!;
    expect(last).toMatchObject({
      status: 'DELIVERED',
      terminal: true,
      reference: 'OCOP-VL-JOURNEY-DELIVERED',
    });
    expect(last.occurredAt).toMatch(/Z$/);
    expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(events.length);
    const final = events.reduce(applyShipmentEvent, shipment);
    expect(final.status).toBe('DELIVERED');
  });

  it('returned: failed delivery, shop approves the return, ends terminal RETURNED', async () => {
    const shipment = await createOrder('OCOP-VL-JOURNEY-RETURNED');
    sandbox.setOrderEnding(shipment.trackingNumber!, 'failed');
    await adapter.updateOrder(shipment.trackingNumber!, 'approve');
    await sandbox.advance(shipment.trackingNumber!, 505);
    await sandbox.webhooksIdle();
    expect((await eventsFor(shipment.trackingNumber!)).at(-1)).toMatchObject({
      rawStatus: 505,
      status: 'DELIVERY_FAILED',
    });
    await adapter.updateOrder(shipment.trackingNumber!, 'approveReturn', { note: 'Trả hàng về HTX' });
    await sandbox.advance(shipment.trackingNumber!, 504);
    await sandbox.webhooksIdle();
    const events = await eventsFor(shipment.trackingNumber!);
    expect(events.at(-1)).toMatchObject({ rawStatus: 504, status: 'RETURNED', terminal: true });
    expect(events.reduce(applyShipmentEvent, shipment).status).toBe('RETURNED');
  });
});
