import {
  A_FUNCTION,
  A_FUNCTION_OR_NOTHING,
  A_TEXT,
  AN_OBJECT_OR_NOTHING,
  checkOptionTable,
} from '../argument-guards.js';
import { AuthenticationError, asInternalError } from '../errors.js';
import type { AuthToken, TokenFetcher, TokenManager, TokenStore } from './types.js';

/** Refresh this long before the known expiry so a call never leaves with a token about to die. */
export const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/** Marker expiry of a token the platform refused. */
const INVALIDATED_AT_MS = 0;

export interface TokenManagerOptions {
  /** Store key: one per platform account, e.g. `viettelpost:0987654321`. */
  key: string;
  /** Logs in or refreshes. Receives the token being replaced (its refresh token, if any). */
  fetchToken: TokenFetcher;
  store?: TokenStore;
  /** @default DEFAULT_REFRESH_BEFORE_EXPIRY_MS */
  refreshBeforeExpiryMs?: number;
  /** A token already held (e.g. from an OAuth2 code exchange), used when the store has none. */
  initialToken?: AuthToken;
  /** Injected clock (epoch ms) for tests. */
  now?: () => number;
  /** Told about each login/refresh (never given the token value). */
  onFetch?: (event: { key: string; reason: 'initial' | 'expiring' | 'invalidated' }) => void;
}

/**
 * One account's token. Single-flight: however many callers find the token missing or expiring at
 * once, exactly one `fetchToken` runs and all of them await its result — critical for platforms
 * with single-use refresh tokens (Shopee), where a second concurrent refresh logs the shop out.
 */
export class SingleFlightTokenManager implements TokenManager {
  readonly #options: TokenManagerOptions;
  readonly #refreshBeforeMs: number;
  readonly #now: () => number;
  #token: AuthToken | undefined;
  #loadedFromStore = false;
  #inFlight: Promise<AuthToken> | undefined;

  constructor(options: TokenManagerOptions) {
    this.#options = options;
    this.#refreshBeforeMs = options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS;
    this.#now = options.now ?? Date.now;
  }

  peek(): AuthToken | undefined {
    return this.#token;
  }

  getToken(): Promise<AuthToken> {
    if (this.#token && this.#isFresh(this.#token)) return Promise.resolve(this.#token);
    this.#inFlight ??= this.#obtain().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async invalidate(staleValue?: string): Promise<void> {
    const current = this.#token;
    // Nothing cached, or a newer token already replaced the stale one (another caller
    // re-authenticated first), or a login is running right now and will produce the replacement.
    if (!current || (staleValue !== undefined && current.value !== staleValue) || this.#inFlight) return;
    // Kept (marked expired) rather than dropped: an OAuth2 refresh still needs its refresh token,
    // and a persisted copy must not be picked up as valid by the next run.
    const expired: AuthToken = { ...current, expiresAtMs: INVALIDATED_AT_MS };
    this.#token = expired;
    await this.#options.store?.set(this.#options.key, expired);
  }

  /**
   * The stored token wins over `initialToken` (it may be a rotated successor of it), except when the
   * platform refused the stored one and the caller now supplies a different token: a stale "invalid"
   * marker must never shadow a freshly authorised token in every later process.
   */
  #preferSupplied(stored: AuthToken | undefined): AuthToken | undefined {
    const supplied = this.#options.initialToken;
    if (!stored) return supplied;
    if (supplied && stored.expiresAtMs === INVALIDATED_AT_MS && supplied.value !== stored.value) {
      return supplied;
    }
    return stored;
  }

  #isFresh(token: AuthToken): boolean {
    return token.expiresAtMs === undefined || this.#now() < token.expiresAtMs - this.#refreshBeforeMs;
  }

  async #obtain(): Promise<AuthToken> {
    if (!this.#loadedFromStore) {
      this.#loadedFromStore = true;
      const stored = this.#preferSupplied(await this.#options.store?.get(this.#options.key));
      if (stored) {
        this.#token = stored;
        if (this.#isFresh(stored)) return stored;
      }
    }
    const previous = this.#token;
    const reason =
      previous?.expiresAtMs === INVALIDATED_AT_MS ? 'invalidated' : previous ? 'expiring' : 'initial';
    this.#options.onFetch?.({ key: this.#options.key, reason });
    let fresh: AuthToken;
    try {
      fresh = await this.#options.fetchToken(previous);
    } catch (error) {
      // A refusal is the login's own library error (AuthenticationError …); anything else thrown by the
      // login function (a TypeError in the user's code) is a bug: InternalError, the original as cause.
      throw asInternalError(error, { operation: 'login' });
    }
    if (typeof fresh?.value !== 'string' || fresh.value === '') {
      throw new AuthenticationError({
        vi: 'Đăng nhập không trả về token',
        en: 'The login returned no token',
      });
    }
    this.#token = fresh;
    await this.#options.store?.set(this.#options.key, fresh);
    return fresh;
  }
}

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  checkOptionTable(options, {
    key: A_TEXT,
    fetchToken: A_FUNCTION,
    store: AN_OBJECT_OR_NOTHING,
    initialToken: AN_OBJECT_OR_NOTHING,
    now: A_FUNCTION_OR_NOTHING,
    onFetch: A_FUNCTION_OR_NOTHING,
  });
  return new SingleFlightTokenManager(options);
}
