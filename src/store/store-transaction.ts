import type * as Carrier from '../platforms/carrier-state.js';
import type * as Market from '../platforms/marketplace-state.js';
import { StagedState } from './staged-state.js';
import type * as Store from './state-store.js';
import { DEFAULT_WEBHOOK_TTL_MS } from './store-data.js';
import {
  checkpointRecord,
  imageUploadRecord,
  intentRecord,
  invalidRecord,
  ledgerStateRecord,
  linkProposalRecord,
  listingRecord,
  marketplaceShipmentRecord,
  orderStateRecord,
  requireText,
  shipmentRecord,
  stockRecord,
} from './store-records.js';

interface WebhookEntry {
  expiresAtMs: number;
}

/** Tuple keys as JSON arrays: unambiguous whatever characters a SKU or account holds. */
function compositeKey(...parts: string[]): string {
  return JSON.stringify(parts);
}

/** Keeps the records of one platform account. */
function ofAccount(
  platform: string,
  account: string,
): (record: { platform: string; account: string }) => boolean {
  return (record) => record.platform === platform && record.account === account;
}

/**
 * Reads see the committed state overlaid with this transaction's own writes; writes are staged and
 * only reach the store when the transaction commits (so a throwing callback changes nothing).
 */
export class StagedTransaction extends StagedState implements Store.StoreOperations {
  // ---- listings -------------------------------------------------------------------------------

  async getListing(key: Store.ListingKey): Promise<Store.ListingRecord | undefined> {
    return this.read('listings', this.listingKey(key));
  }

  async putListing(input: Store.ListingInput): Promise<Store.ListingRecord> {
    const record = listingRecord(input, this.nowIso());
    return this.write('listings', this.listingKey(record), record);
  }

  async deleteListing(key: Store.ListingKey): Promise<boolean> {
    return this.remove('listings', this.listingKey(key));
  }

  async listListings(platform: string, account: string): Promise<Store.ListingRecord[]> {
    return this.list<Store.ListingRecord>('listings', ofAccount(platform, account));
  }

  // ---- image uploads ----------------------------------------------------------------------------

  async getImageUpload(key: Store.ImageUploadKey): Promise<Store.ImageUploadRecord | undefined> {
    return this.read('imageUploads', this.imageKey(key));
  }

  async putImageUpload(input: Store.ImageUploadInput): Promise<Store.ImageUploadRecord> {
    const record = imageUploadRecord(input, this.nowIso());
    return this.write('imageUploads', this.imageKey(record), record);
  }

  async deleteImageUpload(key: Store.ImageUploadKey): Promise<boolean> {
    return this.remove('imageUploads', this.imageKey(key));
  }

  async listImageUploads(platform: string, account: string): Promise<Store.ImageUploadRecord[]> {
    return this.list<Store.ImageUploadRecord>('imageUploads', ofAccount(platform, account));
  }

  // ---- publish intents --------------------------------------------------------------------------

  async getIntent(key: Store.ListingKey): Promise<Store.PublishIntent | undefined> {
    return this.read('intents', this.listingKey(key));
  }

  async putIntent(input: Store.PublishIntentInput): Promise<Store.PublishIntent> {
    const existing = this.read<Store.PublishIntent>('intents', this.listingKey(input));
    const record = intentRecord(input, existing, this.nowIso());
    return this.write('intents', this.listingKey(record), record);
  }

  async clearIntent(key: Store.ListingKey): Promise<boolean> {
    return this.remove('intents', this.listingKey(key));
  }

  async listIntents(filter: Store.IntentFilter = {}): Promise<Store.PublishIntent[]> {
    return this.list<Store.PublishIntent>(
      'intents',
      (r) =>
        (filter.platform === undefined || r.platform === filter.platform) &&
        (filter.account === undefined || r.account === filter.account) &&
        (filter.status === undefined || r.status === filter.status),
    );
  }

  // ---- order checkpoints ------------------------------------------------------------------------

  async getCheckpoint(platform: string, account: string): Promise<Store.OrderCheckpoint | undefined> {
    return this.read('checkpoints', compositeKey(platform, account));
  }

