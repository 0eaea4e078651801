import { productOffers } from '../../src/model/product.js';
import type {
  ItemResult,
  ListingDraft,
  MarketplaceAdapter,
  RemoteListing,
  StockUpdate,
} from '../../src/platforms/types.js';

/** Every category hint of `makeProduct` → the fake marketplace's one category. */
export const FAKE_CATEGORIES = {
  fake: {
    'mat-ong': { categoryId: '1' },
    gao: { categoryId: '1' },
    'nuoc-mam': { categoryId: '1' },
    tra: { categoryId: '1' },
  },
};

/**
 * An in-memory marketplace for engine tests that need thousands of listings in milliseconds (the
 * sandboxes cover the HTTP behaviour). Only listing, stock and price calls are implemented.
 */
export function fakeMarketplace(platform = 'fake') {
  const listings = new Map<string, RemoteListing>();
  const calls = { create: 0, update: 0, setStock: 0, setPrice: 0, stockItems: 0 };
  const unused = (name: string) => () => {
    throw new Error(`${name} is not used by the publish engine tests`);
  };
  const toRemote = (draft: ListingDraft, remoteId: string): RemoteListing => ({
    platform,
    remoteId,
    sku: draft.product.sku,
    title: draft.product.name,
    review: 'APPROVED',
    variants: productOffers(draft.product).map((o, i) => ({
      sku: o.sku,
      remoteId: `${remoteId}-${i}`,
      priceVnd: o.priceVnd,
      stock: o.stock,
    })),
  });
  let onStock: ((updates: readonly StockUpdate[]) => void) | undefined;
  const adapter: MarketplaceAdapter = {
    platform,
    account: 'test',
    capabilities: {
      maxVariantTiers: 2,
      idempotentCreate: false,
      bulkStock: true,
      maxStockBatch: 50,
      priceUpdate: true,
      listingReview: false,
      webhooks: false,
      maxOrderWindowMs: 86_400_000,
    },
    listingRules: {
      titleMaxChars: 255,
      descriptionMaxChars: 5000,
      requiredAttributes: [],
      image: {
        minWidth: 1,
        minHeight: 1,
        maxWidth: 4000,
        maxHeight: 4000,
        aspect: 'any',
        background: '#ffffff',
        formats: ['jpeg'],
        maxBytes: 5_000_000,
        minCount: 0,
        maxCount: 9,
      },
    },
    checkListing: () => [],
    resolveAttributes: (product, mapping) => ({ ...(mapping?.attributes ?? {}), ...product.attributes }),
    getCategories: async () => [],
    getCategoryAttributes: async () => [],
    uploadImage: unused('uploadImage'),
    findListingBySku: async (sku) => listings.get(sku),
    createListing: async (draft) => {
      calls.create++;
      const remote = toRemote(draft, String(listings.size + 1));
      listings.set(draft.product.sku, remote);
      return remote;
    },
    updateListing: async (remoteId, draft) => {
      calls.update++;
      return toRemote(draft, remoteId);
    },
    // What the shop holds (publish counts it before the first create on an account it knows nothing of).
    listListings: async function* () {
      yield* listings.values();
    },
    setStock: async (updates): Promise<ItemResult[]> => {
      calls.setStock++;
      // A real bulk call takes a while; without that, nothing could ever pile up.
      await new Promise((r) => setTimeout(r, 1));
      calls.stockItems += updates.length;
      onStock?.(updates);
      return updates.map((u) => ({ sku: u.sku, ok: true }));
    },
    setPrice: async (updates): Promise<ItemResult[]> => {
      calls.setPrice++;
      return updates.map((u) => ({ sku: u.sku, ok: true }));
    },
    listOrders: unused('listOrders'),
    getOrder: unused('getOrder'),
    confirmOrder: unused('confirmOrder'),
    cancelOrder: unused('cancelOrder'),
    markShipped: unused('markShipped'),
    verifyWebhook: () => false,
    parseWebhook: unused('parseWebhook'),
    close: async () => {},
  };
  return {
    adapter,
    calls,
    listings,
    onStock(listener: (updates: readonly StockUpdate[]) => void) {
      onStock = listener;
    },
  };
}
