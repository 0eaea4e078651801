import type { Logger } from '../core/logger.js';
import type { ImagePreparerOptions } from '../images/limits.js';
import type { CancelReason, Order } from '../model/order.js';
import type { Contact, Parcel } from '../model/shipment.js';
import type { OrderStatus } from '../model/status.js';
import type { CarrierAdapter, HeaderBag, MarketplaceAdapter } from '../platforms/types.js';
import type { OrderStateKey, StateStore, StockEntry } from '../store/state-store.js';
import type { CarrierPolicy } from '../sync/fulfil/carrier-choice.js';
import type { PendingShipmentLookup } from '../sync/fulfil/catch-up-pending.js';
import type { FulfilPendingResult } from '../sync/fulfil/fulfil-pending.js';
import type { FulfilResult } from '../sync/fulfil/fulfil-types.js';
import type { UnitFacts } from '../sync/fulfil/parcel.js';
import type { ServicePolicy } from '../sync/fulfil/service-policy.js';
import type { InventorySyncResult, SyncInventoryOptions } from '../sync/inventory/types.js';
import type { ExportCatalogOptions, ExportCatalogResult } from '../sync/onboarding/export-catalog.js';
import type {
  LinkDecision,
  LinkListingsOptions,
  LinkListingsResult,
  MatchListingsOptions,
  MatchListingsResult,
} from '../sync/onboarding/types.js';
import type { CarrierEventResult } from '../sync/orders/journey.js';
import type { OversellResolution } from '../sync/orders/oversell.js';
import type { PullOrdersOptions, PullOrdersResult } from '../sync/orders/pull-orders.js';
import type {
  CatalogInput,
  CategoryMap,
  OtherTenantListingsLookup,
  PublishImagePreparer,
  PublishOptions,
  PublishReport,
} from '../sync/publish/types.js';
import type { WebhookResult } from '../sync/webhooks/handle-webhook.js';
import type {
  WebhookHandlerOptions,
  WebhookRequest,
  WebhookResponse,
} from '../sync/webhooks/webhook-endpoint.js';

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
  images?: PublishImagePreparer | ImagePreparerOptions;
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
   * match: not hand-made, never proposed (`createHub` sets it). @default none
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

export type { PendingShipmentLookup } from '../sync/fulfil/catch-up-pending.js';

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
   * Validate, plan and publish a catalog to the marketplaces (docs/publish.md). Stock figures are applied as
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
   * marketplace (docs/inventory.md).
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
   * (OrderNotCancellableError: cancel the shipment at the carrier first). The order is re-read first: one
   * the marketplace reports shipped or holding a tracking number is refused, whoever shipped it.
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
  /**
   * A ready `(req, res)` endpoint for node:http, Express and Fastify (source = last URL path segment).
   * Called after `close()` it throws ConnectorClosedError; an endpoint made before `close()` answers later
   * deliveries 503 (retry later), so the platform delivers them again to the next connector. A marketplace
   * that cannot verify pushes (Shopee without `webhookUrl`) makes it throw a ConfigurationError naming
   * `marketplaces[i].webhookUrl` when it is made, not at the first push.
   */
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
