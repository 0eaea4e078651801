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
  suggestDistricts,
  suggestProvinces,
  suggestWards,
} from './default-admin.js';
export { editDistance } from './edit-distance.js';
export { nameKey } from './names.js';
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
