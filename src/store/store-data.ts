/** The store's committed state: one map per namespace, and the change format its journals share. */

export const NAMESPACES = [
  'listings',
  'imageUploads',
  'intents',
  'checkpoints',
  'stock',
  'shipments',
  'webhooks',
  'orders',
  'ledger',
  'proposals',
  'marketplaceShipments',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Writes to these namespaces must be on disk before the caller goes on to talk to a platform. */
export const DURABLE_NAMESPACES: ReadonlySet<Namespace> = new Set<Namespace>([
  'intents',
  'shipments',
  'orders',
  'marketplaceShipments',
]);

/** Committed state: one map per namespace, key → JSON-compatible record. Insertion order = age. */
export type StoreData = Record<Namespace, Map<string, unknown>>;

/** One change: value `null` deletes the key. Also the journal's line format. */
export type StoreOp = [namespace: Namespace, key: string, value: unknown];

export const DEFAULT_WEBHOOK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_WEBHOOK_KEYS = 100_000;

export interface TransactionContext {
  nowMs: () => number;
  maxWebhookKeys: number;
}

export function createEmptyData(): StoreData {
  return Object.fromEntries(NAMESPACES.map((ns) => [ns, new Map<string, unknown>()])) as StoreData;
}
