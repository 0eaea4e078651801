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

/**
 * The plain function of a VnAdmin method (`pick` names it): the same call, on the shared instance.
 * Its type is the method's own, so the functions never drift from the class.
 */
function onShared<F extends (...args: never[]) => unknown>(pick: (admin: VnAdmin) => F): F {
  const call = (...args: unknown[]): unknown => {
    const admin = defaultVnAdmin();
    return Reflect.apply(pick(admin), admin, args);
  };
  return call as unknown as F; // same parameters and result as the method it calls
}

export const listProvinces = onShared((admin) => admin.listProvinces);
export const getProvince = onShared((admin) => admin.getProvince);
export const findProvince = onShared((admin) => admin.findProvince);
export const suggestProvinces = onShared((admin) => admin.suggestProvinces);

export const listDistricts = onShared((admin) => admin.listDistricts);
export const getDistrict = onShared((admin) => admin.getDistrict);
export const findDistrict = onShared((admin) => admin.findDistrict);
export const suggestDistricts = onShared((admin) => admin.suggestDistricts);

export const listWards = onShared((admin) => admin.listWards);
export const getWard = onShared((admin) => admin.getWard);
export const findWard = onShared((admin) => admin.findWard);
export const findWards = onShared((admin) => admin.findWards);
export const suggestWards = onShared((admin) => admin.suggestWards);

export const mapProvinceTo2025 = onShared((admin) => admin.mapProvinceTo2025);
export const legacyProvincesOf = onShared((admin) => admin.legacyProvincesOf);
export const mapWardTo2025 = onShared((admin) => admin.mapWardTo2025);
export const legacyWardsOf = onShared((admin) => admin.legacyWardsOf);
export const mapDistrictTo2025 = onShared((admin) => admin.mapDistrictTo2025);

export const resolveAddress = onShared((admin) => admin.resolveAddress);
