import { ValidationError } from '../../core/errors.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { CategoryAttribute, CategoryMapping, ListingDraft } from '../types.js';
import { encodeListing } from './listing-codec.js';
import { listingIssue } from './listing-rule-messages.js';
import { checkListingRules } from './listing-rules.js';
import type { MarketplaceProfile } from './profile-schema.js';

function throwIfIssues(profile: MarketplaceProfile, product: Product, issues: ValidationIssue[]): void {
  if (issues.length === 0) return;
  const rules = issues.map((i) => i.rule).join(', ');
  throw new ValidationError(
    {
      vi: `${product.sku} vi phạm ${issues.length} quy tắc đăng tin của ${profile.displayName}: ${rules}`,
      en: `${product.sku} breaks ${issues.length} ${profile.displayName} listing rule(s): ${rules}`,
    },
    issues,
    { platform: profile.platform },
  );
}

/** Static rules plus the draft's image count: everything that can be known without a request. */
export function draftIssues(profile: MarketplaceProfile, draft: ListingDraft): ValidationIssue[] {
  const mapping: CategoryMapping = { categoryId: draft.categoryId, attributes: draft.attributes };
  const issues = checkListingRules(profile, draft.product, mapping);
  const images = profile.rules.image;
  const platform = profile.displayName;
  const n = draft.imageIds.length;
  const at = { path: 'images', sku: draft.product.sku, platform: profile.platform, value: n };
  if (n < images.minCount)
    issues.push(listingIssue('images.min_count', { n, min: images.minCount, platform }, at));
  if (n > images.maxCount)
    issues.push(listingIssue('images.max_count', { n, max: images.maxCount, platform }, at));
  return issues;
}

/** The draft against the category's own attributes (required ones present, enumerated values allowed). */
export function attributeIssues(
  profile: MarketplaceProfile,
  draft: ListingDraft,
  attributes: readonly CategoryAttribute[],
): ValidationIssue[] {
  const platform = profile.displayName;
  const issues: ValidationIssue[] = [];
  for (const attribute of attributes) {
    const value = draft.attributes[attribute.code];
    const at = { path: `attributes.${attribute.code}`, sku: draft.product.sku, platform: profile.platform };
    if (attribute.required && !value) {
      issues.push(listingIssue('attributes.required', { code: attribute.code, platform }, at));
    }
    if (value !== undefined && attribute.values && !attribute.values.includes(value)) {
      const allowed = attribute.values.join(', ');
      issues.push(
        listingIssue(
          'attributes.not_allowed',
          { code: attribute.code, value, allowed, platform },
          { ...at, value },
        ),
      );
    }
  }
  return issues;
}

/**
 * The body of a create/update, or a ValidationError. Static rules are checked first, so a product that
 * breaks them causes no request at all; the category's attributes come from a cached read (never a write).
 */
export async function prepareListing(
  profile: MarketplaceProfile,
  draft: ListingDraft,
  categoryAttributes: () => Promise<CategoryAttribute[]>,
): Promise<Record<string, unknown>> {
  throwIfIssues(profile, draft.product, draftIssues(profile, draft));
  const attributes = await categoryAttributes();
  throwIfIssues(profile, draft.product, attributeIssues(profile, draft, attributes));
  return encodeListing(profile, draft, attributes);
}
