import { ConfigurationError } from '../core/errors.js';

/**
 * The hub's distributed engines are optional peer dependencies (BullMQ on Redis for jobs, ioredis for
 * locks and shared limits): a cooperative's laptop never downloads them. Loaded on first use.
 */
export type BullmqModule = typeof import('bullmq');

/** The part of an ioredis client the hub uses. */
export interface RedisLike {
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<string | null>;
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
  disconnect(): void;
  quit(): Promise<unknown>;
}

type RedisConstructor = new (
  url: string,
  options?: { maxRetriesPerRequest?: number | null; lazyConnect?: boolean },
) => RedisLike;

function missing(pkg: string, cause: unknown): ConfigurationError {
  return new ConfigurationError(`This hub feature needs the "${pkg}" package: npm install ${pkg}`, [], {
    cause,
  });
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
