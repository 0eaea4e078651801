import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findVnAdminDataDir } from './data-dir.js';
import { editDistance } from './edit-distance.js';
import { accentedKey, fullName, nameKey, type ParsedQuery, parseQuery } from './names.js';
import { type AddressResolution, type AddressUnitsInput, resolveAddressUnits } from './resolve-address.js';
import type {
  AdminCandidate,
  AdminEra,
  District,
  DistrictType,
  Province,
  ProvinceQueryOptions,
  ProvinceType,
  SuggestOptions,
  Ward,
  WardMapping,
  WardQueryOptions,
  WardType,
} from './types.js';

interface RawProvince {
  code: string;
  name: string;
  type: ProvinceType;
}
interface RawDistrict {
  code: string;
  name: string;
  type: DistrictType;
  parentCode: string;
}
interface RawLegacyWard {
  code: string;
  name: string;
  type: WardType;
  parentCode: string;
}
interface RawWard2025 {
  code: string;
  name: string;
  type: WardType;
  provinceCode: string;
}
interface RawWardMapping {
  legacyWardCode: string;
  newWardCode: string;
  partial: boolean;
  textMatch: boolean;
}

/**
 * Common ways of writing a province that its name alone does not cover (keys as made by
 * `nameKey`). Deliberately small: two-letter abbreviations that clash ("ĐN": Đà Nẵng or Đồng Nai?)
 * are left out.
 */
/** Aliases valid in both eras (the province kept its code through the 2025 merger). */
const STABLE_PROVINCE_ALIASES: Record<string, string> = {
  hcm: '79',
  tphcm: '79',
  hochiminhcity: '79',
  saigon: '79',
  sg: '79',
  hn: '01',
  hp: '31',
  thuathienhue: '46',
  tthue: '46',
  tth: '46',
  daclac: '66',
};

const PROVINCE_ALIASES: Record<AdminEra, Record<string, string>> = {
  // Bà Rịa–Vũng Tàu and Đắk Nông were merged away in 2025: their aliases only name legacy provinces.
  legacy: { ...STABLE_PROVINCE_ALIASES, brvt: '77', baria: '77', vungtau: '77', dacnong: '67' },
  '2025': STABLE_PROVINCE_ALIASES,
};

const DEFAULT_ERA: AdminEra = '2025';
const DEFAULT_SUGGEST_LIMIT = 5;

/** A list of units indexed by name key, with a lazily built index. */
class NameIndex<T extends { name: string; type: string }> {
  private readonly byKey = new Map<string, T[]>();
  private readonly keys: Array<{ key: string; unit: T }> = [];

  constructor(readonly units: readonly T[]) {
    for (const unit of units) {
      const key = nameKey(unit.name);
      this.keys.push({ key, unit });
      const bucket = this.byKey.get(key);
      if (bucket === undefined) this.byKey.set(key, [unit]);
      else bucket.push(unit);
    }
  }

  /** Every unit matching the first query key that matches anything, narrowed by type and accents. */
  findAll(query: ParsedQuery): T[] {
    for (const key of query.keys) {
      const hits = this.byKey.get(key);
      if (hits !== undefined && hits.length > 0) return narrow(hits, query);
    }
    return [];
  }

  suggest(query: ParsedQuery, limit: number): AdminCandidate<T>[] {
    const scored = this.keys.map(({ key, unit }) => ({
      unit,
      distance: Math.min(...query.keys.map((q) => editDistance(q, key))),
    }));
    scored.sort((a, b) => a.distance - b.distance || a.unit.name.localeCompare(b.unit.name, 'vi'));
    return scored.slice(0, limit);
  }
}

/** Several units share a folded name: prefer the type the user wrote, then the exact accents. */
function narrow<T extends { name: string; type: string }>(hits: T[], query: ParsedQuery): T[] {
  let result = hits;
  if (result.length > 1 && query.typeHint !== undefined) {
    const typed = result.filter((u) => u.type === query.typeHint);
    if (typed.length > 0) result = typed;
  }
  if (result.length > 1) {
    const accented = result.filter((u) => accentedKey(u.name) === query.accented);
    if (accented.length > 0) result = accented;
  }
  return result;
}

function readJson<T>(dataDir: string, file: string): T[] {
  const parsed: unknown = JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`ocop-connect: ${file} is not a JSON array`);
  return parsed as T[];
}

