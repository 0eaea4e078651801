import { ValidationError } from '../../core/errors.js';
import { VndAmountSchema } from '../../model/common.js';
import { type Parcel, ParcelSchema } from '../../model/shipment.js';
import { toValidationIssues } from '../../model/validation.js';
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
