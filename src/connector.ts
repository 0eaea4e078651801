import { ConfigurationError, ConnectorClosedError } from './core/errors.js';
import type { Logger } from './core/logger.js';
import { createImagePreparer, type ImagePreparerOptions } from './images/image-preparer.js';
import type { CancelReason, Order } from './model/order.js';
import type { Contact, Parcel } from './model/shipment.js';
import type { OrderStatus } from './model/status.js';
import { validateCatalog } from './model/validation.js';
import type { CarrierAdapter, HeaderBag, MarketplaceAdapter } from './platforms/types.js';
import { createFileStore, DEFAULT_STORE_DIR } from './store/file-store.js';
import type { OrderStateKey, StateStore, StockEntry } from './store/state-store.js';
import { settleCancelledOrderParcels } from './sync/fulfil/cancelled-order-parcels.js';
import {
  assertCarrierPolicy,
  type CarrierPolicy,
  carrierPolicyProblems,
} from './sync/fulfil/carrier-choice.js';
import { carrierForOrder } from './sync/fulfil/carrier-for-order.js';
import { catchUpPendingCreates, type PendingShipmentLookup } from './sync/fulfil/catch-up-pending.js';
import { completeShipment } from './sync/fulfil/complete-shipment.js';
import { FULFIL_RACE_WAIT_MS } from './sync/fulfil/create-claim.js';
import { OrderNotShippableError } from './sync/fulfil/errors.js';
import { fulfilOrder } from './sync/fulfil/fulfil-order.js';
import { type FulfilPendingResult, fulfilPending } from './sync/fulfil/fulfil-pending.js';
import type { FulfilResult } from './sync/fulfil/fulfil-types.js';
import type { UnitFacts } from './sync/fulfil/parcel.js';
import { settleCancel } from './sync/fulfil/parcel-cancel.js';
import { lookUpPendingShipment } from './sync/fulfil/pending-shipment.js';
import { assertServicePolicy, type ServicePolicy } from './sync/fulfil/service-policy.js';
import { countedCatalog, STREAMED_COUNTS_ROWS, setStockCount } from './sync/inventory/catalog-counts.js';
import { withLedgerStock } from './sync/inventory/publish-stock.js';
import { syncInventory } from './sync/inventory/sync-inventory.js';
import type { InventorySyncResult, SyncInventoryOptions } from './sync/inventory/types.js';
import {
  type ExportCatalogOptions,
  type ExportCatalogResult,
  exportCatalog,
} from './sync/onboarding/export-catalog.js';
import { linkListings } from './sync/onboarding/link-listings.js';
import { matchShops } from './sync/onboarding/match-shops.js';
import type {
  LinkDecision,
  LinkListingsOptions,
  LinkListingsResult,
  MatchListingsOptions,
  MatchListingsResult,
} from './sync/onboarding/types.js';
import { applyOrderSnapshot } from './sync/orders/apply-order.js';
import {
  type ApplyCarrierEventOptions,
  applyCarrierEvent,
  type CarrierEventResult,
  currentOrderStatus,
} from './sync/orders/journey.js';
import { listOrderStates, readOrderState } from './sync/orders/order-state.js';
import { type OversellResolution, resolveOversells } from './sync/orders/oversell.js';
import { type PullOrdersOptions, type PullOrdersResult, pullOrders } from './sync/orders/pull-orders.js';
import { categoryMapProblems } from './sync/publish/category-resolver.js';
import { publishRows } from './sync/publish/publish.js';
import type {
  CatalogInput,
  CategoryMap,
  OtherTenantListingsLookup,
  PublishImagePreparer,
  PublishOptions,
  PublishReport,
} from './sync/publish/types.js';
import {
  createWebhookHandler,
  handleWebhook,
  type WebhookHandlerOptions,
  type WebhookRequest,
  type WebhookResponse,
  type WebhookResult,
} from './sync/webhooks/handle-webhook.js';

/** Options of the built-in image preparer (src/images): concurrency, cache size, download limits. */
export type ConnectorImageOptions = ImagePreparerOptions;