function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value as T;
  };
}

/** What every unit takes from its record: code, name, type and the full name ("Xã Vĩnh Linh"). */
function unitNames<Type extends string>(raw: { code: string; name: string; type: Type }) {
  return { code: raw.code, name: raw.name, type: raw.type, fullName: fullName(raw.type, raw.name) };
}

export interface VnAdminOptions {
  /** Folder holding the `*.json` files. @default the package's own `data/vn-admin` */
  dataDir?: string;
}

/**
 * Vietnamese administrative units of both eras, with tolerant lookup and the legacy → 2025
 * mapping. Files are read on first use of each level and indexed once per instance.
 */
export class VnAdmin {
  private readonly dataDirOption: string | undefined;

  constructor(options: VnAdminOptions = {}) {
    this.dataDirOption = options.dataDir;
  }

  private readonly dataDir = lazy(() => this.dataDirOption ?? findVnAdminDataDir());

  private readonly provinces = lazy(() => {
    const make = (era: AdminEra, file: string) =>
      new NameIndex<Province>(
        readJson<RawProvince>(this.dataDir(), file).map((p) => ({
          ...unitNames(p),
          era,
        })),
      );
    return { legacy: make('legacy', 'provinces-legacy.json'), '2025': make('2025', 'provinces-2025.json') };
  });

  private readonly provinceByCode = lazy(() => ({
    legacy: new Map(this.provinces().legacy.units.map((p) => [p.code, p])),
    '2025': new Map(this.provinces()['2025'].units.map((p) => [p.code, p])),
  }));

  private readonly districts = lazy(() => {
    const all = readJson<RawDistrict>(this.dataDir(), 'districts-legacy.json').map(
      (d): District => ({
        ...unitNames(d),
        provinceCode: d.parentCode,
      }),
    );
    return {
      byCode: new Map(all.map((d) => [d.code, d])),
      byProvince: groupIndex(all, (d) => d.provinceCode),
    };
  });

  private readonly legacyWards = lazy(() => {
    const districts = this.districts().byCode;
    const all = readJson<RawLegacyWard>(this.dataDir(), 'wards-legacy.json').map(
      (w): Ward => ({
        ...unitNames(w),
        era: 'legacy',
        provinceCode: districts.get(w.parentCode)?.provinceCode ?? '',
        districtCode: w.parentCode,
      }),
    );
    return {
      byCode: new Map(all.map((w) => [w.code, w])),
      byProvince: groupIndex(all, (w) => w.provinceCode),
      byDistrict: groupIndex(all, (w) => w.districtCode ?? ''),
    };
  });

  private readonly wards2025 = lazy(() => {
    const all = readJson<RawWard2025>(this.dataDir(), 'wards-2025.json').map(
      (w): Ward => ({
        ...unitNames(w),
        era: '2025',
        provinceCode: w.provinceCode,
      }),
    );
    return {
      byCode: new Map(all.map((w) => [w.code, w])),
      byProvince: groupIndex(all, (w) => w.provinceCode),
    };
  });

  private readonly provinceMapping = lazy(
    () =>
      new Map(
        readJson<{ legacyProvinceCode: string; newProvinceCode: string }>(
          this.dataDir(),
          'province-mapping-2025.json',
        ).map((m) => [m.legacyProvinceCode, m.newProvinceCode]),
      ),
  );

  private readonly wardMapping = lazy(() => {
    const rows = readJson<RawWardMapping>(this.dataDir(), 'ward-mapping-2025.json');
    const byLegacy = new Map<string, RawWardMapping[]>();
    const byNew = new Map<string, RawWardMapping[]>();
    for (const row of rows) {
      push(byLegacy, row.legacyWardCode, row);
      push(byNew, row.newWardCode, row);
    }
    return { byLegacy, byNew };
  });

  private readonly districtMapping = lazy(
    () =>
      new Map(
        readJson<{ legacyDistrictCode: string; newWardCode: string }>(
          this.dataDir(),
          'district-mapping-2025.json',
        ).map((m) => [m.legacyDistrictCode, m.newWardCode]),
      ),
  );

  // ---- provinces -------------------------------------------------------------------------------

  /** All provinces of an era, in GSO code order (63 legacy, 34 in 2025). */
  listProvinces(era: AdminEra = DEFAULT_ERA): Province[] {
    return [...this.provinces()[era].units];
  }

