import {
  lazadaSigningAuth,
  loginTokenAuth,
  oauth2Auth,
  shopeeSigningAuth,
} from '../../core/auth/strategies.js';
import { createTokenManager } from '../../core/auth/token-manager.js';
import { tokenStoreKey } from '../../core/auth/token-store.js';
import type { AuthStrategy, AuthToken, TokenStore } from '../../core/auth/types.js';
import { AuthenticationError, ConfigurationError, ContractViolationError } from '../../core/errors.js';
import type { ApiRequest, ApiResponse, CallOptions } from '../../core/types.js';
import { pathProblem } from '../../model/option-problem.js';
import { unwrapData } from './error-mapping.js';
import type { AuthHookContext, MarketplaceCredentials } from './hooks.js';
import { getPath } from './object-path.js';
import type { ExpiryFormat } from './profile-auth-schema.js';
import type { MarketplaceProfile } from './profile-schema.js';
import { fillRecord, placeholdersOf } from './templates.js';

/** Secrets a profile's auth needs, by name (`username`, `password`, `customerCode`, `partnerKey` ...). */

type Send = (request: ApiRequest, options?: CallOptions) => Promise<ApiResponse<unknown>>;

export interface ProfileAuthContext {
  profile: MarketplaceProfile;
  account: string;
  credentials: MarketplaceCredentials;
  tokenStore?: TokenStore;
  now: () => number;
  /** Sends through the adapter's own client (set after the client exists). */
  send: Send;
  /** Builds the strategy of an `auth.type: 'custom'` profile. */
  customAuth?: (ctx: AuthHookContext) => AuthStrategy;
}

/** Credential names the profile's auth needs; missing ones are reported together at construction. */
export function requiredCredentials(profile: MarketplaceProfile): string[] {
  const auth = profile.auth;
  if (auth.type === 'login-token') return placeholdersOf(auth.body);
  if (auth.type === 'oauth2') {
    return ['accessToken', 'refreshToken', ...placeholdersOf(auth.body).filter((n) => n !== 'refreshToken')];
  }
  if (auth.type === 'custom') return [...auth.credentials];
  const app = auth.style === 'shopee' ? ['partnerId', 'partnerKey'] : ['appKey', 'appSecret'];
  if (!auth.refresh) return app;
  const body = placeholdersOf(auth.refresh.body).filter((n) => n !== 'refreshToken');
  return [...new Set([...app, 'accessToken', 'refreshToken', ...body])];
}

export function checkCredentials(
  profile: MarketplaceProfile,
  credentials: MarketplaceCredentials | undefined,
): string[] {
  return requiredCredentials(profile)
    .filter((name) => typeof credentials?.[name] !== 'string' || credentials[name] === '')
    .map((name) =>
      pathProblem(
        `credentials.${name}`,
        `bắt buộc với hồ sơ ${profile.platform} (${profile.auth.type})`,
        `required by the ${profile.platform} profile (${profile.auth.type})`,
      ),
    );
}

function expiryMs(value: unknown, format: ExpiryFormat, nowMs: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (format === 'iso8601') {
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    return Number.isFinite(ms) ? ms : undefined;
  }
  const n = Number(value);
  if (!Number.isFinite(n)) return undefined;
  switch (format) {
    case 'epochSeconds':
      return n * 1000;
    case 'epochMs':
      return n;
    case 'relativeSeconds':
      return nowMs + n * 1000;
    default:
      return nowMs + n;
  }
}

