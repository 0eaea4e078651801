import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { NonEmptyTextSchema, VndAmountSchema } from '../../model/common.js';
import { ContactSchema, type Parcel, ParcelSchema } from '../../model/shipment.js';
import { toValidationIssues, type ValidationIssue } from '../../model/validation.js';
import type { ShipmentRequest } from '../types.js';
import { VNPOST } from './errors.js';

/**
 * The parcel as the model defines it: whole positive grams, whole centimetres, a whole declared value.
 * Checked before anything is sent — MyVNPost takes `weight` as text and would price "0" or "NaN".
 */
export function validParcel(parcel: unknown): Parcel {
  const parsed = ParcelSchema.safeParse(parcel);
  if (parsed.success) return parsed.data;
  const issues = toValidationIssues(parsed.error, parcel, { platform: VNPOST }).map((issue) => ({
    ...issue,
    path: issue.path ? `parcel.${issue.path}` : 'parcel',
  }));
  throw new ValidationError(
    `Invalid parcel: ${issues.map((i) => `${i.path} ${i.messageEn}`).join('; ')}`,
    issues,
    { platform: VNPOST },
  );
}

/** Cash on delivery for the goods: a whole number of VND, zero or more. */
export function validCod(value: unknown): number {
  if (value === undefined) return 0;
  const parsed = VndAmountSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = toValidationIssues(parsed.error, { codAmountVnd: value }, { platform: VNPOST }).map(
    (issue) => ({
      ...issue,
      path: 'codAmountVnd',
    }),
  );
  throw new ValidationError(`Invalid codAmountVnd: ${issues[0]?.messageEn ?? ''}`, issues, {
    platform: VNPOST,
  });
}

const PartiesSchema = z.object({
  sender: ContactSchema,
  receiver: ContactSchema,
  serviceCode: NonEmptyTextSchema,
});

/**
 * A whole ShipmentRequest (create or edit: MyVNPost's correction carries the full new data): sender and
 * receiver contacts with their addresses, a service code, the parcel and COD — every problem in one
 * bilingual ValidationError naming the field, before anything is sent (never a TypeError on a part left
 * out). The parcel comes back normalised, the rest as given.
 */
export function validShipmentRequest(input: unknown, operation: string): ShipmentRequest {
  const request: Record<string, unknown> =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const issues: ValidationIssue[] = [];
  const parties = PartiesSchema.safeParse(request);
  if (!parties.success) issues.push(...toValidationIssues(parties.error, request, { platform: VNPOST }));
  let parcel: Parcel | undefined;
  let cod = 0;
  for (const check of [
    () => {
      parcel = validParcel(request.parcel);
    },
    () => {
      cod = validCod(request.codAmountVnd);
    },
  ]) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0 || parcel === undefined) {
    throw new ValidationError(
      `Invalid VNPost ${operation} request: ${issues.map((i) => `${i.path || '(request)'} ${i.messageEn}`).join('; ')}`,
      issues,
      { platform: VNPOST, operation },
    );
  }
  return { ...(request as unknown as ShipmentRequest), parcel, codAmountVnd: cod };
}
