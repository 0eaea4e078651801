import { ConfigurationError, NetworkError } from '../core/errors.js';

/**
 * The hub's distributed engines are optional peer dependencies (BullMQ on Redis for jobs, ioredis for
 * locks and shared limits): a cooperative's laptop never downloads them. Loaded on first use.
 */
export type BullmqModule = typeof import('bullmq');

/** The part of an ioredis client the hub uses. */
export interface RedisLike {
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<string | null>;
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
  ping(): Promise<unknown>;
  connect(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  disconnect(): void;
  quit(): Promise<unknown>;
}

type RedisConstructor = new (
  url: string,
  options?: {
    maxRetriesPerRequest?: number | null;
    lazyConnect?: boolean;
    connectTimeout?: number;
    retryStrategy?: () => number | null;
    enableOfflineQueue?: boolean;
  },
) => RedisLike;

function missing(pkg: string, cause: unknown): ConfigurationError {
  return new ConfigurationError(
    {
      vi: `Tính năng này của hub cần gói "${pkg}": npm install ${pkg}`,
      en: `This hub feature needs the "${pkg}" package: npm install ${pkg}`,
    },
    [],
    { cause },
  );
}

export async function loadBullmq(): Promise<BullmqModule> {
  try {
    return await import('bullmq');
  } catch (cause) {
    throw missing('bullmq@6', cause);
  }
}

export async function loadIoredis(): Promise<RedisConstructor> {
  try {
    const loaded = (await import('ioredis')) as unknown as {
      default?: RedisConstructor;
      Redis?: RedisConstructor;
    };
    const ctor = loaded.Redis ?? loaded.default;
    if (!ctor) throw new Error('ioredis exports no Redis class');
    return ctor;
  } catch (cause) {
    throw missing('ioredis@5', cause);
  }
}

/** `host:port` of a Redis URL: what an error may show (never the password a URL can carry). */
export function redisTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || '127.0.0.1'}:${parsed.port || '6379'}`;
  } catch {
    return '(unparseable Redis URL)';
  }
}

/** How long a hub process waits for Redis to answer at start-up before giving up. */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/**
 * Fails fast when Redis cannot be reached: ioredis (and BullMQ on it) would otherwise retry for ever
 * and a worker started with a wrong `redisUrl` would hang without a word. One connection, no retry,
 * closed afterwards.
 */
export async function assertRedisReachable(
  url: string,
  timeoutMs: number = REDIS_CONNECT_TIMEOUT_MS,
): Promise<void> {
  const Redis = await loadIoredis();
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  let lastError: Error | undefined;
  client.on('error', (error) => {
    lastError = error;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    const cause = lastError ?? (error as Error);
    const code = (cause as NodeJS.ErrnoException).code;
    // The message names host and port only: a Redis URL may hold a password.
    throw new NetworkError(
      `Redis at ${redisTarget(url)} cannot be reached (${code ?? cause.message.replace(/redis:\/\/\S*/g, '')})`,
      { requestSent: false, ...(code ? { code } : {}) },
    );
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
