import { ConfigurationError } from '../../core/errors.js';
import { pathProblem, zodProblems } from '../../model/option-problem.js';
import { isRecord } from './object-path.js';
import {
  MARKETPLACE_OPERATIONS,
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

/**
 * A patch over a built-in profile: change a path, a field name, a limit, without copying the rest;
 * `null` deletes an inherited key, `replaceWith(record)` replaces a record whole.
 */
export type MarketplaceProfileOverride = DeepPartialOrNull<MarketplaceProfileInput>;

/** Every object level optional, and `null` deletes an inherited key. */
export type DeepPartialOrNull<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartialOrNull<T[K]> | null }
    : T;

const REPLACE = Symbol.for('ocop-connect.profile.replace');

/**
 * Marks a record that replaces the base's record whole instead of merging into it (a login body, an
 * error-code table, attribute sources): `profile: { errors: { codes: replaceWith({...}) } }`.
 * Literal types are kept (`replaceWith({ type: 'hmac' })` is `{ type: 'hmac' }`, not `{ type: string }`),
 * so an override written inline type-checks under strict tsc without `as const`.
 */
export function replaceWith<const T extends object>(value: T): T {
  return Object.defineProperty({ ...value }, REPLACE, { value: true, enumerable: false }) as T;
}

function isReplacement(value: Record<string, unknown>): boolean {
  return (value as Record<symbol, unknown>)[REPLACE] === true;
}

function stripReplaceMarks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripReplaceMarks);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = stripReplaceMarks(entry);
  return out;
}

/**
 * Deep-merges `override` into `base`. Plain objects merge key by key; arrays and scalars replace; a key
 * set to `null` is deleted (so an override can remove an optional field the base profile sets); a record
 * wrapped in `replaceWith` replaces whole. A discriminated block whose discriminator changes (e.g.
 * `auth.type` login-token → hmac) replaces the whole block, so stale keys of the old variant do not leak
 * into the new one.
 */
export function mergeProfile(base: unknown, override: unknown, at = ''): unknown {
  if (override === undefined) return base;
  if (!isRecord(base) || !isRecord(override) || isReplacement(override)) return stripReplaceMarks(override);
  const tag = DISCRIMINATORS[at];
  if (tag && tag in override && override[tag] !== base[tag]) return stripReplaceMarks(override);
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete merged[key];
    else merged[key] = mergeProfile(base[key], value, at ? `${at}.${key}` : key);
  }
  return merged;
}

/** The discriminated blocks of a profile and their tag. */
const DISCRIMINATORS: Readonly<Record<string, string>> = {
  auth: 'type',
  'pagination.listings': 'style',
  'pagination.orders': 'style',
  'pagination.categories': 'mode',
  idempotency: 'mode',
  upload: 'encoding',
  'fields.attributes': 'style',
};

/** The profiles parseProfile returned (already resolved: checking them again would find nothing new). */
const resolvedProfiles = new WeakSet<object>();

/**
 * Validates a profile once, at construction. Unknown keys are rejected and every problem is reported in
 * one ConfigurationError (not just the first), with its dotted path. `name` is the argument the profile
 * came in as (`profile`): the error names it first.
 */
export function parseProfile(input: unknown, name?: string): MarketplaceProfile {
  const named = (text: { vi: string; en: string }) => (name ? namedHead(name, text) : text);
  const parsed = MarketplaceProfileSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigurationError(
      named({ vi: 'Hồ sơ sàn không hợp lệ', en: 'Invalid marketplace profile' }),
      zodProblems(parsed.error, input, name ?? 'profile', MarketplaceProfileSchema),
    );
  }
  const profile = parsed.data;
  const problems = crossCheck(profile);
  if (problems.length > 0) {
    throw new ConfigurationError(
      named({
        vi: `Hồ sơ sàn "${profile.platform}" không hợp lệ`,
        en: `Invalid marketplace profile "${profile.platform}"`,
      }),
      problems,
    );
  }
  resolvedProfiles.add(profile);
  return profile;
}

/** `name: text` with the text's first letter lower-cased ("profile: hồ sơ sàn không hợp lệ"). */
function namedHead(name: string, text: { vi: string; en: string }): { vi: string; en: string } {
  const lower = (t: string) => `${t.charAt(0).toLowerCase()}${t.slice(1)}`;
  return { vi: `${name}: ${lower(text.vi)}`, en: `${name}: ${lower(text.en)}` };
}

