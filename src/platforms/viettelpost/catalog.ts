import type { CallOptions, PlatformClient } from '../../core/types.js';
import { envelopeArray, readInt, readString, requireInt, type WireRecord } from './wire.js';

export interface ViettelPostProvince {
  id: number;
  /** Short code, e.g. `HNI`. */
  code: string;
  /** As VTP writes it: upper case with diacritics (`QUẢNG TRỊ`). */
  name: string;
}

export interface ViettelPostDistrict {
  id: number;
  /** VTP's `DISTRICT_VALUE`: a numeric-looking string, or `NEW` for the 2025 bridge entry. */
  value: string;
  name: string;
  provinceId: number;
  /**
   * The pseudo-district of the 2025 two-level structure (`DISTRICT_VALUE "NEW"`,
   * "Bỏ qua - Sử dụng địa chỉ 2 cấp"): its wards are the new wards of the whole province.
   */
  twoLevelBridge: boolean;
}

export interface ViettelPostWard {
  id: number;
  name: string;
  /** Present on v2 wards and on some v3 rows. */
  districtId?: number;
  /** Present on some v3 rows (contract §3.2: either key may appear). */
  provinceId?: number;
}

export interface ViettelPostService {
  code: string;
  name: string;
  description?: string;
}

export interface ViettelPostPostOffice {
  code: string;
  name: string;
  province: string;
  district: string;
  ward: string;
  address: string;
  phone?: string;
  latitude?: number;
  longitude?: number;
}

/** `DISTRICT_VALUE` of the 2025 pseudo-district. */
export const TWO_LEVEL_DISTRICT_VALUE = 'NEW';

const province = (row: WireRecord, operation: string): ViettelPostProvince => ({
  id: requireInt(row, 'PROVINCE_ID', operation),
  code: readString(row.PROVINCE_CODE) ?? '',
  name: readString(row.PROVINCE_NAME) ?? '',
});

const ward = (row: WireRecord, operation: string): ViettelPostWard => {
  const districtId = readInt(row.DISTRICT_ID);
  const provinceId = readInt(row.PROVINCE_ID);
  return {
    id: requireInt(row, 'WARDS_ID', operation),
    name: readString(row.WARDS_NAME) ?? '',
    ...(districtId !== undefined ? { districtId } : {}),
    ...(provinceId !== undefined ? { provinceId } : {}),
  };
};

const service = (row: WireRecord): ViettelPostService => {
  const description = readString(row.DESCRIPTION);
  return {
    code: readString(row.SERVICE_CODE) ?? '',
    name: readString(row.SERVICE_NAME) ?? '',
    ...(description ? { description } : {}),
  };
};

function coordinate(value: unknown): number | undefined {
  const text = readString(value);
  const number = text === undefined ? undefined : Number(text);
  return number !== undefined && Number.isFinite(number) ? number : undefined;
}

interface CacheEntry {
  expiresAtMs: number;
  value: Promise<unknown>;
}

/**
 * Catalog reads with an in-memory TTL cache private to one adapter (no module-level state: many
 * cooperatives may run in one process). Concurrent readers of the same key share one request; a
 * failed read is not cached. Catalog endpoints need no token (contract §2.5), so none is sent.
 */
export class ViettelPostCatalog {
  readonly #client: PlatformClient;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, CacheEntry>();

  constructor(client: PlatformClient, ttlMs: number, now: () => number = Date.now) {
    this.#client = client;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** Forgets every cached catalog; the next read asks VTP again. */
  refresh(): void {
    this.#cache.clear();
  }

  #cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#cache.get(key);
    if (hit && hit.expiresAtMs > this.#now()) return hit.value as Promise<T>;
    const value = load();
    this.#cache.set(key, { expiresAtMs: this.#now() + this.#ttlMs, value });
    value.catch(() => {
      if (this.#cache.get(key)?.value === value) this.#cache.delete(key);
    });
    return value;
  }

  async #get(
    operation: string,
    path: string,
    query: Record<string, string | number> | undefined,
    options: CallOptions | undefined,
  ): Promise<WireRecord[]> {
    const response = await this.#client.request(
      { operation, method: 'GET', path, ...(query ? { query } : {}), authenticated: false },
      options,
    );
    return envelopeArray(response.data, operation);
  }

