import { defaultVnAdmin } from '../../vn/admin/default-admin.js';

/** One catalog row as the sandbox serves it (MyVNPost field names are added by the handlers). */
export interface CatalogUnit {
  code: string;
  name: string;
  parentCode?: string;
}

export interface SandboxCatalog {
  provinces: CatalogUnit[];
  districts: CatalogUnit[];
  communes: CatalogUnit[];
  provincesNew: CatalogUnit[];
  communesNew: CatalogUnit[];
  /** commune code → its province code, per era, for route pricing and validation. */
  legacyCommune: Map<string, { province: string; district: string }>;
  newCommune: Map<string, { province: string }>;
}

/**
 * The sandbox's own codes, derived from the GSO codes of data/vn-admin (MyVNPost's real codes are
 * postal codes the public data does not carry). Names are written in full ("Tỉnh Quảng Trị",
 * "Thị trấn Hồ Xá"), as the real catalogs do, so clients must match names, not copy them.
 */
export function loadSandboxCatalog(): SandboxCatalog {
  const admin = defaultVnAdmin();
  const provinces = admin.listProvinces('legacy');
  const provincesNew = admin.listProvinces('2025');
  const districts = provinces.flatMap((p) => admin.listDistricts(p.code));
  const legacyWards = provinces.flatMap((p) => admin.listWards(p.code, { era: 'legacy' }));
  const newWards = provincesNew.flatMap((p) => admin.listWards(p.code, { era: '2025' }));
  const legacyCommune = new Map<string, { province: string; district: string }>();
  for (const w of legacyWards)
    legacyCommune.set(w.code, { province: w.provinceCode, district: w.districtCode ?? '' });
  const newCommune = new Map<string, { province: string }>();
  for (const w of newWards) newCommune.set(w.code, { province: w.provinceCode });
  return {
    provinces: provinces.map((p) => ({ code: p.code, name: p.fullName })),
    districts: districts.map((d) => ({ code: d.code, name: d.fullName, parentCode: d.provinceCode })),
    communes: legacyWards.map((w) => ({ code: w.code, name: w.fullName, parentCode: w.districtCode ?? '' })),
    provincesNew: provincesNew.map((p) => ({ code: p.code, name: p.fullName })),
    communesNew: newWards.map((w) => ({ code: w.code, name: w.fullName, parentCode: w.provinceCode })),
    legacyCommune,
    newCommune,
  };
}
