import type { ApiRequest, CallOptions, PlatformClient } from '../../core/types.js';
import { unwrapData } from './error-mapping.js';
import { typedId } from './listing-codec.js';
import { getPath, isRecord } from './object-path.js';
import type { MarketplaceOperation, MarketplaceProfile, PagingSpec } from './profile-schema.js';
import { fillPath, fillRecord, type TemplateVars } from './templates.js';

export interface OperationVars {
  listingId?: string;
  sku?: string;
  orderId?: string;
  categoryId?: string;
  parentId?: string;
}

export type OperationExtras = Partial<
  Pick<ApiRequest, 'body' | 'rawBody' | 'contentType' | 'idempotent' | 'recover' | 'trafficClass'>
> & { query?: Record<string, string | number | undefined> };

/** Turns a profile operation into a pipeline request and the envelope's payload back. */
export class ProfileRequester {
  readonly #profile: MarketplaceProfile;
  readonly #client: PlatformClient;

  constructor(profile: MarketplaceProfile, client: PlatformClient) {
    this.#profile = profile;
    this.#client = client;
  }

  /** Template variables with the profile's id types (numeric ids stay numbers in bodies). */
  vars(vars: OperationVars): TemplateVars {
    const ids = this.#profile.ids;
    const typed = (value: string | undefined, type: 'number' | 'string') =>
      value !== undefined ? typedId(value, type) : undefined;
    return {
      listingId: typed(vars.listingId, ids.listing),
      sku: vars.sku,
      orderId: typed(vars.orderId, ids.order),
      categoryId: typed(vars.categoryId, ids.category),
      parentId: typed(vars.parentId, ids.category),
    };
  }

  /** One profile operation → one pipeline request; returns the unwrapped payload. */
  async call(
    operation: MarketplaceOperation,
    vars: OperationVars,
    extra: OperationExtras = {},
    options?: CallOptions,
  ): Promise<unknown> {
    const endpoint = this.#profile.endpoints[operation];
    const filled = this.vars(vars);
    let body = extra.body;
    if (endpoint.body) body = { ...(isRecord(body) ? body : {}), ...fillRecord(endpoint.body, filled) };
    const query = { ...fillRecord(endpoint.query, filled), ...extra.query };
    const response = await this.#client.request(
      {
        operation,
        method: endpoint.method,
        path: fillPath(endpoint.path, filled),
        ...(Object.keys(query).length > 0 ? { query } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(extra.rawBody ? { rawBody: extra.rawBody } : {}),
        ...(extra.contentType ? { contentType: extra.contentType } : {}),
        ...(extra.idempotent !== undefined ? { idempotent: extra.idempotent } : {}),
        ...(extra.recover ? { recover: extra.recover } : {}),
        ...(extra.trafficClass ? { trafficClass: extra.trafficClass } : {}),
      },
      options,
    );
    // A recovered write already holds the looked-up (unwrapped) object.
    return response.recovered ? response.data : unwrapData(this.#profile, response.data);
  }

  /** Offset / page / cursor paging of a list operation, item by item. */
  async *items(
    operation: MarketplaceOperation,
    paging: PagingSpec,
    options?: CallOptions,
  ): AsyncGenerator<unknown> {
    let offset = 0;
    let page = paging.style === 'page' ? paging.firstPage : 0;
    let cursor: string | undefined;
    for (;;) {
      const query: Record<string, string | number> = {};
      if (paging.style === 'offset') {
        Object.assign(query, { [paging.offsetParam]: offset, [paging.limitParam]: paging.pageSize });
      } else if (paging.style === 'page') {
        Object.assign(query, { [paging.pageParam]: page, [paging.sizeParam]: paging.pageSize });
      } else {
        query[paging.sizeParam] = paging.pageSize;
        if (cursor) query[paging.cursorParam] = cursor;
      }
      const data = await this.call(operation, {}, { query }, options);
      const items = getPath(data, paging.itemsPath);
      const list = Array.isArray(items) ? items : [];
      yield* list;
      if (paging.style === 'cursor') {
        const next = nextCursor(data, paging);
        if (next === undefined) return;
        cursor = next;
        continue;
      }
      const total = paging.totalPath ? getPath(data, paging.totalPath) : undefined;
      offset += list.length;
      page += 1;
      if (list.length < paging.pageSize || (typeof total === 'number' && offset >= total)) return;
    }
  }
}

/** The next cursor of a cursor page, or undefined on the last page. */
export function nextCursor(
  data: unknown,
  paging: Extract<PagingSpec, { style: 'cursor' }>,
): string | undefined {
  const next = getPath(data, paging.nextCursorPath);
  const hasMore = paging.hasMorePath ? getPath(data, paging.hasMorePath) !== false : true;
  return typeof next === 'string' && next !== '' && hasMore ? next : undefined;
}