  /** v2 provinces (legacy 63-province structure). */
  provinces(options?: CallOptions): Promise<ViettelPostProvince[]> {
    return this.#cached('provinces', async () =>
      (
        await this.#get('listProvinceById', '/v2/categories/listProvinceById', { provinceId: -1 }, options)
      ).map((row) => province(row, 'listProvinceById')),
    );
  }

  /** v2 districts of a province, including the 2025 pseudo-district (`twoLevelBridge`). */
  districts(provinceId: number, options?: CallOptions): Promise<ViettelPostDistrict[]> {
    return this.#cached(`districts:${provinceId}`, async () =>
      (await this.#get('listDistrict', '/v2/categories/listDistrict', { provinceId }, options)).map((row) => {
        const value = readString(row.DISTRICT_VALUE) ?? '';
        return {
          id: requireInt(row, 'DISTRICT_ID', 'listDistrict'),
          value,
          name: readString(row.DISTRICT_NAME) ?? '',
          provinceId: readInt(row.PROVINCE_ID) ?? provinceId,
          twoLevelBridge: value.toUpperCase() === TWO_LEVEL_DISTRICT_VALUE,
        };
      }),
    );
  }

  /** v2 wards of a district; for a pseudo-district, the province's 2025 wards. */
  wards(districtId: number, options?: CallOptions): Promise<ViettelPostWard[]> {
    return this.#cached(`wards:${districtId}`, async () =>
      (await this.#get('listWards', '/v2/categories/listWards', { districtId }, options)).map((row) =>
        ward(row, 'listWards'),
      ),
    );
  }

  /** v3: the 34 provinces of the 2025 structure. */
  provincesNew(options?: CallOptions): Promise<ViettelPostProvince[]> {
    return this.#cached('provincesNew', async () =>
      (await this.#get('listProvinceNew', '/v3/categories/listProvinceNew', undefined, options)).map((row) =>
        province(row, 'listProvinceNew'),
      ),
    );
  }

  /** v3: the 2025 wards of a province. */
  wardsNew(provinceId: number, options?: CallOptions): Promise<ViettelPostWard[]> {
    return this.#cached(`wardsNew:${provinceId}`, async () =>
      (await this.#get('listWardsNew', '/v3/categories/listWardsNew', { provinceId }, options)).map((row) =>
        ward(row, 'listWardsNew'),
      ),
    );
  }

  /** Main services. A catalog read, yet a POST with `{TYPE: 2}` (contract §3.3). */
  services(options?: CallOptions): Promise<ViettelPostService[]> {
    return this.#cached('services', async () => {
      const response = await this.#client.request(
        {
          operation: 'listService',
          method: 'POST',
          path: '/v2/categories/listService',
          body: { TYPE: 2 },
          authenticated: false,
          trafficClass: 'read',
          idempotent: true,
        },
        options,
      );
      return envelopeArray(response.data, 'listService').map(service);
    });
  }

  /** Add-on services (ORDER_SERVICE_ADD codes) available with a main service. */
  extraServices(serviceCode: string, options?: CallOptions): Promise<ViettelPostService[]> {
    return this.#cached(`extraServices:${serviceCode}`, async () =>
      (await this.#get('listServiceExtra', '/v2/categories/listServiceExtra', { serviceCode }, options)).map(
        service,
      ),
    );
  }

  /** ViettelPost post offices (~3 700 rows). */
  postOffices(options?: CallOptions): Promise<ViettelPostPostOffice[]> {
    return this.#cached('postOffices', async () =>
      (await this.#get('listBuuCucVTP', '/v2/categories/listBuuCucVTP', undefined, options)).map((row) => {
        const phone = readString(row.DIEN_THOAI);
        const latitude = coordinate(row.LATITUDE);
        const longitude = coordinate(row.LONGITUDE);
        return {
          code: readString(row.MA_BUUCUC) ?? '',
          name: readString(row.TEN_BUUCUC) ?? '',
          province: readString(row.TEN_TINH) ?? '',
          district: readString(row.TEN_QUANHUYEN) ?? '',
          ward: readString(row.TEN_PHUONGXA) ?? '',
          address: readString(row.DIA_CHI) ?? '',
          ...(phone ? { phone } : {}),
          ...(latitude !== undefined ? { latitude } : {}),
          ...(longitude !== undefined ? { longitude } : {}),
        };
      }),
    );
  }
}