/** Picks the carrier for an order among the connector's carriers (see `ConnectorOptions.chooseCarrier`). */
export type CarrierChooser = (
  order: OrderStateKey,
  carriers: readonly CarrierAdapter[],
) => CarrierAdapter | undefined;

export interface ConnectorOptions {
  /** The marketplaces (each platform + account once). Closed by `close()`. */
  marketplaces: readonly MarketplaceAdapter[];
  /** The shipping carrier used by `fulfil`. Closed by `close()`. @default none (fulfil unavailable) */
  carrier?: CarrierAdapter;
  /** More carriers (with `carrier`, or instead of it); `chooseCarrier` picks per order. Closed by `close()`. */
  carriers?: readonly CarrierAdapter[];
  /** Which carrier ships an order. @default the first carrier */
  chooseCarrier?: CarrierChooser;
  /**
   * Choose the carrier by quotes or rules (`'cheapest'`, `'fastest'`, `{ carrier }`,
   * `{ byMarketplace: { postmart: 'vnpost' } }`, or a function of all quotes); wins over `chooseCarrier`.
   * The choice and its reason are recorded on the shipment (`carrierChoice`) and kept on reruns.
   * See docs/vnpost.md. @default none (`chooseCarrier`, else the first carrier)
   */
  carrierPolicy?: CarrierPolicy;
  /** A store of your own: never closed by `close()` (you opened it, you close it). @default a FileStore in `storeDir` */
  store?: StateStore;
  /** Folder of the default FileStore. @default DEFAULT_STORE_DIR ('.ocop-connect') */
  storeDir?: string;
  /**
   * Open the default FileStore in shared mode, so a webhook receiver and a scheduled sync on one machine
   * use the same folder at once (see README "Run a cooperative's day"). @default false
   */
  sharedStore?: boolean;
  /**
   * A preparer of your own, or options for the built-in one (src/images).
   * @default the built-in preparer with its defaults (one image per CPU, bounded cache)
   */
  images?: PublishImagePreparer | ConnectorImageOptions;
  /** Product → platform category, used by every publish unless the call gives its own. @default none */
  categories?: CategoryMap;
  /** The cooperative as shipper (used by `fulfil`). @default none (give it per fulfil call) */
  sender?: Contact;
  /** Count a returned parcel's units back into stock, once per order. @default true */
  restockReturns?: boolean;
  /**
   * Told every order status path a carrier event implies (READY_TO_SHIP → SHIPPED → DELIVERED …), in the
   * order the marketplace allows. The marketplace's own carrier link moves its order; use this to follow.
   * @default none
   */
  onOrderPath?: (order: OrderStateKey, path: OrderStatus[]) => void | Promise<void>;
  /** pino logger for publish summaries and failures (adapters take their own). @default none (silent) */
  logger?: Logger;
  /**
   * Listings other tenants of one deployment hold on accounts shared with them, for every publish and
   * match: not hand-made, never proposed (see `PublishOptions.otherTenantListings`; `createHub` sets
   * it). @default none
   */
  otherTenantListings?: OtherTenantListingsLookup;
}

export interface ConnectorPublishOptions
  extends Omit<PublishOptions, 'to' | 'store' | 'images' | 'categories' | 'logger' | 'otherTenantListings'> {
  /** Platform names or adapters. @default every marketplace of the connector */
  to?: readonly (string | MarketplaceAdapter)[];
  /** Overrides the connector's category map for this call. @default the connector's `categories` */
  categories?: CategoryMap;
}