/** Each checked profile input → its resolved profile (a function called per product checks once). */
const checkedProfiles = new WeakMap<object, MarketplaceProfile>();

/**
 * A profile argument of a public function — a profile input (`VOSO_PROFILE`, your own) or a resolved one
 * (`adapter.profile`) — resolved and checked once per object: anything else is the ConfigurationError of
 * parseProfile, headed by `name` and listing every field path at fault.
 */
export function profileArgument(value: unknown, name = 'profile'): MarketplaceProfile {
  if (isRecord(value)) {
    if (resolvedProfiles.has(value)) return value as MarketplaceProfile;
    const checked = checkedProfiles.get(value);
    if (checked) return checked;
  }
  if (typeof value === 'string') {
    // 'voso' for VOSO_PROFILE: the profile is the object, not the platform's name.
    throw new ConfigurationError(
      namedHead(name, { vi: 'Hồ sơ sàn không hợp lệ', en: 'Invalid marketplace profile' }),
      [
        pathProblem(
          name,
          'phải là một hồ sơ sàn (đối tượng như VOSO_PROFILE hoặc adapter.profile), không phải tên sàn',
          'must be a marketplace profile (an object such as VOSO_PROFILE or adapter.profile), not a platform name',
        ),
      ],
    );
  }
  const profile = parseProfile(value, name);
  if (isRecord(value)) checkedProfiles.set(value, profile);
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
    problems.push(
      pathProblem(
        'rules.skuPattern',
        'không phải biểu thức chính quy hợp lệ',
        'not a valid regular expression',
      ),
    );
  }
  if (profile.rules.titleMinChars > profile.rules.titleMaxChars) {
    problems.push(pathProblem('rules.titleMinChars', 'lớn hơn titleMaxChars', 'greater than titleMaxChars'));
  }
  if (profile.rules.minPriceVnd > profile.rules.maxPriceVnd) {
    problems.push(pathProblem('rules.minPriceVnd', 'lớn hơn maxPriceVnd', 'greater than maxPriceVnd'));
  }
  const tracking = profile.rules.trackingNumber;
  if (tracking && tracking.minLength > tracking.maxLength) {
    problems.push(
      pathProblem('rules.trackingNumber.minLength', 'lớn hơn maxLength', 'greater than maxLength'),
    );
  }
  const categories = profile.endpoints.categories;
  if (
    categories &&
    profile.pagination.categories.mode === 'level' &&
    !categories.path.includes('{parentId}') &&
    !JSON.stringify(categories.query ?? {}).includes('{parentId}')
  ) {
    problems.push(
      pathProblem(
        'endpoints.categories',
        'danh mục đọc theo từng cấp cần {parentId} trong path hoặc query',
        'level-by-level categories need {parentId} in path or query',
      ),
    );
  }
  if ((profile.envelope.successPath === undefined) !== (profile.envelope.successValue === undefined)) {
    problems.push(
      pathProblem(
        'envelope',
        'successPath và successValue phải đi cùng nhau (bỏ cả hai để xét thành công theo mã HTTP)',
        'successPath and successValue go together (omit both for success by HTTP status)',
      ),
    );
  }
  const category = profile.fields.category;
  if ((category.leaf === undefined) === (category.hasChildren === undefined)) {
    problems.push(
      pathProblem(
        'fields.category',
        'cần đúng một trong leaf và hasChildren',
        'give exactly one of leaf and hasChildren',
      ),
    );
  }
  for (const name of Object.keys(profile.extraEndpoints)) {
    if ((MARKETPLACE_OPERATIONS as readonly string[]).includes(name)) {
      problems.push(
        pathProblem(
          `extraEndpoints.${name}`,
          'là tên một thao tác; hãy đặt nó trong endpoints',
          'is an operation name; put it under endpoints',
        ),
      );
    }
  }
  if (!profile.webhook.timestampHeader && !profile.webhook.timestampPath) {
    problems.push(
      pathProblem(
        'webhook',
        'cần timestampHeader hoặc timestampPath (chống gửi lại)',
        'timestampHeader or timestampPath is required (replay window)',
      ),
    );
  }
  const reviewTargets = new Set(Object.values(profile.statuses.review));
  if (profile.capabilities.listingReview && !reviewTargets.has('PENDING')) {
    problems.push(
      pathProblem(
        'statuses.review',
        'sàn có duyệt tin đăng cần một trạng thái gốc ánh xạ sang PENDING',
        'a platform with listing review needs a raw status mapped to PENDING',
      ),
    );
  }
  return problems;
}
