import { describeValue } from '../../model/argument-check.js';
import { VndAmountSchema } from '../../model/common.js';
import { type Parcel, ParcelSchema } from '../../model/shipment.js';
import { toValidationIssues, type ValidationIssue } from '../../model/validation.js';
import { utf8ByteLength } from '../../vn/utf8.js';
import { issuesOf } from '../carrier-contacts.js';
import { requestValidationError } from '../carrier-request-error.js';
import { VIETTELPOST } from './errors.js';
import { MAX_FIELD_BYTES } from './order-payload.js';

/** C0/C1 control characters (NUL, newline, tab, DEL …): never part of a partner reference. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

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
): { parcel: Parcel; codAmountVnd: number } {
  let parcel: Parcel | undefined;
  let codAmountVnd = 0;
  const all = [
    ...issues,
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
 * Our reference is sent as ORDER_NUMBER and comes back in every webhook: it must survive the trip
 * unchanged, so it may not be clipped (≤ 150 bytes), blank, padded, or hold control characters.
 */
export function assertReference(reference: unknown): asserts reference is string {
  const text = typeof reference === 'string' ? reference : '';
  const got = describeValue(reference);
  const problem =
    typeof reference !== 'string'
      ? { vi: `phải là một chuỗi (nhận được ${got})`, en: `must be a string (got ${got})` }
      : text.trim() === ''
        ? { vi: 'Mã tham chiếu vận đơn không được để trống', en: 'The shipment reference must not be empty' }
        : CONTROL_CHARACTERS.test(text)
          ? {
              vi: 'Mã tham chiếu vận đơn chứa ký tự điều khiển (NUL, xuống dòng, tab …)',
              en: 'The shipment reference contains control characters (NUL, newline, tab …)',
            }
          : text.trim() !== text
            ? {
                vi: 'Mã tham chiếu vận đơn có khoảng trắng ở đầu hoặc cuối',
                en: 'The shipment reference has leading or trailing spaces',
              }
            : utf8ByteLength(text) > MAX_FIELD_BYTES
              ? {
                  vi: `Mã tham chiếu vận đơn dài quá ${MAX_FIELD_BYTES} byte (ViettelPost sẽ cắt bớt)`,
                  en: `The shipment reference is longer than ${MAX_FIELD_BYTES} bytes (ViettelPost would clip it)`,
                }
              : undefined;
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
