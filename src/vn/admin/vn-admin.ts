import type { AddressEra } from '../../model/address.js';
import {
  A_VN_BOOLEAN_OR_NOTHING,
  A_VN_POSITIVE_INTEGER_OR_NOTHING,
  A_VN_TEXT_OR_NOTHING,
  checkVnEra,
  checkVnOptionTable,
  checkVnText,
  oneOf,
  type VnExpected,
} from '../arguments.js';
import { AdminData, lazy } from './admin-data.js';
import { checkVnAdminDataDir, findVnAdminDataDir } from './data-dir.js';
import type { NameIndex } from './name-index.js';
import { parseQuery } from './names.js';
import { type AddressResolution, type AddressUnitsInput, resolveAddressUnits } from './resolve-address.js';
import type {
  AdminCandidate,
  District,
  Province,
  ProvinceQueryOptions,
  SuggestOptions,
  Ward,
  WardMapping,
  WardQueryOptions,
} from './types.js';

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

const PROVINCE_ALIASES: Record<AddressEra, Record<string, string>> = {
  // Bà Rịa–Vũng Tàu and Đắk Nông were merged away in 2025: their aliases only name legacy provinces.
  legacy: { ...STABLE_PROVINCE_ALIASES, brvt: '77', baria: '77', vungtau: '77', dacnong: '67' },
  '2025': STABLE_PROVINCE_ALIASES,
};

const DEFAULT_ERA: AddressEra = '2025';

/** Each lookup's options: a misspelt name (`limt`) is refused with the nearest one, never ignored. */
const ERA_OPTION: VnExpected = oneOf(['2025', 'legacy']);
const PROVINCE_OPTIONS = { era: ERA_OPTION, followMerges: A_VN_BOOLEAN_OR_NOTHING };
const WARD_OPTIONS = { era: ERA_OPTION, districtCode: A_VN_TEXT_OR_NOTHING };
const LIMIT_OPTION = { limit: A_VN_POSITIVE_INTEGER_OR_NOTHING };