  getProvince(code: string, era: AdminEra = DEFAULT_ERA): Province | undefined {
    return this.provinceByCode()[era].get(code);
  }

  /**
   * Finds a province by a name as people write it: "Tỉnh Quảng Trị", "quang tri",
   * "TP. Hồ Chí Minh", "HCM", "TPHCM", "Sài Gòn", "Huế", "Thừa Thiên Huế", or by its code ("45").
   * Returns undefined when nothing matches; use {@link suggestProvinces} to offer choices.
   */
  findProvince(name: string, options: ProvinceQueryOptions = {}): Province | undefined {
    const era = options.era ?? DEFAULT_ERA;
    const direct = this.findProvinceInEra(name, era);
    if (direct !== undefined || era !== '2025' || options.followMerges !== true) return direct;
    const legacy = this.findProvinceInEra(name, 'legacy');
    return legacy === undefined ? undefined : this.mapProvinceTo2025(legacy.code);
  }

  private findProvinceInEra(name: string, era: AdminEra): Province | undefined {
    const trimmed = name.trim();
    if (/^\d{1,2}$/.test(trimmed)) return this.getProvince(trimmed.padStart(2, '0'), era);
    const query = parseQuery(trimmed);
    const hits = this.provinces()[era].findAll(query);
    if (hits.length === 1) return hits[0];
    for (const key of query.keys) {
      const code = PROVINCE_ALIASES[era][key];
      if (code !== undefined) return this.getProvince(code, era);
    }
    return undefined;
  }

  /** The closest provinces by edit distance on folded names, closest first. */
  suggestProvinces(
    name: string,
    options: ProvinceQueryOptions & SuggestOptions = {},
  ): AdminCandidate<Province>[] {
    return this.provinces()[options.era ?? DEFAULT_ERA].suggest(
      parseQuery(name),
      options.limit ?? DEFAULT_SUGGEST_LIMIT,
    );
  }

  // ---- legacy districts ------------------------------------------------------------------------

  /** Legacy districts of a legacy province. */
  listDistricts(legacyProvinceCode: string): District[] {
    return [...(this.districts().byProvince.get(legacyProvinceCode)?.units ?? [])];
  }

  getDistrict(code: string): District | undefined {
    return this.districts().byCode.get(code);
  }

  /** A legacy district of a legacy province: "Huyện Vĩnh Linh", "H. Vĩnh Linh", "Quận 1", "Q1", "TX. Quảng Trị". */
  findDistrict(legacyProvinceCode: string, name: string): District | undefined {
    const hits = this.districts().byProvince.get(legacyProvinceCode)?.findAll(parseQuery(name)) ?? [];
    return hits.length === 1 ? hits[0] : undefined;
  }

  suggestDistricts(
    legacyProvinceCode: string,
    name: string,
    options: SuggestOptions = {},
  ): AdminCandidate<District>[] {
    const index = this.districts().byProvince.get(legacyProvinceCode);
    return index?.suggest(parseQuery(name), options.limit ?? DEFAULT_SUGGEST_LIMIT) ?? [];
  }

  // ---- wards -----------------------------------------------------------------------------------

  private wardIndex(provinceCode: string, options: WardQueryOptions): NameIndex<Ward> | undefined {
    const era = options.era ?? DEFAULT_ERA;
    if (era === '2025') return this.wards2025().byProvince.get(provinceCode);
    if (options.districtCode !== undefined) {
      const index = this.legacyWards().byDistrict.get(options.districtCode);
      const inProvince = index?.units[0]?.provinceCode === provinceCode;
      return inProvince ? index : undefined;
    }
    return this.legacyWards().byProvince.get(provinceCode);
  }

  /** Wards of a province (2025) or of a legacy province / district. */
  listWards(provinceCode: string, options: WardQueryOptions = {}): Ward[] {
    return [...(this.wardIndex(provinceCode, options)?.units ?? [])];
  }

  getWard(code: string, era: AdminEra = DEFAULT_ERA): Ward | undefined {
    return era === '2025' ? this.wards2025().byCode.get(code) : this.legacyWards().byCode.get(code);
  }

  /**
   * Every ward of the province (and legacy district, if given) whose name matches. Legacy provinces
   * often have several wards of one name in different districts ("Phường 1").
   */
  findWards(provinceCode: string, name: string, options: WardQueryOptions = {}): Ward[] {
    return this.wardIndex(provinceCode, options)?.findAll(parseQuery(name)) ?? [];
  }

