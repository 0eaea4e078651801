import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { A_TEXT, A_TEXT_OR_NOTHING, checkArgument, checkOptions } from '../core/argument-guards.js';
import { checkAuthToken } from '../core/auth/token-store.js';
import type { AuthToken, TokenStore } from '../core/auth/types.js';
import { writeFileAtomic } from './atomic-file.js';
import { StoreCorruptError } from './errors.js';
import { DEFAULT_STORE_DIR } from './file-store.js';

export const DEFAULT_TOKEN_FILE_NAME = 'tokens.json';
/** Owner read/write only: the file holds live credentials. */
const TOKEN_FILE_MODE = 0o600;

export interface FileTokenStoreOptions {
  /** Folder holding the token file. @default '.ocop-connect' */
  dir?: string;
  /** Overrides `dir`: the exact file path. @default `<dir>/tokens.json` (DEFAULT_TOKEN_FILE_NAME) */
  file?: string;
}

type TokenFile = Record<string, AuthToken>;

/**
 * Persists platform tokens (the core TokenStore contract) in one JSON file with mode 0600, replaced
 * atomically. Reads go to the file every time, so a token refreshed by another process is seen.
 * Writes in this process are serialised; across processes the last writer wins per file.
 */
export class FileTokenStore implements TokenStore {
  readonly file: string;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: FileTokenStoreOptions = {}) {
    // Every name checked (`dri` → did you mean "dir"?): a misspelt one would put live tokens elsewhere.
    checkOptions(options, { dir: A_TEXT_OR_NOTHING, file: A_TEXT_OR_NOTHING }, 'createFileTokenStore');
    this.file = resolve(options.file ?? join(options.dir ?? DEFAULT_STORE_DIR, DEFAULT_TOKEN_FILE_NAME));
  }

  async get(key: string): Promise<AuthToken | undefined> {
    checkArgument(key, 'key', A_TEXT);
    await this.tail;
    const token = (await this.readAll())[key];
    return token === undefined ? undefined : structuredClone(token);
  }

  async set(key: string, token: AuthToken): Promise<void> {
    checkArgument(key, 'key', A_TEXT);
    checkAuthToken(token);
    return this.modify((tokens) => {
      tokens[key] = structuredClone(token);
    });
  }

  async delete(key: string): Promise<void> {
    checkArgument(key, 'key', A_TEXT);
    return this.modify((tokens) => {
      delete tokens[key];
    });
  }

  private modify(change: (tokens: TokenFile) => void): Promise<void> {
    const run = this.tail.then(async () => {
      const tokens = await this.readAll();
      change(tokens);
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: TOKEN_FILE_MODE });
    });
    this.tail = run.catch(() => {});
    return run;
  }

  private async readAll(): Promise<TokenFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('not an object');
      return parsed as TokenFile;
    } catch {
      // No cause and no excerpt: the content holds credentials (a JSON error quotes the text).
      throw new StoreCorruptError(this.file, {
        vi: 'không phải một đối tượng JSON chứa token',
        en: 'not a JSON object of tokens',
      });
    }
  }
}

export function createFileTokenStore(options: FileTokenStoreOptions = {}): FileTokenStore {
  return new FileTokenStore(options);
}
