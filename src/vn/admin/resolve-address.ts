import type { AddressEra } from '../../model/address.js';
import { isPlainObject } from '../../model/argument-check.js';
import { checkVnArgument, checkVnOptions, checkVnText } from '../arguments.js';
import type {
  AdminCandidate,
  District,
  Province,
  ProvinceQueryOptions,
  Ward,
  WardMapping,
  WardQueryOptions,
} from './types.js';

/**
 * The lookups address resolution needs. `VnAdmin` has them; naming them here keeps this file from
 * importing vn-admin.ts, which imports this one.
 */
export interface AdminLookups {
  getProvince(code: string, era?: AddressEra): Province | undefined;
  findProvince(name: string, options?: ProvinceQueryOptions): Province | undefined;
  suggestProvinces(name: string, options?: ProvinceQueryOptions): AdminCandidate<Province>[];
  getDistrict(code: string): District | undefined;
  findDistrict(legacyProvinceCode: string, name: string): District | undefined;
  suggestDistricts(legacyProvinceCode: string, name: string): AdminCandidate<District>[];
  getWard(code: string, era?: AddressEra): Ward | undefined;
  findWard(provinceCode: string, name: string, options?: WardQueryOptions): Ward | undefined;
  suggestWards(provinceCode: string, name: string, options?: WardQueryOptions): AdminCandidate<Ward>[];
  mapProvinceTo2025(legacyProvinceCode: string): Province | undefined;
  mapWardTo2025(legacyWardCode: string): WardMapping[];
}

/** The administrative part of an address (structurally the model's `Address`). */
export interface AddressUnitsInput {
  province: string;
  district?: string;
  ward: string;
  /** GSO codes, when known: they win over the names. */
  codes?: { province?: string; district?: string; ward?: string };
}

export interface AddressResolution {
  /** The structure the address is written in: 'legacy' (3 levels) or '2025' (2 levels). */
  era: AddressEra;
  province?: Province;
  /** Legacy addresses only. */
  district?: District;
  ward?: Ward;
  /**
   * Where the address lies in the 2025 structure. For a legacy address: the 2025 province and the
   * ward(s) its legacy ward went into (several, each `partial`, when the ward was split). For a 2025
   * address: the address itself.
   */
  current?: { province: Province; wards: Array<{ ward: Ward; partial: boolean }> };
  /** The first level that could not be resolved, with the closest candidates at that level. */
  unresolved?:
    | { level: 'province'; candidates: AdminCandidate<Province>[] }
    | { level: 'district'; candidates: AdminCandidate<District>[] }
    | { level: 'ward'; candidates: AdminCandidate<Ward>[] };
}

function byCodeOrName<T>(
  code: string | undefined,
  byCode: (c: string) => T | undefined,
  byName: () => T | undefined,
): T | undefined {
  return (code === undefined ? undefined : byCode(code)) ?? byName();
}

function resolveLegacy(admin: AdminLookups, input: AddressUnitsInput, province: Province): AddressResolution {
  const result: AddressResolution = { era: 'legacy', province };
  const { codes } = input;
  let districtCode: string | undefined;
  if (input.district !== undefined && input.district.trim() !== '') {
    const district = byCodeOrName(
      codes?.district,
      (c) => admin.getDistrict(c),
      () => admin.findDistrict(province.code, input.district ?? ''),
    );
    if (district === undefined || district.provinceCode !== province.code) {
      result.unresolved = {
        level: 'district',
        candidates: admin.suggestDistricts(province.code, input.district),
      };
      return result;
    }
    result.district = district;
    districtCode = district.code;
  }
  const wardOptions = { era: 'legacy' as const, ...(districtCode === undefined ? {} : { districtCode }) };
  const ward = byCodeOrName(
    codes?.ward,
    (c) => admin.getWard(c, 'legacy'),
    () => admin.findWard(province.code, input.ward, wardOptions),
  );
  if (ward === undefined || ward.provinceCode !== province.code) {
    result.unresolved = {
      level: 'ward',
      candidates: admin.suggestWards(province.code, input.ward, wardOptions),
    };
    return result;
  }
  result.ward = ward;
  if (result.district === undefined && ward.districtCode !== undefined)
    result.district = admin.getDistrict(ward.districtCode);
  const province2025 = admin.mapProvinceTo2025(province.code);
  if (province2025 !== undefined) {
    result.current = {
      province: province2025,
      wards: admin.mapWardTo2025(ward.code).map(({ ward: current, partial }) => ({ ward: current, partial })),
    };
  }
  return result;
}

/**
 * Resolves the province / (district) / ward of an address to administrative units, and tells where
 * it lies in the 2025 structure.
 *
 * - With a district, the address is read as legacy (like the model's `addressEra`).
 * - Without one, it is read as 2025; if the province or ward only exists in the legacy structure
 *   (people keep writing "Xã Vĩnh Chấp, Quảng Trị" or "Quảng Bình"), it is read as legacy instead,
 *   provided the ward name is unique in that legacy province.
 */
export function resolveAddressUnits(admin: AdminLookups, input: AddressUnitsInput): AddressResolution {
  checkVnArgument(input, 'address', {
    fits: isPlainObject,
    vi: 'một đối tượng { province, district?, ward }',
    en: 'an object { province, district?, ward }',
  });
  checkVnText(input.province, 'address.province');
  checkVnText(input.ward, 'address.ward');
  if (input.district !== undefined) checkVnText(input.district, 'address.district');
  if (input.codes !== undefined) checkVnOptions(input.codes, 'address.codes');
  const { codes } = input;
  const hasDistrict = input.district !== undefined && input.district.trim() !== '';
  const legacyProvince = () =>
    byCodeOrName(
      codes?.province,
      (c) => admin.getProvince(c, 'legacy'),
      () => admin.findProvince(input.province, { era: 'legacy' }),
    );

  if (hasDistrict) {
    const province = legacyProvince();
    if (province === undefined) {
      return {
        era: 'legacy',
        unresolved: {
          level: 'province',
          candidates: admin.suggestProvinces(input.province, { era: 'legacy' }),
        },
      };
    }
    return resolveLegacy(admin, input, province);
  }

  const province = byCodeOrName(
    codes?.province,
    (c) => admin.getProvince(c, '2025'),
    () => admin.findProvince(input.province, { era: '2025' }),
  );
  const ward =
    province === undefined
      ? undefined
      : byCodeOrName(
          codes?.ward,
          (c) => admin.getWard(c, '2025'),
          () => admin.findWard(province.code, input.ward),
        );
  if (province !== undefined && ward !== undefined && ward.provinceCode === province.code) {
    return { era: '2025', province, ward, current: { province, wards: [{ ward, partial: false }] } };
  }

  const legacy = legacyProvince();
  if (
    legacy !== undefined &&
    (codes?.ward !== undefined || admin.findWard(legacy.code, input.ward, { era: 'legacy' }) !== undefined)
  ) {
    const asLegacy = resolveLegacy(admin, input, legacy);
    if (asLegacy.unresolved === undefined) return asLegacy;
  }
  if (province === undefined) {
    return {
      era: '2025',
      unresolved: { level: 'province', candidates: admin.suggestProvinces(input.province, { era: '2025' }) },
    };
  }
  return {
    era: '2025',
    province,
    unresolved: { level: 'ward', candidates: admin.suggestWards(province.code, input.ward) },
  };
}
