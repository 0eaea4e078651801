import { atBoundary } from './connector/boundary.js';
import { cancelOrder, checkCancelReason } from './connector/cancel-order.js';
import { catchUpWebhooks } from './connector/catch-up-webhooks.js';
import { checkConnectorOptions } from './connector/check-options.js';
import { marketplaceForOrder, publishTargets } from './connector/marketplace-lookup.js';
import {
  CATCH_UP_CALL,
  FULFIL_CALL,
  FULFIL_PENDING_CALL,
  LINK_LISTINGS_CALL,
  MATCH_CATALOG,
  MATCH_LISTINGS_CALL,
  PUBLISH_CALL,
  PULL_ORDERS_CALL,
  RESOLVE_OVERSELLS_CALL,
  SYNC_INVENTORY_CALL,
  WEBHOOK_HANDLER_CALL,
} from './connector/method-options.js';
import { checkOrderArgument } from './connector/order-argument.js';
import { oversoldOrders } from './connector/oversold-orders.js';
import { connectorImages, connectorStore } from './connector/resources.js';
import type { Connector, ConnectorFulfilOptions, ConnectorOptions } from './connector/types.js';
import { assertWebhooksVerifiable } from './connector/webhook-keys-check.js';
import {
  A_RAW_BODY,
  A_TEXT,
  AN_OBJECT,
  checkArgument,
  checkOption,
  checkOptions,
  ROWS,
} from './core/argument-guards.js';
import { ConfigurationError, ConnectorClosedError } from './core/errors.js';
import { pathProblem } from './model/option-problem.js';
import type { Order } from './model/order.js';
import type { Contact } from './model/shipment.js';
import { validateCatalog } from './model/validation.js';
import type { CarrierAdapter } from './platforms/types.js';
import type { OrderStateKey, StateStore } from './store/state-store.js';
import { settleCancelledOrderParcels } from './sync/fulfil/cancelled-order-parcels.js';
import { carrierForOrder } from './sync/fulfil/carrier-for-order.js';
import { assertCarrierPolicy } from './sync/fulfil/carrier-policy-check.js';
import { completeShipment } from './sync/fulfil/complete-shipment.js';
import { fulfilOrder } from './sync/fulfil/fulfil-order.js';
import { fulfilPending } from './sync/fulfil/fulfil-pending.js';
import { assertServicePolicy } from './sync/fulfil/service-policy.js';
import { countedCatalog, STREAMED_COUNTS_ROWS, setStockCount } from './sync/inventory/catalog-counts.js';
import { withLedgerStock } from './sync/inventory/publish-stock.js';
import { syncInventory } from './sync/inventory/sync-inventory.js';
import { EXPORT_CATALOG_OPTIONS, exportCatalog } from './sync/onboarding/export-catalog.js';
import { linkListings } from './sync/onboarding/link-listings.js';
import { matchShops } from './sync/onboarding/match-shops.js';
import type { CancelledOrderParcel } from './sync/orders/cancelled-parcel.js';
import { readOrderState } from './sync/orders/order-state.js';
import { resolveOversells } from './sync/orders/oversell.js';
import { pullOrders } from './sync/orders/pull-orders.js';
import { categoryMapProblems } from './sync/publish/category-resolver.js';
import { publishRows } from './sync/publish/publish.js';
import { publishOptionRules } from './sync/publish/publish-options.js';
import { handleWebhook } from './sync/webhooks/handle-webhook.js';
import { createWebhookHandler } from './sync/webhooks/webhook-endpoint.js';

export type {
  CarrierChooser,
  CatchUpResult,
  Connector,
  ConnectorFulfilOptions,
  ConnectorFulfilPendingOptions,
  ConnectorLinkListingsOptions,
  ConnectorMatchListingsOptions,
  ConnectorOptions,
  ConnectorPublishOptions,
  ConnectorPullOrdersOptions,
  ConnectorSyncInventoryOptions,
  PendingShipmentLookup,
} from './connector/types.js';