/** Builds the AuthStrategy a profile describes, sending its login / refresh through the adapter's client. */
export function createProfileAuth(ctx: ProfileAuthContext): AuthStrategy {
  const { profile, credentials } = ctx;
  const auth = profile.auth;
  const key = tokenStoreKey(profile.platform, ctx.account);
  const storeOption = ctx.tokenStore ? { store: ctx.tokenStore } : {};

  if (auth.type === 'login-token') {
    return loginTokenAuth({
      key,
      ...storeOption,
      now: ctx.now,
      headerName: auth.headerName,
      ...(auth.scheme ? { scheme: auth.scheme } : {}),
      login: (): Promise<AuthToken> =>
        tokenCall(ctx, auth, undefined, {
          operation: 'login',
          method: auth.login.method,
          path: auth.login.path,
          body: fillRecord(auth.body, credentials),
          // A login creates nothing: repeating it is harmless.
          idempotent: true,
        }),
    });
  }

  if (auth.type === 'oauth2') {
    return oauth2Auth({
      key,
      ...storeOption,
      now: ctx.now,
      initialToken: {
        value: credentials.accessToken!,
        refreshToken: credentials.refreshToken!,
        obtainedAtMs: ctx.now(),
      },
      refresh: (refreshToken): Promise<AuthToken> =>
        tokenCall(ctx, auth, auth.refreshTokenPath, {
          operation: 'refreshToken',
          method: auth.refresh.method,
          path: auth.refresh.path,
          body: fillRecord(auth.body, { ...credentials, refreshToken }),
          // Refresh tokens may be single-use: never repeat a refresh whose answer was lost.
          idempotent: false,
        }),
    });
  }

  if (auth.type === 'custom') {
    if (!ctx.customAuth) {
      throw new ConfigurationError(
        {
          vi: `${profile.platform}: auth.type "custom" cần một hook auth`,
          en: `${profile.platform}: auth.type "custom" needs an auth hook`,
        },
        [pathProblem('hooks.auth', 'bắt buộc nhưng chưa có', 'is required but missing')],
      );
    }
    return ctx.customAuth({
      profile,
      account: ctx.account,
      credentials,
      ...(ctx.tokenStore ? { tokenStore: ctx.tokenStore } : {}),
      tokenKey: key,
      now: ctx.now,
      send: ctx.send,
    });
  }

  const refresh = auth.refresh;
  const tokenManager = credentials.accessToken
    ? createTokenManager({
        key,
        ...storeOption,
        now: ctx.now,
        initialToken: {
          value: credentials.accessToken,
          ...(credentials.refreshToken ? { refreshToken: credentials.refreshToken } : {}),
          obtainedAtMs: ctx.now(),
        },
        fetchToken: async (previous): Promise<AuthToken> => {
          if (!refresh || !previous?.refreshToken) {
            throw new AuthenticationError(
              {
                vi: `${profile.platform}: access token bị từ chối; hãy ủy quyền lại cho shop`,
                en: `${profile.platform}: the access token was refused; authorize the shop again`,
              },
              { platform: profile.platform },
            );
          }
          const response = await ctx.send({
            operation: 'refreshToken',
            method: refresh.method,
            path: refresh.path,
            body: fillRecord(refresh.body, { ...credentials, refreshToken: previous.refreshToken }),
            // Signed for the app alone: the access token being replaced may already be dead.
            authLevel: 'app',
            trafficClass: 'auth',
            // Refresh tokens are single-use (Shopee): never repeat a refresh whose answer was lost.
            idempotent: false,
          });
          const data = refresh.enveloped ? unwrapData(profile, response.data) : response.data;
          return readToken(
            profile,
            data,
            refresh.tokenPath,
            refresh.expiresPath,
            refresh.expiresFormat,
            refresh.refreshTokenPath,
            ctx.now(),
          );
        },
      })
    : undefined;
  if (auth.style === 'shopee') {
    return shopeeSigningAuth({
      partnerId: credentials.partnerId!,
      partnerKey: credentials.partnerKey!,
      ...(credentials.shopId ? { shopId: credentials.shopId } : {}),
      ...(tokenManager ? { tokenManager } : {}),
    });
  }
  return lazadaSigningAuth({
    appKey: credentials.appKey!,
    appSecret: credentials.appSecret!,
    ...(tokenManager ? { tokenManager } : {}),
  });
}

/** Where a login or refresh answer holds its token. */
interface TokenAnswer {
  enveloped?: boolean | undefined;
  tokenPath: string;
  expiresPath?: string | undefined;
  expiresFormat: ExpiryFormat;
}

/** A login or refresh call (unauthenticated, auth traffic) and the token its answer holds. */
async function tokenCall(
  ctx: ProfileAuthContext,
  answer: TokenAnswer,
  refreshTokenPath: string | undefined,
  request: Pick<ApiRequest, 'operation' | 'method' | 'path' | 'body' | 'idempotent'>,
): Promise<AuthToken> {
  const response = await ctx.send({ ...request, authenticated: false, trafficClass: 'auth' });
  const data = answer.enveloped ? unwrapData(ctx.profile, response.data) : response.data;
  return readToken(
    ctx.profile,
    data,
    answer.tokenPath,
    answer.expiresPath,
    answer.expiresFormat,
    refreshTokenPath,
    ctx.now(),
  );
}

function readToken(
  profile: MarketplaceProfile,
  data: unknown,
  tokenPath: string,
  expiresPath: string | undefined,
  expiresFormat: ExpiryFormat,
  refreshTokenPath: string | undefined,
  nowMs: number,
): AuthToken {
  const value = getPath(data, tokenPath);
  if (typeof value !== 'string' || value === '') {
    throw new ContractViolationError(
      {
        vi: `${profile.platform}: câu trả lời đăng nhập không có token ở "${tokenPath}"`,
        en: `${profile.platform} login answer has no token at "${tokenPath}"`,
      },
      {
        platform: profile.platform,
        operation: 'login',
      },
    );
  }
  const token: AuthToken = { value, obtainedAtMs: nowMs };
  const expiresAtMs = expiresPath ? expiryMs(getPath(data, expiresPath), expiresFormat, nowMs) : undefined;
  if (expiresAtMs !== undefined) token.expiresAtMs = expiresAtMs;
  if (refreshTokenPath) {
    const refresh = getPath(data, refreshTokenPath);
    if (typeof refresh === 'string' && refresh !== '') token.refreshToken = refresh;
  }
  return token;
}
