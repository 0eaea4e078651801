import { loginTokenAuth } from '../../core/auth/strategies.js';
import { tokenStoreKey } from '../../core/auth/token-store.js';
import type { AuthStrategy, AuthToken, TokenManager } from '../../core/auth/types.js';
import { ContractViolationError } from '../../core/errors.js';
import type { PlatformClient } from '../../core/types.js';
import { givenTokenAuth } from '../carrier-auth.js';
import { VIETTELPOST } from './errors.js';
import type { ResolvedViettelPostOptions, ViettelPostPasswordCredentials } from './options.js';

/** The token header VTP reads: literally `Token`, raw value, no scheme. */
export const TOKEN_HEADER = 'Token';

interface LoginData {
  token?: unknown;
  userId?: unknown;
  partner?: unknown;
  expired?: unknown;
}

function readLoginData(
  body: unknown,
  operation: string,
): { token: string; expired?: number; meta: Record<string, string> } {
  const data = (body as { data?: LoginData } | undefined)?.data;
  if (!data || typeof data.token !== 'string' || data.token === '') {
    throw new ContractViolationError(
      {
        vi: `ViettelPost ${operation}: câu trả lời không có token`,
        en: `ViettelPost ${operation} returned no token`,
      },
      {
        platform: VIETTELPOST,
        operation,
      },
    );
  }
  const meta: Record<string, string> = {};
  if (data.userId !== undefined && data.userId !== null) meta.userId = String(data.userId);
  if (data.partner !== undefined && data.partner !== null) meta.partner = String(data.partner);
  const expired = Number(data.expired);
  return { token: data.token, ...(Number.isFinite(expired) && expired > 0 ? { expired } : {}), meta };
}

/**
 * Login → ownerconnect (contract §2.2–2.3). Login gives a short-lived token; business calls need the
 * long-lived ownerconnect token (some accounts see Login tokens refused by createOrder). With partner
 * delegation, the PARTNER logs in and ownerconnect carries the MEMBER's credentials, so the token acts
 * for the member under the partner.
 */
async function loginAndConnect(
  client: PlatformClient,
  member: ViettelPostPasswordCredentials,
  partner: ViettelPostPasswordCredentials | undefined,
  now: () => number,
): Promise<AuthToken> {
  const loginAs = partner ?? member;
  const login = await client.request({
    operation: 'login',
    method: 'POST',
    path: '/v2/user/Login',
    body: { USERNAME: loginAs.username, PASSWORD: loginAs.password },
    authenticated: false,
    trafficClass: 'auth',
    idempotent: true,
  });
  const shortLived = readLoginData(login.data, 'login');
  const connect = await client.request({
    operation: 'ownerconnect',
    method: 'POST',
    path: '/v2/user/ownerconnect',
    headers: { [TOKEN_HEADER]: shortLived.token },
    body: { USERNAME: member.username, PASSWORD: member.password },
    authenticated: false,
    trafficClass: 'auth',
    idempotent: true,
  });
  const longLived = readLoginData(connect.data, 'ownerconnect');
  return {
    value: longLived.token,
    // `expired` is epoch ms (0 in some samples = unknown): then the token is renewed only when refused.
    ...(longLived.expired !== undefined ? { expiresAtMs: longLived.expired } : {}),
    obtainedAtMs: now(),
    meta: longLived.meta,
  };
}

export interface ViettelPostAuth {
  strategy: AuthStrategy;
  tokenManager: TokenManager;
}

/**
 * The pipeline's login-token strategy wired to VTP: header `Token`, single-flight login, token kept in
 * the token store under `viettelpost:<account>`; on "Token invalid or expired" the pipeline drops the
 * token, logs in once more and repeats the call once, then fails with AuthenticationError.
 * `getClient` is late-bound because the client needs this strategy at construction.
 */
export function createViettelPostAuth(
  options: ResolvedViettelPostOptions,
  getClient: () => PlatformClient,
  now: () => number = Date.now,
): ViettelPostAuth {
  const { credentials } = options;
  const key = tokenStoreKey(VIETTELPOST, options.account);
  if ('token' in credentials) {
    // A stored token is the only credential: the caller's token wins over anything persisted.
    const auth = givenTokenAuth({
      key,
      headerName: TOKEN_HEADER,
      token: credentials.token,
      obtainedAtMs: now(),
      platform: VIETTELPOST,
      refusedMessage:
        'ViettelPost refused the stored token and no username/password is configured to obtain a new one',
    });
    return { strategy: auth, tokenManager: auth.tokenManager };
  }
  const auth = loginTokenAuth({
    key,
    headerName: TOKEN_HEADER,
    ...(options.tokenStore ? { store: options.tokenStore } : {}),
    now,
    login: () => loginAndConnect(getClient(), credentials, options.partner, now),
  });
  return { strategy: auth, tokenManager: auth.tokenManager };
}
