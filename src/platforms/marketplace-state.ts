/**
 * What a marketplace adapter keeps about orders it shipped, between runs, and the slice of the
 * project's StateStore it needs to keep it (`marketplaceShipments` records). Declared here, below the
 * store layer, so adapters depend on this interface only; a StateStore (createMemoryStore /
 * createFileStore / the Postgres store) is one.
 *
 * Why: some platforms do not keep the carrier the seller named. Shopee's `ship_order` (own carrier)
 * takes a tracking number only, and its order detail then names the order's logistics channel
 * ('SPX Express'): the carrier that really carries the parcel is known only to us, and must survive
 * the process that shipped it.
 */

/** One shipped order of one account of one platform. */
export interface MarketplaceShipmentKey {
  platform: string;
  account: string;
  /** The platform's order id (Shopee `order_sn`). */
  orderId: string;
}

export interface MarketplaceShipmentRecord extends MarketplaceShipmentKey {
  /** The carrier the caller named in `markShipped` (canonical, e.g. 'viettelpost'). */
  carrier: string;
  trackingNumber: string;
  /** ISO-8601 UTC, stamped by the store. */
  updatedAt: string;
}

export type MarketplaceShipmentInput = Omit<MarketplaceShipmentRecord, 'updatedAt'>;

/** The store operations a marketplace adapter uses. Writes are durable before they resolve. */
export interface MarketplaceShipmentStore {
  getMarketplaceShipment(key: MarketplaceShipmentKey): Promise<MarketplaceShipmentRecord | undefined>;
  putMarketplaceShipment(input: MarketplaceShipmentInput): Promise<MarketplaceShipmentRecord>;
}

/** Keeps records in this process only (lost on exit): the default when an adapter is given no store. */
export function createMemoryMarketplaceShipmentStore(
  nowMs: () => number = Date.now,
): MarketplaceShipmentStore {
  const records = new Map<string, MarketplaceShipmentRecord>();
  const keyOf = (key: MarketplaceShipmentKey) => JSON.stringify([key.platform, key.account, key.orderId]);
  return {
    async getMarketplaceShipment(key) {
      const record = records.get(keyOf(key));
      return record ? { ...record } : undefined;
    },
    async putMarketplaceShipment(input) {
      const record: MarketplaceShipmentRecord = {
        platform: input.platform,
        account: input.account,
        orderId: input.orderId,
        carrier: input.carrier,
        trackingNumber: input.trackingNumber,
        updatedAt: new Date(nowMs()).toISOString(),
      };
      records.set(keyOf(record), record);
      return { ...record };
    },
  };
}