  /**
   * The ward of that name, or undefined when there is none or more than one (narrow with
   * `districtCode` for legacy addresses). Accepts "Xã Vĩnh Linh", "vinh linh", "TT. Hồ Xá", "P4",
   * "Phường 04", "Phường IV", "Đặc khu Cồn Cỏ".
   */
  findWard(provinceCode: string, name: string, options: WardQueryOptions = {}): Ward | undefined {
    const hits = this.findWards(provinceCode, name, options);
    return hits.length === 1 ? hits[0] : undefined;
  }

  suggestWards(
    provinceCode: string,
    name: string,
    options: WardQueryOptions & SuggestOptions = {},
  ): AdminCandidate<Ward>[] {
    return (
      this.wardIndex(provinceCode, options)?.suggest(
        parseQuery(name),
        options.limit ?? DEFAULT_SUGGEST_LIMIT,
      ) ?? []
    );
  }

  // ---- addresses -------------------------------------------------------------------------------

  /**
   * Resolves an address's province / (district) / ward, in whichever era it is written, and where it
   * lies in the 2025 structure. See {@link resolveAddressUnits}.
   */
  resolveAddress(address: AddressUnitsInput): AddressResolution {
    return resolveAddressUnits(this, address);
  }

  // ---- legacy → 2025 ---------------------------------------------------------------------------

  /** The 2025 province a legacy province became part of (Quảng Bình 44, Quảng Trị 45 → Quảng Trị 44). */
  mapProvinceTo2025(legacyProvinceCode: string): Province | undefined {
    const code = this.provinceMapping().get(legacyProvinceCode);
    return code === undefined ? undefined : this.getProvince(code, '2025');
  }

  /** The legacy provinces merged into a 2025 province. */
  legacyProvincesOf(newProvinceCode: string): Province[] {
    const codes = [...this.provinceMapping()]
      .filter(([, to]) => to === newProvinceCode)
      .map(([from]) => from);
    return codes.map((c) => this.getProvince(c, 'legacy')).filter((p): p is Province => p !== undefined);
  }

  /**
   * The 2025 ward(s) a legacy ward went into. One row with `partial: false` for the usual case of
   * a whole merger; several rows with `partial: true` when the legacy ward was split.
   * Empty for an unknown code.
   */
  mapWardTo2025(legacyWardCode: string): WardMapping[] {
    const rows = this.wardMapping().byLegacy.get(legacyWardCode) ?? [];
    return rows.flatMap((row) => {
      const ward = this.getWard(row.newWardCode, '2025');
      return ward === undefined
        ? []
        : [{ legacyWardCode: row.legacyWardCode, ward, partial: row.partial, textMatch: row.textMatch }];
    });
  }

  /** The legacy wards (wholly or partly) merged into a 2025 ward. */
  legacyWardsOf(newWardCode: string): Array<{ ward: Ward; partial: boolean; textMatch: boolean }> {
    const rows = this.wardMapping().byNew.get(newWardCode) ?? [];
    return rows.flatMap((row) => {
      const ward = this.getWard(row.legacyWardCode, 'legacy');
      return ward === undefined ? [] : [{ ward, partial: row.partial, textMatch: row.textMatch }];
    });
  }

  /**
   * The five island districts that had no communes became đặc khu (Cồn Cỏ 471 → 19742, …).
   * Undefined for every other district: districts were abolished, map their wards instead.
   */
  mapDistrictTo2025(legacyDistrictCode: string): Ward | undefined {
    const code = this.districtMapping().get(legacyDistrictCode);
    return code === undefined ? undefined : this.getWard(code, '2025');
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, [value]);
  else bucket.push(value);
}

function groupIndex<T extends { name: string; type: string }>(
  units: T[],
  keyOf: (u: T) => string,
): Map<string, NameIndex<T>> {
  const groups = new Map<string, T[]>();
  for (const unit of units) push(groups, keyOf(unit), unit);
  return new Map([...groups].map(([key, list]) => [key, new NameIndex(list)]));
}

/** A fresh instance (own lazily-loaded indexes). Most callers use the shared default functions instead. */
export function createVnAdmin(options: VnAdminOptions = {}): VnAdmin {
  return new VnAdmin(options);
}
