import { z } from 'zod';
import {
  argumentProblem,
  checkModelArgument,
  isPlainObject,
  MODEL_OBJECT,
  MODEL_TEXT,
} from './argument-check.js';
import { OcopConnectError } from './error-root.js';
import { nearestName } from './nearest-name.js';

/**
 * A Vietnamese postal address in either administrative structure:
 * - legacy (before 1 July 2025): province → district → ward/commune;
 * - 2025 two-level: province → ward/commune (districts were abolished).
 * An address with a `district` is treated as legacy; without one, as 2025. Names may be written with or
 * without accents and prefixes ("TP.", "Tỉnh", "Huyện", "Xã"); adapters resolve them to platform ids.
 */
export const AddressSchema = z.object(
  {
    /** House number, street, hamlet (thôn/xóm). */
    street: z.string().trim().max(255).optional(),
    ward: z.string({ error: 'address.ward_required' }).trim().min(1, { error: 'address.ward_required' }),
    district: z.string().trim().min(1).optional(),
    province: z
      .string({ error: 'address.province_required' })
      .trim()
      .min(1, { error: 'address.province_required' }),
    /** Optional GSO codes when the caller already knows them (they skip name matching). */
    codes: z
      .object({
        province: z.string().optional(),
        district: z.string().optional(),
        ward: z.string().optional(),
      })
      .optional(),
    // A text where the address goes (`from: 'Quảng Trị'`) is told the shape an address has.
  },
  { error: 'address.invalid_type' },
);
export type Address = z.infer<typeof AddressSchema>;

/** Which administrative structure: before 1 July 2025 (63 provinces, 3 levels) or after (34, 2 levels). */
export type AddressEra = 'legacy' | '2025';

const ADDRESS_FIELDS = ['street', 'ward', 'district', 'province', 'codes'] as const;
const ADDRESS_TEXT_FIELDS = ['street', 'ward', 'district', 'province'] as const;

/** The fields an Address must have (its type says so: the helpers' check says the same). */
const REQUIRED_FIELDS = {
  province: { vi: 'địa chỉ phải có tỉnh/thành phố', en: 'the address needs a province or city' },
  ward: { vi: 'địa chỉ phải có phường/xã', en: 'the address needs a ward or commune' },
} as const;

/**
 * An address the helpers can read, as the `Address` type says: an object with `province` and `ward`,
 * its text fields strings (or left out where optional), and no misspelt field name (`distrct` → "district": a district lost that way
 * would silently make a legacy address a 2025 one). Other extra fields are let through when the object
 * is an address. Every problem in one error of kind `validation` naming `address.<field>`.
 */
function checkAddress(address: unknown): asserts address is Record<string, unknown> {
  checkModelArgument(isPlainObject(address), 'address', address, MODEL_OBJECT);
  const own = address as Record<string, unknown>;
  const known: readonly string[] = ADDRESS_FIELDS;
  const isAddress = Object.keys(own).some((key) => known.includes(key));
  const problems: { vi: string; en: string }[] = [];
  for (const key of Object.keys(own)) {
    if (known.includes(key)) continue;
    const near = nearestName(key, known);
    if (near === undefined && isAddress) continue;
    problems.push({
      vi: `address.${key}: không phải trường của địa chỉ${near ? ` (có phải "${near}"?)` : ''}`,
      en: `address.${key}: not an address field${near ? ` (did you mean "${near}"?)` : ''}`,
    });
  }
  for (const key of ADDRESS_TEXT_FIELDS) {
    const value = own[key];
    if (value !== undefined && typeof value !== 'string')
      problems.push(argumentProblem(`address.${key}`, value, MODEL_TEXT));
  }
  if (isAddress)
    for (const [key, need] of Object.entries(REQUIRED_FIELDS))
      if (own[key] === undefined)
        problems.push({
          vi: `address.${key}: thiếu — ${need.vi}`,
          en: `address.${key}: missing — ${need.en}`,
        });
  if (!isAddress && problems.length === 0)
    problems.push({
      vi: 'address: không có trường nào của địa chỉ (street, ward, district, province)',
      en: 'address: has none of the address fields (street, ward, district, province)',
    });
  if (problems.length > 0)
    throw new OcopConnectError('validation', {
      vi: problems.map((problem) => problem.vi).join('; '),
      en: problems.map((problem) => problem.en).join('; '),
    });
}

/**
 * Legacy when the address has a district, else 2025. Takes an `Address` in either structure (with
 * `province` and `ward`; a district only for a legacy one); a value that is not one is refused.
 */
export function addressEra(address: Address): AddressEra {
  checkAddress(address);
  return address.district ? 'legacy' : '2025';
}

/** One line, largest unit last, as Vietnamese addresses are written. A value that is not an address is refused. */
export function formatAddress(address: Address): string {
  checkAddress(address);
  return [address.street, address.ward, address.district, address.province]
    .filter((part): part is string => Boolean(part?.trim()))
    .join(', ');
}
