import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryTokenStore } from '../../../src/core/auth/token-store.js';
import type { AuthToken } from '../../../src/core/auth/types.js';
import {
  AuthenticationError,
  ConfigurationError,
  OcopConnectError,
  ServerError,
} from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/logger.js';
import type {
  MarketplaceAdapterOptions,
  ProfileMarketplaceAdapter,
} from '../../../src/platforms/marketplace/index.js';
import { postmart } from '../../../src/platforms/postmart/index.js';
import { voso } from '../../../src/platforms/voso/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';
import type {
  MarketplaceSandbox,
  MarketplaceSandboxOptions,
} from '../../../src/sandbox/marketplace/types.js';
import { honeyProduct, jpegUpload } from '../../contract/fixtures.js';

/** A token store that remembers every token the adapter was ever issued (the secrets to look for). */
class RecordingTokenStore extends MemoryTokenStore {
  readonly issued = new Set<string>();
  override async set(key: string, token: AuthToken): Promise<void> {
    this.issued.add(token.value);
    if (token.refreshToken) this.issued.add(token.refreshToken);
    await super.set(key, token);
  }
}

interface Platform {
  name: 'voso' | 'postmart';
  factory: (options: MarketplaceAdapterOptions) => ProfileMarketplaceAdapter;
  startSandbox: (options?: MarketplaceSandboxOptions) => Promise<MarketplaceSandbox>;
  extraCredentials: Record<string, string>;
  /** The header the platform reads the token from, as the profile spells it. */
  tokenHeader: string;
  /** The login body's password field. */
  passwordField: string;
  leafCategoryId: string;
}

const PLATFORMS: Platform[] = [
  {
    name: 'voso',
    factory: voso,
    startSandbox: startVosoSandbox,
    extraCredentials: {},
    tokenHeader: 'Token',
    passwordField: 'PASSWORD',
    leafCategoryId: '1001',
  },
  {
    name: 'postmart',
    factory: postmart,
    startSandbox: startPostmartSandbox,
    extraCredentials: { customerCode: 'C000368268' },
    tokenHeader: 'token',
    passwordField: 'password',
    leafCategoryId: '2001',
  },
];

const PASSWORD = 'Mat-Khau-HTX-Thu-Nghiem-2026!';
const WRONG_PASSWORD = 'Sai-Mat-Khau-9988776655';
const WEBHOOK_SECRET = 'whsec-HTX-Meo-Vac-0123456789';

function captureLogs() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines };
}

