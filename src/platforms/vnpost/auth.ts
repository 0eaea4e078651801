import { loginTokenAuth } from '../../core/auth/strategies.js';
import { tokenStoreKey } from '../../core/auth/token-store.js';
import type { AuthStrategy, AuthToken } from '../../core/auth/types.js';
import { ContractViolationError } from '../../core/errors.js';
import type { PlatformClient } from '../../core/types.js';
import { givenTokenAuth } from '../carrier-auth.js';
import { VNPOST } from './errors.js';
import { API_PREFIX, type ResolvedVnpostOptions } from './options.js';
import { isRecord, readString } from './wire.js';

/** MyVNPost reads the token from a plain header literally named `token` (no `Bearer` scheme). */
export const TOKEN_HEADER = 'token';

/**
 * GetAccessToken with username, password and customer code → `{success, token}`. The token is kept for
 * `tokenLifetimeMs`; when MyVNPost refuses it earlier (HTTP 401 or 403) the pipeline drops it, logs in
 * once more (single-flight: concurrent callers share one login) and repeats the call once.
 */
export function createVnpostAuth(
  options: ResolvedVnpostOptions,
  getClient: () => PlatformClient,
): AuthStrategy {
  const { credentials, now } = options;
  const key = tokenStoreKey(VNPOST, options.account);
  if ('token' in credentials) {
    return givenTokenAuth({
      key,
      headerName: TOKEN_HEADER,
      token: credentials.token,
      obtainedAtMs: now(),
      platform: VNPOST,
      refusedMessage:
        'MyVNPost refused the given token and no username/password is configured to obtain a new one',
    });
  }
  return loginTokenAuth({
    key,
    headerName: TOKEN_HEADER,
    ...(options.tokenStore ? { store: options.tokenStore } : {}),
    now,
    login: async (): Promise<AuthToken> => {
      const response = await getClient().request({
        operation: 'getAccessToken',
        method: 'POST',
        path: `${API_PREFIX}/GetAccessToken`,
        body: {
          username: credentials.username,
          password: credentials.password,
          customerCode: credentials.customerCode,
        },
        authenticated: false,
        trafficClass: 'auth',
        idempotent: true,
      });
      const token = isRecord(response.data) ? readString(response.data.token) : undefined;
      if (!token) {
        throw new ContractViolationError(
          {
            vi: 'MyVNPost GetAccessToken: báo thành công nhưng không có token',
            en: 'MyVNPost GetAccessToken answered success without a token',
          },
          {
            platform: VNPOST,
            operation: 'getAccessToken',
          },
        );
      }
      const obtainedAtMs = now();
      return { value: token, obtainedAtMs, expiresAtMs: obtainedAtMs + options.tokenLifetimeMs };
    },
  });
}
