import { z } from 'zod';

/** Integer VND greater than zero. Vietnamese đồng has no minor unit, so fractions are always a mistake. */
export const PositiveVndSchema = z
  .number({ error: 'vnd.positive_integer' })
  .int({ error: 'vnd.positive_integer' })
  .positive({ error: 'vnd.positive_integer' });

/** Integer VND, zero allowed (fees, discounts, COD amounts). */
export const VndAmountSchema = z
  .number({ error: 'vnd.non_negative_integer' })
  .int({ error: 'vnd.non_negative_integer' })
  .min(0, { error: 'vnd.non_negative_integer' });

export const StockSchema = z
  .number({ error: 'stock.non_negative_integer' })
  .int({ error: 'stock.non_negative_integer' })
  .min(0, { error: 'stock.non_negative_integer' });

export const WeightGramsSchema = z
  .number({ error: 'weight.positive_integer' })
  .int({ error: 'weight.positive_integer' })
  .positive({ error: 'weight.positive_integer' });

const centimetres = z
  .number({ error: 'dimension.positive_integer' })
  .int({ error: 'dimension.positive_integer' })
  .positive({ error: 'dimension.positive_integer' });

export const DimensionsCmSchema = z.object({ length: centimetres, width: centimetres, height: centimetres });
export type DimensionsCm = z.infer<typeof DimensionsCmSchema>;

/** Seller SKUs travel to every platform and into file names, so keep them to a safe ASCII alphabet. */
export const SkuSchema = z.string({ error: 'sku.format' }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
  error: 'sku.format',
});

/** A calendar date written `YYYY-MM-DD` (certificates, expiry dates: no time of day, no zone). */
export const CalendarDateSchema = z.iso.date({
  // Written year-month-day but not on the calendar (2024-02-31): say the date does not exist.
  error: (issue) =>
    typeof issue.input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(issue.input)
      ? 'date.not_real'
      : 'date.format',
});

/** An instant in UTC, ISO-8601 with `Z`. Platform-local times are converted at the adapter edge. */
export const InstantSchema = z.iso.datetime({ offset: true });

export const NonEmptyTextSchema = z
  .string({ error: 'text.required' })
  .trim()
  .min(1, { error: 'text.required' });

/**
 * Platform names. Known platforms are listed for autocompletion; any other string is accepted so a user
 * can plug in an adapter of their own.
 */
export type PlatformName = 'voso' | 'postmart' | 'viettelpost' | (string & {});

/** Remote ids per platform, e.g. `{ voso: '8812', postmart: 'PM-55' }`. */
export const ExternalIdsSchema = z.record(z.string(), z.string());
export type ExternalIds = z.infer<typeof ExternalIdsSchema>;
