import { ContractViolationError, ValidationError } from '../../core/errors.js';
import type { CallOptions, PlatformClient } from '../../core/types.js';
import { type Address, addressEra } from '../../model/address.js';
import { argPart } from '../../model/error-arguments.js';
import {
  findProvince,
  findWards,
  legacyProvincesOf,
  mapWardTo2025,
  suggestWards,
} from '../../vn/admin/default-admin.js';
import { matchUnitName, type NameMatchRules, type UnitMatch } from '../carrier-name-match.js';
import type { ResolvedAddress } from '../types.js';
import { VNPOST } from './errors.js';
import { API_PREFIX } from './options.js';
import { isRecord, readString, type WireRecord } from './wire.js';

/** District code MyVNPost requires for an address in the 2025 two-level structure (no district). */
export const TWO_LEVEL_DISTRICT_CODE = 'VNPOST';

export interface VnpostUnit {
  code: string;
  name: string;
  /** Province code (districts, communes of the 2025 list) or district code (legacy communes). */
  parentCode?: string;
}

/** Codes as MyVNPost wants them on a quote or an order. */
export interface VnpostAddressCodes {
  provinceCode: string;
  /** The legacy district's code, or `TWO_LEVEL_DISTRICT_CODE` for a 2025 two-level address. */
  districtCode: string;
  communeCode: string;
}

export interface VnpostResolvedAddress extends ResolvedAddress {
  codes: VnpostAddressCodes;
}

type CatalogName =
  | 'getAllProvince'
  | 'getAllDistrict'
  | 'getAllCommune'
  | 'getNewProvinceAll'
  | 'getNewCommuneAll';

/** Row field names per catalog (the 2025 commune list keeps its province under `districtCode` too). */
const PARENT_FIELDS: Readonly<Record<CatalogName, readonly string[]>> = {
  getAllProvince: [],
  getAllDistrict: ['provinceCode'],
  getAllCommune: ['districtCode'],
  getNewProvinceAll: [],
  getNewCommuneAll: ['provinceCode', 'districtCode'],
};
const KIND: Readonly<Record<CatalogName, 'province' | 'district' | 'commune'>> = {
  getAllProvince: 'province',
  getAllDistrict: 'district',
  getAllCommune: 'commune',
  getNewProvinceAll: 'province',
  getNewCommuneAll: 'commune',
};

function unitFrom(row: WireRecord, catalog: CatalogName): VnpostUnit {
  const kind = KIND[catalog];
  const code = readString(row[`${kind}Code`])?.trim();
  const name = readString(row[`${kind}Name`])?.trim();
  if (!code || !name) {
    throw new ContractViolationError(
      {
        vi: `MyVNPost ${catalog}: một dòng không có ${kind}Code/${kind}Name`,
        en: `MyVNPost ${catalog}: a row has no ${kind}Code/${kind}Name`,
      },
      {
        platform: VNPOST,
        operation: catalog,
      },
    );
  }
  const parent = PARENT_FIELDS[catalog].map((f) => readString(row[f])?.trim()).find(Boolean);
  return { code, name, ...(parent ? { parentCode: parent } : {}) };
}

