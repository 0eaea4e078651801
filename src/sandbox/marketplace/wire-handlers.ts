/**
 * Route logic the marketplace dialects share: the rules are the engine's, only the field names differ.
 * A dialect passes its field table (its wire name for each canonical field) and keeps what really
 * differs — paths, paging, envelopes and error codes — to itself.
 */
import type { CategoryNode } from './catalog.js';
import { encodeCursor, type OrderCursor } from './cursor.js';
import { asRecord, type RouteContext } from './dialect.js';
import { type FieldIssue, issue, SandboxError as SandboxFault, validationError } from './errors.js';
import {
  type ListingDraft,
  type ListingRules,
  type ValidListing,
  validateListingDraft,
} from './listing-rules.js';
import {
  intParam,
  isHttpUrl,
  positiveIntFromPath,
  requiredString,
  statusParam,
  TRACKING_NUMBER_PATTERN,
} from './params.js';
import type {
  SandboxCancelReason,
  SandboxListing,
  SandboxOrder,
  SandboxOrderStatus,
  SandboxReviewStatus,
} from './shop-data.js';

/** Canonical listing field (and tier / variant sub-field) → the platform's wire name. */
export interface ListingFieldNames extends Readonly<Record<string, string>> {
  readonly sellerSku: string;
  readonly title: string;
  readonly description: string;
  readonly categoryId: string;
  readonly attributes: string;
  readonly imageIds: string;
  readonly weightGrams: string;
  readonly lengthCm: string;
  readonly widthCm: string;
  readonly heightCm: string;
  readonly tiers: string;
  readonly name: string;
  readonly options: string;
  readonly variants: string;
  readonly sku: string;
  readonly tierIndex: string;
  readonly priceVnd: string;
  readonly stock: string;
}

const TOP_LEVEL_FIELDS = [
  'sellerSku',
  'title',
  'description',
  'categoryId',
  'attributes',
  'imageIds',
  'weightGrams',
  'lengthCm',
  'widthCm',
  'heightCm',
  'tiers',
  'variants',
] as const satisfies readonly (keyof ListingDraft)[];

export function emptyDraft(): ListingDraft {
  return Object.fromEntries(TOP_LEVEL_FIELDS.map((field) => [field, undefined])) as unknown as ListingDraft;
}

/**
 * The draft with every field the body carries replaced (a field the body leaves out keeps its value:
 * a create starts from `emptyDraft()`, a partial update from the stored listing). Tiers and variants
 * are renamed entry by entry; anything not an array is passed on for the rules to refuse.
 */
export function overlayDraft(
  draft: ListingDraft,
  body: Record<string, unknown>,
  names: ListingFieldNames,
  attributesFromWire: (value: unknown) => unknown = (value) => value,
): ListingDraft {
  const next = { ...draft };
  for (const field of TOP_LEVEL_FIELDS) {
    if (Object.hasOwn(body, names[field])) next[field] = fromWire(field, body[names[field]], names);
  }
  if (Object.hasOwn(body, names.attributes)) next.attributes = attributesFromWire(next.attributes);
  return next;
}

function fromWire(field: keyof ListingDraft, value: unknown, names: ListingFieldNames): unknown {
  if (!Array.isArray(value)) return value;
  if (field === 'tiers') {
    return value.map((tier) => ({
      name: asRecord(tier)[names.name],
      options: asRecord(tier)[names.options],
    }));
  }
  if (field === 'variants') {
    return value.map((variant) => {
      const item = asRecord(variant);
      return {
        sku: item[names.sku],
        tierIndex: item[names.tierIndex],
        priceVnd: item[names.priceVnd],
        stock: item[names.stock],
      };
    });
  }
  return value;
}

export function validateDraft(context: RouteContext, draft: ListingDraft, rules: ListingRules): ValidListing {
  const result = validateListingDraft(draft, {
    rules,
    categories: context.engine.categories,
    imageExists: (id) => context.engine.hasImage(id),
  });
  if (!result.ok) throw validationError(result.issues);
  return result.value;
}

/** How a dialect writes a bulk stock/price call and its per-item answer. */
export interface BulkWire {
  batchMax: number;
  items: string;
  sku: string;
  stock: string;
  price: string;
  success: string;
  errorCode: string;
  message: string;
  results: string;
  successCount: string;
  failureCount: string;
}

