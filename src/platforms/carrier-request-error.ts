import { ValidationError } from '../core/errors.js';
import type { ValidationIssue } from '../model/validation.js';

/**
 * A carrier request's problems as one ValidationError whose text names each field in both languages
 * ("parcel.weightGrams: … ; …"), Vietnamese in messageVi and English in messageEn: nothing was sent.
 */
export function requestValidationError(
  carrier: { platform: string; label: string },
  issues: readonly ValidationIssue[],
  operation?: string,
): ValidationError {
  const listed = (lang: 'messageVi' | 'messageEn') =>
    issues.map((issue) => `${issue.path || 'request'}: ${issue[lang]}`).join('; ');
  return new ValidationError(
    {
      vi: `Yêu cầu ${carrier.label} không hợp lệ: ${listed('messageVi')}`,
      en: `Invalid ${carrier.label} request: ${listed('messageEn')}`,
    },
    issues,
    { platform: carrier.platform, ...(operation ? { operation } : {}) },
  );
}