export interface ConnectorFulfilOptions {
  /**
   * The service within the carrier. With a carrier policy: `'cheapest'` / `'fastest'` pick each
   * carrier's best quote before the policy compares carriers; an explicit `{ serviceCode }` wins over
   * the policy's pick (and over one recorded earlier), and one that the shipping carrier did not quote
   * (a typo, lower case, another carrier's code) is a bilingual ValidationError with the nearest code.
   * @default 'cheapest'
   */
  service?: ServicePolicy;
  /** Overrides the connector's `carrierPolicy` for this call. @default the connector's */
  carrierPolicy?: CarrierPolicy;
  /**
   * The box, when you weigh it yourself: quoted (by every carrier the policy compares) and shipped as
   * given, no catalog needed. @default from the catalog's variant weight and dimensions (recorded by `publish`)
   */
  parcel?: Parcel;
  /** Products whose variant weights make the parcel. @default the ones recorded by `publish` / `syncInventory` */
  catalog?: Iterable<unknown> | ReadonlyMap<string, UnitFacts>;
  /** Confirm a PENDING_CONFIRM order on the marketplace first. @default true */
  confirm?: boolean;
  /** Tell the carrier to come (ViettelPost: approve the waybill). @default true */
  approve?: boolean;
  /** @default the connector's `sender` */
  sender?: Contact;
  /** Passed to every carrier and marketplace call. @default none */
  signal?: AbortSignal;
}

export interface ConnectorFulfilPendingOptions extends Omit<ConnectorFulfilOptions, 'parcel'> {
  /** Read new and changed orders first. @default true */
  pull?: boolean;
  /** Orders shipped at once. @default 4 */
  concurrency?: number;
}

/** `syncInventory` options without the connector's own marketplaces and store. */
export type ConnectorSyncInventoryOptions = Omit<SyncInventoryOptions, 'marketplaces' | 'store'>;

export interface ConnectorMatchListingsOptions extends MatchListingsOptions {
  signal?: AbortSignal;
}

export interface ConnectorLinkListingsOptions extends LinkListingsOptions {
  /** The catalog: checks that linked SKUs exist and reports the variants a listing lacks. @default none */
  catalog?: CatalogInput;
}

/** `pullOrders` options without the connector's own marketplaces and store. */
export type ConnectorPullOrdersOptions = Omit<PullOrdersOptions, 'marketplaces' | 'store'>;

export type { PendingShipmentLookup } from './sync/fulfil/catch-up-pending.js';

export interface CatchUpResult {
  /** Waybills whose journey the carrier was asked to send again (ViettelPost). */
  requested: string[];
  /** Waybills whose status history was read and applied to their orders (VNPost: it cannot resend). */
  polled: string[];
  /** What each polled event did to its order (applied, duplicate, stale), in the order applied. */
  applied: CarrierEventResult[];
  /** Shipments without a waybill (a create whose answer never came), looked up at the carrier first. */
  pending: PendingShipmentLookup[];
  failed: { trackingNumber: string; error: Error }[];
}

