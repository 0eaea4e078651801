import { z } from 'zod';
import {
  A_FUNCTION,
  A_TEXT,
  A_TEXT_OR_NOTHING,
  anAdapter,
  checkOptionTable,
  type Expected,
  orNothing,
} from '../argument-guards.js';
import { AuthenticationError } from '../errors.js';
import { lazadaSign, shopeeSign } from './signing.js';
import { createTokenManager, type TokenManagerOptions } from './token-manager.js';
import type { AppliedAuth, AuthStrategy, AuthToken, SignableRequest, TokenManager } from './types.js';

/**
 * Inside the rate-limiter slot: use the token `prepare()` just made sure of, as long as it has not
 * actually expired (the refresh-early margin is for `prepare`). Logging in from inside a slot could
 * wait behind the very requests holding the slots.
 */
async function tokenForSlot(tokenManager: TokenManager): Promise<AuthToken> {
  const cached = tokenManager.peek();
  return cached && isUsable(cached) ? cached : tokenManager.getToken();
}

/** What every strategy taking a token manager needs of it (createTokenManager's answer has them). */
const A_TOKEN_MANAGER = anAdapter('TokenManager', [], ['getToken', 'peek', 'invalidate']);
const A_TOKEN_MANAGER_OR_NOTHING = orNothing(A_TOKEN_MANAGER);
/** A partner or shop id: a non-empty string or a number, as the platform gives it. */
const AN_ID: Expected = {
  schema: z.union([z.string().min(1), z.number()]),
  vi: 'một chuỗi không rỗng hoặc một số',
  en: 'a non-empty string or a number',
};

function isUsable(token: AuthToken | undefined): boolean {
  return token !== undefined && (token.expiresAtMs === undefined || token.expiresAtMs > Date.now());
}

export interface HeaderTokenAuthOptions {
  /** e.g. `Token` (ViettelPost sends the raw token in a header literally named `Token`). */
  headerName: string;
  tokenManager: TokenManager;
  /** Prefix such as `Bearer`; omitted = raw token. */
  scheme?: string;
}

/** Puts a managed token in a header; on an auth error drops exactly that token so one re-login follows. */
export function headerTokenAuth(options: HeaderTokenAuthOptions): AuthStrategy {
  checkOptionTable(options, {
    headerName: A_TEXT,
    tokenManager: A_TOKEN_MANAGER,
    scheme: A_TEXT_OR_NOTHING,
  });
  const { headerName, tokenManager, scheme } = options;
  return {
    name: scheme ? `header-${scheme.toLowerCase()}` : 'header-token',
    async prepare() {
      await tokenManager.getToken();
    },
    ready: () => isUsable(tokenManager.peek()),
    async applyAuth(): Promise<AppliedAuth> {
      const token = await tokenForSlot(tokenManager);
      const value = scheme ? `${scheme} ${token.value}` : token.value;
      return { headers: { [headerName]: value }, credential: token.value };
    },
    async onAuthError(applied: AppliedAuth): Promise<boolean> {
      await tokenManager.invalidate(applied.credential);
      return true;
    },
  };
}

/** `Authorization: Bearer <token>`. */
export function bearerAuth(options: { tokenManager: TokenManager }): AuthStrategy {
  checkOptionTable(options, { tokenManager: A_TOKEN_MANAGER });
  return headerTokenAuth({
    headerName: 'Authorization',
    scheme: 'Bearer',
    tokenManager: options.tokenManager,
  });
}

export interface LoginTokenAuthOptions extends Omit<TokenManagerOptions, 'fetchToken'> {
  headerName: string;
  scheme?: string;
  /**
   * Performs the platform's login (ViettelPost Login → ownerconnect; MyVNPost GetAccessToken).
   * Send it with `authenticated: false` and `trafficClass: 'auth'`.
   */
  login: () => Promise<AuthToken>;
}

/** Login-token platforms: a token from a login call, cached, persisted, refreshed by logging in again. */
export function loginTokenAuth(
  options: LoginTokenAuthOptions,
): AuthStrategy & { tokenManager: TokenManager } {
  // The token manager's own options are checked by createTokenManager.
  checkOptionTable(options, { headerName: A_TEXT, scheme: A_TEXT_OR_NOTHING, login: A_FUNCTION });
  const { headerName, scheme, login, ...managerOptions } = options;
  const tokenManager = createTokenManager({ ...managerOptions, fetchToken: () => login() });
  const strategy = headerTokenAuth({ headerName, tokenManager, ...(scheme ? { scheme } : {}) });
  return { ...strategy, name: 'login-token', tokenManager };
}

export interface OAuth2AuthOptions extends Omit<TokenManagerOptions, 'fetchToken'> {
  /**
   * Exchanges a refresh token for a new grant. The returned token MUST carry the new refresh token
   * when the platform rotates them (Shopee/Lazada refresh tokens are single-use; the single-flight
   * token manager guarantees one refresh at a time).
   */
  refresh: (refreshToken: string) => Promise<AuthToken>;
}

