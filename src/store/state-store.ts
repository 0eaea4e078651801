/**
 * StateStore — what ocop-connect remembers between runs.
 *
 * API summary (every method is async; records returned are copies, never live references):
 *
 *   listings      getListing(key) · putListing(input) · deleteListing(key) · listListings(platform, account)
 *                 key = { platform, account, sku }; record adds remoteListingId, variantRemoteIds
 *                 (our SKU → remote variant id), contentHash, updatedAt
 *   image uploads getImageUpload(key) · putImageUpload(input) · deleteImageUpload(key) · listImageUploads(platform, account)
 *                 key = { platform, account, contentHash }; record adds remoteImageId, url?, uploadedAt
 *   intents       getIntent(key) · putIntent(input) · clearIntent(key) · listIntents(filter?)
 *                 key = { platform, account, sku }; record adds intentId, status 'pending' | 'done',
 *                 operation, createdAt. putIntent and clearIntent are DURABLE: they resolve only after
 *                 the change is on disk, so "record the intent, then send the create" is crash-safe.
 *   checkpoints   getCheckpoint(platform, account) · putCheckpoint(input) · deleteCheckpoint(platform, account) · listCheckpoints()
 *                 record = { platform, account, cursor (opaque string), updatedAt }
 *   stock ledger  getStock(sku) · putStock(input) · deleteStock(sku) · listStock() · updateStock(sku, fn)
 *                 record = { sku, onHand, reserved, updatedAt } (integers ≥ 0)
 *   shipments     getShipment(reference) · putShipment(input) · deleteShipment(reference) · listShipments()
 *                 · updateShipment(reference, fn)
 *                 record = { reference, carrier?, account?, waybill?, status, carrierStatus?, rawStatus?,
 *                 lastEventAt?, lastEventClamped?, pendingSince?, spent?, cancelPendingSince?, cancelCaseId?, carrierChoice?, carrierService?,
 *                 requestFingerprint?,
 *                 updatedAt }; writes are DURABLE. `status` is the
 *                 sync engine's step; carrierStatus … spent are kept by the carrier adapter (its store option)
 *   marketplace   getMarketplaceShipment(key) · putMarketplaceShipment(input) · deleteMarketplaceShipment(key)
 *   shipments     key = { platform, account, orderId }; record adds carrier, trackingNumber, updatedAt: what
 *                 a marketplace adapter shipped and the platform does not keep (Shopee: the carrier named
 *                 in markShipped). Writes are DURABLE. Pass the store as the adapter's `store` option.
 *   order states  getOrderState(key) · putOrderState(input) · deleteOrderState(key) · listOrderStates(filter?)
 *                 key = { platform, account, externalId }; record adds `state` (a JSON object the order engine
 *                 in src/sync/orders owns and validates: a record it cannot read is a StoreCorruptError)
 *   ledger states getLedgerState(sku) · putLedgerState(input) · deleteLedgerState(sku) · listLedgerStates()
 *                 record = { sku, state (JSON object owned by src/sync/inventory), updatedAt }
 *   link proposals getLinkProposal(key) · putLinkProposal(input) · deleteLinkProposal(key) · listLinkProposals(platform, account)
 *                 key = ListingKey (the catalog product); record adds `pending` (listings `match` proposed
 *                 for it, not yet linked or rejected) and `rejected` (listing ids a person said are not
 *                 it), updatedAt. `publish` holds back the create of a product with pending proposals.
 *   webhooks      claimWebhook(key, { ttlMs? }) → true the first time a delivery key is seen, false for a
 *                 duplicate · hasWebhook(key) · releaseWebhook(key) (undo a claim when applying failed).
 *                 Bounded: keys expire after ttlMs and the oldest are dropped past maxWebhookKeys.
 *   atomicity     transaction(fn, { durable? }) runs fn(tx) alone against the store (tx has every method
 *                 above except transaction/flush/close); its writes apply all together when fn resolves,
 *                 none when it throws. Inside fn use tx, not the store (that would wait for fn itself:
 *                 it rejects with NestedTransactionError instead). Never await network calls inside fn.
 *   lifecycle     flush() makes every write so far durable · close() flushes and releases the folder lock.
 *
 * Timestamps (updatedAt, uploadedAt, createdAt) are ISO-8601 UTC strings stamped by the store's clock
 * (`nowMs` option) on every write; timestamps passed in are ignored, so `put({ ...existing, x })` is safe.
 * put*() returns the stored record; delete*() / clearIntent() return whether something was removed.
 * Invalid input (empty key part, non-integer or negative stock) rejects with InvalidRecordError, and so
 * does a wrong-typed argument (a key or record that is not an object, …: store-arguments.ts, one table
 * for every store), before anything is read or written.
 *
 * Implementations: createMemoryStore(options?) → MemoryStore (tests), and
 * `await createFileStore({ dir = '.ocop-connect', flushDelayMs = 50, compactThresholdBytes = 4 MiB })`
 * → FileStore (embedded default; one process per folder, else StoreLockedError naming the other pid).
 * Both accept `nowMs` (clock) and `maxWebhookKeys`. FileTokenStore keeps core auth tokens (mode 0600).
 */