  async putCheckpoint(input: Store.OrderCheckpointInput): Promise<Store.OrderCheckpoint> {
    const record = checkpointRecord(input, this.nowIso());
    return this.write('checkpoints', compositeKey(record.platform, record.account), record);
  }

  async deleteCheckpoint(platform: string, account: string): Promise<boolean> {
    return this.remove('checkpoints', compositeKey(platform, account));
  }

  async listCheckpoints(): Promise<Store.OrderCheckpoint[]> {
    return this.list<Store.OrderCheckpoint>('checkpoints', () => true);
  }

  // ---- stock ledger -----------------------------------------------------------------------------

  async getStock(sku: string): Promise<Store.StockEntry | undefined> {
    return this.read('stock', sku);
  }

  async putStock(input: Store.StockEntryInput): Promise<Store.StockEntry> {
    const record = stockRecord(input, this.nowIso());
    return this.write('stock', record.sku, record);
  }

  async deleteStock(sku: string): Promise<boolean> {
    return this.remove('stock', sku);
  }

  async listStock(): Promise<Store.StockEntry[]> {
    return this.list<Store.StockEntry>('stock', () => true);
  }

  async updateStock(sku: string, update: Store.StockUpdater): Promise<Store.StockEntry | undefined> {
    const next = update(await this.getStock(sku));
    if (next === undefined) {
      await this.deleteStock(sku);
      return undefined;
    }
    if (next.sku !== sku) {
      throw invalidRecord(
        'sku',
        next.sku,
        `do updateStock(${sku}) trả về là của SKU khác`,
        `returned by updateStock(${sku}) is another SKU`,
      );
    }
    return this.putStock(next);
  }

  // ---- shipment references ----------------------------------------------------------------------

  async getShipment(reference: string): Promise<Carrier.CarrierShipmentRecord | undefined> {
    return this.read('shipments', reference);
  }

  async putShipment(input: Carrier.CarrierShipmentRecordInput): Promise<Carrier.CarrierShipmentRecord> {
    const record = shipmentRecord(input, this.nowIso());
    return this.write('shipments', record.reference, record);
  }

  async updateShipment(
    reference: string,
    update: Carrier.CarrierShipmentUpdater,
  ): Promise<Carrier.CarrierShipmentRecord | undefined> {
    const next = update(await this.getShipment(reference));
    if (next === undefined) {
      await this.deleteShipment(reference);
      return undefined;
    }
    if (next.reference !== reference) {
      throw invalidRecord(
        'reference',
        next.reference,
        `do updateShipment(${reference}) trả về là của mã tham chiếu khác`,
        `returned by updateShipment(${reference}) is another reference`,
      );
    }
    return this.putShipment(next);
  }

  async deleteShipment(reference: string): Promise<boolean> {
    return this.remove('shipments', reference);
  }

  async listShipments(): Promise<Carrier.CarrierShipmentRecord[]> {
    return this.list<Carrier.CarrierShipmentRecord>('shipments', () => true);
  }

  // ---- orders a marketplace adapter shipped ---------------------------------------------------

  async getMarketplaceShipment(
    key: Market.MarketplaceShipmentKey,
  ): Promise<Market.MarketplaceShipmentRecord | undefined> {
    return this.read('marketplaceShipments', compositeKey(key.platform, key.account, key.orderId));
  }

  async putMarketplaceShipment(
    input: Market.MarketplaceShipmentInput,
  ): Promise<Market.MarketplaceShipmentRecord> {
    const record = marketplaceShipmentRecord(input, this.nowIso());
    return this.write(
      'marketplaceShipments',
      compositeKey(record.platform, record.account, record.orderId),
      record,
    );
  }

  async deleteMarketplaceShipment(key: Market.MarketplaceShipmentKey): Promise<boolean> {
    return this.remove('marketplaceShipments', compositeKey(key.platform, key.account, key.orderId));
  }

  // ---- order states -----------------------------------------------------------------------------

  async getOrderState(key: Store.OrderStateKey): Promise<Store.OrderStateRecord | undefined> {
    return this.read('orders', compositeKey(key.platform, key.account, key.externalId));
  }

  async putOrderState(input: Store.OrderStateInput): Promise<Store.OrderStateRecord> {
    const record = orderStateRecord(input, this.nowIso());
    return this.write('orders', compositeKey(record.platform, record.account, record.externalId), record);
  }

