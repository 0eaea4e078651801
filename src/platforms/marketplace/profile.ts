import { ConfigurationError } from '../../core/errors.js';
import { isRecord } from './object-path.js';
import {
  type MarketplaceProfile,
  type MarketplaceProfileInput,
  MarketplaceProfileSchema,
} from './profile-schema.js';

/** Every object level optional; arrays and scalars are replaced whole, never merged element-wise. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** A patch over a built-in profile: change a path, a field name, a limit, without copying the rest. */
export type MarketplaceProfileOverride = DeepPartial<MarketplaceProfileInput>;

/**
 * Deep-merges `override` into `base`. Plain objects merge key by key; arrays, scalars and `null`
 * replace. A discriminated block whose discriminator changes (e.g. `auth.type` login-token → hmac)
 * replaces the whole block, so stale keys of the old variant do not leak into the new one.
 */
export function mergeProfile(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isRecord(base) || !isRecord(override)) return override;
  for (const tag of ['type', 'style', 'mode', 'encoding']) {
    if (tag in override && tag in base && override[tag] !== base[tag]) return override;
  }
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeProfile(base[key], value);
  return merged;
}

/**
 * Validates a profile once, at construction. Unknown keys are rejected and every problem is reported in
 * one ConfigurationError (not just the first), with its dotted path.
 */
export function parseProfile(input: unknown): MarketplaceProfile {
  const parsed = MarketplaceProfileSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.map(String).join('.') || '(profile)';
      return `${where}: ${issue.message}`;
    });
    throw new ConfigurationError('Invalid marketplace profile', problems);
  }
  const profile = parsed.data;
  const problems = crossCheck(profile);
  if (problems.length > 0) {
    throw new ConfigurationError(`Invalid marketplace profile "${profile.platform}"`, problems);
  }
  return profile;
}

/** A profile built from a base and an optional override, validated. */
export function resolveProfile(
  base: MarketplaceProfileInput,
  override?: MarketplaceProfileOverride,
): MarketplaceProfile {
  return parseProfile(override ? mergeProfile(base, override) : base);
}

/** Rules zod cannot express field by field. */
function crossCheck(profile: MarketplaceProfile): string[] {
  const problems: string[] = [];
  try {
    new RegExp(profile.rules.skuPattern, 'u');
  } catch {
    problems.push('rules.skuPattern: not a valid regular expression');
  }
  if (profile.rules.titleMinChars > profile.rules.titleMaxChars) {
    problems.push('rules.titleMinChars: greater than titleMaxChars');
  }
  if (profile.rules.minPriceVnd > profile.rules.maxPriceVnd) {
    problems.push('rules.minPriceVnd: greater than maxPriceVnd');
  }
  if (profile.pagination.orders.style !== 'cursor') {
    problems.push('pagination.orders: order paging must be cursor style (checkpoints resume from a cursor)');
  }
  if (
    profile.pagination.categories.mode === 'level' &&
    !profile.endpoints.categories.path.includes('{parentId}')
  ) {
    const inQuery = Object.values(profile.endpoints.categories.query ?? {}).some((v) =>
      v.includes('{parentId}'),
    );
    if (!inQuery)
      problems.push('endpoints.categories: level-by-level categories need {parentId} in path or query');
  }
  if (!profile.webhook.timestampHeader && !profile.webhook.timestampPath) {
    problems.push('webhook: timestampHeader or timestampPath is required (replay window)');
  }
  const reviewTargets = new Set(Object.values(profile.statuses.review));
  if (profile.capabilities.listingReview && !reviewTargets.has('PENDING')) {
    problems.push('statuses.review: a platform with listing review needs a raw status mapped to PENDING');
  }
  return problems;
}
