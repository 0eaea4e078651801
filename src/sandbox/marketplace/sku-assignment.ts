import { asRecord } from './dialect.js';
import { type FieldIssue, issue, validationError } from './errors.js';
import { isValidSku } from './listing-rules.js';

export interface SkuAssignmentNames {
  sku: string;
  variants: string;
  variantId: string;
  variantSku: string;
}

/**
 * Reads the body of the "set seller SKUs" call (docs/contracts §6): a product SKU and, per variant id,
 * a variant SKU. Every SKU must follow the SKU pattern; the engine checks ownership and uniqueness.
 */
export function parseSkuAssignment(
  body: Record<string, unknown>,
  names: SkuAssignmentNames,
): { sellerSku: string; variants: Array<{ id: number; sku: string }> } {
  const issues: FieldIssue[] = [];
  const sellerSku = body[names.sku];
  if (!isValidSku(sellerSku)) {
    issues.push(
      issue([names.sku], sellerSku === undefined ? 'REQUIRED' : 'TYPE', 'SKU 1–50 ký tự A–Z a–z 0–9 - _ .'),
    );
  }
  const rawVariants = body[names.variants] ?? [];
  const variants: Array<{ id: number; sku: string }> = [];
  if (!Array.isArray(rawVariants)) {
    issues.push(issue([names.variants], 'TYPE', 'Danh sách biến thể phải là mảng'));
  } else {
    rawVariants.forEach((raw, index) => {
      const entry = asRecord(raw);
      const id = entry[names.variantId];
      const sku = entry[names.variantSku];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) {
        issues.push(
          issue([names.variants, index, names.variantId], 'TYPE', 'Mã biến thể phải là số nguyên dương'),
        );
      } else if (!isValidSku(sku)) {
        issues.push(
          issue(
            [names.variants, index, names.variantSku],
            sku === undefined ? 'REQUIRED' : 'TYPE',
            'SKU 1–50 ký tự A–Z a–z 0–9 - _ .',
          ),
        );
      } else {
        variants.push({ id, sku });
      }
    });
  }
  if (issues.length > 0) throw validationError(issues);
  return { sellerSku: sellerSku as string, variants };
}