import type {
  CarrierShipmentRecord,
  CarrierShipmentRecordInput,
  CarrierShipmentUpdater,
} from '../platforms/carrier-state.js';
import type {
  MarketplaceShipmentInput,
  MarketplaceShipmentKey,
  MarketplaceShipmentRecord,
} from '../platforms/marketplace-state.js';

/** Identifies one product (by our SKU) on one account of one platform. */
export interface ListingKey {
  platform: string;
  account: string;
  sku: string;
}

export interface ListingRecord extends ListingKey {
  /** The platform's id of the listing (product) created for this SKU. */
  remoteListingId: string;
  /** Our variant SKU → the platform's variant / model id. Empty when the listing has no variants. */
  variantRemoteIds: Record<string, string>;
  /** Hash of the canonical content last published; equal hash → nothing to update. */
  contentHash: string;
  /** ISO-8601 UTC. */
  updatedAt: string;
}

/** Timestamps are the store's: it stamps them from its clock on every write (any given are ignored). */
export type ListingInput = Omit<ListingRecord, 'updatedAt' | 'variantRemoteIds'> & {
  variantRemoteIds?: Record<string, string>;
};

export interface ImageUploadKey {
  platform: string;
  account: string;
  /** sha256 hex of the prepared image bytes (PreparedImage.contentHash). */
  contentHash: string;
}

export interface ImageUploadRecord extends ImageUploadKey {
  remoteImageId: string;
  url?: string;
  /** ISO-8601 UTC. */
  uploadedAt: string;
}

export type ImageUploadInput = Omit<ImageUploadRecord, 'uploadedAt'>;

export type IntentStatus = 'pending' | 'done';

export interface PublishIntent extends ListingKey {
  /** Deterministic reference of the logical write, reused on every retry. */
  intentId: string;
  status: IntentStatus;
  /** What was about to be sent; recovery looks the SKU up before repeating a create. */
  operation: 'create' | 'update';
  /** ISO-8601 UTC. */
  createdAt: string;
}

export type PublishIntentInput = Omit<PublishIntent, 'createdAt' | 'status' | 'operation'> & {
  /** @default 'pending' */
  status?: IntentStatus;
  /** @default 'create' */
  operation?: 'create' | 'update';
};

export interface IntentFilter {
  platform?: string;
  account?: string;
  status?: IntentStatus;
}

export interface OrderCheckpoint {
  platform: string;
  account: string;
  /** Opaque to the store: a page cursor or an ISO time, as the adapter chooses. */
  cursor: string;
  /** ISO-8601 UTC. */
  updatedAt: string;
}

export type OrderCheckpointInput = Omit<OrderCheckpoint, 'updatedAt'>;

export interface StockEntry {
  sku: string;
  /** Units physically held by the cooperative. Integer ≥ 0. */
  onHand: number;
  /** Units promised to orders not yet shipped. Integer ≥ 0. */
  reserved: number;
  /** ISO-8601 UTC. */
  updatedAt: string;
}

export type StockEntryInput = Omit<StockEntry, 'updatedAt'>;

/** Receives the current entry (undefined if none) and returns the next one (undefined deletes). */
export type StockUpdater = (current: StockEntry | undefined) => StockEntryInput | undefined;

/** Identifies one marketplace order: platform + account + the platform's order id. */
export interface OrderStateKey {
  platform: string;
  account: string;
  externalId: string;
}

/** The order engine's own record of one order (src/sync/orders reads `state` with a schema). */
export interface OrderStateRecord extends OrderStateKey {
  /** JSON object; its shape belongs to the order engine. */
  state: Record<string, unknown>;
  /** ISO-8601 UTC. */
  updatedAt: string;
}

export type OrderStateInput = Omit<OrderStateRecord, 'updatedAt'>;

export interface OrderStateFilter {
  platform?: string;
  account?: string;
}

/** The inventory engine's own record of one SKU beside its stock entry (last count, what each platform shows). */
export interface LedgerStateRecord {
  sku: string;
  /** JSON object; its shape belongs to the inventory engine. */
  state: Record<string, unknown>;
  /** ISO-8601 UTC. */
  updatedAt: string;
}

export type LedgerStateInput = Omit<LedgerStateRecord, 'updatedAt'>;

/** One listing `match` proposed for a catalog product, awaiting a person's decision. */
export interface PendingLinkProposal {
  remoteId: string;
  title: string;
  /** 0–1, as the matcher reported it. */
  confidence: number;
  /** Scored below `minConfidence` (a `candidate`, not a proposal): held all the same until decided. */
  belowThreshold?: boolean;
}

/**
 * What onboarding remembers about one catalog product on one account: the listings proposed for it that
 * nobody has decided on yet (`publish` does not create the product while any remain), and the listings a
 * person said are not it (`match` never proposes them again as pending).
 */
export interface LinkProposalRecord extends ListingKey {
  pending: PendingLinkProposal[];
  rejected: string[];
  /** ISO-8601 UTC. */
  updatedAt: string;
}

