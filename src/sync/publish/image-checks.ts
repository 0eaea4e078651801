import { type OcopConnectError, ValidationError } from '../../core/errors.js';
import { isImageError } from '../../images/errors.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import { asOcopError } from './errors.js';
import type { ImageStage } from './image-stage.js';
import { imageIssue, imageSpecIssue, skippedItem } from './planned-items.js';
import type { PublishItemResult } from './types.js';

/** One identity per image (hash of the bytes, or the URL); an unreadable file makes the row invalid. */
export async function imageIdentities(
  images: ImageStage,
  product: Product,
  row: number,
): Promise<string[] | { issues: ValidationIssue[]; error: ValidationError }> {
  const settled = await Promise.allSettled(product.images.map((source) => images.identity(source)));
  const issues: ValidationIssue[] = [];
  settled.forEach((s, i) => {
    if (s.status === 'rejected') issues.push({ ...imageIssue(product, i, s.reason), row });
  });
  if (issues.length > 0)
    return {
      issues,
      error: new ValidationError(
        { vi: `Dòng ${row}: không đọc được ảnh`, en: `Row ${row}: images cannot be read` },
        issues,
      ),
    };
  return settled.map((s) => (s as PromiseFulfilledResult<string>).value);
}

/**
 * A dry run's image check: every image read and checked against this platform's spec, as the real run
 * would prepare it. `invalid` for a reason of ours (too small, not an image), `failed` when an image
 * cannot be loaded (host down, timeout); each broken image gets an issue naming it.
 */
export async function imageCheck(
  images: ImageStage,
  signal: AbortSignal | undefined,
  adapter: MarketplaceAdapter,
  product: Product,
  row: number,
): Promise<PublishItemResult | undefined> {
  const spec = adapter.listingRules.image;
  const errors = await Promise.all(product.images.map((source) => images.check(source, spec, signal)));
  const issues: ValidationIssue[] = [];
  let failure: OcopConnectError | undefined;
  let invalid = false;
  errors.forEach((error, i) => {
    if (error === undefined) return;
    if (isImageError(error)) {
      issues.push(imageSpecIssue(error, product.sku, row, adapter.platform, i));
      if (error.kind === 'validation') invalid = true;
      else failure ??= error;
    } else {
      failure ??= asOcopError(error, adapter.platform, 'checkImage');
    }
  });
  if (issues.length === 0 && !failure) return undefined;
  if (invalid || !failure) {
    const error = new ValidationError(
      {
        vi: `${product.sku}: ảnh không đạt yêu cầu ảnh của ${adapter.platform}`,
        en: `${product.sku}: images do not meet ${adapter.platform}'s image spec`,
      },
      issues,
      { platform: adapter.platform },
    );
    return skippedItem(product.sku, adapter, row, { outcome: 'invalid', issues, error });
  }
  return skippedItem(product.sku, adapter, row, {
    outcome: 'failed',
    ...(issues.length > 0 ? { issues } : {}),
    error: failure,
  });
}
