/**
 * The connector's methods' options, one table each — the same tables and the same check
 * (`checkOptions`) as createConnector's: an unknown name is refused with the nearest known one, a
 * wrong type is named with what it must be, every problem in one bilingual ConfigurationError, before
 * the method reads or sends anything. Where a method hands its options to an engine function, its table
 * is that function's, less what the connector gives itself (marketplaces, store, images, logger …).
 */
import { z } from 'zod';
import {
  A_BOOLEAN_OR_NOTHING,
  A_FUNCTION_OR_NOTHING,
  A_POSITIVE_INTEGER_OR_NOTHING,
  A_TEXT_OR_NOTHING,
  AN_ABORT_SIGNAL_OR_NOTHING,
  AN_OBJECT_OR_NOTHING,
  type Expected,
  OWN_RULES,
  orNothing,
  ROWS,
  TEXT_LIST,
  tableWithout,
} from '../core/argument-guards.js';
import { isCancelReason } from '../platforms/marketplace/cancel-reason.js';
import { SYNC_INVENTORY_OPTIONS } from '../sync/inventory/sync-inventory.js';
import { PULL_ORDERS_OPTIONS } from '../sync/orders/pull-orders.js';
import { PUBLISH_OPTIONS } from '../sync/publish/publish-options.js';
import type { WebhookHandlerOptions } from '../sync/webhooks/webhook-endpoint.js';
import { A_SENDER_OR_NOTHING, MARKETPLACE_ADAPTER } from './check-options.js';
import type {
  ConnectorFulfilOptions,
  ConnectorFulfilPendingOptions,
  ConnectorLinkListingsOptions,
  ConnectorMatchListingsOptions,
  ConnectorPublishOptions,
  ConnectorPullOrdersOptions,
  ConnectorSyncInventoryOptions,
} from './types.js';

type Table<Options> = Readonly<Record<keyof Options, Expected>>;

/** publish's own, less what the connector gives; `to` names platforms or adapters. */
export const PUBLISH_CALL: Table<ConnectorPublishOptions> = {
  ...tableWithout(PUBLISH_OPTIONS, 'to', 'store', 'images', 'categories', 'logger', 'otherTenantListings'),
  to: orNothing({
    schema: z.array(z.union([z.string().min(1), MARKETPLACE_ADAPTER.schema])),
    vi: 'một mảng các tên sàn hoặc MarketplaceAdapter',
    en: 'an array of platform names or MarketplaceAdapters',
  }),
  categories: OWN_RULES,
};

export const PULL_ORDERS_CALL: Table<ConnectorPullOrdersOptions> = tableWithout(
  PULL_ORDERS_OPTIONS,
  'marketplaces',
  'store',
);

export const SYNC_INVENTORY_CALL: Table<ConnectorSyncInventoryOptions> = tableWithout(
  SYNC_INVENTORY_OPTIONS,
  'marketplaces',
  'store',
);

/** `service` and `carrierPolicy` have their own rules (checked next, with the nearest name). */
export const FULFIL_CALL: Table<ConnectorFulfilOptions> = {
  service: OWN_RULES,
  carrierPolicy: OWN_RULES,
  parcel: AN_OBJECT_OR_NOTHING,
  catalog: orNothing(ROWS),
  confirm: A_BOOLEAN_OR_NOTHING,
  approve: A_BOOLEAN_OR_NOTHING,
  sender: A_SENDER_OR_NOTHING,
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
};

export const FULFIL_PENDING_CALL: Table<ConnectorFulfilPendingOptions> = {
  ...tableWithout(FULFIL_CALL, 'parcel'),
  pull: A_BOOLEAN_OR_NOTHING,
  concurrency: A_POSITIVE_INTEGER_OR_NOTHING,
};

const A_CONFIDENCE_OR_NOTHING: Expected = {
  schema: z.number().min(0).max(1).optional(),
  vi: 'một số từ 0 đến 1 (hoặc bỏ trống)',
  en: 'a number from 0 to 1 (or left out)',
};

export const MATCH_LISTINGS_CALL: Table<ConnectorMatchListingsOptions> = {
  minConfidence: A_CONFIDENCE_OR_NOTHING,
  autoAcceptAt: A_CONFIDENCE_OR_NOTHING,
  platforms: orNothing(TEXT_LIST),
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
};

export const LINK_LISTINGS_CALL: Table<ConnectorLinkListingsOptions> = {
  setSellerSku: A_BOOLEAN_OR_NOTHING,
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
  catalog: orNothing(ROWS),
};

export const RESOLVE_OVERSELLS_CALL: Table<{ reason?: unknown }> = {
  reason: {
    // A code in another case ('out_of_stock') is that code, as for cancelOrder.
    schema: z.custom((v) => v === undefined || isCancelReason(v)),
    vi: 'một lý do huỷ (OUT_OF_STOCK, BUYER_REQUEST, WRONG_PRICE, CANNOT_SHIP hoặc { code, note }) (hoặc bỏ trống)',
    en: 'a cancel reason (OUT_OF_STOCK, BUYER_REQUEST, WRONG_PRICE, CANNOT_SHIP or { code, note }) (or left out)',
  },
};

export const CATCH_UP_CALL: Table<{ signal?: AbortSignal }> = { signal: AN_ABORT_SIGNAL_OR_NOTHING };

export const WEBHOOK_HANDLER_CALL: Table<WebhookHandlerOptions> = {
  source: A_TEXT_OR_NOTHING,
  maxBodyBytes: A_POSITIVE_INTEGER_OR_NOTHING,
  onResult: A_FUNCTION_OR_NOTHING,
  onError: A_FUNCTION_OR_NOTHING,
};

/** matchListings' catalog: read whole before matching, so an array or a (synchronous) iterable of products. */
export const MATCH_CATALOG: Expected = {
  schema: z.custom((v) => typeof v === 'object' && v !== null && Symbol.iterator in v),
  vi: 'một mảng (hoặc iterable) các sản phẩm',
  en: 'an array (or iterable) of products',
};
