import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressEra } from '../../model/address.js';
import { OcopConnectError } from '../../model/error-root.js';
import { groupIndex, NameIndex, push } from './name-index.js';
import { fullName } from './names.js';
import type { District, DistrictType, Province, ProvinceType, Ward, WardType } from './types.js';

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
 * One data file of `dataDir` (a JSON array). A file that is missing, unreadable or not an array is a
 * configuration problem (the `dataDir` given, or an installation without its data), named in both
 * languages with the folder and the file — never a raw ENOENT.
 */
function readJson<T>(dataDir: string, file: string): T[] {
  const path = join(dataDir, file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    const missing = (cause as { code?: unknown }).code === 'ENOENT';
    throw new OcopConnectError(
      'configuration',
      {
        vi: `dataDir: ${missing ? 'không có tệp' : 'không đọc được tệp'} ${file} trong ${dataDir} (${path}); dataDir phải là thư mục dữ liệu đơn vị hành chính (data/vn-admin của gói), hoặc bỏ trống`,
        en: `dataDir: ${missing ? 'no file' : 'cannot read the file'} ${file} in ${dataDir} (${path}); dataDir must be the administrative-unit data folder (the package's data/vn-admin), or left out`,
      },
      { cause },
    );
  }
  if (!Array.isArray(parsed))
    throw new OcopConnectError('configuration', {
      vi: `dataDir: tệp ${path} không phải một mảng JSON`,
      en: `dataDir: ${path} is not a JSON array`,
    });
  return parsed as T[];
}

/** A mapping file (rows of codes) as a map from its `from` column to its `to` column. */
function codeMap<From extends string, To extends string>(
  dataDir: string,
  file: string,
  from: From,
  to: To,
): Map<string, string> {
  return new Map(readJson<Record<From | To, string>>(dataDir, file).map((m) => [m[from], m[to]]));
}

export function lazy<T>(load: () => T): () => T {
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

/**
 * The data files of both eras, each read on first use and indexed once: the units by code and by
 * name, and the legacy → 2025 mappings.
 */
export class AdminData {
  constructor(private readonly dataDir: () => string) {}

  readonly provinces = lazy(() => {
    const make = (era: AddressEra, file: string) =>
      new NameIndex<Province>(
        readJson<RawProvince>(this.dataDir(), file).map((p) => ({
          ...unitNames(p),
          era,
        })),
      );
    return { legacy: make('legacy', 'provinces-legacy.json'), '2025': make('2025', 'provinces-2025.json') };
  });

  readonly provinceByCode = lazy(() => ({
    legacy: new Map(this.provinces().legacy.units.map((p) => [p.code, p])),
    '2025': new Map(this.provinces()['2025'].units.map((p) => [p.code, p])),
  }));

  readonly districts = lazy(() => {
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

  readonly legacyWards = lazy(() => {
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

  readonly wards2025 = lazy(() => {
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

  readonly provinceMapping = lazy(() =>
    codeMap(this.dataDir(), 'province-mapping-2025.json', 'legacyProvinceCode', 'newProvinceCode'),
  );

  readonly wardMapping = lazy(() => {
    const rows = readJson<RawWardMapping>(this.dataDir(), 'ward-mapping-2025.json');
    const byLegacy = new Map<string, RawWardMapping[]>();
    const byNew = new Map<string, RawWardMapping[]>();
    for (const row of rows) {
      push(byLegacy, row.legacyWardCode, row);
      push(byNew, row.newWardCode, row);
    }
    return { byLegacy, byNew };
  });

  readonly districtMapping = lazy(() =>
    codeMap(this.dataDir(), 'district-mapping-2025.json', 'legacyDistrictCode', 'newWardCode'),
  );
}