/** A name to look up and its options (an object checked against `table`), or a VnInputError. */
function checkQuery(name: unknown, options: unknown, table: Readonly<Record<string, VnExpected>>): void {
  checkVnText(name, 'name');
  checkVnOptionTable(options, table);
}
const DEFAULT_SUGGEST_LIMIT = 5;

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
    checkVnOptionTable(options, { dataDir: A_VN_TEXT_OR_NOTHING });
    // A folder given that holds no data is refused now, never silently replaced by the bundled data.
    if (options?.dataDir !== undefined) checkVnAdminDataDir(options.dataDir);
    this.dataDirOption = options?.dataDir;
  }

  private readonly data = new AdminData(lazy(() => this.dataDirOption ?? findVnAdminDataDir()));

  // ---- provinces -------------------------------------------------------------------------------

  /** All provinces of an era, in GSO code order (63 legacy, 34 in 2025). */
  listProvinces(era: AddressEra = DEFAULT_ERA): Province[] {
    checkVnEra(era);
    return [...this.data.provinces()[era].units];
  }

  getProvince(code: string, era: AddressEra = DEFAULT_ERA): Province | undefined {
    checkVnText(code, 'code');
    checkVnEra(era);
    return this.data.provinceByCode()[era].get(code);
  }

  /**
   * Finds a province by a name as people write it: "Tỉnh Quảng Trị", "quang tri",
   * "TP. Hồ Chí Minh", "HCM", "TPHCM", "Sài Gòn", "Huế", "Thừa Thiên Huế", or by its code ("45").
   * Returns undefined when nothing matches; use {@link suggestProvinces} to offer choices.
   */
  findProvince(name: string, options: ProvinceQueryOptions = {}): Province | undefined {
    checkQuery(name, options, PROVINCE_OPTIONS);
    const era = options.era ?? DEFAULT_ERA;
    const direct = this.findProvinceInEra(name, era);
    if (direct !== undefined || era !== '2025' || options.followMerges !== true) return direct;
    const legacy = this.findProvinceInEra(name, 'legacy');
    return legacy === undefined ? undefined : this.mapProvinceTo2025(legacy.code);
  }

  private findProvinceInEra(name: string, era: AddressEra): Province | undefined {
    const trimmed = name.trim();
    if (/^\d{1,2}$/.test(trimmed)) return this.getProvince(trimmed.padStart(2, '0'), era);
    const query = parseQuery(trimmed);
    const hits = this.data.provinces()[era].findAll(query);
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
    checkQuery(name, options, { ...PROVINCE_OPTIONS, ...LIMIT_OPTION });
    return this.data
      .provinces()
      [options.era ?? DEFAULT_ERA].suggest(parseQuery(name), options.limit ?? DEFAULT_SUGGEST_LIMIT);
  }

  // ---- legacy districts ------------------------------------------------------------------------

  /** Legacy districts of a legacy province. */
  listDistricts(legacyProvinceCode: string): District[] {
    checkVnText(legacyProvinceCode, 'legacyProvinceCode');
    return [...(this.data.districts().byProvince.get(legacyProvinceCode)?.units ?? [])];
  }

  getDistrict(code: string): District | undefined {
    checkVnText(code, 'code');
    return this.data.districts().byCode.get(code);
  }

  /** A legacy district of a legacy province: "Huyện Vĩnh Linh", "H. Vĩnh Linh", "Quận 1", "Q1", "TX. Quảng Trị". */
  findDistrict(legacyProvinceCode: string, name: string): District | undefined {
    checkVnText(legacyProvinceCode, 'legacyProvinceCode');
    checkQuery(name, {}, {});
    const hits = this.data.districts().byProvince.get(legacyProvinceCode)?.findAll(parseQuery(name)) ?? [];
    return hits.length === 1 ? hits[0] : undefined;
  }

  suggestDistricts(
    legacyProvinceCode: string,
    name: string,
    options: SuggestOptions = {},
  ): AdminCandidate<District>[] {
    checkVnText(legacyProvinceCode, 'legacyProvinceCode');
    checkQuery(name, options, LIMIT_OPTION);
    const index = this.data.districts().byProvince.get(legacyProvinceCode);
    return index?.suggest(parseQuery(name), options.limit ?? DEFAULT_SUGGEST_LIMIT) ?? [];
  }

  // ---- wards -----------------------------------------------------------------------------------

  private wardIndex(provinceCode: string, options: WardQueryOptions): NameIndex<Ward> | undefined {
    const era = options.era ?? DEFAULT_ERA;
    if (era === '2025') return this.data.wards2025().byProvince.get(provinceCode);
    if (options.districtCode !== undefined) {
      const index = this.data.legacyWards().byDistrict.get(options.districtCode);
      const inProvince = index?.units[0]?.provinceCode === provinceCode;
      return inProvince ? index : undefined;
    }
    return this.data.legacyWards().byProvince.get(provinceCode);
  }

  /** Wards of a province (2025) or of a legacy province / district. */
  listWards(provinceCode: string, options: WardQueryOptions = {}): Ward[] {
    checkVnText(provinceCode, 'provinceCode');
    checkQuery('', options, WARD_OPTIONS);
    return [...(this.wardIndex(provinceCode, options)?.units ?? [])];
  }

  getWard(code: string, era: AddressEra = DEFAULT_ERA): Ward | undefined {
    checkVnText(code, 'code');
    checkVnEra(era);
    return era === '2025' ? this.data.wards2025().byCode.get(code) : this.data.legacyWards().byCode.get(code);
  }

  /**
   * Every ward of the province (and legacy district, if given) whose name matches. Legacy provinces
   * often have several wards of one name in different districts ("Phường 1").
   */
  findWards(provinceCode: string, name: string, options: WardQueryOptions = {}): Ward[] {
    checkVnText(provinceCode, 'provinceCode');
    checkQuery(name, options, WARD_OPTIONS);
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
    checkVnText(provinceCode, 'provinceCode');
    checkQuery(name, options, { ...WARD_OPTIONS, ...LIMIT_OPTION });
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
    checkVnText(legacyProvinceCode, 'legacyProvinceCode');
    const code = this.data.provinceMapping().get(legacyProvinceCode);
    return code === undefined ? undefined : this.getProvince(code, '2025');
  }

  /** The legacy provinces merged into a 2025 province. */
  legacyProvincesOf(newProvinceCode: string): Province[] {
    checkVnText(newProvinceCode, 'newProvinceCode');
    const codes = [...this.data.provinceMapping()]
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
    checkVnText(legacyWardCode, 'legacyWardCode');
    const rows = this.data.wardMapping().byLegacy.get(legacyWardCode) ?? [];
    return rows.flatMap((row) => {
      const ward = this.getWard(row.newWardCode, '2025');
      return ward === undefined
        ? []
        : [{ legacyWardCode: row.legacyWardCode, ward, partial: row.partial, textMatch: row.textMatch }];
    });
  }

  /** The legacy wards (wholly or partly) merged into a 2025 ward. */
  legacyWardsOf(newWardCode: string): Array<{ ward: Ward; partial: boolean; textMatch: boolean }> {
    checkVnText(newWardCode, 'newWardCode');
    const rows = this.data.wardMapping().byNew.get(newWardCode) ?? [];
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
    checkVnText(legacyDistrictCode, 'legacyDistrictCode');
    const code = this.data.districtMapping().get(legacyDistrictCode);
    return code === undefined ? undefined : this.getWard(code, '2025');
  }
}

/** A fresh instance (own lazily-loaded indexes). Most callers use the shared default functions instead. */
export function createVnAdmin(options: VnAdminOptions = {}): VnAdmin {
  return new VnAdmin(options);
}