export function createConnector(options: ConnectorOptions): Connector {
  const { carriers, carrierNames, platformNames } = checkConnectorOptions(options);

  const marketplaces = [...options.marketplaces];
  const images = connectorImages(options.images);
  const { store, closeOwnStore } = connectorStore(options);
  let closed = false;
  const open = () => {
    if (closed) throw new ConnectorClosedError();
  };
  const restock = options.restockReturns !== undefined ? { restockReturns: options.restockReturns } : {};

  const marketplaceFor = (order: { platform: string; account?: string | undefined }) =>
    marketplaceForOrder(marketplaces, order);

  /** Orders cancelled on the marketplace with a moving parcel: cancelled there, or flagged loudly (#16). */
  async function settleCancelledParcels(s: StateStore, signal: AbortSignal | undefined) {
    const settled = await settleCancelledOrderParcels(s, carriers, signal ? { signal } : {}, restock);
    for (const p of settled.filter((x) => x.outcome === 'live' || x.outcome === 'failed'))
      options.logger?.warn(
        { event: 'order.cancelledParcelMoving', ...p, error: p.error?.toJSON() },
        `${p.messageVi} / ${p.messageEn}`,
      );
    return settled;
  }

  /** A pull or a sync, then its cancelled orders' parcels: noticed on every sync, as on every pull (#16 re-trial 5). */
  async function withCancelledParcels<T>(
    signal: AbortSignal | undefined,
    run: (s: StateStore) => Promise<T>,
  ): Promise<T & { cancelledOrderParcels: CancelledOrderParcel[] }> {
    open();
    const s = await store();
    const result = await run(s);
    return { ...result, cancelledOrderParcels: await settleCancelledParcels(s, signal) };
  }

  async function carrierFor(
    order: OrderStateKey,
    full: Order & { account: string },
    call: Pick<ConnectorFulfilOptions, 'carrierPolicy' | 'service' | 'catalog' | 'parcel' | 'signal'> & {
      sender: Contact;
    },
  ): Promise<CarrierAdapter | undefined> {
    if (carriers.length === 0) return undefined;
    const policy = call.carrierPolicy ?? options.carrierPolicy;
    if (call.carrierPolicy !== undefined)
      assertCarrierPolicy(call.carrierPolicy, carrierNames, platformNames);
    if (policy) {
      return carrierForOrder(full, {
        carriers,
        policy,
        store: await store(),
        sender: call.sender,
        ...(call.service ? { service: call.service } : {}),
        ...(call.catalog ? { catalog: call.catalog } : {}),
        ...(call.parcel ? { parcel: call.parcel } : {}),
        ...(call.signal ? { signal: call.signal } : {}),
      });
    }
    return options.chooseCarrier ? options.chooseCarrier(order, carriers) : carriers[0];
  }

  function senderOf(call: { sender?: Contact }): Contact {
    const sender = call.sender ?? options.sender;
    const missing: string[] = [];
    if (carriers.length === 0)
      missing.push(pathProblem('carrier', 'fulfil cần một CarrierAdapter', 'fulfil needs a CarrierAdapter'));
    if (!sender)
      missing.push(
        pathProblem(
          'sender',
          'fulfil cần thông tin người gửi (tùy chọn của connector hoặc của lần gọi)',
          'fulfil needs the shipper contact (connector or call option)',
        ),
      );
    if (!sender || carriers.length === 0)
      throw new ConfigurationError({ vi: 'Không giao được đơn', en: 'Cannot fulfil' }, missing);
    return sender;
  }

  const webhookContext = async () => ({
    store: await store(),
    marketplaces,
    carriers,
    ...restock,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onOrderPath ? { onOrderPath: options.onOrderPath } : {}),
    completeWaybill: async (key: OrderStateKey) => {
      const s = await store();
      const state = await readOrderState(s, key);
      const shipment = state?.shipment;
      const carrier = carriers.find((c) => c.carrier === shipment?.carrier);
      if (!shipment?.waybill || !carrier) return;
      await completeShipment(
        s,
        key,
        { ...shipment, waybill: shipment.waybill },
        { carrier, marketplace: marketplaceFor(key) },
        {},
      );
    },
  });

  const connector: Connector = {
    marketplaces,
    carrier: carriers[0],
    carriers,
    async publish(catalog, publishOptions = {}) {
      open();
      checkArgument(catalog, 'catalog', ROWS);
      checkOptions(publishOptions, PUBLISH_CALL, 'publish', (given) => [
        ...categoryMapProblems(given.categories, platformNames),
        ...publishOptionRules(given, platformNames),
      ]);
      const { to, categories, ...rest } = publishOptions;
      const resolvedCategories = categories ?? options.categories;
      const s = await store();
      // Stock figures are counts for the ledger; what publish sends is capped at what is available. Each
      // row reaches the engine once its counts are recorded, a chunk at a time: the catalog streams (a
      // generator is read only as fast as work leaves, never whole before the first request, #14).
      const rows = rest.dryRun ? catalog : countedCatalog(s, catalog, { maxRows: STREAMED_COUNTS_ROWS });
      const report = await publishRows(rows, {
        ...rest,
        to: publishTargets(marketplaces, to).map((m) => (rest.dryRun ? m : withLedgerStock(m, s))),
        store: s,
        images,
        ...(resolvedCategories ? { categories: resolvedCategories } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.otherTenantListings ? { otherTenantListings: options.otherTenantListings } : {}),
      });
      return report;
    },
    async pullOrders(pullOptions = {}) {
      open();
      checkOptions(pullOptions, PULL_ORDERS_CALL, 'pullOrders');
      return withCancelledParcels(pullOptions.signal, (s) =>
        pullOrders({ ...restock, ...pullOptions, marketplaces, store: s }),
      );
    },
    async fulfil(order, fulfilOptions = {}) {
      open();
      checkOrderArgument(order);
      checkOptions(fulfilOptions, FULFIL_CALL, 'fulfil');
      assertServicePolicy(fulfilOptions.service);
      const sender = senderOf(fulfilOptions);
      const marketplace = marketplaceFor(order);
      const key = { platform: order.platform, account: marketplace.account, externalId: order.externalId };
      const carrier = await carrierFor(
        key,
        { ...order, account: marketplace.account },
        { ...fulfilOptions, sender },
      );
      if (!carrier)
        throw new ConfigurationError({ vi: 'Không giao được đơn', en: 'Cannot fulfil' }, [
          `chưa chọn được hãng vận chuyển cho ${order.platform}:${order.externalId} / no carrier chosen for ${order.platform}:${order.externalId}`,
        ]);
      const { sender: _sender, carrierPolicy: _policy, ...rest } = fulfilOptions;
      return fulfilOrder(
        { ...order, account: marketplace.account },
        {
          ...rest,
          marketplace,
          carrier,
          store: await store(),
          sender,
        },
      );
    },
    async fulfilPending(pendingOptions = {}) {
      open();
      checkOptions(pendingOptions, FULFIL_PENDING_CALL, 'fulfilPending');
      const sender = senderOf(pendingOptions);
      const s = await store();
      const { pull, sender: _sender, carrierPolicy: _policy, ...rest } = pendingOptions;
      if (pendingOptions.carrierPolicy !== undefined)
        assertCarrierPolicy(pendingOptions.carrierPolicy, carrierNames, platformNames);
      if (pull !== false) {
        await pullOrders({
          ...restock,
          marketplaces,
          store: s,
          ...(rest.signal ? { signal: rest.signal } : {}),
        });
        await settleCancelledParcels(s, rest.signal);
      }
      return fulfilPending(s, {
        ...rest,
        sender,
        marketplaces,
        carrierFor: (key, full) => carrierFor(key, full, { ...pendingOptions, sender }),
        oversold: await oversoldOrders(s),
      });
    },
    async syncInventory(inventoryOptions = {}) {
      open();
      checkOptions(inventoryOptions, SYNC_INVENTORY_CALL, 'syncInventory');
      return withCancelledParcels(inventoryOptions.signal, (s) =>
        syncInventory({ ...restock, ...inventoryOptions, marketplaces, store: s }),
      );
    },
    async setStockCount(sku, count) {
      open();
      return setStockCount(await store(), sku, count);
    },
    async cancelOrder(key, given) {
      open();
      checkOrderArgument(key);
      const reason = checkCancelReason(given);
      const marketplace = marketplaceFor(key);
      return cancelOrder(await store(), marketplace, carriers, key, reason, restock);
    },
    async resolveOversells(resolveOptions = {}) {
      open();
      checkOptions(resolveOptions, RESOLVE_OVERSELLS_CALL, 'resolveOversells');
      const s = await store();
      const result = await syncInventory({ ...restock, marketplaces, store: s });
      const reason = resolveOptions.reason && checkCancelReason(resolveOptions.reason);
      return resolveOversells(s, marketplaces, result.oversold, reason);
    },
    async handleWebhook(source, rawBody, headers) {
      open();
      checkArgument(source, 'source', A_TEXT);
      checkArgument(rawBody, 'rawBody', A_RAW_BODY);
      checkArgument(headers, 'headers', AN_OBJECT);
      return handleWebhook(await webhookContext(), source, rawBody, headers);
    },
    webhookHandler(handlerOptions = {}) {
      open();
      checkOptions(handlerOptions, WEBHOOK_HANDLER_CALL, 'webhookHandler');
      // The endpoint is where pushes will be verified: a marketplace that cannot verify them (Shopee
      // without webhookUrl) fails now, when the endpoint is made, not with a 500 at its first push (#18).
      assertWebhooksVerifiable(marketplaces);
      return createWebhookHandler((source, body, headers) => connector.handleWebhook(source, body, headers), {
        ...(options.logger
          ? { onError: (error) => options.logger?.error({ error: error.toJSON() }, 'webhook not recorded') }
          : {}),
        ...handlerOptions,
      });
    },
    async catchUpWebhooks(catchUpOptions = {}) {
      open();
      checkOptions(catchUpOptions, CATCH_UP_CALL, 'catchUpWebhooks');
      const call = catchUpOptions.signal ? { signal: catchUpOptions.signal } : {};
      return catchUpWebhooks(await webhookContext(), restock, marketplaceFor, call);
    },
    async matchListings(catalog, matchOptions = {}) {
      open();
      checkArgument(catalog, 'catalog', MATCH_CATALOG);
      checkOptions(matchOptions, MATCH_LISTINGS_CALL, 'matchListings');
      return matchShops({
        ...matchOptions,
        marketplaces,
        catalog,
        store: await store(),
        ...(options.otherTenantListings ? { otherTenantListings: options.otherTenantListings } : {}),
      });
    },
    async linkListings(decisions, linkOptions = {}) {
      open();
      checkOptions(linkOptions, LINK_LISTINGS_CALL, 'linkListings');
      const { catalog, ...rest } = linkOptions;
      const validated = catalog ? validateCatalog([...catalog]) : undefined;
      const products = validated?.products;
      return linkListings({
        ...(validated && validated.issues.length > 0 ? { catalogIssues: validated.issues } : {}),
        ...rest,
        marketplaces,
        store: await store(),
        decisions,
        ...(options.otherTenantListings ? { otherTenantListings: options.otherTenantListings } : {}),
        ...(products ? { catalog: products } : {}),
      });
    },
    async exportCatalog(platform, exportOptions) {
      open();
      checkOption(exportOptions, 'options', AN_OBJECT);
      checkOptions(exportOptions, EXPORT_CATALOG_OPTIONS, 'exportCatalog');
      const found = marketplaces.filter((m) => m.platform === platform);
      if (found.length !== 1)
        throw new ConfigurationError({ vi: 'Sàn không có trong bộ kết nối', en: 'Unknown marketplace' }, [
          found.length === 0
            ? pathProblem(String(platform), 'không có trong connector này', 'not in this connector')
            : pathProblem(
                String(platform),
                'có nhiều tài khoản, hãy truyền adapter',
                'several accounts, pass the adapter',
              ),
        ]);
      return exportCatalog(found[0]!, {
        ...(options.categories ? { categories: options.categories } : {}),
        ...exportOptions,
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const results = await Promise.allSettled([
        ...marketplaces.map((m) => m.close()),
        ...carriers.map((c) => c.close()),
        ...closeOwnStore(),
      ]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
  return atBoundary(connector);
}