/** Every way an error can be printed, logged or shipped to an error tracker, cause chain included. */
function everythingAbout(error: unknown): string {
  const parts = [String(error), inspect(error, { depth: 10 })];
  try {
    parts.push(JSON.stringify(error));
  } catch (e) {
    parts.push(`JSON.stringify failed: ${String(e)}`);
  }
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    if (current instanceof OcopConnectError) parts.push(JSON.stringify(current.toJSON()));
    if (current instanceof Error) {
      parts.push(current.message, current.stack ?? '');
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.join('\n');
}

describe.each(PLATFORMS)('$name adapter: secrets never reach logs or errors', (platform) => {
  let sandbox: MarketplaceSandbox | undefined;
  const adapters: ProfileMarketplaceAdapter[] = [];
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((a) => a.close()));
    await sandbox?.close();
    sandbox = undefined;
  });

  it('login, create, wrong password, 5xx storm, token expiry and a forged webhook leak nothing', async () => {
    let clockOffsetMs = 0;
    const box = await platform.startSandbox({
      credentials: { password: PASSWORD, webhookSecret: WEBHOOK_SECRET },
      now: () => Date.now() + clockOffsetMs,
      // Throttling is not under test here: keep the run fast.
      rateLimitRps: false,
    });
    sandbox = box;
    const { logger, lines } = captureLogs();
    const tokenStore = new RecordingTokenStore();
    const make = (password: string, extra: Partial<MarketplaceAdapterOptions> = {}) => {
      const adapter = platform.factory({
        credentials: { username: box.credentials.username, password, ...platform.extraCredentials },
        baseUrl: box.baseUrl,
        webhookSecret: WEBHOOK_SECRET,
        logger,
        retry: { retries: 2, initialDelayMs: 1, maxDelayMs: 5, jitter: 'none' },
        rateLimits: { auth: { requestsPerSecond: 100 }, shared: { requestsPerSecond: 100 } },
        ...extra,
      });
      adapters.push(adapter);
      return adapter;
    };
    const errors: unknown[] = [];
    const caught = (e: unknown) => {
      errors.push(e);
      return e;
    };

    // 1. Successful login + listing create.
    const adapter = make(PASSWORD, { tokenStore });
    const product = honeyProduct('SEC');
    const image = await adapter.uploadImage(await jpegUpload());
    const created = await adapter.createListing({
      product,
      categoryId: platform.leafCategoryId,
      attributes: adapter.resolveAttributes(product, { categoryId: platform.leafCategoryId }),
      imageIds: [image.imageId],
    });
    expect(box.state.listingBySku('SEC-MO')?.id).toBe(Number(created.remoteId));
    expect(box.stats.requests.login).toBe(1);

    // 2. Wrong password: one login, refused.
    const refused = await make(WRONG_PASSWORD).findListingBySku('SEC-MO').catch(caught);
    expect(refused).toBeInstanceOf(AuthenticationError);

    // 3. 5xx storm: every request fails, for an authenticated call and for a login.
    box.setFaults({ serverErrorRate: 1, failStatus: 500 });
    const stormed = await adapter.findListingBySku('SEC-MO').catch(caught);
    expect(stormed).toBeInstanceOf(ServerError);
    const stormedLogin = await make(PASSWORD).getCategories().catch(caught);
    expect(stormedLogin).toBeInstanceOf(ServerError);
    expect(box.stats.injectedErrors).toBeGreaterThanOrEqual(6);
    box.setFaults({});

    // 4. The platform expires the token; the adapter logs in again once and succeeds.
    clockOffsetMs = 2 * 86_400_000;
    expect((await adapter.findListingBySku('SEC-MO'))?.remoteId).toBe(created.remoteId);
    expect(tokenStore.issued.size).toBe(2);

    // 5. A forged webhook: refused, and a body that is not an event throws.
    const forgedBody = JSON.stringify({ forged: true, secret: 'guess' });
    const forgedHeaders = {
      [platform.tokenHeader]: [...tokenStore.issued][0]!,
      'X-Voso-Signature': 'ab'.repeat(32),
      'X-Postmart-Signature': 'cd'.repeat(32),
      'X-Voso-Timestamp': String(Math.floor(Date.now() / 1000)),
    };
    expect(adapter.verifyWebhook(forgedBody, forgedHeaders)).toBe(false);
    expect(() => adapter.parseWebhook(forgedBody)).toThrow(OcopConnectError);
    try {
      adapter.parseWebhook('not json');
    } catch (e) {
      caught(e);
    }
    try {
      adapter.parseWebhook(forgedBody);
    } catch (e) {
      caught(e);
    }

    // 6. Options refused at construction still carry the credentials and the webhook secret.
    try {
      make(PASSWORD, { timeoutMs: -1, account: '' });
    } catch (e) {
      caught(e);
    }
    expect(errors.at(-1)).toBeInstanceOf(ConfigurationError);

    const secrets = [PASSWORD, WRONG_PASSWORD, WEBHOOK_SECRET, ...tokenStore.issued];
    expect(tokenStore.issued.size).toBe(2);
    for (const token of tokenStore.issued) expect(token.length).toBeGreaterThanOrEqual(8);
    expect(errors.length).toBe(6);
    expect(errors.every((e) => e instanceof OcopConnectError)).toBe(true);

    // The scan is meaningful: the log holds the login and authenticated requests with their
    // credential fields present but redacted.
    const logged = lines.join('\n');
    expect(lines.length).toBeGreaterThan(10);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const starts = entries.filter((e) => e.event === 'request.start') as Array<{
      operation: string;
      headers: Record<string, string>;
      body?: Record<string, unknown>;
    }>;
    const logins = starts.filter((e) => e.operation === 'login');
    expect(logins.length).toBeGreaterThanOrEqual(4);
    for (const login of logins) expect(login.body?.[platform.passwordField]).toBe('[REDACTED]');
    const authenticated = starts.filter((e) => e.operation === 'getListingBySku');
    expect(authenticated.length).toBeGreaterThan(0);
    for (const call of authenticated) expect(call.headers[platform.tokenHeader]).toBe('[REDACTED]');

    for (const secret of secrets) {
      expect(logged, `log leaked ${secret}`).not.toContain(secret);
      for (const error of errors) {
        expect(everythingAbout(error), `error leaked ${secret}`).not.toContain(secret);
      }
    }
  });
});
