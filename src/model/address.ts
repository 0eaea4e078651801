import { z } from 'zod';
import { checkModelArgument, isPlainObject, MODEL_OBJECT } from './argument-check.js';

/**
 * A Vietnamese postal address in either administrative structure:
 * - legacy (before 1 July 2025): province → district → ward/commune;
 * - 2025 two-level: province → ward/commune (districts were abolished).
 * An address with a `district` is treated as legacy; without one, as 2025. Names may be written with or
 * without accents and prefixes ("TP.", "Tỉnh", "Huyện", "Xã"); adapters resolve them to platform ids.
 */
export const AddressSchema = z.object({
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
    .object({ province: z.string().optional(), district: z.string().optional(), ward: z.string().optional() })
    .optional(),
});
export type Address = z.infer<typeof AddressSchema>;

/** Which administrative structure: before 1 July 2025 (63 provinces, 3 levels) or after (34, 2 levels). */
export type AddressEra = 'legacy' | '2025';

export function addressEra(address: Pick<Address, 'district'>): AddressEra {
  checkModelArgument(isPlainObject(address), 'address', address, MODEL_OBJECT);
  return address.district ? 'legacy' : '2025';
}

/** One line, largest unit last, as Vietnamese addresses are written. */
export function formatAddress(address: Address): string {
  checkModelArgument(isPlainObject(address), 'address', address, MODEL_OBJECT);
  return [address.street, address.ward, address.district, address.province]
    .filter((part): part is string => Boolean(part?.trim()))
    .join(', ');
}
