import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fullName } from '../../vn/admin/names.js';
import { PROVINCE_SHORT_CODES, type Region, regionOfGsoProvince } from './province-codes.js';
import { foldText, upperVi } from './text.js';

/**
 * The emulator's address catalog, derived from the GSO data shipped in `data/vn-admin`.
 *
 * VTP ids are not GSO codes. The emulator builds a deterministic VTP-like id scheme:
 * - legacy provinces: 1 = Hà Nội, 2 = Hồ Chí Minh, then 3..63 in GSO code order (so Cà Mau = 63,
 *   matching the contract's `100000063` pseudo-district sample);
 * - each of the 34 provinces of 1 July 2025 keeps the id of the legacy province whose name it
 *   carries (Quảng Trị keeps Quảng Trị's id, not Quảng Bình's);
 * - legacy districts: 1..696 in GSO code order; legacy wards: 1..10035 in GSO code order;
 * - new wards: 49800 + index in GSO code order (a separate range, as on the real server);
 * - pseudo-district of a new province: 100000000 + province id, DISTRICT_VALUE "NEW".
 */

export const NEW_WARD_ID_BASE = 49_800;
export const PSEUDO_DISTRICT_BASE = 100_000_000;
export const PSEUDO_DISTRICT_NAME = 'Bỏ qua - Sử dụng địa chỉ 2 cấp';

/** What every unit of the catalog carries: its VTP id and its names (see unitNames). */
interface CatalogUnit {
  id: number;
  /** VTP's upper-case full name ("XÃ VĨNH THỦY"; a province without its type). */
  name: string;
  plainName: string;
  type: string;
  gsoCode: string;
}

export interface LegacyProvince extends CatalogUnit {
  code: string;
  region: Region;
  /** Id of the 2025 province this one merged into. */
  newProvinceId: number;
}

export interface NewProvince extends CatalogUnit {
  code: string;
  region: Region;
  pseudoDistrictId: number;
  legacyProvinceIds: number[];
}

export interface District extends CatalogUnit {
  value: string;
  provinceId: number;
}

export interface OldWard extends CatalogUnit {
  districtId: number;
  provinceId: number;
}

export interface NewWard extends CatalogUnit {
  provinceId: number;
}

export interface Catalog {
  provinces: LegacyProvince[];
  provinceById: Map<number, LegacyProvince>;
  newProvinces: NewProvince[];
  newProvinceById: Map<number, NewProvince>;
  newProvinceByPseudoDistrict: Map<number, NewProvince>;
  districts: District[];
  districtById: Map<number, District>;
  districtsByProvince: Map<number, District[]>;
  oldWards: OldWard[];
  oldWardById: Map<number, OldWard>;
  oldWardsByDistrict: Map<number, OldWard[]>;
  newWards: NewWard[];
  newWardById: Map<number, NewWard>;
  newWardsByProvince: Map<number, NewWard[]>;
  /** Old ward id → ids of the new wards it became (several when the old ward was split). */
  newWardIdsByOldWard: Map<number, number[]>;
}

interface RawUnit {
  code: string;
  name: string;
  type: string;
  parentCode?: string | null;
  provinceCode?: string;
}

interface RawProvinceMapping {
  legacyProvinceCode: string;
  newProvinceCode: string;
}

interface RawWardMapping {
  legacyWardCode: string;
  newWardCode: string;
}

/** What a catalog unit takes from its GSO record: VTP's upper-case full name ("XÃ VĨNH THỦY"), the name, type and code. */
function unitNames(raw: { code: string; name: string; type: string }) {
  return {
    name: upperVi(fullName(raw.type, raw.name)),
    plainName: raw.name,
    type: raw.type,
    gsoCode: raw.code,
  };
}

function readJson<T>(dataDir: string, file: string): T {
  return JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as T;
}

