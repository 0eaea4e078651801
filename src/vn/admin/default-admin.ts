import type { AddressResolution, AddressUnitsInput } from './resolve-address.js';
import type {
  AdminCandidate,
  AdminEra,
  District,
  Province,
  ProvinceQueryOptions,
  SuggestOptions,
  Ward,
  WardMapping,
  WardQueryOptions,
} from './types.js';
import { VnAdmin } from './vn-admin.js';

/*
 * Plain functions over one shared, read-only VnAdmin. Sharing is safe: the data never changes
 * at run time, and loading it once (lazily, on the first call) saves ~2 MB of JSON per caller.
 */
let shared: VnAdmin | undefined;

/** The shared instance behind the plain functions (created on first use). */
export function defaultVnAdmin(): VnAdmin {
  shared ??= new VnAdmin();
  return shared;
}

export const listProvinces = (era?: AdminEra): Province[] => defaultVnAdmin().listProvinces(era);
export const getProvince = (code: string, era?: AdminEra): Province | undefined =>
  defaultVnAdmin().getProvince(code, era);
export const findProvince = (name: string, options?: ProvinceQueryOptions): Province | undefined =>
  defaultVnAdmin().findProvince(name, options);
export const suggestProvinces = (
  name: string,
  options?: ProvinceQueryOptions & SuggestOptions,
): AdminCandidate<Province>[] => defaultVnAdmin().suggestProvinces(name, options);

export const listDistricts = (legacyProvinceCode: string): District[] =>
  defaultVnAdmin().listDistricts(legacyProvinceCode);
export const getDistrict = (code: string): District | undefined => defaultVnAdmin().getDistrict(code);
export const findDistrict = (legacyProvinceCode: string, name: string): District | undefined =>
  defaultVnAdmin().findDistrict(legacyProvinceCode, name);
export const suggestDistricts = (
  legacyProvinceCode: string,
  name: string,
  options?: SuggestOptions,
): AdminCandidate<District>[] => defaultVnAdmin().suggestDistricts(legacyProvinceCode, name, options);

export const listWards = (provinceCode: string, options?: WardQueryOptions): Ward[] =>
  defaultVnAdmin().listWards(provinceCode, options);
export const getWard = (code: string, era?: AdminEra): Ward | undefined =>
  defaultVnAdmin().getWard(code, era);
export const findWard = (provinceCode: string, name: string, options?: WardQueryOptions): Ward | undefined =>
  defaultVnAdmin().findWard(provinceCode, name, options);
export const findWards = (provinceCode: string, name: string, options?: WardQueryOptions): Ward[] =>
  defaultVnAdmin().findWards(provinceCode, name, options);
export const suggestWards = (
  provinceCode: string,
  name: string,
  options?: WardQueryOptions & SuggestOptions,
): AdminCandidate<Ward>[] => defaultVnAdmin().suggestWards(provinceCode, name, options);

export const mapProvinceTo2025 = (legacyProvinceCode: string): Province | undefined =>
  defaultVnAdmin().mapProvinceTo2025(legacyProvinceCode);
export const legacyProvincesOf = (newProvinceCode: string): Province[] =>
  defaultVnAdmin().legacyProvincesOf(newProvinceCode);
export const mapWardTo2025 = (legacyWardCode: string): WardMapping[] =>
  defaultVnAdmin().mapWardTo2025(legacyWardCode);
export const legacyWardsOf = (
  newWardCode: string,
): Array<{ ward: Ward; partial: boolean; textMatch: boolean }> => defaultVnAdmin().legacyWardsOf(newWardCode);
export const mapDistrictTo2025 = (legacyDistrictCode: string): Ward | undefined =>
  defaultVnAdmin().mapDistrictTo2025(legacyDistrictCode);

export const resolveAddress = (address: AddressUnitsInput): AddressResolution =>
  defaultVnAdmin().resolveAddress(address);
