import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../../src/sandbox/index.js';
import { loadCatalog } from '../../../src/sandbox/viettelpost/catalog.js';
import { resolveVnAdminDataDir } from '../../../src/sandbox/viettelpost/data-dir.js';
import { type Envelope, lookupIds, vtpClient } from './helpers.js';

type Row = Record<string, unknown>;

describe('ViettelPost sandbox: catalogs', () => {
  let sandbox: ViettelPostSandbox;

  beforeAll(async () => {
    sandbox = await startViettelPostSandbox({ stepMs: 0 });
  });
  afterAll(() => sandbox.close());

  it('serves all 63 legacy provinces without a token, Hà Nội 1 and HCM 2, names upper case', async () => {
    const client = vtpClient(sandbox);
    const all = await client.get<Envelope<Row[]>>('/v2/categories/listProvinceById?provinceId=-1');
    expect(all.error).toBe(false);
    expect(all.data).toHaveLength(63);
    expect(all.data[0]).toEqual({ PROVINCE_ID: 1, PROVINCE_CODE: 'HNI', PROVINCE_NAME: 'HÀ NỘI' });
    expect(all.data[1]).toEqual({ PROVINCE_ID: 2, PROVINCE_CODE: 'HCM', PROVINCE_NAME: 'HỒ CHÍ MINH' });
    const byCode = new Map(all.data.map((p) => [p.PROVINCE_CODE, p.PROVINCE_NAME]));
    expect(byCode.get('QTI')).toBe('QUẢNG TRỊ');
    expect(byCode.get('DNG')).toBe('ĐÀ NẴNG');
    expect(byCode.get('CTO')).toBe('CẦN THƠ');
    expect(byCode.get('HPG')).toBe('HẢI PHÒNG');
    expect(byCode.get('HUE')).toBe('HUẾ');
    expect(all.data.at(-1)).toMatchObject({ PROVINCE_ID: 63, PROVINCE_NAME: 'CÀ MAU' });
    const one = await client.get<Envelope<Row[]>>('/v2/categories/listProvinceById?provinceId=2');
    expect(one.data).toEqual([all.data[1]]);
    const plain = await client.get<Envelope<Row[]>>('/v2/categories/listProvince');
    expect(plain.data).toHaveLength(63);
  });

  it('lists Vĩnh Linh with its old communes and a pseudo-district leading to the new ones', async () => {
    const client = vtpClient(sandbox);
    const ids = await lookupIds(client);
    const districts = await client.get<Envelope<Row[]>>(
      `/v2/categories/listDistrict?provinceId=${ids.quangTri}`,
    );
    const vinhLinh = districts.data.find((d) => d.DISTRICT_NAME === 'HUYỆN VĨNH LINH')!;
    expect(vinhLinh).toMatchObject({
      PROVINCE_ID: ids.quangTri,
      DISTRICT_VALUE: expect.stringMatching(/^\d+$/),
    });
    const pseudo = districts.data.find((d) => d.DISTRICT_VALUE === 'NEW');
    expect(pseudo).toEqual({
      DISTRICT_ID: 100_000_000 + ids.quangTri,
      DISTRICT_VALUE: 'NEW',
      DISTRICT_NAME: 'Bỏ qua - Sử dụng địa chỉ 2 cấp',
      PROVINCE_ID: ids.quangTri,
    });

    const oldWards = await client.get<Envelope<Row[]>>(
      `/v2/categories/listWards?districtId=${vinhLinh.DISTRICT_ID}`,
    );
    const oldNames = oldWards.data.map((w) => w.WARDS_NAME);
    expect(oldNames).toHaveLength(18);
    expect(oldNames).toEqual(
      expect.arrayContaining([
        'THỊ TRẤN HỒ XÁ',
        'XÃ VĨNH THỦY',
        'XÃ VĨNH LÂM',
        'THỊ TRẤN CỬA TÙNG',
        'XÃ VĨNH Ô',
      ]),
    );
    expect(oldWards.data.every((w) => w.DISTRICT_ID === vinhLinh.DISTRICT_ID)).toBe(true);

    const newWards = await client.get<Envelope<Row[]>>(
      `/v2/categories/listWards?districtId=${pseudo!.DISTRICT_ID}`,
    );
    const newNames = newWards.data.map((w) => w.WARDS_NAME);
    expect(newNames).toEqual(
      expect.arrayContaining(['XÃ VĨNH LINH', 'XÃ BẾN QUAN', 'XÃ CỬA TÙNG', 'XÃ VĨNH THỦY', 'XÃ VĨNH HOÀNG']),
    );
    // Quảng Bình merged into Quảng Trị: its communes are new wards of the same province.
    expect(newNames).toEqual(expect.arrayContaining(['PHƯỜNG ĐỒNG HỚI']));
    const vinhThuy = newWards.data.find((w) => w.WARDS_NAME === 'XÃ VĨNH THỦY')!;
    expect(Number(vinhThuy.WARDS_ID)).toBeGreaterThanOrEqual(49_800);
    expect(vinhThuy.WARDS_ID).not.toBe(ids.vinhThuyOld);
  });

  it('serves the v3 two-level catalog: 34 provinces, wards with PROVINCE_ID and DISTRICT_ID', async () => {
    const client = vtpClient(sandbox);
    const provinces = await client.get<Envelope<Row[]>>('/v3/categories/listProvinceNew');
    expect(provinces.data).toHaveLength(34);
    const quangTri = provinces.data.find((p) => p.PROVINCE_NAME === 'QUẢNG TRỊ')!;
    const legacy = await client.get<Envelope<Row[]>>('/v2/categories/listProvinceById?provinceId=-1');
    // The surviving province keeps the legacy Quảng Trị id, not Quảng Bình's.
    expect(quangTri.PROVINCE_ID).toBe(legacy.data.find((p) => p.PROVINCE_NAME === 'QUẢNG TRỊ')!.PROVINCE_ID);
    expect(provinces.data.map((p) => p.PROVINCE_NAME)).not.toContain('QUẢNG BÌNH');
    expect(provinces.data.map((p) => p.PROVINCE_NAME)).toEqual(
      expect.arrayContaining(['HÀ NỘI', 'HỒ CHÍ MINH', 'HUẾ', 'CẦN THƠ', 'HẢI PHÒNG', 'ĐÀ NẴNG']),
    );

    const wards = await client.get<Envelope<Row[]>>(
      `/v3/categories/listWardsNew?provinceId=${quangTri.PROVINCE_ID}`,
    );
    expect(wards.data.length).toBeGreaterThan(50);
    expect(wards.data[0]).toMatchObject({
      PROVINCE_ID: quangTri.PROVINCE_ID,
      DISTRICT_ID: 100_000_000 + Number(quangTri.PROVINCE_ID),
      WARDS_NAME: expect.stringMatching(/^(XÃ|PHƯỜNG|ĐẶC KHU) /),
    });
    const all = await client.get<Envelope<Row[]>>('/v3/categories/listWardsNew?provinceId=-1');
    expect(all.data).toHaveLength(3321);
  });

  it('lists services (POST {TYPE:2}), add-on services and post offices', async () => {
    const client = vtpClient(sandbox);
    const services = await client.post<Envelope<Row[]>>('/v2/categories/listService', { TYPE: 2 });
    expect(services.data.map((s) => s.SERVICE_CODE)).toEqual(
      expect.arrayContaining(['VCN', 'VTK', 'PHS', 'VHT', 'LCOD', 'BTK']),
    );
    expect((await client.call('GET', '/v2/categories/listService')).httpStatus).toBe(405);
    const extras = await client.get<Envelope<Row[]>>('/v2/categories/listServiceExtra?serviceCode=VCN');
    expect(extras.data.map((e) => e.SERVICE_CODE)).toEqual(expect.arrayContaining(['GBH', 'XMG']));
    const offices = await client.get<Envelope<Row[]>>('/v2/categories/listBuuCucVTP');
    expect(offices.data.length).toBeGreaterThanOrEqual(10);
    expect(offices.data.find((o) => o.MA_BUUCUC === 'VLH')).toMatchObject({
      TEN_TINH: 'Quảng Trị',
      LATITUDE: expect.any(String),
    });
  });

  it('starts further sandboxes quickly because the catalog is shared per process', async () => {
    const dataDir = resolveVnAdminDataDir();
    expect(loadCatalog(dataDir)).toBe(loadCatalog(dataDir));
    // Best of three starts, so one start slowed by a busy CI core does not make the budget flaky.
    const durationsMs: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const started = performance.now();
      const second = await startViettelPostSandbox({ stepMs: 0 });
      durationsMs.push(performance.now() - started);
      await second.close();
    }
    expect(Math.min(...durationsMs)).toBeLessThan(300);
  });

  it('answers unknown paths with 404', async () => {
    const answer = await vtpClient(sandbox).call<Envelope>('GET', '/v2/order/getOrderInfoByOrderNumber');
    expect(answer.httpStatus).toBe(404);
    expect(answer.body.error).toBe(true);
  });
});