  async deleteOrderState(key: Store.OrderStateKey): Promise<boolean> {
    return this.remove('orders', compositeKey(key.platform, key.account, key.externalId));
  }

  async listOrderStates(filter: Store.OrderStateFilter = {}): Promise<Store.OrderStateRecord[]> {
    return this.list<Store.OrderStateRecord>(
      'orders',
      (r) =>
        (filter.platform === undefined || r.platform === filter.platform) &&
        (filter.account === undefined || r.account === filter.account),
    );
  }

  // ---- ledger states ----------------------------------------------------------------------------

  async getLedgerState(sku: string): Promise<Store.LedgerStateRecord | undefined> {
    return this.read('ledger', sku);
  }

  async putLedgerState(input: Store.LedgerStateInput): Promise<Store.LedgerStateRecord> {
    const record = ledgerStateRecord(input, this.nowIso());
    return this.write('ledger', record.sku, record);
  }

  async deleteLedgerState(sku: string): Promise<boolean> {
    return this.remove('ledger', sku);
  }

  async listLedgerStates(): Promise<Store.LedgerStateRecord[]> {
    return this.list<Store.LedgerStateRecord>('ledger', () => true);
  }

  // ---- link proposals ---------------------------------------------------------------------------

  async getLinkProposal(key: Store.ListingKey): Promise<Store.LinkProposalRecord | undefined> {
    return this.read('proposals', this.listingKey(key));
  }

  async putLinkProposal(input: Store.LinkProposalInput): Promise<Store.LinkProposalRecord> {
    const record = linkProposalRecord(input, this.nowIso());
    return this.write('proposals', this.listingKey(record), record);
  }

  async deleteLinkProposal(key: Store.ListingKey): Promise<boolean> {
    return this.remove('proposals', this.listingKey(key));
  }

  async listLinkProposals(platform: string, account: string): Promise<Store.LinkProposalRecord[]> {
    return this.list<Store.LinkProposalRecord>('proposals', ofAccount(platform, account));
  }

  // ---- webhook dedupe ---------------------------------------------------------------------------

  async claimWebhook(key: string, options: Store.ClaimWebhookOptions = {}): Promise<boolean> {
    requireText('webhook key', key);
    const ttlMs = options.ttlMs ?? DEFAULT_WEBHOOK_TTL_MS;
    if (!(ttlMs > 0)) throw invalidRecord('ttlMs', ttlMs, 'phải > 0', 'must be > 0');
    const now = this.context.nowMs();
    const existing = this.read<WebhookEntry>('webhooks', key);
    if (existing !== undefined && existing.expiresAtMs > now) return false;
    this.pruneWebhooks(now);
    this.write<WebhookEntry>('webhooks', key, { expiresAtMs: now + ttlMs });
    return true;
  }

  async hasWebhook(key: string): Promise<boolean> {
    const existing = this.read<WebhookEntry>('webhooks', key);
    return existing !== undefined && existing.expiresAtMs > this.context.nowMs();
  }

  async releaseWebhook(key: string): Promise<boolean> {
    return this.remove('webhooks', key);
  }

  /**
   * Keeps the dedupe set bounded: only when full, drop expired keys, then the oldest, down to 90 %
   * of the cap so the O(n) scan happens once per many claims rather than on every one.
   */
  private pruneWebhooks(now: number): void {
    const committed = this.data.webhooks;
    if (committed.size < this.context.maxWebhookKeys) return;
    const target = Math.floor(this.context.maxWebhookKeys * 0.9);
    let size = committed.size;
    for (const [key, value] of committed) {
      if ((value as WebhookEntry).expiresAtMs <= now) {
        this.remove('webhooks', key);
        size--;
      }
    }
    for (const key of committed.keys()) {
      if (size <= target) break;
      if (this.has('webhooks', key)) {
        this.remove('webhooks', key);
        size--;
      }
    }
  }

  // ---- staging primitives -----------------------------------------------------------------------

  private listingKey(key: Store.ListingKey): string {
    return compositeKey(key.platform, key.account, key.sku);
  }

  private imageKey(key: Store.ImageUploadKey): string {
    return compositeKey(key.platform, key.account, key.contentHash);
  }
}
