import type { Catalog, NewProvince } from './catalog.js';
import { ENVELOPE_STATUS, incorrectData, invalidField, VtpApiError } from './envelope.js';
import { type Body, readInt } from './fields.js';
import type { Region } from './province-codes.js';
import { upperVi } from './text.js';

export type AddressRole = 'SENDER' | 'RECEIVER';

/** Which district values the sandbox accepts with a post-2025 ward (see ViettelPostSandboxOptions). */
export interface AddressPolicy {
  /** Refuse the province's pseudo-district (100000000 + id) with "Incorrect data: <ROLE>_DISTRICT". */
  refusePseudoDistrict: boolean;
}

const ACCEPT_ALL: AddressPolicy = { refusePseudoDistrict: false };

/** A validated province/district/ward triple, in VTP ids. */
export interface ResolvedAddress {
  structure: 'old' | 'new';
  provinceId: number;
  districtId: number;
  wardId: number;
  /** The 1 July 2025 province the address lies in (drives pricing zones). */
  newProvince: NewProvince;
  region: Region;
  /** Upper-case district (old) or ward (new) name, used in sort codes. */
  localityName: string;
}

const mismatch = (role: AddressRole, structure: 'old' | 'new') =>
  new VtpApiError(
    `Incorrect data: ${role}_DISTRICT Incorrect data: ${role}_PROVINCE with address ${structure}`,
  );

/**
 * Validates a triple against the old (3-level) and the new (2-level, 2025) structures.
 *
 * New ward ids: the province must be the ward's 2025 province; the district may be 0, the
 * province's pseudo-district (100000000 + id) or any legacy district that now lies in that province
 * (undocumented upstream — integrators do all three).
 * Old ward ids: the district must be the ward's district and the province its legacy province or
 * the 2025 province it merged into.
 * Ward 0/absent: accepted with a real old district (older samples do it) or, when `wardRequired` is
 * false (pricing), with the pseudo-district.
 */
export function resolveAddressIds(
  catalog: Catalog,
  role: AddressRole,
  ids: { provinceId: number | undefined; districtId: number | undefined; wardId: number | undefined },
  wardRequired: boolean,
  policy: AddressPolicy = ACCEPT_ALL,
): ResolvedAddress {
  const provinceId = ids.provinceId ?? 0;
  const districtId = ids.districtId ?? 0;
  const wardId = ids.wardId ?? 0;
  const legacyProvince = catalog.provinceById.get(provinceId);
  const newProvinceOfId = catalog.newProvinceById.get(provinceId);
  if (!legacyProvince && !newProvinceOfId) throw incorrectData(`${role}_PROVINCE`);

  const newWard = catalog.newWardById.get(wardId);
  if (newWard) {
    const newProvince = catalog.newProvinceById.get(newWard.provinceId)!;
    if (policy.refusePseudoDistrict && districtId === newProvince.pseudoDistrictId) {
      throw incorrectData(`${role}_DISTRICT`);
    }
    const district = catalog.districtById.get(districtId);
    const districtOk =
      districtId === 0 ||
      districtId === newProvince.pseudoDistrictId ||
      (district !== undefined &&
        catalog.provinceById.get(district.provinceId)?.newProvinceId === newProvince.id);
    if (provinceId !== newProvince.id || !districtOk) throw mismatch(role, 'new');
    return {
      structure: 'new',
      provinceId,
      districtId,
      wardId,
      newProvince,
      region: newProvince.region,
      localityName: upperVi(newWard.plainName),
    };
  }

  const oldWard = catalog.oldWardById.get(wardId);
  if (oldWard) {
    const wardProvince = catalog.provinceById.get(oldWard.provinceId)!;
    const provinceOk = provinceId === wardProvince.id || provinceId === wardProvince.newProvinceId;
    if (districtId !== oldWard.districtId || !provinceOk) throw mismatch(role, 'old');
    const newProvince = catalog.newProvinceById.get(wardProvince.newProvinceId)!;
    return {
      structure: 'old',
      provinceId,
      districtId,
      wardId,
      newProvince,
      region: newProvince.region,
      localityName: upperVi(catalog.districtById.get(districtId)!.plainName),
    };
  }
  if (wardId !== 0) throw incorrectData(`${role}_WARD`);

  const pseudoProvince = catalog.newProvinceByPseudoDistrict.get(districtId);
  if (pseudoProvince) {
    if (policy.refusePseudoDistrict) throw incorrectData(`${role}_DISTRICT`);
    if (wardRequired) throw invalidField(`${role}_WARD`);
    if (pseudoProvince.id !== provinceId) throw mismatch(role, 'new');
    return {
      structure: 'new',
      provinceId,
      districtId,
      wardId: 0,
      newProvince: pseudoProvince,
      region: pseudoProvince.region,
      localityName: pseudoProvince.name,
    };
  }
  const district = catalog.districtById.get(districtId);
  if (!district) throw incorrectData(`${role}_DISTRICT`);
  const districtProvince = catalog.provinceById.get(district.provinceId)!;
  if (provinceId !== districtProvince.id && provinceId !== districtProvince.newProvinceId) {
    throw mismatch(role, 'old');
  }
  const newProvince = catalog.newProvinceById.get(districtProvince.newProvinceId)!;
  return {
    structure: 'old',
    provinceId,
    districtId,
    wardId: 0,
    newProvince,
    region: newProvince.region,
    localityName: upperVi(district.plainName),
  };
}

/** Reads `<ROLE>_PROVINCE/_DISTRICT/_WARD` (numbers or numeric strings) and validates them. */
export function readAddressIds(
  catalog: Catalog,
  body: Body,
  role: AddressRole,
  wardRequired: boolean,
  policy: AddressPolicy = ACCEPT_ALL,
): ResolvedAddress {
  const provinceId = readInt(body, `${role}_PROVINCE`);
  if (provinceId === undefined) throw incorrectData(`${role}_PROVINCE`);
  const districtId = readInt(body, `${role}_DISTRICT`);
  const wardId = readInt(body, `${role}_WARD`);
  return resolveAddressIds(catalog, role, { provinceId, districtId, wardId }, wardRequired, policy);
}

export const noPriceError = (): VtpApiError =>
  new VtpApiError('Price does not apply to this itinerary!', ENVELOPE_STATUS.noPrice);
