import { ConfigurationError, ContractViolationError } from '../../core/errors.js';
import type { ApiRequest, CallOptions, PlatformClient } from '../../core/types.js';
import type { BilingualText } from '../../model/messages.js';
import { unwrapData } from './error-mapping.js';
import { typedId } from './listing-codec.js';
import { getPath, isRecord } from './object-path.js';
import {
  type EndpointSpec,
  endpointSection,
  type MarketplaceProfile,
  type PagingSpec,
} from './profile-schema.js';
import { fillPath, fillRecord, type TemplateVars } from './templates.js';

export interface OperationVars {
  listingId?: string;
  sku?: string;
  orderId?: string;
  categoryId?: string;
  parentId?: string;
}

export type OperationExtras = Partial<
  Pick<
    ApiRequest,
    'body' | 'rawBody' | 'contentType' | 'idempotent' | 'recover' | 'recoverLookAgainMs' | 'trafficClass'
  >
> & { query?: Readonly<Record<string, string | number | boolean | undefined>> };

type QueryValue = string | number | boolean | undefined;

function queryValue(value: unknown): QueryValue {
  if (value === undefined || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value;
  // Arrays and objects in a query travel as JSON text (e.g. Shopee's `item_id_list` takes a comma list:
  // write it as a string template instead).
  return JSON.stringify(value);
}

/** Turns a profile endpoint into a pipeline request and the envelope's payload back. */
export class ProfileRequester {
  readonly #profile: MarketplaceProfile;
  readonly #client: PlatformClient;

  constructor(profile: MarketplaceProfile, client: PlatformClient) {
    this.#profile = profile;
    this.#client = client;
  }

  /** Template variables with the profile's id types (numeric ids stay numbers in bodies). */
  vars(vars: Readonly<Record<string, string | number | undefined>>): TemplateVars {
    const ids = this.#profile.ids;
    const idType: Record<string, 'number' | 'string'> = {
      listingId: ids.listing,
      orderId: ids.order,
      categoryId: ids.category,
      parentId: ids.category,
    };
    const out: TemplateVars = {};
    for (const [name, value] of Object.entries(vars)) {
      const type = idType[name];
      out[name] = typeof value === 'string' && type ? typedId(value, type) : value;
    }
    return out;
  }

  /** The endpoint named `name` (an operation or an extra endpoint); ConfigurationError when absent. */
  endpoint(name: string): EndpointSpec {
    const profile = this.#profile;
    const spec =
      (profile.endpoints as Record<string, EndpointSpec | undefined>)[name] ?? profile.extraEndpoints[name];
    if (!spec) {
      const section = endpointSection(name);
      throw new ConfigurationError(
        `${profile.platform}: the profile has no endpoint ${section}.${name} / profile ${profile.platform} không có endpoint ${section}.${name}`,
        [`${section}.${name}: missing`],
      );
    }
    return spec;
  }

  /** One endpoint → one pipeline request; returns the unwrapped payload. */
  async call(
    name: string,
    vars: Readonly<Record<string, string | number | undefined>>,
    extra: OperationExtras = {},
    options?: CallOptions,
  ): Promise<unknown> {
    const endpoint = this.endpoint(name);
    const filled = this.vars(vars);
    const at = `${endpointSection(name)}.${name}`;
    let body = extra.body;
    if (endpoint.body && !Array.isArray(body)) {
      body = { ...fillRecord(endpoint.body, filled, `${at}.body`), ...(isRecord(body) ? body : {}) };
    }
    const query: Record<string, QueryValue> = {};
    for (const [key, value] of Object.entries(fillRecord(endpoint.query, filled, `${at}.query`))) {
      query[key] = queryValue(value);
    }
    Object.assign(query, extra.query);
    const level = endpoint.auth ?? 'user';
    const response = await this.#client.request(
      {
        operation: name,
        method: endpoint.method,
        path: fillPath(endpoint.path, filled, `${at}.path`),
        ...(Object.keys(query).length > 0 ? { query } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(extra.rawBody ? { rawBody: extra.rawBody } : {}),
        ...(extra.contentType ? { contentType: extra.contentType } : {}),
        ...(extra.idempotent !== undefined ? { idempotent: extra.idempotent } : {}),
        ...(extra.recover ? { recover: extra.recover } : {}),
        ...(extra.recoverLookAgainMs ? { recoverLookAgainMs: extra.recoverLookAgainMs } : {}),
        ...(extra.trafficClass ? { trafficClass: extra.trafficClass } : {}),
        ...(level === 'none' ? { authenticated: false } : { authLevel: level }),
      },
      options,
    );
    // A recovered write already holds the looked-up (unwrapped) object.
    if (response.recovered) return response.data;
    return unwrapData(this.#profile, response.data, endpoint.dataPath);
  }

  /**
   * The total count a page states at the profile's `totalPath`. Read strictly: a mistyped path must not
   * be ignored silently (it would change when the paging ends), so an absent or non-numeric total is a
   * ContractViolationError naming the path.
   */
  #total(data: unknown, totalPath: string, name: string): number {
    const raw = getPath(data, totalPath);
    const total = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) {
      const platform = this.#profile.platform;
      throw new ContractViolationError(
        {
          vi: `${platform} ${name}: câu trả lời không có tổng số ở "${totalPath}" (nhận được ${raw === undefined ? 'không có gì' : JSON.stringify(raw)}); hãy kiểm tra totalPath phân trang trong profile — trang này không đọc được nên không đọc gì sau nó`,
          en: `${platform} ${name}: the answer has no total count at "${totalPath}" (got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}); check the profile's paging totalPath — the page was not understood, so nothing after it is read`,
        },
        { platform, operation: name },
      );
    }
    return total;
  }

  /** Offset / page / cursor paging of a list operation, item by item. */
  async *items(name: string, paging: PagingSpec, options?: CallOptions): AsyncGenerator<unknown> {
    let position: string | undefined;
    for (;;) {
      const page = await this.page(name, paging, position, {}, options);
      yield* page.items;
      if (page.next === undefined) return;
      position = page.next;
    }
  }

  /**
   * One page of a paged list. `position` is opaque to callers: the cursor, offset or page number of
   * this page (undefined = the first page). A page without its items array is a ContractViolationError:
   * "no items" would silently end the listing (and move an order checkpoint past unread orders).
   */
  async page(
    name: string,
    paging: PagingSpec,
    position: string | undefined,
    filters: Readonly<Record<string, string | number>>,
    options?: CallOptions,
  ): Promise<{ items: unknown[]; next: string | undefined }> {
    const query: Record<string, string | number> = {};
    let offset = 0;
    let page = paging.style === 'page' ? paging.firstPage : 0;
    if (paging.style === 'offset') {
      offset = position === undefined ? 0 : Number(position);
      Object.assign(query, filters, { [paging.offsetParam]: offset, [paging.limitParam]: paging.pageSize });
    } else if (paging.style === 'page') {
      page = position === undefined ? paging.firstPage : Number(position);
      Object.assign(query, filters, { [paging.pageParam]: page, [paging.sizeParam]: paging.pageSize });
    } else {
      query[paging.sizeParam] = paging.pageSize;
      if (position === undefined || paging.repeatFilters) Object.assign(query, filters);
      if (position !== undefined) query[paging.cursorParam] = position;
    }
    const data = await this.call(name, {}, { query }, options);
    const items = getPath(data, paging.itemsPath);
    if (!Array.isArray(items)) {
      throw new ContractViolationError(
        {
          vi: `${this.#profile.platform} ${name}: câu trả lời không có mảng phần tử ở "${paging.itemsPath}"`,
          en: `${this.#profile.platform} ${name}: the answer has no items array at "${paging.itemsPath}"`,
        },
        { platform: this.#profile.platform, operation: name },
      );
    }
    if (paging.style === 'cursor')
      return { items, next: nextCursor(data, paging, this.#profile.platform, name, items.length) };
    const total = paging.totalPath ? this.#total(data, paging.totalPath, name) : undefined;
    const reached = offset + items.length;
    const done =
      items.length < paging.pageSize ||
      (total !== undefined &&
        (paging.style === 'offset' ? reached : (page - paging.firstPage + 1) * paging.pageSize) >= total);
    if (done) return { items, next: undefined };
    return { items, next: String(paging.style === 'offset' ? reached : page + 1) };
  }
}

/**
 * The next cursor of a cursor page, or undefined on the last page. Read strictly, because a mistyped
 * path would otherwise end the paging after the first page and move an order checkpoint past orders
 * never read: a more-flag that is not true/false, "more" without a cursor, or (without a more-flag) a
 * full page whose cursor field is absent is a ContractViolationError naming the path. `null` or `''`
 * at the cursor path is the platform saying "last page".
 */
export function nextCursor(
  data: unknown,
  paging: Extract<PagingSpec, { style: 'cursor' }>,
  platform = 'marketplace',
  operation = 'listOrders',
  itemCount = 0,
): string | undefined {
  const violation = (what: BilingualText) =>
    new ContractViolationError(
      {
        vi: `${platform} ${operation}: ${what.vi}; hãy kiểm tra các đường dẫn phân trang trong profile — trang này không đọc được nên không đọc gì sau nó`,
        en: `${platform} ${operation}: ${what.en}; check the profile's paging paths — the page was not understood, so nothing after it is read`,
      },
      { platform, operation },
    );
  const raw = getPath(data, paging.nextCursorPath);
  const next = typeof raw === 'number' ? String(raw) : raw;
  if (next !== undefined && next !== null && typeof next !== 'string')
    throw violation({
      vi: `con trỏ tiếp theo ở "${paging.nextCursorPath}" không phải chuỗi`,
      en: `the next cursor at "${paging.nextCursorPath}" is not text`,
    });
  if (paging.hasMorePath) {
    const more = getPath(data, paging.hasMorePath);
    if (typeof more !== 'boolean')
      throw violation({
        vi: `không có true/false ở "${paging.hasMorePath}" (nhận được ${more === undefined ? 'không có gì' : JSON.stringify(more)})`,
        en: `no true/false at "${paging.hasMorePath}" (got ${more === undefined ? 'nothing' : JSON.stringify(more)})`,
      });
    if (!more) return undefined;
    if (typeof next !== 'string' || next === '')
      throw violation({
        vi: `"${paging.hasMorePath}" báo còn trang sau nhưng "${paging.nextCursorPath}" không có con trỏ`,
        en: `"${paging.hasMorePath}" says more pages follow but "${paging.nextCursorPath}" holds no cursor`,
      });
    return next;
  }
  if (next === undefined && itemCount >= paging.pageSize)
    throw violation({
      vi: `một trang đầy mà không có "${paging.nextCursorPath}" (trang cuối ghi null hoặc '')`,
      en: `a full page without "${paging.nextCursorPath}" (a last page says null or '')`,
    });
  return typeof next === 'string' && next !== '' ? next : undefined;
}