/** A bulk stock or price update: per-item results, never all-or-nothing (docs/contracts §7). */
export function bulkUpdate(context: RouteContext, kind: 'stock' | 'price', wire: BulkWire): unknown {
  const items = context.json()[wire.items];
  if (!Array.isArray(items) || items.length === 0) {
    throw validationError([
      issue([wire.items], items === undefined ? 'REQUIRED' : 'MIN_ITEMS', `Cần danh sách ${wire.items}`),
    ]);
  }
  if (items.length > wire.batchMax) {
    throw new SandboxFault('batch_too_large', `Tối đa ${wire.batchMax} SKU mỗi lần`);
  }
  const valueKey = wire[kind];
  const results = context.engine.bulkUpdate(
    kind,
    items.map((item) => ({ sku: asRecord(item)[wire.sku], value: asRecord(item)[valueKey] })),
  );
  const rendered = results.map((result) =>
    result.ok
      ? { [wire.sku]: result.sku, [wire.success]: true, [valueKey]: result.value }
      : {
          [wire.sku]: result.sku ?? null,
          [wire.success]: false,
          [wire.errorCode]: result.errorCode,
          [wire.message]: result.message,
        },
  );
  const successCount = results.filter((result) => result.ok).length;
  return {
    [wire.results]: rendered,
    [wire.successCount]: successCount,
    [wire.failureCount]: results.length - successCount,
  };
}

/** The wire names of a cancellation and the platform's reason codes (wire code → canonical reason). */
export interface CancelWire {
  code: string;
  reason: string;
  reasons: Readonly<Record<string, SandboxCancelReason>>;
}

/** A seller cancellation's reason: a known code, and a free text (required for "other", ≤ 255 chars). */
export function cancelInput(
  body: Record<string, unknown>,
  wire: CancelWire,
): { code: SandboxCancelReason; reason: string | null } {
  const issues: FieldIssue[] = [];
  const wireCode = body[wire.code];
  const code =
    typeof wireCode === 'string' && Object.hasOwn(wire.reasons, wireCode)
      ? wire.reasons[wireCode]
      : undefined;
  if (!code) {
    issues.push(
      issue(
        [wire.code],
        wireCode === undefined ? 'REQUIRED' : 'RANGE',
        `${wire.code} ∈ ${Object.keys(wire.reasons).join(', ')}`,
      ),
    );
  }
  const reason = body[wire.reason];
  if (reason !== undefined && reason !== null && (typeof reason !== 'string' || [...reason].length > 255)) {
    issues.push(issue([wire.reason], 'MAX_LENGTH', 'Lý do tối đa 255 ký tự'));
  } else if (code === 'OTHER' && (typeof reason !== 'string' || reason.trim() === '')) {
    const other = Object.keys(wire.reasons).find((key) => wire.reasons[key] === 'OTHER');
    issues.push(issue([wire.reason], 'REQUIRED', `Cần ghi lý do khi chọn ${other}`));
  }
  if (issues.length > 0 || !code) throw validationError(issues);
  return { code, reason: typeof reason === 'string' ? reason : null };
}

/** A shipment handed over by the seller: a known carrier and a tracking number. */
export function shipInput(
  body: Record<string, unknown>,
  wire: { carrier: string; tracking: string; carriers: readonly string[] },
): { carrier: string; tracking: string } {
  const issues: FieldIssue[] = [];
  const carrier = body[wire.carrier];
  if (typeof carrier !== 'string' || !wire.carriers.includes(carrier)) {
    issues.push(
      issue(
        [wire.carrier],
        carrier === undefined ? 'REQUIRED' : 'RANGE',
        `${wire.carrier} ∈ ${wire.carriers.join(', ')}`,
      ),
    );
  }
  const tracking = requiredString(body, wire.tracking, issues, {
    min: 6,
    max: 30,
    pattern: TRACKING_NUMBER_PATTERN,
  });
  if (issues.length > 0) throw validationError(issues);
  return { carrier: carrier as string, tracking: tracking as string };
}

/** The login fields (wire name → longest accepted value) that must all equal the sandbox credentials. */
export function checkLogin(
  context: RouteContext,
  fields: ReadonlyArray<
    [wireName: string, credential: 'username' | 'password' | 'customerCode', max: number]
  >,
  failMessage: string,
): void {
  const body = context.json();
  const issues: FieldIssue[] = [];
  const given = fields.map(([wireName, credential, max]) => ({
    credential,
    value: requiredString(body, wireName, issues, { max }),
  }));
  if (issues.length > 0) throw validationError(issues);
  if (given.some(({ credential, value }) => value !== context.credentials[credential])) {
    throw new SandboxFault('login_failed', failMessage);
  }
}

