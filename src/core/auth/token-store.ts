import { z } from 'zod';
import { A_TEXT, checkArgument, checkOptions, type Expected } from '../argument-guards.js';
import type { AuthToken, TokenStore } from './types.js';

/** An AuthToken as the pipeline writes it: `value` and `obtainedAtMs` at least (what every TokenStore takes). */
export const AN_AUTH_TOKEN: Expected = {
  schema: z.looseObject({
    value: z.string(),
    obtainedAtMs: z.number(),
    expiresAtMs: z.number().optional(),
    refreshToken: z.string().optional(),
    refreshExpiresAtMs: z.number().optional(),
    meta: z.record(z.string(), z.string()).optional(),
  }),
  vi: 'một AuthToken { value: chuỗi, obtainedAtMs: số, … }',
  en: 'an AuthToken { value: string, obtainedAtMs: number, … }',
};

/**
 * A token argument: an AuthToken, checked as a secret — a wrong one is named (`token`) with its type,
 * never with its value (it holds the access token: an error is logged).
 */
export function checkAuthToken(token: unknown): void {
  checkArgument(token, 'token', AN_AUTH_TOKEN, { secret: true });
}

/**
 * Keeps tokens for the life of the process. Copies on the way in and out so callers cannot mutate it.
 * A key that is not a non-empty string, or a token that is not an AuthToken, is a ValidationError
 * naming `key` / `token` (as FileTokenStore; the token's value is never in the error): nothing is kept.
 * It takes no options: anything but nothing or `{}` is a ConfigurationError.
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, AuthToken>();

  constructor(options: Readonly<Record<string, never>> = {}) {
    checkOptions(options, {}, 'MemoryTokenStore');
  }

  async get(key: string): Promise<AuthToken | undefined> {
    checkArgument(key, 'key', A_TEXT);
    const token = this.#tokens.get(key);
    return token ? structuredClone(token) : undefined;
  }

  async set(key: string, token: AuthToken): Promise<void> {
    checkArgument(key, 'key', A_TEXT);
    checkAuthToken(token);
    this.#tokens.set(key, structuredClone(token));
  }

  async delete(key: string): Promise<void> {
    checkArgument(key, 'key', A_TEXT);
    this.#tokens.delete(key);
  }
}

/** The store key for one platform account. */
export function tokenStoreKey(platform: string, account: string): string {
  return `${platform}:${account}`;
}
