import type { Logger, MarketplaceAdapter, MemoryTokenStore, OrderStatus } from 'ocop-connect';
import type { MarketplaceProfileOverride } from 'ocop-connect/marketplace';
import type { ContractSandbox } from './contract-sandbox.js';

/** Per-test adapter settings; a harness maps them onto its own adapter's options. */
export interface ContractAdapterSettings {
  tokenStore?: MemoryTokenStore;
  logger?: Logger;
  /** The adapter's clock. */
  now?: () => number;
  /** Credentials the platform refuses (a wrong password, a revoked token ...). */
  wrongCredentials?: boolean;
  /** A webhook secret other than the platform's. */
  wrongWebhookSecret?: boolean;
  /** The webhook callback URL registered with the platform. */
  webhookUrl?: string;
  /** Profile override (profile-driven adapters; `capabilities.profileOverride`). */
  profile?: MarketplaceProfileOverride;
}

/**
 * Which groups of cases apply, besides what `adapter.capabilities` declares (listing review, webhooks,
 * price updates, listing download are read from the adapter itself); a case that does not apply is skipped.
 */
export interface MarketplaceContractCapabilities {
  /** The platform can be made to refuse the current token (`expireToken`). */
  tokenExpiry: boolean;
  /** `getCategories` / `getCategoryAttributes` read a tree with a food leaf that has ≥ 3 required attributes. */
  categoryAttributes: boolean;
  /** `uploadImage` stores the bytes (`sandbox.state.imageBytes`). */
  imageUpload: boolean;
  /** `listOrders` over windows and cursors. */
  orders: boolean;
  /** `getOrder`, `confirmOrder`, `cancelOrder`, `markShipped`. */
  fulfilment: boolean;
  /** The adapter takes a `profile` override (`ContractAdapterSettings.profile`): profile-driven adapters. */
  profileOverride: boolean;
}

/** How {@link defineMarketplaceContract} reaches your adapter and your platform's sandbox. */
export interface MarketplaceContractOptions<S extends ContractSandbox> {
  /** The adapter's `platform` (also the suite's title). */
  platform: string;
  /** Starts a fresh sandbox for each case, on the clock given (the suite jumps it to expire tokens). */
  startSandbox: (options: { now: () => number; review?: { mode: 'manual' } }) => Promise<S>;
  /** Your adapter factory, pointed at the sandbox: a plain MarketplaceAdapter, nothing beyond the interface is used. */
  createAdapter: (sandbox: S, settings: ContractAdapterSettings) => MarketplaceAdapter;
  /** Makes the platform refuse the current access token (clock jump, expiry ...). */
  expireToken: (sandbox: S, jumpClockMs: (ms: number) => void) => void;
  /** Secrets that must never appear in logs or errors (passwords, partner keys ...). */
  secretsOf: (sandbox: S) => string[];
  capabilities: MarketplaceContractCapabilities;
  /** A leaf category with required attributes (food), and its parent. */
  leafCategoryId: string;
  parentCategoryId: string;
  /** Canonical status of a fresh COD order (platforms without seller confirmation: CONFIRMED). */
  newOrderStatus: OrderStatus;
  /** Canonical status after `markShipped` (Voso ships straight to SHIPPED, Postmart waits for pickup). */
  shippedStatus: OrderStatus;
  /** The canonical carrier `markShipped` reports, and the carrier code the platform then holds. */
  shippedCarrier: string;
  shippedCarrierCode: string;
  /** Header of webhook signatures. */
  webhookSignatureHeader: string;
  /** Time allowed to each case, ms (45 orders are paged over loopback HTTP). @default 30000 */
  testTimeoutMs?: number;
}

/** Default time allowed to one case of the suite, ms. */
export const DEFAULT_CONTRACT_TEST_TIMEOUT_MS = 30_000;