/** The login account a request names (to rate-limit logins by account), or undefined. */
export function loginAccountOf(field: string): (body: Buffer) => string | undefined {
  return (body) => {
    try {
      const value = asRecord(JSON.parse(body.toString('utf8')))[field];
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  };
}

/** Registers the webhook URL the body names under `field` (http(s) only); returns it. */
export function registerWebhookUrl(context: RouteContext, field: string): string {
  const url = context.json()[field];
  if (!isHttpUrl(url)) throw validationError([issue([field], 'FORMAT', `${field} phải là địa chỉ http(s)`)]);
  context.setWebhookUrl(url);
  return url;
}

/** A category's attribute specs with the platform's key names (min, max, options only when set). */
export function renderAttributeSpecs(
  category: CategoryNode,
  keys: {
    code: string;
    name: string;
    type: string;
    required: string;
    min: string;
    max: string;
    options: string;
  },
): unknown[] {
  return category.attributes.map((spec) => ({
    [keys.code]: spec.code,
    [keys.name]: spec.name,
    [keys.type]: spec.type,
    [keys.required]: spec.required,
    ...(spec.min !== undefined ? { [keys.min]: spec.min } : {}),
    ...(spec.max !== undefined ? { [keys.max]: spec.max } : {}),
    ...(spec.options !== undefined ? { [keys.options]: spec.options } : {}),
  }));
}

/** The category a request names by id (a path segment or query parameter); not_found otherwise. */
export function categoryById(context: RouteContext, rawId: string | undefined): CategoryNode {
  const id = positiveIntFromPath(rawId);
  const category = id === undefined ? undefined : context.engine.categories.get(id);
  if (!category) throw new SandboxFault('not_found', 'Không tìm thấy danh mục');
  return category;
}

/** The listing a request names by id (a path segment or query parameter); not_found otherwise. */
export function listingById(context: RouteContext, rawId: string | undefined): SandboxListing {
  const id = positiveIntFromPath(rawId);
  const listing = id === undefined ? undefined : context.engine.getListing(id);
  if (!listing) throw new SandboxFault('not_found', 'Không tìm thấy sản phẩm');
  return listing;
}

/** The listing that carries this seller SKU; not_found otherwise. */
export function listingBySku(context: RouteContext, sku: string | null | undefined): SandboxListing {
  const listing = context.engine.listingBySku(sku ?? '');
  if (!listing) throw new SandboxFault('not_found', 'Không tìm thấy SKU');
  return listing;
}

/** The order a request names; not_found otherwise. */
export function orderById(context: RouteContext, id: string | null | undefined): SandboxOrder {
  const order = context.engine.getOrder(id ?? '');
  if (!order) throw new SandboxFault('not_found', 'Không tìm thấy đơn hàng');
  return order;
}

/**
 * One page of the orders the filter selects, after the cursor's position when there is one; the next
 * page's cursor (null on the last page) carries the filter and the position of the page's last order.
 */
export function orderPage(
  context: RouteContext,
  filter: { fromMs: number; toMs: number; status: SandboxOrderStatus | null },
  cursor: OrderCursor | undefined,
  limit: number,
): { items: SandboxOrder[]; nextCursor: string | null } {
  const after = cursor ? { updatedAtMs: cursor.afterUpdatedAtMs, id: cursor.afterId } : null;
  const page = context.engine.listOrders({ ...filter, after, limit });
  const nextCursor = page.next
    ? encodeCursor({ ...filter, afterUpdatedAtMs: page.next.updatedAtMs, afterId: page.next.id })
    : null;
  return { items: page.items, nextCursor };
}

/** How a dialect pages its listing list (by offset, or by 1-based page number) and names the answer. */
export interface ListingPaging {
  query: { style: 'offset' | 'page'; start: string; size: string; maxSize: number; defaultSize: number };
  review: { param: string; statuses: Readonly<Record<SandboxReviewStatus, string>> };
  answer: { items: string; total: string; start: string; size: string };
}

/** One page of listings, filtered by review status; every query problem is reported together. */
export function listingPage(
  context: RouteContext,
  paging: ListingPaging,
  render: (listing: SandboxListing) => unknown,
): Record<string, unknown> {
  const issues: FieldIssue[] = [];
  const { style, maxSize, defaultSize } = paging.query;
  const start =
    style === 'offset'
      ? intParam(context.query, paging.query.start, { min: 0, max: 1_000_000, fallback: 0 }, issues)
      : intParam(context.query, paging.query.start, { min: 1, max: 100_000, fallback: 1 }, issues);
  const size = intParam(
    context.query,
    paging.query.size,
    { min: 1, max: maxSize, fallback: defaultSize },
    issues,
  );
  const { param, statuses } = paging.review;
  const review = statusParam(context.query, param, statuses, 'Trạng thái duyệt không hợp lệ', issues);
  if (issues.length > 0) throw validationError(issues);
  const offset = style === 'offset' ? (start as number) : ((start as number) - 1) * (size as number);
  const page = context.engine.listListings(review, offset, size as number);
  const keys = paging.answer;
  return {
    [keys.items]: page.items.map(render),
    [keys.total]: page.total,
    [keys.start]: start,
    [keys.size]: size,
  };
}