export type LinkProposalInput = Omit<LinkProposalRecord, 'updatedAt'>;

export interface ClaimWebhookOptions {
  /** How long the key is remembered. @default DEFAULT_WEBHOOK_TTL_MS (7 days) */
  ttlMs?: number;
}

export interface TransactionOptions {
  /** Resolve only after the transaction is on disk. Intents, shipments and order states always are. @default false */
  durable?: boolean;
}

/** Everything readable and writable inside a transaction. */
export interface StoreOperations {
  getListing(key: ListingKey): Promise<ListingRecord | undefined>;
  putListing(input: ListingInput): Promise<ListingRecord>;
  deleteListing(key: ListingKey): Promise<boolean>;
  listListings(platform: string, account: string): Promise<ListingRecord[]>;

  getImageUpload(key: ImageUploadKey): Promise<ImageUploadRecord | undefined>;
  putImageUpload(input: ImageUploadInput): Promise<ImageUploadRecord>;
  deleteImageUpload(key: ImageUploadKey): Promise<boolean>;
  listImageUploads(platform: string, account: string): Promise<ImageUploadRecord[]>;

  getIntent(key: ListingKey): Promise<PublishIntent | undefined>;
  putIntent(input: PublishIntentInput): Promise<PublishIntent>;
  clearIntent(key: ListingKey): Promise<boolean>;
  listIntents(filter?: IntentFilter): Promise<PublishIntent[]>;

  getCheckpoint(platform: string, account: string): Promise<OrderCheckpoint | undefined>;
  putCheckpoint(input: OrderCheckpointInput): Promise<OrderCheckpoint>;
  deleteCheckpoint(platform: string, account: string): Promise<boolean>;
  listCheckpoints(): Promise<OrderCheckpoint[]>;

  getStock(sku: string): Promise<StockEntry | undefined>;
  putStock(input: StockEntryInput): Promise<StockEntry>;
  deleteStock(sku: string): Promise<boolean>;
  listStock(): Promise<StockEntry[]>;
  /** Atomic read-modify-write of one ledger entry; returns the stored entry (undefined if deleted). */
  updateStock(sku: string, update: StockUpdater): Promise<StockEntry | undefined>;

  getShipment(reference: string): Promise<CarrierShipmentRecord | undefined>;
  putShipment(input: CarrierShipmentRecordInput): Promise<CarrierShipmentRecord>;
  deleteShipment(reference: string): Promise<boolean>;
  listShipments(): Promise<CarrierShipmentRecord[]>;
  /**
   * Atomic read-modify-write of one shipment record (two processes applying webhooks and a cron run
   * never lose each other's fields); returns the stored record (undefined if deleted).
   */
  updateShipment(
    reference: string,
    update: CarrierShipmentUpdater,
  ): Promise<CarrierShipmentRecord | undefined>;

  /** Orders a marketplace adapter shipped (the carrier the platform does not keep); writes are durable. */
  getMarketplaceShipment(key: MarketplaceShipmentKey): Promise<MarketplaceShipmentRecord | undefined>;
  putMarketplaceShipment(input: MarketplaceShipmentInput): Promise<MarketplaceShipmentRecord>;
  deleteMarketplaceShipment(key: MarketplaceShipmentKey): Promise<boolean>;

  getOrderState(key: OrderStateKey): Promise<OrderStateRecord | undefined>;
  putOrderState(input: OrderStateInput): Promise<OrderStateRecord>;
  deleteOrderState(key: OrderStateKey): Promise<boolean>;
  listOrderStates(filter?: OrderStateFilter): Promise<OrderStateRecord[]>;

  getLedgerState(sku: string): Promise<LedgerStateRecord | undefined>;
  putLedgerState(input: LedgerStateInput): Promise<LedgerStateRecord>;
  deleteLedgerState(sku: string): Promise<boolean>;
  listLedgerStates(): Promise<LedgerStateRecord[]>;

  getLinkProposal(key: ListingKey): Promise<LinkProposalRecord | undefined>;
  putLinkProposal(input: LinkProposalInput): Promise<LinkProposalRecord>;
  deleteLinkProposal(key: ListingKey): Promise<boolean>;
  listLinkProposals(platform: string, account: string): Promise<LinkProposalRecord[]>;

  /** Records a webhook delivery key; true when seen for the first time (apply it), false for a duplicate. */
  claimWebhook(key: string, options?: ClaimWebhookOptions): Promise<boolean>;
  hasWebhook(key: string): Promise<boolean>;
  /** Forgets a claimed key so a redelivery is applied (call when applying the event failed). */
  releaseWebhook(key: string): Promise<boolean>;
}

export interface StateStore extends StoreOperations {
  /** 'memory', 'file', … — for logs and reports. */
  readonly kind: string;
  transaction<T>(fn: (tx: StoreOperations) => Promise<T> | T, options?: TransactionOptions): Promise<T>;
  /** Resolves once every write made so far is durable. */
  flush(): Promise<void>;
  /** Flushes, then releases resources (the folder lock for FileStore). Further calls reject. */
  close(): Promise<void>;
}
