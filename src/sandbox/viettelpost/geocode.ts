import { noPriceError, type ResolvedAddress } from './address.js';
import type { Catalog, District, LegacyProvince, NewProvince } from './catalog.js';
import { foldText, upperVi } from './text.js';

/** What the Nlp endpoints understood of a free-text address; `address` is VTP's echo form. */
export interface GeocodedAddress extends ResolvedAddress {
  address: string;
}

const PREFIX = /^(thanh pho|thi xa|thi tran|dac khu|tinh|quan|huyen|phuong|xa|tp|tx|tt|dk|t|q|h|p|x)\s+/;
const PROVINCE_ALIASES: Readonly<Record<string, string>> = {
  hcm: 'ho chi minh',
  'tp hcm': 'ho chi minh',
  tphcm: 'ho chi minh',
  'sai gon': 'ho chi minh',
  hn: 'ha noi',
  'thua thien hue': 'hue',
  'tt hue': 'hue',
  'vung tau': 'ba ria vung tau',
  'ba ria': 'ba ria vung tau',
};
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  'thành phố': 'TP',
  tỉnh: 'T',
  quận: 'Q',
  huyện: 'H',
  'thị xã': 'TX',
  phường: 'P',
  xã: 'X',
  'thị trấn': 'TT',
  'đặc khu': 'ĐK',
};

/** Folded forms a segment may match: as written, and with its "Huyện"/"Q."/"X." prefix removed. */
function keys(segment: string): string[] {
  const folded = foldText(segment);
  const stripped = folded.replace(PREFIX, '').replace(/^[pq](\d+)$/, '$1');
  const alias = PROVINCE_ALIASES[stripped] ?? PROVINCE_ALIASES[folded];
  return [...new Set([folded, stripped, ...(alias ? [alias] : [])])];
}

function matches(segmentKeys: string[], plainName: string): boolean {
  return segmentKeys.includes(foldText(plainName));
}

const label = (type: string, name: string) => `${ABBREVIATIONS[type] ?? ''}.${name}`;

interface ProvinceMatch {
  legacy: LegacyProvince[];
  newProvince: NewProvince;
}

/** A 2025 province with the legacy provinces it took over, or a legacy province with its 2025 successor. */
function provinceMatch(
  catalog: Catalog,
  newProvince: NewProvince | undefined,
  legacy: LegacyProvince | undefined,
): ProvinceMatch | undefined {
  if (newProvince)
    return { newProvince, legacy: newProvince.legacyProvinceIds.map((id) => catalog.provinceById.get(id)!) };
  return legacy
    ? { legacy: [legacy], newProvince: catalog.newProvinceById.get(legacy.newProvinceId)! }
    : undefined;
}

function matchProvince(catalog: Catalog, segmentKeys: string[]): ProvinceMatch | undefined {
  const newProvince = catalog.newProvinces.find((p) => matches(segmentKeys, p.plainName));
  if (newProvince) return provinceMatch(catalog, newProvince, undefined);
  return provinceMatch(
    catalog,
    undefined,
    catalog.provinces.find((p) => matches(segmentKeys, p.plainName)),
  );
}

function provinceFromHint(catalog: Catalog, hintId: number | undefined): ProvinceMatch | undefined {
  if (hintId === undefined) return undefined;
  return provinceMatch(catalog, catalog.newProvinceById.get(hintId), catalog.provinceById.get(hintId));
}

type Unit = { type: string; plainName: string };

/** VTP's echo of a geocoded address: ids, the locality in upper case, the units abbreviated "P.X - Q.Y - T.Z". */
function geocoded(
  structure: GeocodedAddress['structure'],
  ids: Pick<GeocodedAddress, 'provinceId' | 'districtId' | 'wardId'>,
  newProvince: NewProvince,
  locality: Unit,
  units: readonly Unit[],
): GeocodedAddress {
  return {
    structure,
    ...ids,
    newProvince,
    region: newProvince.region,
    localityName: upperVi(locality.plainName),
    address: units.map((unit) => label(unit.type, unit.plainName)).join(' - '),
  };
}

function oldAddress(catalog: Catalog, district: District, wardId: number, newProvince: NewProvince) {
  const ward = catalog.oldWardById.get(wardId)!;
  const province = catalog.provinceById.get(district.provinceId)!;
  return geocoded(
    'old',
    { provinceId: province.id, districtId: district.id, wardId },
    newProvince,
    district,
    [ward, district, province],
  );
}

/**
 * Emulates VTP's geocoder for the *Nlp endpoints: "street, ward, district, province" (legacy) or
 * "street, ward, province" (2025), names matched accent- and case-insensitively, prefixes such as
 * "TP.", "Tỉnh", "Huyện", "Q.", "P.", "X." tolerated. An address without a recognisable ward fails
 * with "Price does not apply to this itinerary!", like the real service.
 */
export function geocodeAddress(catalog: Catalog, text: string, provinceHintId?: number): GeocodedAddress {
  const segments = text
    .split(/[,;\n]|\s-\s/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let provinceIndex = -1;
  let province: ProvinceMatch | undefined;
  for (let i = segments.length - 1; i >= 0 && !province; i--) {
    province = matchProvince(catalog, keys(segments[i]!));
    if (province) provinceIndex = i;
  }
  if (!province) {
    province = provinceFromHint(catalog, provinceHintId);
    provinceIndex = segments.length;
  }
  if (!province) throw noPriceError();
  const { newProvince, legacy } = province;

  const districtSegment = segments[provinceIndex - 1];
  const wardSegment = segments[provinceIndex - 2];
  if (districtSegment !== undefined) {
    const districtKeys = keys(districtSegment);
    const district = legacy
      .flatMap((p) => catalog.districtsByProvince.get(p.id) ?? [])
      .find((d) => matches(districtKeys, d.plainName));
    if (district && wardSegment !== undefined) {
      const wardKeys = keys(wardSegment);
      const ward = (catalog.oldWardsByDistrict.get(district.id) ?? []).find((w) =>
        matches(wardKeys, w.plainName),
      );
      if (ward) return oldAddress(catalog, district, ward.id, newProvince);
    }
    // Two-level form: the segment before the province is a 2025 ward.
    const newWard = (catalog.newWardsByProvince.get(newProvince.id) ?? []).find((w) =>
      matches(districtKeys, w.plainName),
    );
    if (newWard) {
      const ids = {
        provinceId: newProvince.id,
        districtId: newProvince.pseudoDistrictId,
        wardId: newWard.id,
      };
      return geocoded('new', ids, newProvince, newWard, [newWard, newProvince]);
    }
    // A legacy ward written without its district, when unique in the province.
    const oldWards = legacy
      .flatMap((p) => catalog.districtsByProvince.get(p.id) ?? [])
      .flatMap((d) => catalog.oldWardsByDistrict.get(d.id) ?? [])
      .filter((w) => matches(districtKeys, w.plainName));
    if (oldWards.length === 1) {
      const ward = oldWards[0]!;
      return oldAddress(catalog, catalog.districtById.get(ward.districtId)!, ward.id, newProvince);
    }
  }
  throw noPriceError();
}
