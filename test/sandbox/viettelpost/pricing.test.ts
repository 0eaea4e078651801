import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../../src/sandbox/index.js';
import {
  type CatalogIds,
  type Envelope,
  longToken,
  lookupIds,
  type VtpClient,
  vtpClient,
} from './helpers.js';

type Row = Record<string, unknown>;

describe('ViettelPost sandbox: pricing and address validation', () => {
  let sandbox: ViettelPostSandbox;
  let client: VtpClient;
  let token: string;
  let ids: CatalogIds;

  const route = (overrides: Record<string, unknown> = {}) => ({
    SENDER_PROVINCE: ids.quangTri,
    SENDER_DISTRICT: ids.vinhLinh,
    SENDER_WARD: ids.hoXaOld,
    RECEIVER_PROVINCE: ids.haNoi,
    RECEIVER_DISTRICT: ids.cauGiay,
    RECEIVER_WARD: ids.dichVongOld,
    PRODUCT_TYPE: 'HH',
    PRODUCT_WEIGHT: 1200,
    PRODUCT_PRICE: 300000,
    MONEY_COLLECTION: 0,
    TYPE: 1,
    ...overrides,
  });

  beforeAll(async () => {
    sandbox = await startViettelPostSandbox({ stepMs: 0 });
    client = vtpClient(sandbox);
    token = await longToken(client, sandbox.credentials);
    ids = await lookupIds(client);
  });
  afterAll(() => sandbox.close());

  it('getPriceAll answers a bare array on success', async () => {
    const items = await client.post<Row[]>('/v2/order/getPriceAll', route(), token);
    expect(Array.isArray(items)).toBe(true);
    const codes = items.map((i) => i.MA_DV_CHINH);
    expect(codes).toEqual(expect.arrayContaining(['VCN', 'VTK', 'VHT', 'LCOD']));
    // PHS is intra-province only; BTK only above 15 kg.
    expect(codes).not.toContain('PHS');
    expect(codes).not.toContain('BTK');
    const vcn = items.find((i) => i.MA_DV_CHINH === 'VCN')!;
    expect(vcn).toMatchObject({
      TEN_DICHVU: 'Chuyển phát nhanh',
      GIA_CUOC: expect.any(Number),
      THOI_GIAN: expect.stringMatching(/^\d+ giờ$/),
      EXCHANGE_WEIGHT: 1200,
    });
    expect((vcn.EXTRA_SERVICE as Row[]).map((e) => e.SERVICE_CODE)).toContain('GBH');
  });

  it('getPriceAll errors come in the envelope', async () => {
    const international = await client.post<Envelope>('/v2/order/getPriceAll', route({ TYPE: 0 }), token);
    expect(international).toEqual({
      status: 204,
      error: true,
      message: 'Price does not apply to this itinerary!',
      data: null,
    });
    const tooHeavy = await client.post<Envelope>(
      '/v2/order/getPriceAll',
      route({ PRODUCT_WEIGHT: 250_000 }),
      token,
    );
    expect(tooHeavy).toMatchObject({ error: true, message: 'Price does not apply to this itinerary!' });
    const noToken = await client.post<Envelope>('/v2/order/getPriceAll', route());
    expect(noToken).toMatchObject({ status: 401, error: true });
  });

  it('prices by route and weight band, and offers PHS only within a province', async () => {
    const intra = await client.post<Row[]>(
      '/v2/order/getPriceAll',
      route({
        RECEIVER_PROVINCE: ids.quangTri,
        RECEIVER_DISTRICT: ids.vinhLinh,
        RECEIVER_WARD: ids.vinhThuyOld,
      }),
      token,
    );
    expect(intra.map((i) => i.MA_DV_CHINH)).toContain('PHS');
    const price = (items: Row[], code: string) => Number(items.find((i) => i.MA_DV_CHINH === code)!.GIA_CUOC);
    const inter = await client.post<Row[]>('/v2/order/getPriceAll', route(), token);
    expect(price(intra, 'VCN')).toBeLessThan(price(inter, 'VCN'));
    const heavier = await client.post<Row[]>('/v2/order/getPriceAll', route({ PRODUCT_WEIGHT: 5000 }), token);
    expect(price(heavier, 'VCN')).toBeGreaterThan(price(inter, 'VCN'));
    const heavy = await client.post<Row[]>('/v2/order/getPriceAll', route({ PRODUCT_WEIGHT: 18_000 }), token);
    expect(heavy.map((i) => i.MA_DV_CHINH)).toContain('BTK');
  });

  it('uses the volumetric weight L×W×H/6 when it exceeds the actual weight', async () => {
    const items = await client.post<Row[]>(
      '/v2/order/getPriceAll',
      route({ PRODUCT_WEIGHT: 500, PRODUCT_LENGTH: 30, PRODUCT_WIDTH: 20, PRODUCT_HEIGHT: 20 }),
      token,
    );
    expect(items[0]!.EXCHANGE_WEIGHT).toBe(2000);
  });

  it('getPrice returns the fee breakdown: VAT 10 %, COD fee, insurance 1 % min 15 000', async () => {
    interface PriceData {
      MONEY_TOTAL_OLD: number;
      MONEY_TOTAL: number;
      MONEY_TOTAL_FEE: number;
      MONEY_FEE: number;
      MONEY_COLLECTION_FEE: number;
      MONEY_OTHER_FEE: number;
      MONEY_VAS: number;
      MONEY_VAT: number;
      KPI_HT: number;
    }
    const base = await client.post<Envelope<PriceData>>(
      '/v2/order/getPrice',
      route({ ORDER_SERVICE: 'VCN', ORDER_SERVICE_ADD: '', NATIONAL_TYPE: 1 }),
      token,
    );
    expect(base.error).toBe(false);
    const d = base.data;
    expect(d.MONEY_TOTAL).toBe(
      d.MONEY_TOTAL_FEE +
        d.MONEY_FEE +
        d.MONEY_COLLECTION_FEE +
        d.MONEY_OTHER_FEE +
        d.MONEY_VAS +
        d.MONEY_VAT,
    );
    expect(d.MONEY_VAT).toBe(Math.round((d.MONEY_TOTAL - d.MONEY_VAT) * 0.1));
    expect(d.MONEY_COLLECTION_FEE).toBe(0);
    expect(d.KPI_HT).toBeGreaterThan(0);

    const insured = await client.post<Envelope<Record<string, number>>>(
      '/v2/order/getPrice',
      route({
        ORDER_SERVICE: 'VCN',
        ORDER_SERVICE_ADD: 'GBH',
        NATIONAL_TYPE: 1,
        PRODUCT_PRICE: 3_000_000,
        MONEY_COLLECTION: 500_000,
      }),
      token,
    );
    expect(insured.data.MONEY_VAS).toBe(30_000);
    expect(insured.data.MONEY_COLLECTION_FEE).toBeGreaterThan(0);
    const cheap = await client.post<Envelope<Record<string, number>>>(
      '/v2/order/getPrice',
      route({ ORDER_SERVICE: 'VCN', ORDER_SERVICE_ADD: 'GBH', NATIONAL_TYPE: 1, PRODUCT_PRICE: 100_000 }),
      token,
    );
    expect(cheap.data.MONEY_VAS).toBe(15_000);

    const wrongBand = await client.post<Envelope>(
      '/v2/order/getPrice',
      route({ ORDER_SERVICE: 'PHS', NATIONAL_TYPE: 1 }),
      token,
    );
    expect(wrongBand).toMatchObject({
      status: 204,
      error: true,
      message: 'Price does not apply to this itinerary!',
    });
    const unknown = await client.post<Envelope>(
      '/v2/order/getPrice',
      route({ ORDER_SERVICE: 'XYZ', NATIONAL_TYPE: 1 }),
      token,
    );
    expect(unknown).toMatchObject({ error: true, message: 'Incorrect data: ORDER_SERVICE' });
  });

  it('accepts numeric strings and rejects non-integer weights', async () => {
    const asNumbers = await client.post<Row[]>(
      '/v2/order/getPriceAll',
      route({ MONEY_COLLECTION: 240000 }),
      token,
    );
    const asStrings = await client.post<Row[]>(
      '/v2/order/getPriceAll',
      route({
        SENDER_PROVINCE: String(ids.quangTri),
        SENDER_DISTRICT: String(ids.vinhLinh),
        SENDER_WARD: String(ids.hoXaOld),
        RECEIVER_PROVINCE: String(ids.haNoi),
        RECEIVER_DISTRICT: String(ids.cauGiay),
        RECEIVER_WARD: String(ids.dichVongOld),
        PRODUCT_WEIGHT: '1200',
        MONEY_COLLECTION: '240000',
        TYPE: '1',
      }),
      token,
    );
    expect(asStrings).toEqual(asNumbers);
    expect(await client.post('/v2/order/getPriceAll', route({ PRODUCT_WEIGHT: 0.5 }), token)).toMatchObject({
      error: true,
      message: 'Invalid [PRODUCT_WEIGHT]',
    });
    expect(await client.post('/v2/order/getPriceAll', route({ PRODUCT_WEIGHT: '1.5' }), token)).toMatchObject(
      {
        error: true,
        message: 'Invalid [PRODUCT_WEIGHT]',
      },
    );
  });

  describe('address triples', () => {
    const receiver = (province: number, district: number, ward: number) =>
      route({ RECEIVER_PROVINCE: province, RECEIVER_DISTRICT: district, RECEIVER_WARD: ward });
    const priceAll = (body: Row) => client.post<Row[] | Envelope>('/v2/order/getPriceAll', body, token);

    it('accepts a new Vĩnh Linh commune with district 0, the pseudo-district or an old district of the province', async () => {
      for (const district of [0, 100_000_000 + ids.quangTri, ids.vinhLinh]) {
        const answer = await priceAll(receiver(ids.quangTri, district, ids.vinhThuyNew));
        expect(Array.isArray(answer), `district ${district}`).toBe(true);
      }
    });

    it('rejects a new ward with a district of another province or the wrong province ("with address new")', async () => {
      expect(await priceAll(receiver(ids.quangTri, ids.cauGiay, ids.vinhThuyNew))).toEqual({
        status: 205,
        error: true,
        message: 'Incorrect data: RECEIVER_DISTRICT Incorrect data: RECEIVER_PROVINCE with address new',
        data: null,
      });
      expect(await priceAll(receiver(ids.haNoi, 0, ids.vinhThuyNew))).toMatchObject({
        message: 'Incorrect data: RECEIVER_DISTRICT Incorrect data: RECEIVER_PROVINCE with address new',
      });
    });

    it('validates old triples: Vĩnh Thủy belongs to Vĩnh Linh ("with address old")', async () => {
      expect(Array.isArray(await priceAll(receiver(ids.quangTri, ids.vinhLinh, ids.vinhThuyOld)))).toBe(true);
      expect(await priceAll(receiver(ids.quangTri, ids.cauGiay, ids.vinhThuyOld))).toMatchObject({
        error: true,
        message: 'Incorrect data: RECEIVER_DISTRICT Incorrect data: RECEIVER_PROVINCE with address old',
      });
      expect(await priceAll(receiver(ids.haNoi, ids.vinhLinh, ids.vinhThuyOld))).toMatchObject({
        message: 'Incorrect data: RECEIVER_DISTRICT Incorrect data: RECEIVER_PROVINCE with address old',
      });
    });

    it('rejects unknown ward and province ids', async () => {
      expect(await priceAll(receiver(ids.quangTri, ids.vinhLinh, 999_999))).toMatchObject({
        message: 'Incorrect data: RECEIVER_WARD',
      });
      expect(await priceAll(receiver(777, ids.vinhLinh, ids.vinhThuyOld))).toMatchObject({
        message: 'Incorrect data: RECEIVER_PROVINCE',
      });
      expect(await priceAll(route({ SENDER_WARD: 'abc' }))).toMatchObject({
        message: 'Incorrect data: SENDER_WARD',
      });
    });
  });

  describe('free-text (Nlp) endpoints', () => {
    const nlp = (sender: string, receiver: string, extra: Row = {}) => ({
      SENDER_ADDRESS: sender,
      RECEIVER_ADDRESS: receiver,
      PRODUCT_TYPE: 'HH',
      PRODUCT_WEIGHT: 800,
      PRODUCT_PRICE: 200000,
      MONEY_COLLECTION: '200000',
      TYPE: 1,
      ...extra,
    });

    it("getPriceAllNlp resolves old three-level and new two-level addresses and echoes VTP's form", async () => {
      const answer = await client.post<Record<string, Row>>(
        '/v2/order/getPriceAllNlp',
        nlp(
          '36 Lê Duẩn, Thị trấn Hồ Xá, Huyện Vĩnh Linh, Tỉnh Quảng Trị',
          'thôn Tây, X.Vĩnh Thủy, T.Quảng Trị',
        ),
        token,
      );
      expect(answer.SENDER_ADDRESS).toEqual({
        PROVINCE_ID: ids.quangTri,
        DISTRICT_ID: ids.vinhLinh,
        WARD_ID: ids.hoXaOld,
        ADDRESS: 'TT.Hồ Xá - H.Vĩnh Linh - T.Quảng Trị',
      });
      expect(answer.RECEIVER_ADDRESS).toEqual({
        PROVINCE_ID: ids.quangTri,
        DISTRICT_ID: 100_000_000 + ids.quangTri,
        WARD_ID: ids.vinhThuyNew,
        ADDRESS: 'X.Vĩnh Thủy - T.Quảng Trị',
      });
      expect((answer.RESULT as unknown as Row[]).map((r) => r.MA_DV_CHINH)).toContain('PHS');
    });

    it('matches names without accents, in capitals, with abbreviations', async () => {
      const answer = await client.post<Record<string, Row>>(
        '/v2/order/getPriceAllNlp',
        nlp(
          'so 5, xa vinh thuy, huyen vinh linh, quang tri',
          '2 CÔNG XÃ PARIS, P. BẾN NGHÉ, Q.1, TP. HỒ CHÍ MINH',
        ),
        token,
      );
      expect(answer.SENDER_ADDRESS).toMatchObject({
        WARD_ID: ids.vinhThuyOld,
        ADDRESS: 'X.Vĩnh Thủy - H.Vĩnh Linh - T.Quảng Trị',
      });
      expect(answer.RECEIVER_ADDRESS).toMatchObject({
        PROVINCE_ID: ids.hcm,
        DISTRICT_ID: ids.hcmDistrict1,
        WARD_ID: ids.benNgheOld,
      });
    });

    it('fails a street-only address with "Price does not apply to this itinerary!"', async () => {
      const answer = await client.post<Envelope>(
        '/v2/order/getPriceNlp',
        nlp('36 Lê Duẩn', 'Hà Nội', { ORDER_SERVICE: 'VCN' }),
        token,
      );
      expect(answer).toMatchObject({
        status: 204,
        error: true,
        message: 'Price does not apply to this itinerary!',
      });
    });

    it('getPriceNlp adds EXCHANGE_WEIGHT to the getPrice fields', async () => {
      const answer = await client.post<Envelope<Record<string, number>>>(
        '/v2/order/getPriceNlp',
        nlp('Hồ Xá, Vĩnh Linh, Quảng Trị', 'Dịch Vọng, Cầu Giấy, Hà Nội', {
          ORDER_SERVICE: 'VTK',
          NATIONAL_TYPE: 1,
        }),
        token,
      );
      expect(answer.error).toBe(false);
      expect(answer.data).toMatchObject({
        EXCHANGE_WEIGHT: 800,
        MONEY_TOTAL: expect.any(Number),
        KPI_HT: 96,
      });
    });
  });
});