/** OAuth2 bearer tokens with refresh-token rotation. Seed with `initialToken` or a TokenStore. */
export function oauth2Auth(options: OAuth2AuthOptions): AuthStrategy & { tokenManager: TokenManager } {
  // The token manager's own options are checked by createTokenManager.
  checkOptionTable(options, { refresh: A_FUNCTION });
  const { refresh, ...managerOptions } = options;
  const tokenManager = createTokenManager({
    ...managerOptions,
    fetchToken: async (previous) => {
      if (!previous?.refreshToken) {
        throw new AuthenticationError({
          vi: 'Chưa có refresh token: hãy cấp quyền lại cho tài khoản này',
          en: 'No refresh token available: authorize this account again',
        });
      }
      return refresh(previous.refreshToken);
    },
  });
  return { ...bearerAuth({ tokenManager }), name: 'oauth2', tokenManager };
}

/**
 * A strategy that signs each request's query parameters, with the user's token on user-level calls:
 * `sign` gives the query for a request and that token (none on app-level calls or without a token
 * manager). App-level calls (the token refresh itself among them) never wait for a user token.
 */
function querySigningAuth(
  name: string,
  tokenManager: TokenManager | undefined,
  sign: (request: SignableRequest, token: AuthToken | undefined) => Record<string, string>,
): Omit<AuthStrategy, 'onAuthError'> {
  return {
    name,
    async prepare(authLevel) {
      if (authLevel !== 'app') await tokenManager?.getToken();
    },
    ready: (authLevel) => authLevel === 'app' || !tokenManager || isUsable(tokenManager.peek()),
    async applyAuth(request: SignableRequest): Promise<AppliedAuth> {
      const token =
        tokenManager && request.authLevel !== 'app' ? await tokenForSlot(tokenManager) : undefined;
      const query = sign(request, token);
      return token ? { query, credential: token.value } : { query };
    },
  };
}

export interface ShopeeSigningAuthOptions {
  partnerId: number | string;
  partnerKey: string;
  /** For shop-level calls; omit for public (partner-level) calls. */
  shopId?: number | string;
  tokenManager?: TokenManager;
}

/** Shopee-style: `partner_id`, `timestamp` (s), `sign`, plus `access_token` + `shop_id` in the query. */
export function shopeeSigningAuth(options: ShopeeSigningAuthOptions): AuthStrategy {
  checkOptionTable(options, {
    partnerId: AN_ID,
    partnerKey: A_TEXT,
    shopId: orNothing(AN_ID),
    tokenManager: A_TOKEN_MANAGER_OR_NOTHING,
  });
  // Partner-level calls (token refresh, public catalogue) are signed without the shop's token.
  return {
    ...querySigningAuth('hmac-shopee', options.tokenManager, (request, token) => {
      const timestampSeconds = Math.floor(request.nowMs / 1000);
      const sign = shopeeSign(
        {
          partnerId: options.partnerId,
          path: request.path,
          timestampSeconds,
          ...(token ? { accessToken: token.value, shopId: options.shopId ?? '' } : {}),
        },
        options.partnerKey,
      );
      const query: Record<string, string> = {
        partner_id: String(options.partnerId),
        timestamp: String(timestampSeconds),
        sign,
      };
      if (token) {
        query.access_token = token.value;
        if (options.shopId !== undefined) query.shop_id = String(options.shopId);
      }
      return query;
    }),
    async onAuthError(applied: AppliedAuth): Promise<boolean> {
      // A partner-level call carried no token: a fresh one cannot help.
      if (!options.tokenManager || applied.credential === undefined) return false;
      await options.tokenManager.invalidate(applied.credential);
      return true;
    },
  };
}

export interface LazadaSigningAuthOptions {
  appKey: string;
  appSecret: string;
  tokenManager?: TokenManager;
}

/**
 * Lazada-style: system parameters `app_key`, `timestamp` (ms), `sign_method`, `access_token`, and
 * `sign` over every query parameter. Business parameters must travel in the query to be signed.
 */
export function lazadaSigningAuth(options: LazadaSigningAuthOptions): AuthStrategy {
  checkOptionTable(options, {
    appKey: A_TEXT,
    appSecret: A_TEXT,
    tokenManager: A_TOKEN_MANAGER_OR_NOTHING,
  });
  return {
    ...querySigningAuth('hmac-lazada', options.tokenManager, (request, token) => {
      const params: Record<string, string> = {
        ...request.query,
        app_key: options.appKey,
        timestamp: String(request.nowMs),
        sign_method: 'sha256',
      };
      if (token) params.access_token = token.value;
      const sign = lazadaSign({ apiPath: request.path, params }, options.appSecret);
      return { ...params, sign };
    }),
    async onAuthError(applied: AppliedAuth): Promise<boolean> {
      if (!options.tokenManager) return false;
      await options.tokenManager.invalidate(applied.credential);
      return true;
    },
  };
}
