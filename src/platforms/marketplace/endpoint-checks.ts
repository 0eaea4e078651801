import type { BilingualText } from '../../model/messages.js';
import { pathProblem } from '../../model/option-problem.js';
import { HOOK_OPERATIONS, type MarketplaceHooks } from './hooks.js';
import {
  type EndpointSpec,
  endpointSection,
  type JsonValue,
  type MarketplaceOperation,
  type MarketplaceProfile,
} from './profile-schema.js';
import { placeholdersOf } from './templates.js';

/**
 * Template variables the engine passes when it calls an operation's endpoint itself (no hook). The
 * category tree's first call has no parent (`{parentId}` only fits the level-by-level mode).
 */
function engineVars(
  profile: MarketplaceProfile,
): Readonly<Record<MarketplaceOperation | 'setListingSkus', readonly string[]>> {
  return {
    categories: profile.pagination.categories.mode === 'level' ? ['parentId'] : [],
    categoryAttributes: ['categoryId'],
    uploadImage: [],
    createListing: ['sku'],
    updateListing: ['listingId', 'sku'],
    getListingBySku: ['sku'],
    listListings: [],
    setListingSkus: ['listingId', 'sku'],
    bulkStock: [],
    updatePrice: [],
    listOrders: [],
    getOrder: ['orderId'],
    confirmOrder: ['orderId'],
    cancelOrder: ['orderId'],
    markShipped: ['orderId'],
  };
}

/**
 * Endpoint templates checked against the variables their callers pass, and endpoints the hooks call
 * checked to exist: a `{placeholder}` nothing fills, or an endpoint an override removed, would otherwise
 * fail only at the first call of that operation (in the middle of a publish or an order read).
 */
export function templateProblems(profile: MarketplaceProfile, hooks: MarketplaceHooks): string[] {
  const problems: string[] = [];
  const hookOf = HOOK_OPERATIONS as Partial<Record<MarketplaceOperation, keyof MarketplaceHooks>>;
  const endpoints = profile.endpoints as Partial<Record<string, EndpointSpec>>;
  const check = (name: string, spec: EndpointSpec, available: readonly string[], caller: BilingualText) => {
    const parts: Array<[string, Readonly<Record<string, JsonValue>> | string | undefined]> = [
      ['path', spec.path],
      ['query', spec.query],
      ['body', spec.body],
    ];
    for (const [part, template] of parts) {
      if (template === undefined) continue;
      const used = placeholdersOf(typeof template === 'string' ? { path: template } : template);
      const given = available.length ? available.map((v) => `{${v}}`).join(', ') : '';
      for (const variable of used.filter((v) => !available.includes(v))) {
        problems.push(
          pathProblem(
            `${endpointSection(name)}.${name}.${part}`,
            `dùng biến {${variable}} mà ${caller.vi} không cung cấp (${given ? `có: ${given}` : 'không có biến nào'})`,
            `uses {${variable}}, which ${caller.en} does not give (${given ? `available: ${given}` : 'no variables'})`,
          ),
        );
      }
    }
  };
  const vars = engineVars(profile);
  for (const [operation, available] of Object.entries(vars)) {
    const spec = endpoints[operation];
    const hook = hookOf[operation as MarketplaceOperation];
    if (!spec || (hook && hooks[hook])) continue;
    check(operation, spec, available, {
      vi: `thao tác ${operation} của bộ máy`,
      en: `the engine's ${operation}`,
    });
  }
  for (const [name, available] of Object.entries(hooks.calls ?? {})) {
    const spec = endpoints[name] ?? profile.extraEndpoints[name];
    if (!spec) {
      problems.push(
        pathProblem(
          `${endpointSection(name)}.${name}`,
          'bắt buộc vì hooks gọi nó (bản ghi đè không được xóa nó)',
          'missing, and the hooks call it (an override may not remove it)',
        ),
      );
      continue;
    }
    check(name, spec, available, { vi: 'hook', en: 'the hook' });
  }
  return problems;
}
