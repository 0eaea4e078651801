import type { AuthToken, TokenStore } from './types.js';

/** Keeps tokens for the life of the process. Copies on the way in and out so callers cannot mutate it. */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, AuthToken>();

  async get(key: string): Promise<AuthToken | undefined> {
    const token = this.#tokens.get(key);
    return token ? structuredClone(token) : undefined;
  }

  async set(key: string, token: AuthToken): Promise<void> {
    this.#tokens.set(key, structuredClone(token));
  }

  async delete(key: string): Promise<void> {
    this.#tokens.delete(key);
  }
}

/** The store key for one platform account. */
export function tokenStoreKey(platform: string, account: string): string {
  return `${platform}:${account}`;
}
