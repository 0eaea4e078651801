import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postmart } from '../../../src/platforms/postmart/index.js';
import { voso } from '../../../src/platforms/voso/index.js';

const BASE = 'https://partner.example.vn/api';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

const login = () =>
  nock(BASE)
    .post('/auth/login', { USERNAME: 'htx', PASSWORD: 'pw' })
    .reply(200, {
      status: 200,
      error: false,
      message: 'OK',
      data: { TOKEN: 'tok-1', EXPIRES_AT: 4102444800 },
    });

describe('profile overrides reach the wire', () => {
  it('renamed paths, field names and auth header from an override are used without code changes', async () => {
    login();
    const lookup = nock(BASE, { reqheaders: { 'X-Access-Token': 'tok-1' } })
      .get('/v2/items/by-sku/MO-HG-250')
      .reply(200, {
        status: 200,
        error: false,
        message: 'OK',
        data: {
          PRODUCT_ID: 77,
          SELLER_SKU: 'MO-HG',
          NAME: 'Mật ong bạc hà',
          REVIEW_STATUS: 'APPROVED',
          VARIANTS: [{ VARIANT_ID: 9, SELLER_SKU: 'MO-HG-250', TIER_INDEX: [0], PRICE: 150000, STOCK: 4 }],
        },
      });
    const adapter = voso({
      credentials: { username: 'htx', password: 'pw' },
      baseUrl: BASE,
      profile: {
        auth: { headerName: 'X-Access-Token' },
        endpoints: { getListingBySku: { path: '/v2/items/by-sku/{sku}' } },
        fields: { listing: { title: 'NAME' } },
      },
    });
    try {
      const listing = await adapter.findListingBySku('MO-HG-250');
      expect(listing).toMatchObject({
        remoteId: '77',
        sku: 'MO-HG',
        title: 'Mật ong bạc hà',
        review: 'APPROVED',
      });
      expect(listing?.variants).toEqual([{ sku: 'MO-HG-250', remoteId: '9', priceVnd: 150000, stock: 4 }]);
      expect(lookup.isDone()).toBe(true);
    } finally {
      await adapter.close();
    }
  });

  it('a whole-batch failure marks each SKU of that batch failed and retriable; other batches still apply', async () => {
    login();
    const scope = nock(BASE)
      .post('/products/stock', (body) => body.ITEMS.length === 2)
      .reply(503, { status: 503, error: true, message: 'Tạm ngưng', data: null })
      .post('/products/stock', (body) => body.ITEMS.length === 1 && body.ITEMS[0].SELLER_SKU === 'C')
      .reply(200, {
        status: 200,
        error: false,
        message: 'OK',
        data: { RESULTS: [{ SELLER_SKU: 'C', SUCCESS: true, STOCK: 3 }] },
      });
    const adapter = voso({
      credentials: { username: 'htx', password: 'pw' },
      baseUrl: BASE,
      profile: { maxBatch: 2 },
    });
    try {
      const results = await adapter.setStock(
        [
          { sku: 'A', quantity: 1 },
          { sku: 'B', quantity: 2 },
          { sku: 'C', quantity: 3 },
        ],
        { retries: 0 },
      );
      expect(results).toEqual([
        expect.objectContaining({ sku: 'A', ok: false, retriable: true }),
        expect.objectContaining({ sku: 'B', ok: false, retriable: true }),
        { sku: 'C', ok: true },
      ]);
      expect(scope.isDone()).toBe(true);
    } finally {
      await adapter.close();
    }
  });

  it('reads a flat (non-envelope) login answer and sends the token in the configured header', async () => {
    nock(BASE)
      .post('/GetAccessToken', { username: 'htx', password: 'pw', customerCode: 'C0001' })
      .reply(200, { success: true, token: 'pm-tok', expiresIn: 3600 });
    const scope = nock(BASE, { reqheaders: { token: 'pm-tok' } })
      .get('/GetOrder')
      .query({ maDonHang: 'PM1' })
      .reply(200, {
        success: true,
        code: 'SUCCESS',
        message: 'Thành công',
        result: {
          maDonHang: 'PM1',
          trangThai: 'cho_xac_nhan',
          phuongThucThanhToan: 'TRA_TRUOC',
          nguoiNhan: {
            hoTen: 'Trần Văn Minh',
            soDienThoai: '0987654321',
            tinhThanh: 'Thành phố Hà Nội',
            xaPhuong: 'Phường Cầu Giấy',
            diaChi: '25 Xuân Thủy',
          },
          sanPham: [
            {
              maSku: 'TAO-3KG',
              tenSanPham: 'Táo đại Mường La',
              phanLoai: 'Hộp 3kg',
              soLuong: 1,
              donGia: 180000,
            },
          ],
          tienHang: 180000,
          phiVanChuyen: 25000,
          tongTien: 195000,
          tienThuHo: 0,
          donViVanChuyen: null,
          maVanDon: null,
          ghiChu: '',
          ngayTao: '2026-11-27T14:05:09+07:00',
          ngayCapNhat: '2026-11-27T14:06:00+07:00',
        },
      });
    const adapter = postmart({
      credentials: { username: 'htx', password: 'pw', customerCode: 'C0001' },
      baseUrl: BASE,
    });
    try {
      const order = await adapter.getOrder('PM1');
      expect(order).toMatchObject({
        platform: 'postmart',
        externalId: 'PM1',
        status: 'PENDING_CONFIRM',
        rawStatus: 'cho_xac_nhan',
        createdAt: '2026-11-27T07:05:09.000Z',
        shippingAddress: { province: 'Thành phố Hà Nội', ward: 'Phường Cầu Giấy', street: '25 Xuân Thủy' },
        payment: {
          method: 'prepaid',
          subtotalVnd: 180000,
          shippingFeeVnd: 25000,
          discountVnd: 10000,
          totalVnd: 195000,
        },
      });
      expect(order.shippingAddress.district).toBeUndefined();
      expect(order.lines[0]).toMatchObject({ sku: 'TAO-3KG', name: 'Táo đại Mường La (Hộp 3kg)' });
      expect(scope.isDone()).toBe(true);
    } finally {
      await adapter.close();
    }
  });
});