/** The five address catalogs, each read once per TTL (they are bare JSON arrays). */
export class VnpostCatalog {
  readonly #cache = new Map<CatalogName, { atMs: number; units: Promise<VnpostUnit[]> }>();
  constructor(
    private readonly http: PlatformClient,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  list(catalog: CatalogName, options?: CallOptions): Promise<VnpostUnit[]> {
    const cached = this.#cache.get(catalog);
    if (cached && this.now() - cached.atMs < this.ttlMs) return cached.units;
    const units = this.http
      .request({ operation: catalog, method: 'GET', path: `${API_PREFIX}/${catalog}` }, options)
      .then((response) => {
        if (!Array.isArray(response.data)) {
          throw new ContractViolationError(
            {
              vi: `MyVNPost ${catalog}: câu trả lời không phải mảng JSON`,
              en: `MyVNPost ${catalog} did not answer a JSON array`,
            },
            {
              platform: VNPOST,
              operation: catalog,
            },
          );
        }
        return response.data.filter(isRecord).map((row) => unitFrom(row, catalog));
      });
    this.#cache.set(catalog, { atMs: this.now(), units });
    units.catch(() => this.#cache.delete(catalog));
    return units;
  }

  refresh(): void {
    this.#cache.clear();
  }
}

type Match = UnitMatch<VnpostUnit>;

const VNPOST_NAME_RULES: NameMatchRules = {
  aliases: { hcm: 'hochiminh', tphcm: 'hochiminh', hn: 'hanoi' },
  maxDistance: () => 3,
  maxSuggestions: 3,
};

/** Same folding on both sides ("TP. Hồ Chí Minh" ~ "Thành phố Hồ Chí Minh"), accents break ties. */
export function matchUnit(query: string, units: readonly VnpostUnit[]): Match {
  return matchUnitName(query, units, VNPOST_NAME_RULES);
}

const PART_VI = { province: 'tỉnh/thành phố', district: 'quận/huyện', ward: 'phường/xã' } as const;

/**
 * An address part MyVNPost's catalogs do not know (or know twice). Nothing was sent. `messageVi` /
 * `messageEn` and the issue carry each language; `message` holds both.
 */
export class VnpostAddressError extends ValidationError {
  readonly part: 'province' | 'district' | 'ward';
  constructor(
    part: 'province' | 'district' | 'ward',
    written: string,
    match: Exclude<Match, { kind: 'match' }>,
  ) {
    // Made by hand with a wrong match: no suggestions, never a TypeError.
    const names = (Array.isArray(match?.candidates) ? match.candidates : []).map((c) => c?.name).join(', ');
    const ambiguous = match?.kind === 'ambiguous';
    const partVi = Object.hasOwn(PART_VI, part) ? PART_VI[part] : 'địa chỉ';
    const partEn = Object.hasOwn(PART_VI, part) ? part : 'address';
    const shown = argPart(written, ' "', '"');
    const messageVi = `VNPost: ${partVi}${shown} ${ambiguous ? 'trùng nhiều đơn vị' : 'không có trong danh mục'}${names ? ` (gợi ý: ${names})` : ''}`;
    const messageEn = `VNPost: ${partEn}${shown} ${ambiguous ? 'matches several units' : 'is not in the catalog'}${names ? ` (did you mean: ${names})` : ''}`;
    super(
      { vi: messageVi, en: messageEn },
      [
        {
          path: `address.${part}`,
          value: written,
          code: ambiguous ? 'vnpost.address_ambiguous' : 'vnpost.address_unknown',
          messageVi,
          messageEn,
          platform: VNPOST,
        },
      ],
      { platform: VNPOST },
    );
    this.part = part;
  }
}

function numericId(code: string): number {
  return /^\d+$/.test(code) ? Number(code) : 0;
}

function pickUnit(
  part: 'province' | 'district' | 'ward',
  written: string,
  units: readonly VnpostUnit[],
  moreCandidates?: () => VnpostUnit[],
) {
  const match = matchUnit(written, units);
  if (match.kind === 'match') return match.unit;
  if (match.kind === 'none' && moreCandidates) {
    // The admin data's pointers first (a renamed or merged ward), then spelling neighbours.
    const merged = new Map([...moreCandidates(), ...match.candidates].map((u) => [u.code, u]));
    throw new VnpostAddressError(part, written, {
      kind: 'none',
      candidates: [...merged.values()].slice(0, 3),
    });
  }
  throw new VnpostAddressError(part, written, match);
}

/**
 * Wards VNPost's catalog holds that the national admin data (src/vn/admin) points to when the written
 * ward matched nothing near (#16): its fuzzy suggestions in that province, and — for a 2025 address
 * written with a pre-2025 ward name ("Thị trấn Hồ Xá") — the 2025 ward that took it over. Only names
 * VNPost's own catalog confirms are offered; without the admin data, none (never a failure).
 */
function adminWardSuggestions(address: Address, era: 'legacy' | '2025', communes: readonly VnpostUnit[]) {
  try {
    const province = findProvince(address.province, era === '2025' ? { era, followMerges: true } : { era });
    if (!province) return [];
    // The ward that took over a pre-2025 name says more than any spelling neighbour: it comes alone.
    const names: string[] = [];
    if (era === '2025') {
      for (const legacy of legacyProvincesOf(province.code))
        for (const ward of findWards(legacy.code, address.ward, { era: 'legacy' }))
          names.push(...mapWardTo2025(ward.code).map((m) => m.ward.fullName));
    }
    if (names.length === 0)
      names.push(...suggestWards(province.code, address.ward, { era, limit: 3 }).map((c) => c.unit.fullName));
    const found = new Map<string, VnpostUnit>();
    for (const name of names) {
      const match = matchUnit(name, communes);
      if (match.kind === 'match') found.set(match.unit.code, match.unit);
    }
    return [...found.values()].slice(0, 3);
  } catch {
    return [];
  }
}

/**
 * Address → MyVNPost codes. An address with a district is legacy (getAllProvince → getAllDistrict →
 * getAllCommune); without one it is a 2025 two-level address (getNewProvinceAll → getNewCommuneAll) and
 * its district code is the constant "VNPOST".
 */
export async function resolveVnpostAddress(
  catalog: VnpostCatalog,
  address: Address,
  options?: CallOptions,
): Promise<VnpostResolvedAddress> {
  const era = addressEra(address);
  const legacy = era === 'legacy';
  const province = pickUnit(
    'province',
    address.province,
    await catalog.list(legacy ? 'getAllProvince' : 'getNewProvinceAll', options),
  );
  const district = legacy
    ? pickUnit(
        'district',
        address.district ?? '',
        (await catalog.list('getAllDistrict', options)).filter((d) => d.parentCode === province.code),
      )
    : undefined;
  // A legacy commune's parent is its district; a 2025 commune's, its province.
  const parent = district ?? province;
  const communes = (await catalog.list(legacy ? 'getAllCommune' : 'getNewCommuneAll', options)).filter(
    (c) => c.parentCode === parent.code,
  );
  const commune = pickUnit('ward', address.ward, communes, () =>
    adminWardSuggestions(address, era, communes),
  );
  return {
    provinceId: numericId(province.code),
    districtId: district ? numericId(district.code) : 0,
    wardId: numericId(commune.code),
    era,
    matched: {
      province: province.name,
      ...(district ? { district: district.name } : {}),
      ward: commune.name,
    },
    codes: {
      provinceCode: province.code,
      districtCode: district?.code ?? TWO_LEVEL_DISTRICT_CODE,
      communeCode: commune.code,
    },
  };
}
