import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, ContractViolationError, ValidationError } from '../../../src/core/errors.js';
import {
  DuplicateReferenceError,
  NotServiceableError,
  VIETTELPOST_DEVELOPMENT_BASE_URL,
  type ViettelPostAdapter,
  viettelpost,
} from '../../../src/platforms/viettelpost/index.js';
import { utf8ByteLength } from '../../../src/vn/utf8.js';
import { PARCEL, RECEIVER, SENDER_2025 } from './helpers.js';

const BASE = VIETTELPOST_DEVELOPMENT_BASE_URL;
const TOKEN = 'stored-long-lived-token-0123456789';
const FAST_RETRY = { initialDelayMs: 1, maxDelayMs: 5, jitter: 'none' as const };
const ok = (data: unknown, message = 'OK') => ({ status: 200, error: false, message, data });
const fail = (message: string, status = 205) => ({ status, error: true, message, data: null });

/** A two-province catalog: Quảng Trị (31) and Hà Nội (1), 2025 structure, and the service VCN. No Token header allowed. */
function mockCatalog(): void {
  const scope = nock(BASE, { badheaders: ['token'] }).persist();
  scope.get('/v3/categories/listProvinceNew').reply(
    200,
    ok([
      { PROVINCE_ID: 1, PROVINCE_CODE: 'HNI', PROVINCE_NAME: 'HÀ NỘI' },
      { PROVINCE_ID: 31, PROVINCE_CODE: 'QTI', PROVINCE_NAME: 'QUẢNG TRỊ' },
    ]),
  );
  for (const [provinceId, wardId, ward] of [
    [1, 49813, 'PHƯỜNG CẦU GIẤY'],
    [31, 51577, 'XÃ VĨNH LINH'],
  ] as const) {
    const pseudo = 100_000_000 + provinceId;
    scope
      .get('/v2/categories/listDistrict')
      .query({ provinceId: String(provinceId) })
      .reply(
        200,
        ok([
          {
            DISTRICT_ID: provinceId * 10,
            DISTRICT_VALUE: '464',
            DISTRICT_NAME: 'HUYỆN CŨ',
            PROVINCE_ID: provinceId,
          },
          {
            DISTRICT_ID: pseudo,
            DISTRICT_VALUE: 'NEW',
            DISTRICT_NAME: 'Bỏ qua - Sử dụng địa chỉ 2 cấp',
            PROVINCE_ID: provinceId,
          },
        ]),
      );
    scope
      .get('/v2/categories/listWards')
      .query({ districtId: String(pseudo) })
      .reply(200, ok([{ WARDS_ID: wardId, WARDS_NAME: ward, DISTRICT_ID: pseudo }]));
  }
  // The main services: createShipment checks its service code against them before sending (N9).
  scope
    .post('/v2/categories/listService')
    .reply(200, ok([{ SERVICE_CODE: 'VCN', SERVICE_NAME: 'Chuyển phát nhanh', DESCRIPTION: null }]));
}

function tokenAdapter(extra: Partial<Parameters<typeof viettelpost>[0]> = {}): ViettelPostAdapter {
  return viettelpost({
    environment: 'development',
    credentials: { token: TOKEN },
    retry: FAST_RETRY,
    ...extra,
  });
}

