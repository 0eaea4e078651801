import type { ContractAdapterSettings } from 'ocop-connect/testing';
import type {
  MarketplaceAdapterOptions,
  ProfileMarketplaceAdapter,
} from '../../src/platforms/marketplace/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';

const fastRetry = { initialDelayMs: 5, maxDelayMs: 50, maxElapsedMs: 5000 };

/** createAdapter for the login-token profile adapters (Voso, Postmart) against their sandboxes. */
export function loginProfileHarness(
  factory: (options: MarketplaceAdapterOptions) => ProfileMarketplaceAdapter,
  extraCredentials: (sandbox: MarketplaceSandbox) => Record<string, string> = () => ({}),
) {
  return (sandbox: MarketplaceSandbox, settings: ContractAdapterSettings) =>
    factory({
      credentials: {
        username: sandbox.credentials.username,
        password: settings.wrongCredentials ? 'sai-mat-khau' : sandbox.credentials.password,
        ...extraCredentials(sandbox),
      },
      baseUrl: sandbox.baseUrl,
      webhookSecret: settings.wrongWebhookSecret ? 'not-the-secret' : sandbox.credentials.webhookSecret,
      retry: fastRetry,
      ...(settings.tokenStore ? { tokenStore: settings.tokenStore } : {}),
      ...(settings.logger ? { logger: settings.logger } : {}),
      ...(settings.now ? { now: settings.now } : {}),
      ...(settings.profile ? { profile: settings.profile } : {}),
    });
}
