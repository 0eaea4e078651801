/**
 * One problem found in OUR input before anything is sent (a catalog row, a shipment request).
 * Defined here because `src/model/validation.ts` did not exist when core was written; the lead may
 * move it to the model and re-export it from here (see /work/team/requests.md).
 */
export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `variants.0.priceVnd`. */
  path: string;
  /** The rejected value, when it is safe to show. */
  value?: unknown;
  /** Message for the cooperative's staff, Vietnamese with diacritics (NFC). */
  messageVi: string;
  messageEn: string;
  /** 1-based row of a spreadsheet/CSV, when the input came from one. */
  row?: number;
  /** Set when the rule comes from one platform's listing rules. */
  platform?: string;
  /** Machine-readable rule id, e.g. `title.maxBytes`. */
  rule?: string;
}