describe('other auth strategies from a profile', () => {
  const listing = {
    status: 200,
    error: false,
    message: 'OK',
    data: { PRODUCT_ID: 1, SELLER_SKU: 'S', PRODUCT_NAME: 'x', REVIEW_STATUS: 'APPROVED', VARIANTS: [] },
  };

  it('Shopee-style HMAC signing puts partner_id, timestamp, sign, access_token and shop_id in the query', async () => {
    let seen: Record<string, string> = {};
    nock(BASE)
      .get('/products/sku/S')
      .query((q) => {
        seen = q as Record<string, string>;
        return true;
      })
      .reply(200, listing);
    const adapter = voso({
      credentials: { partnerId: '2001', partnerKey: 'khoa-bi-mat', shopId: '77', accessToken: 'acc-1' },
      baseUrl: BASE,
      profile: { auth: { type: 'hmac', style: 'shopee' } },
    });
    try {
      await adapter.findListingBySku('S');
      expect(seen).toMatchObject({ partner_id: '2001', access_token: 'acc-1', shop_id: '77' });
      expect(seen.sign).toMatch(/^[0-9a-f]{64}$/);
      expect(Number(seen.timestamp)).toBeGreaterThan(1_700_000_000);
    } finally {
      await adapter.close();
    }
  });

  it('OAuth2: a refused access token is refreshed once with the refresh token, then the call succeeds', async () => {
    nock(BASE, { reqheaders: { authorization: 'Bearer old' } })
      .get('/products/sku/S')
      .reply(401, { status: 401, error: true, message: 'Token hết hạn', data: null });
    const refresh = nock(BASE)
      .post('/auth/refresh', { refresh_token: 'r-1', client_id: 'app-9' })
      .reply(200, {
        status: 200,
        error: false,
        message: 'OK',
        data: { access_token: 'new', refresh_token: 'r-2', expire_in: 3600 },
      });
    nock(BASE, { reqheaders: { authorization: 'Bearer new' } })
      .get('/products/sku/S')
      .reply(200, listing);
    const adapter = voso({
      credentials: { accessToken: 'old', refreshToken: 'r-1', clientId: 'app-9' },
      baseUrl: BASE,
      profile: {
        auth: {
          type: 'oauth2',
          refresh: { method: 'POST', path: '/auth/refresh' },
          body: { refresh_token: '{refreshToken}', client_id: '{clientId}' },
          enveloped: true,
          tokenPath: 'access_token',
          refreshTokenPath: 'refresh_token',
          expiresPath: 'expire_in',
          expiresFormat: 'relativeSeconds',
        },
      },
    });
    try {
      expect((await adapter.findListingBySku('S'))?.remoteId).toBe('1');
      expect(refresh.isDone()).toBe(true);
    } finally {
      await adapter.close();
    }
  });
});
