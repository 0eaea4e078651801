import { z } from 'zod';
import { describeValue, isPlainObject } from '../../model/argument-check.js';
import { NonEmptyTextSchema, VndAmountSchema } from '../../model/common.js';
import { normaliseServiceCode, type Parcel, ParcelSchema } from '../../model/shipment.js';
import { toValidationIssues, type ValidationIssue } from '../../model/validation.js';
import { contactIssues, issuesOf, RouteSchema } from '../carrier-contacts.js';
import { limitIssues, unknownRequestFieldIssues } from '../carrier-request.js';
import { requestValidationError } from '../carrier-request-error.js';
import { knownServiceCode as sharedKnownServiceCode } from '../carrier-service-code.js';
import type { QuoteRequest, ShipmentRequest } from '../types.js';
import { VNPOST } from './errors.js';

const CARRIER = { platform: VNPOST, label: 'VNPost' };

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
  throw requestValidationError(CARRIER, issues);
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
  throw requestValidationError(CARRIER, issues);
}

/** The contacts are `contactIssues`' (phones against the numbering plan too). */
const PartiesSchema = z.object({ serviceCode: NonEmptyTextSchema });

/** Collects the issues of each check; one bilingual ValidationError for all of them. */
function checkAll(
  operation: string,
  input: unknown,
  schema: z.ZodType,
  extraServices: readonly string[] = [],
  contacts = false,
): { parcel: Parcel | undefined; cod: number } {
  const issues: ValidationIssue[] = [];
  if (!isPlainObject(input)) {
    const got = describeValue(input);
    throw requestValidationError(
      CARRIER,
      [
        {
          path: 'request',
          value: input,
          code: 'invalid_argument',
          messageVi: `phải là một đối tượng (nhận được ${got})`,
          messageEn: `must be an object (got ${got})`,
          platform: VNPOST,
        },
      ],
      operation,
    );
  }
  const request = input;
  // A field the request has no place for (`codAmount`) would be dropped: refused, with the nearest name.
  issues.push(...unknownRequestFieldIssues(request, contacts ? 'shipment' : 'quote', VNPOST));
  if (contacts) issues.push(...contactIssues(request, VNPOST));
  const shape = schema.safeParse(request);
  if (!shape.success) issues.push(...toValidationIssues(shape.error, request, { platform: VNPOST }));
  let parcel: Parcel | undefined;
  let cod = 0;
  const checks = [
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
  ];
  issues.push(...issuesOf(checks), ...limitIssues(request, VNPOST));
  if (issues.length > 0 || parcel === undefined) {
    throw requestValidationError(CARRIER, issues, operation);
  }
  return { parcel, cod };
}

/** A QuoteRequest: both addresses, the parcel and COD checked at once (ServicesCharge). */
export function validQuoteRequest(input: unknown): QuoteRequest {
  const { parcel, cod } = checkAll('servicesCharge', input, RouteSchema);
  return { ...(input as QuoteRequest), parcel: parcel!, codAmountVnd: cod };
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
  const { parcel, cod } = checkAll(operation, input, PartiesSchema, extraServices, true);
  const request = input as ShipmentRequest;
  return {
    ...request,
    serviceCode: normaliseServiceCode(request.serviceCode),
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
