/** A credential obtained from a platform, as persisted in a TokenStore. */
export interface AuthToken {
  /** The token itself (ViettelPost `Token` header value, OAuth2 access token ...). */
  value: string;
  /** Epoch ms after which the platform refuses it; undefined = unknown (refreshed only on auth errors). */
  expiresAtMs?: number;
  /** OAuth2-style refresh token, when the platform issues one. */
  refreshToken?: string;
  refreshExpiresAtMs?: number;
  /** Epoch ms when we obtained it. */
  obtainedAtMs: number;
  /** Small platform-specific extras (e.g. ViettelPost `userId`, Shopee `shop_id`). */
  meta?: Record<string, string>;
}

/**
 * Where tokens live between runs, so a long-lived ViettelPost token is not re-fetched every run.
 * Keys look like `viettelpost:0987654321` (platform + account).
 */
export interface TokenStore {
  get(key: string): Promise<AuthToken | undefined>;
  set(key: string, token: AuthToken): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Obtains a fresh token. `previous` is the token being replaced (carries the refresh token for
 * OAuth2); undefined on first login.
 */
export type TokenFetcher = (previous: AuthToken | undefined) => Promise<AuthToken>;

/** Owns ONE account's token: single-flight login/refresh, refresh before expiry, persistence. */
export interface TokenManager {
  /** A valid token; logs in / refreshes (once, shared by all concurrent callers) when needed. */
  getToken(): Promise<AuthToken>;
  /**
   * The platform refused `staleValue`. Drops it (memory and store) unless a newer token already
   * replaced it, so 20 calls failing with the same stale token cause ONE new login, not 20.
   */
  invalidate(staleValue?: string): Promise<void>;
  /** The cached token without any I/O (may be expired or undefined). */
  peek(): AuthToken | undefined;
}

/** What the pipeline hands an auth strategy to sign or decorate. */
export interface SignableRequest {
  operation: string;
  method: string;
  /** Path relative to the base URL, starting with `/`, without query string. */
  path: string;
  /** The query as it will be sent (strategies may add parameters). */
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Exact body bytes as sent (signatures are computed over these), if any. */
  bodyText?: string;
  /** Epoch ms of this attempt (signed timestamps). */
  nowMs: number;
  /** `app`: sign for the application only, without the user's token. @default 'user' */
  authLevel?: 'app' | 'user';
}

/** What a strategy adds to one attempt. */
export interface AppliedAuth {
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** The token value used; passed back to `onAuthError` so only that token is invalidated. */
  credential?: string;
}

/**
 * How requests are authenticated. The pipeline calls `applyAuth` on every attempt and, when the
 * platform reports an authentication error, `onAuthError` once before a single re-try.
 */
export interface AuthStrategy {
  /** Names shown in logs, e.g. `header-token`, `hmac-shopee`. */
  readonly name: string;
  /**
   * Obtain credentials (login, refresh) BEFORE the request takes a rate-limiter slot, so a login
   * that needs the `auth` limiter never waits behind the very request that needs it.
   */
  prepare?(authLevel?: 'app' | 'user'): Promise<void>;
  /**
   * True when `applyAuth` can run without a login (the token is cached and not expired). When
   * false inside a slot, the pipeline gives the slot back and calls `prepare()` again first.
   */
  ready?(authLevel?: 'app' | 'user'): boolean;
  /** Called inside the slot, right before sending (signatures carry a fresh timestamp). */
  applyAuth(request: SignableRequest): Promise<AppliedAuth>;
  /** Return true when re-authentication makes sense (a fresh token may succeed). */
  onAuthError?(applied: AppliedAuth): Promise<boolean>;
}