/** Captures the JSON body of one POST, answering `reply`. Requires header Token. */
function capturePost(path: string, reply: unknown, token = TOKEN): { body?: Record<string, unknown> } {
  const captured: { body?: Record<string, unknown> } = {};
  nock(BASE)
    .matchHeader('token', token)
    .post(path, (body: Record<string, unknown>) => {
      captured.body = body;
      return true;
    })
    .reply(200, reply as nock.Body);
  return captured;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('auth request shapes', () => {
  it('Login (no token) → ownerconnect (Token = login token) → business calls with the long token', async () => {
    const bodies: Array<{ path: string; body: unknown; token?: string }> = [];
    nock(BASE, { badheaders: ['token'] })
      .post('/v2/user/Login', (body) => {
        bodies.push({ path: 'Login', body });
        return true;
      })
      .reply(200, ok({ userId: 7, token: 'short-login-token-abcdef', partner: 7, expired: 0 }));
    nock(BASE)
      .matchHeader('token', 'short-login-token-abcdef')
      .post('/v2/user/ownerconnect', (body) => {
        bodies.push({ path: 'ownerconnect', body });
        return true;
      })
      .reply(
        200,
        ok({
          userId: 8,
          token: 'long-owner-token-ghijkl',
          partner: 7,
          expired: Date.now() + 365 * 86_400_000,
        }),
      );
    nock(BASE)
      .matchHeader('token', 'long-owner-token-ghijkl')
      .get('/v2/user/listInventory')
      .reply(200, ok([]));

    const member = { username: '0905000002', password: 'member-password-1' };
    const adapter = viettelpost({ environment: 'development', credentials: member, retry: FAST_RETRY });
    await adapter.listWarehouses();
    await adapter.close();
    expect(bodies).toEqual([
      { path: 'Login', body: { USERNAME: '0905000002', PASSWORD: 'member-password-1' } },
      { path: 'ownerconnect', body: { USERNAME: '0905000002', PASSWORD: 'member-password-1' } },
    ]);
  });

  it('partner delegation: the partner logs in, ownerconnect carries the member', async () => {
    const bodies: unknown[] = [];
    nock(BASE)
      .post('/v2/user/Login', (body) => bodies.push(body) > 0)
      .reply(200, ok({ token: 'partner-login-token-1' }))
      .post('/v2/user/ownerconnect', (body) => bodies.push(body) > 0)
      .reply(200, ok({ token: 'member-under-partner-token-1' }));
    nock(BASE)
      .matchHeader('token', 'member-under-partner-token-1')
      .get('/v2/user/listInventory')
      .reply(200, ok([]));
    const adapter = viettelpost({
      environment: 'development',
      credentials: { username: 'member', password: 'member-pw-123' },
      partner: { username: 'partner', password: 'partner-pw-456' },
      retry: FAST_RETRY,
    });
    await adapter.listWarehouses();
    await adapter.close();
    expect(bodies).toEqual([
      { USERNAME: 'partner', PASSWORD: 'partner-pw-456' },
      { USERNAME: 'member', PASSWORD: 'member-pw-123' },
    ]);
  });

  it('re-authenticates ONCE on "Token invalid or expired", then fails with AuthenticationError', async () => {
    let logins = 0;
    let calls = 0;
    nock(BASE)
      .persist()
      .post('/v2/user/Login')
      .reply(200, () => {
        logins++;
        return ok({ token: `login-${logins}-token` });
      })
      .post('/v2/user/ownerconnect')
      .reply(200, () => ok({ token: `owner-${logins}-token` }))
      .get('/v2/user/listInventory')
      .reply(200, () => {
        calls++;
        return fail('Token invalid or expired', 401);
      });
    const adapter = viettelpost({
      environment: 'development',
      credentials: { username: 'u', password: 'pw-secret-1' },
      retry: FAST_RETRY,
    });
    const error = await adapter.listWarehouses().catch((e: unknown) => e);
    await adapter.close();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(logins).toBe(2);
    expect(calls).toBe(2);
  });

  it('a refused stored token fails with AuthenticationError and no login attempt', async () => {
    nock(BASE).get('/v2/user/listInventory').reply(200, fail('Token invalid'));
    const adapter = tokenAdapter();
    const error = await adapter.listWarehouses().catch((e: unknown) => e);
    await adapter.close();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('catalog request shapes (no Token header)', () => {
  it.each([
    ['provinces', '/v2/categories/listProvinceById', { provinceId: '-1' }],
    ['districts', '/v2/categories/listDistrict', { provinceId: '31' }],
    ['wards', '/v2/categories/listWards', { districtId: '333' }],
    ['wardsNew', '/v3/categories/listWardsNew', { provinceId: '31' }],
    ['extraServices', '/v2/categories/listServiceExtra', { serviceCode: 'VCN' }],
  ] as const)('%s → GET %s', async (method, path, query) => {
    nock(BASE, { badheaders: ['token'] })
      .get(path)
      .query(query)
      .reply(200, ok([]));
    const adapter = tokenAdapter();
    const arg = method === 'extraServices' ? 'VCN' : Number(Object.values(query)[0]);
    // provinces() takes no id (the -1 is the adapter's own "every province").
    const args = method === 'provinces' ? [] : [arg];
    await (adapter.catalogs[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    await adapter.close();
    expect(nock.isDone()).toBe(true);
  });

  it('listService is a POST with {TYPE: 2}; listBuuCucVTP and listProvinceNew are GETs', async () => {
    const captured: unknown[] = [];
    nock(BASE, { badheaders: ['token'] })
      .post('/v2/categories/listService', (body) => captured.push(body) > 0)
      .reply(200, ok([{ SERVICE_CODE: 'VCN', SERVICE_NAME: 'Chuyển phát nhanh', DESCRIPTION: null }]))
      .get('/v2/categories/listBuuCucVTP')
      .reply(
        200,
        ok([
          {
            MA_BUUCUC: 'QTI',
            TEN_BUUCUC: 'Bưu cục Vĩnh Linh',
            TEN_TINH: 'Quảng Trị',
            LATITUDE: '17.02',
            LONGITUDE: '107.05',
          },
        ]),
      )
      .get('/v3/categories/listProvinceNew')
      .reply(200, ok([]));
    const adapter = tokenAdapter();
    expect(await adapter.catalogs.services()).toEqual([{ code: 'VCN', name: 'Chuyển phát nhanh' }]);
    expect((await adapter.catalogs.postOffices())[0]).toMatchObject({ code: 'QTI', latitude: 17.02 });
    await adapter.catalogs.provincesNew();
    await adapter.close();
    expect(captured).toEqual([{ TYPE: 2 }]);
  });
});

describe('pricing request shapes', () => {
  it('getPriceAll: TYPE 1 (domestic), ids as numbers, whole grams; bare-array answer', async () => {
    mockCatalog();
    const captured = capturePost('/v2/order/getPriceAll', [
      {
        MA_DV_CHINH: 'VCN',
        TEN_DICHVU: 'Chuyển phát nhanh',
        GIA_CUOC: '56100',
        THOI_GIAN: '48 giờ',
        EXCHANGE_WEIGHT: 1200,
        EXTRA_SERVICE: [],
      },
      {
        MA_DV_CHINH: 'VTK',
        TEN_DICHVU: 'Chuyển phát tiết kiệm',
        GIA_CUOC: 46200,
        THOI_GIAN: '3 ngày',
        EXCHANGE_WEIGHT: 1200,
        EXTRA_SERVICE: [{ SERVICE_CODE: 'GBH', SERVICE_NAME: 'Bảo hiểm' }],
      },
    ]);
    const adapter = tokenAdapter();
    const quotes = await adapter.quote({
      from: SENDER_2025.address,
      to: RECEIVER.address,
      parcel: { ...PARCEL, weightGrams: 1200 },
      codAmountVnd: 350_000,
    });
    await adapter.close();
    expect(captured.body).toEqual({
      SENDER_PROVINCE: 31,
      SENDER_DISTRICT: 100_000_031,
      SENDER_WARD: 51577,
      RECEIVER_PROVINCE: 1,
      RECEIVER_DISTRICT: 100_000_001,
      RECEIVER_WARD: 49813,
      PRODUCT_TYPE: 'HH',
      PRODUCT_WEIGHT: 1200,
      PRODUCT_PRICE: 350_000,
      MONEY_COLLECTION: 350_000,
      PRODUCT_LENGTH: 20,
      PRODUCT_WIDTH: 15,
      PRODUCT_HEIGHT: 10,
      TYPE: 1,
    });
    expect(quotes.map((q) => [q.serviceCode, q.totalVnd, q.deliveryHours])).toEqual([
      ['VTK', 46200, 72],
      ['VCN', 56100, 48],
    ]);
    expect(quotes[0]!.extraServices).toEqual([{ code: 'GBH', name: 'Bảo hiểm' }]);
  });

  it('getPriceAll: accepts {data: [...]} and maps the enveloped no-price error', async () => {
    mockCatalog();
    capturePost('/v2/order/getPriceAll', ok([{ MA_DV_CHINH: 'VCN', TEN_DICHVU: 'Nhanh', GIA_CUOC: 1000 }]));
    capturePost('/v2/order/getPriceAll', fail('Price does not apply to this itinerary!', 204));
    const adapter = tokenAdapter();
    const request = { from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL };
    expect((await adapter.quote(request)).map((q) => q.serviceCode)).toEqual(['VCN']);
    const error = await adapter.quote(request).catch((e: unknown) => e);
    await adapter.close();
    expect(error).toBeInstanceOf(NotServiceableError);
    expect(error).toBeInstanceOf(ValidationError);
  });

  it('getPrice: NATIONAL_TYPE 1 (not TYPE), ORDER_SERVICE; fee breakdown and KPI hours', async () => {
    mockCatalog();
    const captured = capturePost(
      '/v2/order/getPrice',
      ok({
        MONEY_TOTAL: 14700,
        MONEY_TOTAL_FEE: 13363,
        MONEY_FEE: 0,
        MONEY_COLLECTION_FEE: 0,
        MONEY_VAT: 1337,
        KPI_HT: 48.0,
      }),
    );
    const adapter = tokenAdapter();
    const quote = await adapter.quoteService(
      { from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL },
      'VCBO',
    );
    await adapter.close();
    expect(captured.body).toMatchObject({
      NATIONAL_TYPE: 1,
      ORDER_SERVICE: 'VCBO',
      ORDER_SERVICE_ADD: '',
      PRODUCT_WEIGHT: 1200,
    });
    expect(captured.body).not.toHaveProperty('TYPE');
    expect(quote).toMatchObject({
      totalVnd: 14700,
      deliveryHours: 48,
      fees: { freightVnd: 13363, vatVnd: 1337 },
    });
  });

  it('getPriceNlp fallback: NATIONAL_TYPE 1 with free-text addresses', async () => {
    mockCatalog();
    const captured = capturePost(
      '/v2/order/getPriceNlp',
      ok({ MONEY_TOTAL: 33000, MONEY_TOTAL_FEE: 30000, MONEY_VAT: 3000, EXCHANGE_WEIGHT: 1500 }),
    );
    const adapter = tokenAdapter({ nlpFallback: true });
    const from = { street: 'Thôn Tân Mỹ', ward: 'Xã Không Có', province: 'Quảng Trị' };
    const quote = await adapter.quoteService({ from, to: RECEIVER.address, parcel: PARCEL }, 'VCN');
    await adapter.close();
    expect(captured.body).toMatchObject({
      SENDER_ADDRESS: 'Thôn Tân Mỹ, Xã Không Có, Quảng Trị',
      RECEIVER_ADDRESS: '144 Xuân Thủy, Phường Cầu Giấy, TP. Hà Nội',
      ORDER_SERVICE: 'VCN',
      NATIONAL_TYPE: 1,
      PRODUCT_WEIGHT: 1200,
    });
    expect(captured.body).not.toHaveProperty('SENDER_PROVINCE');
    expect(quote).toMatchObject({ totalVnd: 33000, chargeableWeightGrams: 1500 });
  });

  it('without the fallback an unresolvable address fails before any pricing call', async () => {
    mockCatalog();
    const adapter = tokenAdapter();
    const error = await adapter
      .quote({ from: { ward: 'Xã Không Có', province: 'Quảng Trị' }, to: RECEIVER.address, parcel: PARCEL })
      .catch((e: unknown) => e);
    await adapter.close();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]!.path).toBe('address.ward');
  });

  it('getPriceAllNlp fallback (opt-in): full address text when ids cannot be resolved', async () => {
    mockCatalog();
    const captured = capturePost('/v2/order/getPriceAllNlp', {
      SENDER_ADDRESS: { PROVINCE_ID: 31, DISTRICT_ID: 0, WARD_ID: 0, ADDRESS: 'X.Vĩnh Linh - Quảng Trị' },
      RECEIVER_ADDRESS: { PROVINCE_ID: 1, DISTRICT_ID: 0, WARD_ID: 0, ADDRESS: 'P.Cầu Giấy - Hà Nội' },
      RESULT: [{ MA_DV_CHINH: 'VCN', TEN_DICHVU: 'Nhanh', GIA_CUOC: 30000, THOI_GIAN: '48 giờ' }],
    });
    const adapter = tokenAdapter({ nlpFallback: true });
    const to = { street: '1 Ngõ Trạm', ward: 'Phường Không Có', province: 'Hà Nội' };
    const quotes = await adapter.quote({ from: SENDER_2025.address, to, parcel: PARCEL });
    await adapter.close();
    expect(captured.body).toMatchObject({
      SENDER_ADDRESS: '36 Lê Duẩn, khóm 3, Xã Vĩnh Linh, Quảng Trị',
      RECEIVER_ADDRESS: '1 Ngõ Trạm, Phường Không Có, Hà Nội',
      TYPE: 1,
    });
    expect(captured.body).not.toHaveProperty('RECEIVER_WARD');
    expect(quotes[0]!.totalVnd).toBe(30000);
  });
});

describe('order request shapes', () => {
  const longName = `Hợp tác xã Nông nghiệp và Dịch vụ Tổng hợp Vĩnh Linh ${'Ốc Quế Đỗ Ưởng '.repeat(12)}`;

  it('createOrder: ORDER_NUMBER = reference, CHECK_UNIQUE, ORDER_PAYMENT 3, whole grams, ≤150-byte strings', async () => {
    mockCatalog();
    const captured = capturePost(
      '/v2/order/createOrder',
      ok({
        ORDER_NUMBER: '15878180012',
        MONEY_COLLECTION: 350000,
        EXCHANGE_WEIGHT: 1200,
        MONEY_TOTAL: 51700,
        MONEY_TOTAL_FEE: 37000,
        MONEY_COLLECTION_FEE: 10000,
        MONEY_VAT: 4700,
        KPI_HT: 48,
        SORT_CODE: 'HNI-CẦU GIẤY-NAT',
      }),
    );
    const adapter = tokenAdapter();
    const shipment = await adapter.createShipment(
      {
        sender: { ...SENDER_2025, name: longName },
        receiver: RECEIVER,
        parcel: PARCEL,
        serviceCode: 'VCN',
        extraServiceCodes: ['GBH', 'XMG'],
        codAmountVnd: 350_000,
        note: `Cho xem hàng, không cho thử. ${'Gọi trước khi giao. '.repeat(10)}`,
      },
      { reference: 'OCOP-VL-0001' },
    );
    await adapter.close();
    const body = captured.body!;
    expect(body).toMatchObject({
      ORDER_NUMBER: 'OCOP-VL-0001',
      CHECK_UNIQUE: true,
      ENABLE_SORT_CODE: true,
      ORDER_PAYMENT: 3,
      ORDER_SERVICE: 'VCN',
      ORDER_SERVICE_ADD: 'GBH,XMG',
      MONEY_COLLECTION: 350_000,
      PRODUCT_PRICE: 350_000,
      PRODUCT_WEIGHT: 1200,
      PRODUCT_QUANTITY: 2,
      PRODUCT_TYPE: 'HH',
      SENDER_PHONE: '0912345678',
      SENDER_PROVINCE: 31,
      SENDER_DISTRICT: 100_000_031,
      SENDER_WARD: 51577,
      RECEIVER_WARD: 49813,
      GROUPADDRESS_ID: 0,
      CUS_ID: 0,
      LIST_ITEM: [
        {
          PRODUCT_NAME: 'Hạt tiêu Vĩnh Linh OCOP 4 sao',
          PRODUCT_PRICE: 175_000,
          PRODUCT_WEIGHT: 600,
          PRODUCT_QUANTITY: 2,
        },
      ],
    });
    expect(Number.isInteger(body.PRODUCT_WEIGHT)).toBe(true);
    expect(body.DELIVERY_DATE).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    for (const [field, value] of Object.entries(body)) {
      if (typeof value === 'string') expect(utf8ByteLength(value), field).toBeLessThanOrEqual(150);
    }
    expect(body.SENDER_FULLNAME).not.toBe(longName);
    expect(longName.startsWith(body.SENDER_FULLNAME as string)).toBe(true);
    expect(shipment).toMatchObject({
      trackingNumber: '15878180012',
      status: 'CREATED',
      sortCode: 'HNI-CẦU GIẤY-NAT',
      estimatedDeliveryHours: 48,
      fees: { totalVnd: 51700, codFeeVnd: 10000 },
    });
  });

  it.each([
    [0, 'sender', 1],
    [200_000, 'receiver', 2],
    [200_000, 'sender', 3],
    [0, 'receiver', 4],
  ] as const)('ORDER_PAYMENT: COD %i, freight paid by %s → %i', async (cod, payer, expected) => {
    mockCatalog();
    const captured = capturePost('/v2/order/createOrder', ok({ ORDER_NUMBER: '1', MONEY_TOTAL: 1 }));
    const adapter = tokenAdapter();
    await adapter.createShipment(
      {
        sender: SENDER_2025,
        receiver: RECEIVER,
        parcel: PARCEL,
        serviceCode: 'VCN',
        codAmountVnd: cod,
        freightPaidBy: payer,
      },
      { reference: `PAY-${cod}-${payer}` },
    );
    await adapter.close();
    expect(captured.body!.ORDER_PAYMENT).toBe(expected);
  });

  it('a duplicate reference answers WAYBILL_PENDING instead of failing; System error is retried', async () => {
    mockCatalog();
    capturePost('/v2/order/createOrder', fail('System error'));
    capturePost('/v2/order/createOrder', fail('Mã đơn hàng đã tồn tại / ORDER_NUMBER already exists'));
    const adapter = tokenAdapter();
    const shipment = await adapter.createShipment(
      { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'VCN' },
      { reference: 'OCOP-DUP-1' },
    );
    await adapter.close();
    expect(nock.pendingMocks().filter((m) => m.includes('createOrder'))).toEqual([]);
    expect(shipment).toMatchObject({ status: 'WAYBILL_PENDING', reference: 'OCOP-DUP-1' });
    expect(shipment.trackingNumber).toBeUndefined();
  });

  it('createOrderNlp (fallback): free-text addresses, PRODUCT_DETAIL, no ids', async () => {
    mockCatalog();
    const captured = capturePost(
      '/v2/order/createOrderNlp',
      ok({ ORDER_NUMBER: '15878180099', MONEY_TOTAL: 30000 }),
    );
    const adapter = tokenAdapter({ nlpFallback: true });
    await adapter.createShipment(
      {
        sender: SENDER_2025,
        receiver: { ...RECEIVER, address: { street: '5 Trần Phú', ward: 'Phường Lạ', province: 'Hà Nội' } },
        parcel: PARCEL,
        serviceCode: 'VCN',
      },
      { reference: 'OCOP-NLP-1' },
    );
    await adapter.close();
    expect(captured.body).toMatchObject({
      ORDER_NUMBER: 'OCOP-NLP-1',
      RECEIVER_ADDRESS: '5 Trần Phú, Phường Lạ, Hà Nội',
      CHECK_UNIQUE: true,
      ORDER_PAYMENT: 1,
      PRODUCT_DETAIL: [expect.objectContaining({ PRODUCT_WEIGHT: 600 })],
    });
    for (const key of ['RECEIVER_WARD', 'SENDER_PROVINCE', 'GROUPADDRESS_ID', 'LIST_ITEM']) {
      expect(captured.body).not.toHaveProperty(key);
    }
  });

  it('order/edit: ORDER_NUMBER is the VTP waybill, and no CHECK_UNIQUE (its effect on edit is undocumented)', async () => {
    mockCatalog();
    const captured = capturePost('/v2/order/edit', ok({ MONEY_TOTAL: 40000 }));
    const adapter = tokenAdapter();
    const edited = await adapter.editShipment(
      '15878180012',
      { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'VCN' },
      { reference: 'OCOP-VL-0001', currentStatus: -100 },
    );
    await adapter.close();
    expect(captured.body).toMatchObject({ ORDER_NUMBER: '15878180012' });
    expect(captured.body).not.toHaveProperty('CHECK_UNIQUE');
    expect(edited).toMatchObject({ trackingNumber: '15878180012', reference: 'OCOP-VL-0001' });
  });

  it.each([
    ['approve', 1, -100],
    ['approveReturn', 2, 505],
    ['redeliver', 3, 505],
    ['cancel', 4, 100],
    ['delete', 11, 107],
  ] as const)('UpdateOrder %s → TYPE %i', async (action, type, currentStatus) => {
    const captured = capturePost('/v2/order/UpdateOrder', ok(null, 'Thành công'));
    const adapter = tokenAdapter();
    const result = await adapter.updateOrder('15878180012', action, { currentStatus, note: 'Lý do' });
    await adapter.close();
    expect(captured.body).toEqual({ TYPE: type, ORDER_NUMBER: '15878180012', NOTE: 'Lý do' });
    expect(result).toMatchObject({ message: 'Thành công', alreadyApplied: false });
  });

  it('UpdateOrder: "Order status already exists" means already applied; "Order does not exist" is NotFound', async () => {
    capturePost('/v2/order/UpdateOrder', fail('Order status already exists on the system'));
    capturePost('/v2/order/UpdateOrder', fail('Order does not exist'));
    const adapter = tokenAdapter();
    expect(await adapter.updateOrder('1', 'cancel')).toMatchObject({ alreadyApplied: true });
    const error = await adapter.updateOrder('2', 'cancel').catch((e: unknown) => e);
    await adapter.close();
    expect((error as Error).name).toBe('NotFoundError');
  });

  it('printing-code: EXPIRY_TIME epoch ms in the future, ORDER_ARRAY; code URL-encoded into the label URL', async () => {
    const captured = capturePost('/v2/order/printing-code', ok(null, 'ab+c/d=='));
    const adapter = tokenAdapter();
    const before = Date.now();
    const url = await adapter.labelUrl(['15878180012', '15878180013'], 'A7');
    await adapter.close();
    expect(captured.body!.ORDER_ARRAY).toEqual(['15878180012', '15878180013']);
    expect(captured.body!.EXPIRY_TIME as number).toBeGreaterThan(before);
    expect(url).toBe(
      'https://dev-print.viettelpost.vn/DigitalizePrint/report.do?type=100&bill=ab%2Bc%2Fd%3D%3D&showPostage=0',
    );
  });

  it('production label host; A5 → type 1', async () => {
    nock('https://partner.viettelpost.vn').post('/v2/order/printing-code').reply(200, ok(null, 'CODE='));
    const adapter = tokenAdapter({ environment: 'production' });
    expect(await adapter.labelUrl(['1'], 'A5')).toBe(
      'https://digitalize.viettelpost.vn/DigitalizePrint/report.do?type=1&bill=CODE%3D&showPostage=0',
    );
    await adapter.close();
  });

  it('registerOrderHook: GET ?oid=<waybill>&mes=', async () => {
    nock(BASE)
      .matchHeader('token', TOKEN)
      .get('/v2/order/registerOrderHook')
      .query({ oid: '15878180012', mes: 'gửi lại' })
      .reply(200, ok(null));
    const adapter = tokenAdapter();
    await adapter.registerOrderHook('15878180012', 'gửi lại');
    await adapter.close();
    expect(nock.isDone()).toBe(true);
  });

  it('listInventory camelCase → warehouses; registerInventory {PHONE, NAME, ADDRESS, WARDS_ID}', async () => {
    mockCatalog();
    const row = {
      groupaddressId: 5,
      cusId: 9,
      name: 'Kho Hồ Xá',
      phone: '0912345678',
      address: '36 Lê Duẩn',
      provinceId: 31,
      districtId: 100000031,
      wardsId: 51577,
      postId: null,
      merchant: null,
    };
    nock(BASE)
      .matchHeader('token', TOKEN)
      .get('/v2/user/listInventory')
      .reply(200, ok([row]));
    const captured = capturePost('/v2/user/registerInventory', ok([row]));
    const adapter = tokenAdapter();
    expect(await adapter.listWarehouses()).toEqual([
      {
        groupAddressId: 5,
        customerId: 9,
        name: 'Kho Hồ Xá',
        phone: '0912345678',
        address: '36 Lê Duẩn',
        provinceId: 31,
        districtId: 100000031,
        wardId: 51577,
      },
    ]);
    await adapter.registerWarehouse({
      name: 'Kho Hồ Xá',
      phone: '0912 345 678',
      address: SENDER_2025.address,
    });
    await adapter.close();
    expect(captured.body).toEqual({
      PHONE: '0912345678',
      NAME: 'Kho Hồ Xá',
      ADDRESS: '36 Lê Duẩn, khóm 3, Xã Vĩnh Linh, Quảng Trị',
      WARDS_ID: 51577,
    });
  });

  it('an answer outside the envelope is a ContractViolationError', async () => {
    nock(BASE).get('/v2/user/listInventory').reply(200, '<html>maintenance</html>');
    const adapter = tokenAdapter();
    const error = await adapter.listWarehouses().catch((e: unknown) => e);
    await adapter.close();
    expect(error).toBeInstanceOf(ContractViolationError);
  });
});

describe('duplicate mapping', () => {
  it('maps the duplicate message to DuplicateReferenceError (a ConflictError)', async () => {
    const { mapViettelPostError } = await import('../../../src/platforms/viettelpost/index.js');
    const error = mapViettelPostError({
      platform: 'viettelpost',
      operation: 'createOrder',
      status: 200,
      headers: {},
      body: fail('ORDER_NUMBER already exists'),
    });
    expect(error).toBeInstanceOf(DuplicateReferenceError);
    expect(error?.kind).toBe('conflict');
  });
});