export interface Connector {
  readonly marketplaces: readonly MarketplaceAdapter[];
  /** The first carrier (undefined without one). */
  readonly carrier: CarrierAdapter | undefined;
  readonly carriers: readonly CarrierAdapter[];
  /**
   * Validate, plan and publish a catalog to the marketplaces (see `publish`). Stock figures are applied as
   * counts to the ledger and sent as what is available (on hand − reserved); unit weights are kept for
   * `fulfil`.
   */
  publish(catalog: CatalogInput, options?: ConnectorPublishOptions): Promise<PublishReport>;
  /** New and changed orders from every marketplace, from the checkpoints the sync uses (each once per run). */
  pullOrders(options?: ConnectorPullOrdersOptions): Promise<PullOrdersResult>;
  /**
   * Re-read the order; refuse it (OrderNotShippableError) unless shippable; confirm it (option); weigh the
   * parcel from the catalog; quote; create the shipment (deterministic reference, never twice); approve it
   * (option); push the tracking number back.
   */
  fulfil(order: Order, options?: ConnectorFulfilOptions): Promise<FulfilResult>;
  /** Ship every ready order (oversold ones skipped) and complete every half-done shipment; one result per order. */
  fulfilPending(options?: ConnectorFulfilPendingOptions): Promise<FulfilPendingResult>;
  /**
   * Read new orders into the stock ledger, then push the changed available quantities to every
   * marketplace (see `syncInventory`).
   */
  syncInventory(options?: ConnectorSyncInventoryOptions): Promise<InventorySyncResult>;
  /**
   * Download every listing of each marketplace and propose the catalog product each one is (SKU first,
   * then the normalised name), with confidence and reasons. Links nothing, but records the proposals in the
   * store: `publish` does not create a product while a listing proposed for it awaits a link decision
   * (`linkListings` accepting or rejecting it).
   */
  matchListings(catalog: CatalogInput, options?: ConnectorMatchListingsOptions): Promise<MatchListingsResult>;
  /**
   * Record accepted links in the store so `publish` updates those listings and stock sync covers them;
   * writes the catalog SKUs onto the listing where the platform allows. Never deletes a listing.
   */
  linkListings(
    decisions: readonly LinkDecision[],
    options?: ConnectorLinkListingsOptions,
  ): Promise<LinkListingsResult>;
  /** Build a catalog spreadsheet (the CLI's template) from one marketplace's existing listings. */
  exportCatalog(platform: string, options: ExportCatalogOptions): Promise<ExportCatalogResult>;
  /** A manual stock count: on hand = `count` (reserved units stay reserved). The next sync pushes it. */
  setStockCount(sku: string, count: number): Promise<StockEntry>;
  /**
   * Cancel an order on its marketplace with a typed reason, and release its stock. An order whose parcel
   * the marketplace was never given (held for a buyer's cancel request, or created late) has that parcel
   * cancelled at the carrier first; one whose tracking number the marketplace holds is refused
   * (OrderNotShippableError: cancel the shipment at the carrier first).
   */
  cancelOrder(order: OrderStateKey, reason: CancelReason): Promise<Order>;
  /**
   * Cancel (reason OUT_OF_STOCK unless given) every order stock cannot cover — the latest ones — and apply it.
   * Run `syncInventory` after to push the freed units.
   */
  resolveOversells(options?: { reason?: CancelReason }): Promise<OversellResolution[]>;
  /**
   * One webhook delivery: `source` is a carrier name ('viettelpost') or a marketplace ('voso', 'postmart').
   * Verify, dedupe durably, apply once, ignore stale events. Answer with `httpStatus`; await `followUp`.
   */
  handleWebhook(source: string, rawBody: string | Buffer, headers: HeaderBag): Promise<WebhookResult>;
  /** A ready `(req, res)` endpoint for node:http, Express and Fastify (source = last URL path segment). */
  webhookHandler(
    options?: WebhookHandlerOptions,
  ): (req: WebhookRequest, res: WebhookResponse) => Promise<void>;
  /**
   * After the receiver was down (or the process died mid-create): first every shipment still without a
   * waybill is looked up at its carrier by our reference (VNPost; ViettelPost has no such lookup) and
   * completed; then each carrier is asked for every open journey — ViettelPost sends it again to the
   * webhook, VNPost's status history is polled (`refreshShipments`) and applied to the orders here, by
   * time then journey stage.
   */
  catchUpWebhooks(options?: { signal?: AbortSignal }): Promise<CatchUpResult>;
  /** Closes every adapter and carrier, and the store the connector opened itself (never one you passed in). */
  close(): Promise<void>;
}

/** Shipment statuses from which a parcel can still be cancelled at the carrier (not picked up yet). */
const BEFORE_PICKUP: ReadonlySet<string> = new Set(['CREATED', 'WAYBILL_PENDING', 'PENDING_PICKUP']);

function isPreparer(
  value: PublishImagePreparer | ConnectorImageOptions | undefined,
): value is PublishImagePreparer {
  return typeof (value as PublishImagePreparer | undefined)?.prepare === 'function';
}

