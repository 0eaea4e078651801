import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { AddressSchema } from '../../model/address.js';
import { NonEmptyTextSchema, VndAmountSchema } from '../../model/common.js';
import { ContactSchema, normaliseServiceCode, type Parcel, ParcelSchema } from '../../model/shipment.js';
import { toValidationIssues, type ValidationIssue } from '../../model/validation.js';
import { knownServiceCode as sharedKnownServiceCode } from '../carrier-service-code.js';
import type { QuoteRequest, ShipmentRequest } from '../types.js';
import { VNPOST } from './errors.js';
import { VNPOST_SERVICES } from './services.js';

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

const RouteSchema = z.object({ from: AddressSchema, to: AddressSchema });

/** Collects the issues of each check; one bilingual ValidationError for all of them. */
function checkAll(
  operation: string,
  request: Record<string, unknown>,
  schema: z.ZodType,
  extraServices: readonly string[] = [],
): { parcel: Parcel | undefined; cod: number } {
  const issues: ValidationIssue[] = [];
  const shape = schema.safeParse(request);
  if (!shape.success) issues.push(...toValidationIssues(shape.error, request, { platform: VNPOST }));
  let parcel: Parcel | undefined;
  let cod = 0;
  for (const check of [
    () => {
      parcel = validParcel(request.parcel);
    },
    () => {
      cod = validCod(request.codAmountVnd);
    },
    () => {
      // A missing or empty code is the schema's issue; a given one must be a VNPost service.
      if (typeof request.serviceCode === 'string' && request.serviceCode.trim() !== '')
        knownServiceCode(request.serviceCode, extraServices);
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
  return { parcel, cod };
}

const asRecord = (input: unknown): Record<string, unknown> =>
  typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};

/** A QuoteRequest: both addresses, the parcel and COD checked at once (ServicesCharge). */
export function validQuoteRequest(input: unknown): QuoteRequest {
  const request = asRecord(input);
  const { parcel, cod } = checkAll('servicesCharge', request, RouteSchema);
  return { ...(request as unknown as QuoteRequest), parcel: parcel!, codAmountVnd: cod };
}

/**
 * A whole ShipmentRequest (create or edit: MyVNPost's correction carries the full new data): sender and
 * receiver contacts with their addresses, a service code, the parcel and COD — every problem in one
 * bilingual ValidationError naming the field, before anything is sent (never a TypeError on a part left
 * out). The parcel comes back normalised, the rest as given.
 */
export function validShipmentRequest(
  input: unknown,
  operation: string,
  extraServices: readonly string[] = [],
): ShipmentRequest {
  const request = asRecord(input);
  const { parcel, cod } = checkAll(operation, request, PartiesSchema, extraServices);
  return {
    ...(request as unknown as ShipmentRequest),
    serviceCode: normaliseServiceCode(request.serviceCode as string),
    parcel: parcel!,
    codAmountVnd: cod,
  };
}

/**
 * A MyVNPost service code (`VNPOST_SERVICES`), normalised like every service code (trimmed, upper
 * case): an unknown one is a bilingual ValidationError naming the known codes and the closest — before
 * anything is sent (MyVNPost would refuse it only after the create was claimed).
 */
export function knownServiceCode(serviceCode: unknown, extraServices: readonly string[] = []): string {
  const known = [...Object.keys(VNPOST_SERVICES), ...extraServices];
  return sharedKnownServiceCode({ platform: VNPOST, label: 'VNPost' }, serviceCode, known);
}
