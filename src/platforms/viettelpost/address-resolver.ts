import { type OcopConnectErrorOptions, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import { type Address, addressEra } from '../../model/address.js';
import { argPart } from '../../model/error-arguments.js';
import { findProvince, findWards, legacyProvincesOf, mapWardTo2025 } from '../../vn/admin/default-admin.js';
import type { ResolvedAddress } from '../types.js';
import type {
  ViettelPostCatalog,
  ViettelPostDistrict,
  ViettelPostProvince,
  ViettelPostWard,
} from './catalog.js';
import { VIETTELPOST } from './errors.js';
import { type MatchResult, matchUnit, type NamedUnit } from './name-match.js';

export type AddressPart = 'province' | 'district' | 'ward';

const PART_LABELS: Record<AddressPart, { vi: string; en: string }> = {
  province: { vi: 'Tỉnh/thành phố', en: 'Province' },
  district: { vi: 'Quận/huyện', en: 'District' },
  ward: { vi: 'Phường/xã', en: 'Ward/commune' },
};

/** A part of the address matched no VTP catalog entry (or several). Names the part and the closest ones. */
export class AddressResolutionError extends ValidationError {
  readonly part: AddressPart;
  /** Closest VTP names, best first (empty when nothing is close). */
  readonly candidates: readonly string[];
  constructor(
    part: AddressPart,
    written: string,
    candidates: readonly string[],
    ambiguous: boolean,
    options?: OcopConnectErrorOptions,
  ) {
    // Made by hand with a wrong part or no candidates: a generic label, no hint, never a TypeError.
    const label = Object.hasOwn(PART_LABELS, part) ? PART_LABELS[part] : { vi: 'Địa chỉ', en: 'Address' };
    candidates = Array.isArray(candidates) ? candidates.map(String) : [];
    const hintEn = candidates.length ? `; closest: ${candidates.join(', ')}` : '';
    const hintVi = candidates.length ? `; gần nhất: ${candidates.join(', ')}` : '';
    const shown = argPart(written, ' "', '"');
    const en = ambiguous
      ? `${label.en}${shown} matches several ViettelPost entries${hintEn}`
      : `${label.en}${shown} was not found in the ViettelPost catalog${hintEn}`;
    const vi = ambiguous
      ? `${label.vi}${shown} khớp với nhiều mục của ViettelPost${hintVi}`
      : `Không tìm thấy ${label.vi.toLowerCase()}${shown} trong danh mục ViettelPost${hintVi}`;
    super(
      { vi, en },
      [
        {
          path: `address.${part}`,
          value: written,
          code: ambiguous ? 'viettelpost.address_ambiguous' : 'viettelpost.address_unmatched',
          messageVi: vi,
          messageEn: en,
          platform: VIETTELPOST,
        },
      ],
      { platform: VIETTELPOST, ...options },
    );
    this.part = part;
    this.candidates = Object.freeze([...candidates]);
  }
}

function pick<T extends NamedUnit>(part: AddressPart, written: string, result: MatchResult<T>): T {
  if (result.kind === 'match') return result.unit;
  throw new AddressResolutionError(
    part,
    written,
    result.candidates.map((unit) => unit.name),
    result.kind === 'ambiguous',
  );
}

/**
 * The 2025 province a pre-reform province name now belongs to ("Thừa Thiên Huế" → "Huế",
 * "Quảng Bình" → "Quảng Trị"), from the shipped GSO data. Undefined when unknown or unavailable.
 */
function mergedProvinceName(written: string): string | undefined {
  try {
    return findProvince(written, { era: '2025', followMerges: true })?.name;
  } catch {
    return undefined;
  }
}

/**
 * A pre-reform commune name written on a two-level address ("Thị trấn Hồ Xá, Quảng Trị"): the one
 * 2025 commune that took over ALL of it ("Xã Vĩnh Linh"), from the shipped GSO mapping. Undefined
 * when the old name is unknown, ambiguous, or was split between several new communes (then the
 * caller must choose, and the error lists candidates).
 */
function successorWardName(provinceName: string, wardName: string): string | undefined {
  try {
    const province = findProvince(provinceName, { era: '2025', followMerges: true });
    if (!province) return undefined;
    const legacyWards = legacyProvincesOf(province.code).flatMap((legacy) =>
      findWards(legacy.code, wardName, { era: 'legacy' }),
    );
    if (legacyWards.length !== 1) return undefined;
    const successors = mapWardTo2025(legacyWards[0]!.code);
    const names = new Set(successors.map((mapping) => mapping.ward.fullName));
    if (names.size !== 1 || successors.some((mapping) => mapping.partial)) return undefined;
    return [...names][0];
  } catch {
    return undefined;
  }
}

function pickWard2025<T extends NamedUnit>(address: Address, wards: readonly T[]): T {
  const direct = matchUnit(address.ward, wards);
  if (direct.kind === 'none') {
    const successor = successorWardName(address.province, address.ward);
    const viaMapping = successor ? matchUnit(successor, wards) : undefined;
    if (viaMapping?.kind === 'match') return viaMapping.unit;
  }
  return pick('ward', address.ward, direct);
}

function pickProvince2025(written: string, provinces: readonly ViettelPostProvince[]): ViettelPostProvince {
  const direct = matchUnit(written, provinces);
  if (direct.kind === 'none') {
    const merged = mergedProvinceName(written);
    const viaMerge = merged ? matchUnit(merged, provinces) : undefined;
    if (viaMerge?.kind === 'match') return viaMerge.unit;
  }
  return pick('province', written, direct);
}

/**
 * Canonical address → VTP ids.
 *
 * Legacy (with a district): v2 provinces → v2 districts of that province (the 2025 pseudo-district
 * excluded) → v2 wards of the district.
 *
 * 2025 (no district): v3 provinces (the 34; an old province name is followed to the province it merged
 * into; an old commune name to the one 2025 commune that took all of it over), then the province's v2 pseudo-district
 * (`DISTRICT_VALUE "NEW"`) and its wards, which are the new two-level wards. The pseudo-district id
 * is ALSO what we send as `*_DISTRICT` with a new ward: VTP documents no value for that field after
 * the reform (integrators send 0, a pseudo id or a mapped old district), the fields are required by
 * getPrice/createOrder, and the pseudo-district is the one id VTP itself pairs with those wards in
 * its own catalog. If a province has no pseudo-district, the wards come from v3 listWardsNew and the
 * district is sent as 0 (the other observed practice).
 *
 * GSO codes in `address.codes` are not VTP ids and are ignored.
 */
export class ViettelPostAddressResolver {
  readonly #catalog: ViettelPostCatalog;

  constructor(catalog: ViettelPostCatalog) {
    this.#catalog = catalog;
  }

  async resolve(address: Address, options?: CallOptions): Promise<ResolvedAddress> {
    return addressEra(address) === 'legacy'
      ? this.#resolveLegacy(address, options)
      : this.#resolve2025(address, options);
  }

  async #resolveLegacy(address: Address, options?: CallOptions): Promise<ResolvedAddress> {
    const provinces = await this.#catalog.provinces(options);
    const province = pick('province', address.province, matchUnit(address.province, provinces));
    const districts = (await this.#catalog.districts(province.id, options)).filter((d) => !d.twoLevelBridge);
    const districtName = address.district ?? '';
    const district = pick('district', districtName, matchUnit(districtName, districts));
    const wards = await this.#catalog.wards(district.id, options);
    const ward = pick('ward', address.ward, matchUnit(address.ward, wards));
    return {
      provinceId: province.id,
      districtId: district.id,
      wardId: ward.id,
      era: 'legacy',
      matched: { province: province.name, district: district.name, ward: ward.name },
    };
  }

  async #resolve2025(address: Address, options?: CallOptions): Promise<ResolvedAddress> {
    const provinces = await this.#catalog.provincesNew(options);
    // A two-level address may still carry a merged province's old name; follow the merger.
    const province = pickProvince2025(address.province, provinces);
    const districts = await this.#catalog.districts(province.id, options);
    const bridge: ViettelPostDistrict | undefined = districts.find((d) => d.twoLevelBridge);
    const wards: ViettelPostWard[] = bridge
      ? await this.#catalog.wards(bridge.id, options)
      : await this.#catalog.wardsNew(province.id, options);
    // `matched.ward` shows the 2025 commune, so a followed mapping is visible to the caller.
    const ward = pickWard2025(address, wards);
    return {
      provinceId: province.id,
      districtId: bridge?.id ?? 0,
      wardId: ward.id,
      era: '2025',
      matched: { province: province.name, ward: ward.name },
    };
  }
}
