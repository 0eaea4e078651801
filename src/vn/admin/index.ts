export { findVnAdminDataDir, VN_ADMIN_DATA_SUBDIR } from './data-dir.js';
export {
  defaultVnAdmin,
  findDistrict,
  findProvince,
  findWard,
  findWards,
  getDistrict,
  getProvince,
  getWard,
  legacyProvincesOf,
  legacyWardsOf,
  listDistricts,
  listProvinces,
  listWards,
  mapDistrictTo2025,
  mapProvinceTo2025,
  mapWardTo2025,
  resolveAddress,
  suggestDistricts,
  suggestProvinces,
  suggestWards,
} from './default-admin.js';
export { editDistance } from './edit-distance.js';
export { nameKey, type ParsedQuery, parseQuery } from './names.js';
export type { AddressResolution, AddressUnitsInput } from './resolve-address.js';
export type {
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
export { createVnAdmin, VnAdmin, type VnAdminOptions } from './vn-admin.js';
