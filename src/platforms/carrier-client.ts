import type { AuthStrategy } from '../core/auth/types.js';
import { createPlatformClient } from '../core/platform-client.js';
import type { RedactionRules } from '../core/redact.js';
import type { PlatformClient, PlatformErrorMapper } from '../core/types.js';
import type { ResolvedCarrierPipelineOptions } from './carrier-options.js';

/**
 * The request pipeline of a carrier adapter: its resolved options (account, base URL, limits, limiter,
 * logger, timeout, retry) plus what is the carrier's own — its error mapping, auth and the credential
 * fields to redact.
 */
export function createCarrierClient(
  options: ResolvedCarrierPipelineOptions & { account: string; baseUrl: string },
  carrier: {
    platform: string;
    mapError: PlatformErrorMapper;
    auth: AuthStrategy;
    redaction: Partial<RedactionRules>;
    legacyTlsRenegotiation?: boolean;
  },
): PlatformClient {
  return createPlatformClient({
    platform: carrier.platform,
    account: options.account,
    baseUrl: options.baseUrl,
    mapError: carrier.mapError,
    auth: carrier.auth,
    rateLimits: options.rateLimits,
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(carrier.legacyTlsRenegotiation !== undefined
      ? { legacyTlsRenegotiation: carrier.legacyTlsRenegotiation }
      : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    redaction: carrier.redaction,
  });
}