function buildCatalog(dataDir: string): Catalog {
  const rawProvinces = readJson<RawUnit[]>(dataDir, 'provinces-legacy.json');
  const rawNewProvinces = readJson<RawUnit[]>(dataDir, 'provinces-2025.json');
  const rawDistricts = readJson<RawUnit[]>(dataDir, 'districts-legacy.json');
  const rawWards = readJson<RawUnit[]>(dataDir, 'wards-legacy.json');
  const rawNewWards = readJson<RawUnit[]>(dataDir, 'wards-2025.json');
  const provinceMapping = readJson<RawProvinceMapping[]>(dataDir, 'province-mapping-2025.json');
  const wardMapping = readJson<RawWardMapping[]>(dataDir, 'ward-mapping-2025.json');

  const byGso = (a: RawUnit, b: RawUnit) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const pinned = ['01', '79'];
  const orderedProvinces = [
    ...pinned.map((code) => rawProvinces.find((p) => p.code === code)).filter((p): p is RawUnit => !!p),
    ...[...rawProvinces].sort(byGso).filter((p) => !pinned.includes(p.code)),
  ];
  const legacyIdByGso = new Map<string, number>();
  for (const [index, p] of orderedProvinces.entries()) legacyIdByGso.set(p.code, index + 1);

  // A 2025 province keeps the id of the legacy province with the same name (all 34 have one);
  // the same GSO code is only a fallback.
  const newIdByGso = new Map<string, number>();
  for (const np of rawNewProvinces) {
    const sameName = rawProvinces.find((p) => foldText(p.name) === foldText(np.name));
    const id = legacyIdByGso.get(sameName?.code ?? np.code);
    if (id === undefined) throw new Error(`ViettelPost sandbox: no legacy province for ${np.name}`);
    newIdByGso.set(np.code, id);
  }
  const newGsoOfLegacy = new Map(provinceMapping.map((m) => [m.legacyProvinceCode, m.newProvinceCode]));

  const provinces: LegacyProvince[] = orderedProvinces.map((p) => {
    const id = legacyIdByGso.get(p.code)!;
    const newGso = newGsoOfLegacy.get(p.code) ?? p.code;
    return {
      id,
      code: PROVINCE_SHORT_CODES[p.code] ?? `P${id}`,
      name: upperVi(p.name),
      plainName: p.name,
      type: p.type,
      gsoCode: p.code,
      region: regionOfGsoProvince(p.code),
      newProvinceId: newIdByGso.get(newGso) ?? id,
    };
  });
  const provinceById = new Map(provinces.map((p) => [p.id, p]));

  const newProvinces: NewProvince[] = rawNewProvinces
    .map((np) => {
      const id = newIdByGso.get(np.code)!;
      const survivor = provinceById.get(id)!;
      return {
        id,
        code: survivor.code,
        name: upperVi(np.name),
        plainName: np.name,
        type: np.type,
        gsoCode: np.code,
        region: survivor.region,
        pseudoDistrictId: PSEUDO_DISTRICT_BASE + id,
        legacyProvinceIds: provinces.filter((p) => p.newProvinceId === id).map((p) => p.id),
      };
    })
    .sort((a, b) => a.id - b.id);
  const newProvinceById = new Map(newProvinces.map((p) => [p.id, p]));
  const newProvinceByPseudoDistrict = new Map(newProvinces.map((p) => [p.pseudoDistrictId, p]));

  const districtIdByGso = new Map<string, number>();
  const districts: District[] = [...rawDistricts].sort(byGso).map((d, index) => {
    const id = index + 1;
    districtIdByGso.set(d.code, id);
    return {
      id,
      value: String(Number(d.code)),
      ...unitNames(d),
      provinceId: legacyIdByGso.get(d.parentCode ?? '') ?? 0,
    };
  });
  const districtById = new Map(districts.map((d) => [d.id, d]));
  const districtsByProvince = groupBy(districts, (d) => d.provinceId);

  const oldWardIdByGso = new Map<string, number>();
  const oldWards: OldWard[] = [...rawWards].sort(byGso).map((w, index) => {
    const id = index + 1;
    oldWardIdByGso.set(w.code, id);
    const districtId = districtIdByGso.get(w.parentCode ?? '') ?? 0;
    return {
      id,
      ...unitNames(w),
      districtId,
      provinceId: districtById.get(districtId)?.provinceId ?? 0,
    };
  });
  const oldWardById = new Map(oldWards.map((w) => [w.id, w]));
  const oldWardsByDistrict = groupBy(oldWards, (w) => w.districtId);

  const newWardIdByGso = new Map<string, number>();
  const newWards: NewWard[] = [...rawNewWards].sort(byGso).map((w, index) => {
    const id = NEW_WARD_ID_BASE + index;
    newWardIdByGso.set(w.code, id);
    return {
      id,
      ...unitNames(w),
      provinceId: newIdByGso.get(w.provinceCode ?? '') ?? 0,
    };
  });
  const newWardById = new Map(newWards.map((w) => [w.id, w]));
  const newWardsByProvince = groupBy(newWards, (w) => w.provinceId);

  const newWardIdsByOldWard = new Map<number, number[]>();
  for (const m of wardMapping) {
    const oldId = oldWardIdByGso.get(m.legacyWardCode);
    const newId = newWardIdByGso.get(m.newWardCode);
    if (oldId === undefined || newId === undefined) continue;
    const list = newWardIdsByOldWard.get(oldId) ?? [];
    if (!list.includes(newId)) list.push(newId);
    newWardIdsByOldWard.set(oldId, list);
  }

  return {
    provinces,
    provinceById,
    newProvinces,
    newProvinceById,
    newProvinceByPseudoDistrict,
    districts,
    districtById,
    districtsByProvince,
    oldWards,
    oldWardById,
    oldWardsByDistrict,
    newWards,
    newWardById,
    newWardsByProvince,
    newWardIdsByOldWard,
  };
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

// The catalog is immutable, so one copy per data folder is shared by every sandbox in the process:
// building it costs ~100 ms and ~15 MB, which must not be paid per test.
const catalogCache = new Map<string, Catalog>();

export function loadCatalog(dataDir: string): Catalog {
  let catalog = catalogCache.get(dataDir);
  if (!catalog) {
    catalog = buildCatalog(dataDir);
    catalogCache.set(dataDir, catalog);
  }
  return catalog;
}