export function createConnector(options: ConnectorOptions): Connector {
  const problems: string[] = [];
  if (!options.marketplaces || options.marketplaces.length === 0)
    problems.push('marketplaces: at least one adapter');
  const names = new Set<string>();
  for (const m of options.marketplaces ?? []) {
    const key = `${m.platform}/${m.account}`;
    if (names.has(key)) problems.push(`marketplaces: ${key} is listed twice`);
    names.add(key);
  }
  if (options.store && options.storeDir) problems.push('store and storeDir: give one, not both');
  if (options.store && options.sharedStore)
    problems.push('store and sharedStore: sharedStore is for the default FileStore');
  const carriers = [...(options.carrier ? [options.carrier] : []), ...(options.carriers ?? [])].filter(
    (c, i, all) => all.indexOf(c) === i,
  );
  const carrierNames = new Set<string>();
  for (const c of carriers) {
    if (carrierNames.has(c.carrier)) problems.push(`carriers: ${c.carrier} is listed twice`);
    carrierNames.add(c.carrier);
  }
  const platformNames = [...new Set((options.marketplaces ?? []).map((m) => m.platform))];
  if (options.carrierPolicy !== undefined) {
    problems.push(...carrierPolicyProblems(options.carrierPolicy, [...carrierNames], platformNames));
  }
  problems.push(...categoryMapProblems(options.categories, platformNames));
  if (problems.length > 0) throw new ConfigurationError('Invalid connector options', problems);

  const marketplaces = [...options.marketplaces];
  const images = isPreparer(options.images) ? options.images : createImagePreparer(options.images);
  const ownsStore = !options.store;
  let storePromise: Promise<StateStore> | undefined = options.store
    ? Promise.resolve(options.store)
    : undefined;
  const store = () => {
    storePromise ??= createFileStore({
      dir: options.storeDir ?? DEFAULT_STORE_DIR,
      ...(options.sharedStore ? { shared: true } : {}),
    });
    return storePromise;
  };
  let closed = false;
  const open = () => {
    if (closed) throw new ConnectorClosedError();
  };
  const restock = options.restockReturns !== undefined ? { restockReturns: options.restockReturns } : {};

  function resolveTargets(to: ConnectorPublishOptions['to']): MarketplaceAdapter[] {
    if (!to) return marketplaces;
    const unknown: string[] = [];
    const targets = to.flatMap((t) => {
      if (typeof t !== 'string') return [t];
      const found = marketplaces.filter((m) => m.platform === t);
      if (found.length === 0) unknown.push(t);
      return found;
    });
    if (unknown.length > 0) {
      throw new ConfigurationError(
        'Unknown publish target',
        unknown.map((n) => `${n}: no such marketplace in this connector`),
      );
    }
    return targets;
  }

  /** The marketplace account of an order: by platform + account, never by platform alone when ambiguous. */
  function marketplaceFor(order: { platform: string; account?: string | undefined }): MarketplaceAdapter {
    const candidates = marketplaces.filter(
      (m) => m.platform === order.platform && (order.account === undefined || m.account === order.account),
    );
    if (candidates.length === 1) return candidates[0]!;
    throw new ConfigurationError(
      'Unknown marketplace',
      candidates.length === 0
        ? [`${order.platform}${order.account ? `/${order.account}` : ''}: not in this connector`]
        : [
            `${order.platform}: ${candidates.length} accounts in this connector; the order must name its account`,
          ],
    );
  }

  /** Orders cancelled on the marketplace with a moving parcel: cancelled there, or flagged loudly (#16). */
  async function settleCancelledParcels(s: StateStore, signal: AbortSignal | undefined) {
    const settled = await settleCancelledOrderParcels(s, carriers, signal ? { signal } : {});
    for (const p of settled.filter((x) => x.outcome === 'live' || x.outcome === 'failed'))
      options.logger?.warn(
        { event: 'order.cancelledParcelMoving', ...p, error: p.error?.toJSON() },
        `${p.messageVi} / ${p.messageEn}`,
      );
    return settled;
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
      assertCarrierPolicy(call.carrierPolicy, [...carrierNames], platformNames);
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
    if (carriers.length === 0) missing.push('carrier: fulfil needs a CarrierAdapter');
    if (!sender) missing.push('sender: fulfil needs the shipper contact (connector or call option)');
    if (!sender || carriers.length === 0) throw new ConfigurationError('Cannot fulfil', missing);
    return sender;
  }

  async function oversoldOrders(s: StateStore): Promise<Set<string>> {
    const ledger = await s.listStock();
    const short = new Set(ledger.filter((e) => e.reserved > e.onHand).map((e) => e.sku));
    if (short.size === 0) return new Set();
    // The same rule as syncInventory's report: earlier orders keep the units.
    const holders = (await listOrderStates(s))
      .filter((o) => o.effect === 'reserved')
      .sort(
        (a, b) =>
          a.order.createdAt.localeCompare(b.order.createdAt) ||
          `${a.key.platform}/${a.key.account}:${a.key.externalId}`.localeCompare(
            `${b.key.platform}/${b.key.account}:${b.key.externalId}`,
          ),
      );
    const left = new Map(ledger.map((e) => [e.sku, e.onHand]));
    const out = new Set<string>();
    for (const h of holders) {
      for (const [sku, q] of Object.entries(h.lines)) {
        if (!short.has(sku)) continue;
        const remaining = left.get(sku) ?? 0;
        left.set(sku, Math.max(0, remaining - q));
        if (remaining < q) out.add(`${h.key.platform}/${h.key.account}:${h.key.externalId}`);
      }
    }
    return out;
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
      const { to, categories, ...rest } = publishOptions;
      const shapeProblems = categoryMapProblems(categories, platformNames);
      if (shapeProblems.length > 0) throw new ConfigurationError('Invalid publish options', shapeProblems);
      const resolvedCategories = categories ?? options.categories;
      const s = await store();
      // Stock figures are counts for the ledger; what publish sends is capped at what is available. Each
      // row reaches the engine once its counts are recorded, a chunk at a time: the catalog streams (a
      // generator is read only as fast as work leaves, never whole before the first request, #14).
      const rows = rest.dryRun ? catalog : countedCatalog(s, catalog, { maxRows: STREAMED_COUNTS_ROWS });
      const report = await publishRows(rows, {
        ...rest,
        to: resolveTargets(to).map((m) => (rest.dryRun ? m : withLedgerStock(m, s))),
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
      const s = await store();
      const pulled = await pullOrders({ ...restock, ...pullOptions, marketplaces, store: s });
      return {
        ...pulled,
        cancelledOrderParcels: await settleCancelledParcels(s, pullOptions.signal),
      };
    },
    async fulfil(order, fulfilOptions = {}) {
      open();
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
        throw new ConfigurationError('Cannot fulfil', [
          `no carrier chosen for ${order.platform}:${order.externalId}`,
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
      const sender = senderOf(pendingOptions);
      const s = await store();
      const { pull, sender: _sender, carrierPolicy: _policy, ...rest } = pendingOptions;
      if (pendingOptions.carrierPolicy !== undefined)
        assertCarrierPolicy(pendingOptions.carrierPolicy, [...carrierNames], platformNames);
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
      const s = await store();
      const result = await syncInventory({ ...restock, ...inventoryOptions, marketplaces, store: s });
      // Noticed on every sync, as on every pull (#16 re-trial 5).
      return {
        ...result,
        cancelledOrderParcels: await settleCancelledParcels(s, inventoryOptions.signal),
      };
    },
    async setStockCount(sku, count) {
      open();
      return setStockCount(await store(), sku, count);
    },
    async cancelOrder(key, reason) {
      open();
      const marketplace = marketplaceFor(key);
      const s = await store();
      const orderKey = { ...key, account: marketplace.account };
      const state = await readOrderState(s, orderKey);
      let shipment = state?.shipment;
      const carrier = carriers.find((c) => c.carrier === shipment?.carrier);
      const orderText = `${key.platform}:${key.externalId}`;
      if (state && shipment && !shipment.waybill) {
        // A create in flight (a fulfil claimed it moments ago): the parcel is dealt with first, never
        // after the order is cancelled — nothing is cancelled now (#16).
        const claim = shipment.claim;
        if (claim && !claim.ended && Date.now() - Date.parse(claim.at) < FULFIL_RACE_WAIT_MS)
          throw new OrderNotShippableError(
            orderText,
            currentOrderStatus(state),
            `a fulfil is creating its parcel right now (since ${claim.at}): nothing was cancelled — cancel again once it has finished, so the parcel is cancelled first`,
            `một lệnh fulfil đang tạo vận đơn cho đơn này (từ ${claim.at}): chưa hủy gì — hãy hủy lại khi lệnh đó xong, để vận đơn được hủy trước`,
          );
        // A create whose answer was lost: where the carrier can be asked, its parcel is found first.
        if (carrier) {
          const found = await lookUpPendingShipment(s, orderKey, shipment, carrier, {});
          if (found) shipment = { ...shipment, waybill: found.trackingNumber, status: 'CREATED' };
        }
      }
      if (shipment?.waybill && carrier && !shipment.markedShipped && BEFORE_PICKUP.has(shipment.status)) {
        // A parcel the marketplace was never told about (held for a cancel request, or one that
        // appeared late): cancelled at the carrier first, so accepting the cancel leaves no parcel.
        const outcome =
          (await carrier.cancelShipment(shipment.waybill, `order cancelled: ${reason}`)) || undefined;
        if ((await settleCancel(s, orderKey, shipment.reference, outcome)).pending)
          throw new OrderNotShippableError(
            orderText,
            currentOrderStatus(state!),
            `the cancel of its parcel ${shipment.waybill} waits for ${carrier.carrier}'s approval: the order is not cancelled on the marketplace until the parcel is — cancel again once ${carrier.carrier} approved`,
            `yêu cầu hủy vận đơn ${shipment.waybill} đang chờ ${carrier.carrier} duyệt: đơn chưa được hủy trên sàn cho đến khi vận đơn được hủy — hãy hủy lại sau khi ${carrier.carrier} duyệt`,
          );
      } else if (state && shipment?.waybill && shipment.status !== 'CANCELLED') {
        throw new OrderNotShippableError(
          `${key.platform}:${key.externalId}`,
          currentOrderStatus(state),
          `it already has waybill ${shipment.waybill}: cancel the shipment at the carrier first`,
          `đơn đã có vận đơn ${shipment.waybill}: hãy hủy vận đơn trước`,
        );
      }
      const cancelled = await marketplace.cancelOrder(key.externalId, reason);
      await applyOrderSnapshot(s, { ...cancelled, account: marketplace.account }, restock);
      return cancelled;
    },
    async resolveOversells(resolveOptions = {}) {
      open();
      const s = await store();
      const result = await syncInventory({ ...restock, marketplaces, store: s });
      return resolveOversells(s, marketplaces, result.oversold, resolveOptions.reason);
    },
    async handleWebhook(source, rawBody, headers) {
      open();
      return handleWebhook(await webhookContext(), source, rawBody, headers);
    },
    webhookHandler(handlerOptions = {}) {
      return createWebhookHandler((source, body, headers) => connector.handleWebhook(source, body, headers), {
        ...(options.logger
          ? { onError: (error) => options.logger?.error({ error: error.toJSON() }, 'webhook not recorded') }
          : {}),
        ...handlerOptions,
      });
    },
    async catchUpWebhooks(catchUpOptions = {}) {
      open();
      const s = await store();
      const call = catchUpOptions.signal ? { signal: catchUpOptions.signal } : {};
      const result: CatchUpResult = { requested: [], polled: [], applied: [], pending: [], failed: [] };
      // 1. Creates whose answer never came (a crash mid-create, no webhook since): ask the carrier;
      // a parcel that appeared for an order cancelled meanwhile is cancelled there.
      result.pending = await catchUpPendingCreates({ store: s, carriers, marketplaceFor, call });
      for (const p of result.pending) {
        if (p.outcome === 'found' && p.completed === false && p.error)
          result.failed.push({ trackingNumber: p.trackingNumber!, error: p.error });
      }
      // 2. Open journeys: resent by the carrier (ViettelPost) or polled here (VNPost).
      const openJourneys = (await listOrderStates(s)).filter(
        (state) =>
          state.shipment?.waybill !== undefined &&
          !['DELIVERED', 'RETURNED', 'CANCELLED', 'REJECTED'].includes(state.shipment.status),
      );
      const context = await webhookContext();
      for (const carrier of carriers) {
        const mine = openJourneys.filter((state) => state.shipment!.carrier === carrier.carrier);
        if (mine.length === 0) continue;
        if (carrier.resendEvents) {
          for (const state of mine) {
            const waybill = state.shipment!.waybill!;
            try {
              await carrier.resendEvents(waybill, call);
              result.requested.push(waybill);
            } catch (error) {
              result.failed.push({ trackingNumber: waybill, error: error as Error });
            }
          }
          continue;
        }
        if (!carrier.refreshShipments) continue;
        const references = mine.map((state) => state.shipment!.reference);
        let polled: Awaited<ReturnType<NonNullable<CarrierAdapter['refreshShipments']>>>;
        try {
          polled = await carrier.refreshShipments({ ...call, references });
        } catch (error) {
          for (const state of mine)
            result.failed.push({ trackingNumber: state.shipment!.waybill!, error: error as Error });
          continue;
        }
        const failedRefs = new Set(polled.failed.map((f) => f.reference));
        for (const f of polled.failed) result.failed.push({ trackingNumber: f.waybill, error: f.error });
        // Polling reads the adapter's own records: one it has none of was not polled at all.
        const seen = new Set(polled.refreshed.map((r) => r.reference));
        for (const state of mine) {
          const { reference, waybill } = state.shipment!;
          if (failedRefs.has(reference)) continue;
          if (!seen.has(reference)) {
            result.failed.push({
              trackingNumber: waybill!,
              error: new ConfigurationError(`${carrier.carrier} has no record of shipment ${reference}`, [
                `${carrier.carrier}: give the adapter the connector's store (store option) so it can poll ${waybill} / hãy truyền store của connector cho adapter ${carrier.carrier} để tra cứu ${waybill}`,
              ]),
            });
            continue;
          }
          result.polled.push(waybill!);
        }
        const eventOptions: ApplyCarrierEventOptions = {
          ...restock,
          ...(carrier.journeyStage ? { journeyStage: (raw) => carrier.journeyStage?.(raw) } : {}),
        };
        const followUps: Promise<void>[] = [];
        for (const event of polled.events) {
          const applied = await applyCarrierEvent(s, event, eventOptions);
          result.applied.push(applied);
          if (applied.order && applied.waybillLearnt) followUps.push(context.completeWaybill(applied.order));
          if (applied.order && applied.orderPath && options.onOrderPath)
            followUps.push(Promise.resolve(options.onOrderPath(applied.order, applied.orderPath)));
        }
        for (const outcome of await Promise.allSettled(followUps)) {
          if (outcome.status === 'rejected')
            options.logger?.warn({ error: String(outcome.reason) }, 'catch-up follow-up failed');
        }
      }
      return result;
    },
    async matchListings(catalog, matchOptions = {}) {
      if (closed) throw new ConnectorClosedError();
      return matchShops({
        ...matchOptions,
        marketplaces,
        catalog,
        store: await store(),
        ...(options.otherTenantListings ? { otherTenantListings: options.otherTenantListings } : {}),
      });
    },
    async linkListings(decisions, linkOptions = {}) {
      if (closed) throw new ConnectorClosedError();
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
      if (closed) throw new ConnectorClosedError();
      const found = marketplaces.filter((m) => m.platform === platform);
      if (found.length !== 1)
        throw new ConfigurationError('Unknown marketplace', [
          `${platform}: ${found.length === 0 ? 'not in this connector' : 'several accounts, pass the adapter'}`,
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
        ...(storePromise && ownsStore ? [storePromise.then((s) => s.close())] : []),
      ]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
  return connector;
}
