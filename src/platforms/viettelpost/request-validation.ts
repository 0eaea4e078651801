import { VndAmountSchema } from '../../model/common.js';
import { type Parcel, ParcelSchema } from '../../model/shipment.js';
import { toValidationIssues, type ValidationIssue } from '../../model/validation.js';
import { issuesOf } from '../carrier-contacts.js';
import { limitIssues, referenceProblem, unknownRequestFieldIssues } from '../carrier-request.js';
import { requestValidationError } from '../carrier-request-error.js';
import { VIETTELPOST } from './errors.js';

function fail(issues: ValidationIssue[]): never {
  throw requestValidationError({ platform: VIETTELPOST, label: 'ViettelPost' }, issues);
}

/**
 * The parcel as the model defines it (ParcelSchema): whole positive grams, whole centimetres, a whole
 * non-negative declared value. Checked before anything is sent — VTP would read 0.4 g as "0" or NaN as
 * `null` and quote or create a waybill for a parcel that does not exist.
 */
export function validParcel(parcel: unknown, path = 'parcel'): Parcel {
  const parsed = ParcelSchema.safeParse(parcel);
  if (parsed.success) return parsed.data;
  const issues = toValidationIssues(parsed.error, parcel, { platform: VIETTELPOST }).map((issue) => ({
    ...issue,
    path: issue.path ? `${path}.${issue.path}` : path,
  }));
  return fail(issues);
}

/** Cash on delivery for the goods: a whole number of VND, zero or more. */
export function validCod(value: unknown): number {
  if (value === undefined) return 0;
  const parsed = VndAmountSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  return fail(
    toValidationIssues(parsed.error, { codAmountVnd: value }, { platform: VIETTELPOST }).map((issue) => ({
      ...issue,
      path: 'codAmountVnd',
    })),
  );
}

/**
 * A quote's or a shipment's parcel and COD, checked together with `issues` found before (the route,
 * the contacts): every problem in one bilingual ValidationError naming the field, nothing sent.
 */
export function validParcelAndCod(
  request: { parcel?: unknown; codAmountVnd?: unknown },
  issues: readonly ValidationIssue[],
  kind: 'quote' | 'shipment',
): { parcel: Parcel; codAmountVnd: number } {
  let parcel: Parcel | undefined;
  let codAmountVnd = 0;
  const all = [
    // A field the request has no place for (`codAmount`) would be dropped: refused, with the nearest name.
    ...unknownRequestFieldIssues(request, kind, VIETTELPOST),
    ...issues,
    ...limitIssues(request, VIETTELPOST),
    ...issuesOf([
      () => {
        parcel = validParcel(request.parcel);
      },
      () => {
        codAmountVnd = validCod(request.codAmountVnd);
      },
    ]),
  ];
  if (all.length > 0 || parcel === undefined) return fail(all);
  return { parcel, codAmountVnd };
}

/**
 * Our reference is sent as ORDER_NUMBER and comes back in every webhook: the one reference rule of both
 * carriers (`referenceProblem`: 1–50 of A–Z a–z 0–9 _ -, so never clipped, padded or holding control
 * characters), so a reference ViettelPost takes VNPost takes too.
 */
export function assertReference(reference: unknown): asserts reference is string {
  const problem = referenceProblem(reference);
  if (!problem) return;
  fail([
    {
      path: 'reference',
      value: reference,
      code: 'viettelpost.reference_invalid',
      messageVi: problem.vi,
      messageEn: problem.en,
      platform: VIETTELPOST,
    },
  ]);
}
