/**
 * Trial 5 items 7, 8 and 18 (#18): every public function and method of the hub entry and of the rate
 * limiters, given a wrong argument (undefined, null, 5, '', {}, { x: 1 }) or a misspelt option, answers
 * with an error of the tree naming the argument in Vietnamese and English — never a raw TypeError, never
 * the default Redis instead of the one meant — and writes nothing to the queue. A failed job's reason is
 * given per language, so a run in one language prints one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LimitScope } from '../../src/core/limiter.js';
import {
  createHub,
  createJobQueue,
  createRedisRateLimiter,
  type Hub,
  type JobQueue,
  type RedisRateLimiter,
  startWorker,
} from '../../src/hub/index.js';
import {
  ConfigurationError,
  createMemoryStore,
  createRateLimiter,
  OcopConnectError,
} from '../../src/index.js';
import { failure } from '../core/helpers/failure.js';
import { serviceAvailable, TEST_REDIS_URL } from '../support/services.js';

const available = await serviceAvailable('Redis');

const BAD: readonly [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['5', 5],
  ["''", ''],
  ['{}', {}],
  ['{ x: 1 }', { x: 1 }],
];
const bad = <T>(value: unknown) => value as T;

/** A library error whose Vietnamese and English texts both name `argument`, the Vietnamese one without English. */
async function refused(run: () => unknown, argument: string): Promise<OcopConnectError> {
  const error = await failure(run);
  expect(error).toBeInstanceOf(OcopConnectError);
  const e = error as OcopConnectError;
  expect(['validation', 'configuration']).toContain(e.kind);
  expect(e.messageVi).toContain(`${argument}:`);
  expect(e.messageEn).toContain(`${argument}:`);
  expect(e.messageVi).toMatch(/phải là|không có tùy chọn này|bắt buộc/);
  expect(e.messageEn).toMatch(/must be|no such option|is required/);
  expect(e.messageVi).not.toMatch(/\b(must|should|options?:? invalid|Invalid|got)\b/);
  return e;
}

const scope: LimitScope = {
  key: `voso:${randomUUID()}:shared`,
  platform: 'voso',
  account: 'acct',
  trafficClass: 'shared',
  limit: { requestsPerSecond: 5, burst: 1, maxConcurrent: 5, windowMarginMs: 25 },
};

const hubOf = (): Hub =>
  createHub({
    cooperatives: [
      {
        id: 'htx-b',
        marketplaces: [
          {
            platform: 'voso',
            account: 'b',
            baseUrl: 'http://127.0.0.1:9',
            credentials: { username: 'u', password: 'p' },
          },
        ],
      },
    ],
    store: async () => createMemoryStore(),
  });

describe('the hub and the limiters refuse bad arguments without a connection (no Redis needed)', () => {
  it.each(BAD)('startWorker(%s) names options or hub', async (_shown, value) => {
    const named = value === null || (value !== undefined && typeof value !== 'object') ? 'options' : 'hub';
    const error = await refused(() => startWorker(bad(value)), named);
    expect(error).toBeInstanceOf(ConfigurationError);
  });

  it.each([
    ['createJobQueue', (v: unknown) => createJobQueue(bad(v))],
    ['createRedisRateLimiter', (v: unknown) => createRedisRateLimiter(bad(v))],
  ] as const)('%s(null | 5 | ""): names options', async (_name, run) => {
    for (const value of [null, 5, '', []]) await refused(() => run(value), 'options');
  });

  it.each([
    [
      'createJobQueue({ redisUr })',
      () => createJobQueue(bad({ redisUr: 'redis://10.9.9.9:1' })),
      'redisUr',
      'redisUrl',
    ],
    ['createJobQueue({ queuName })', () => createJobQueue(bad({ queuName: 'q' })), 'queuName', 'queueName'],
    [
      'createRedisRateLimiter({ prefx })',
      () => createRedisRateLimiter(bad({ prefx: 'p' })),
      'prefx',
      'prefix',
    ],
    [
      'startWorker({ hub, redisUr })',
      () => startWorker(bad({ hub: hubOf(), redisUr: 'redis://10.9.9.9:1' })),
      'redisUr',
      'redisUrl',
    ],
    [
      'startWorker({ hub, concurency })',
      () => startWorker(bad({ hub: hubOf(), concurency: 3 })),
      'concurency',
      'concurrency',
    ],
  ])('%s: a misspelt option is named with the one meant, before connecting', async (_c, run, wrong, meant) => {
    const started = performance.now();
    const error = await refused(run, wrong);
    expect(error.messageVi).toContain(`có phải "${meant}"?`);
    expect(error.messageEn).toContain(`did you mean "${meant}"?`);
    // Refused before any connection is tried (10.9.9.9 would take the 5 s connect timeout).
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each([
    ['createJobQueue({ redisUrl: 5 })', () => createJobQueue(bad({ redisUrl: 5 })), 'redisUrl'],
    [
      'createJobQueue({ redisUrl: "localhost" })',
      () => createJobQueue(bad({ redisUrl: 'localhost' })),
      'redisUrl',
    ],
    [
      'createRedisRateLimiter({ slotLeaseMs: -1 })',
      () => createRedisRateLimiter(bad({ slotLeaseMs: -1 })),
      'slotLeaseMs',
    ],
    ['startWorker({ hub: {} })', () => startWorker(bad({ hub: {} })), 'hub'],
    [
      'startWorker({ hub, concurrency: 0 })',
      () => startWorker(bad({ hub: hubOf(), concurrency: 0 })),
      'concurrency',
    ],
    ['startWorker({ hub, logger: console })', () => startWorker(bad({ hub: hubOf(), logger: {} })), 'logger'],
  ])('%s names %s', async (_c, run, argument) => {
    await refused(run, argument);
  });

  it('a Redis URL with a password is never shown in the refusal', async () => {
    const error = await refused(
      () => createJobQueue(bad({ redisUrl: 'http://user:s3cret@host:6379' })),
      'redisUrl',
    );
    expect(JSON.stringify([error.message, error.messageVi, error.messageEn])).not.toContain('s3cret');
  });

  it.each(BAD)('hub.config(%s) and hub.connector(%s) name cooperativeId', async (_shown, value) => {
    const hub = hubOf();
    try {
      await refused(() => hub.config(bad(value)), 'cooperativeId');
      await refused(() => hub.connector(bad(value)), 'cooperativeId');
    } finally {
      await hub.close();
    }
  });

  it.each(
    BAD,
  )('createRateLimiter(): acquire(%s), gate(%s) name scope; acquire(scope, bad) names options', async (_s, value) => {
    const limiter = createRateLimiter();
    try {
      await refused(() => limiter.acquire(bad(value)), 'scope');
      await refused(() => limiter.gate(bad(value)), 'scope');
      if (value !== undefined && !(typeof value === 'object' && value !== null && !('x' in value)))
        await refused(
          () => limiter.acquire(scope, bad(value)),
          value === null || typeof value !== 'object' ? 'options' : 'x',
        );
    } finally {
      await limiter.close();
    }
  });

  it('createRateLimiter().acquire: a scope without its limit, a wrong priority, a non-signal', async () => {
    const limiter = createRateLimiter();
    try {
      await refused(() => limiter.acquire(bad({ platform: 'voso' })), 'scope');
      await refused(() => limiter.acquire(bad({ ...scope, limit: { requestsPerSecond: 5 } })), 'scope');
      await refused(() => limiter.acquire(scope, bad({ priority: 'urgent' })), 'priority');
      await refused(() => limiter.acquire(scope, bad({ signal: 'stop' })), 'signal');
      // A good call still works.
      const permit = await limiter.acquire(scope, { priority: 'retry' });
      permit.release({ sent: true, answered: true, rateLimited: false });
    } finally {
      await limiter.close();
    }
  });
});

describe.runIf(available)('the hub on Redis: bad arguments write nothing to the queue', () => {
  const queueName = `test-args-${randomUUID()}`;
  let queue: JobQueue;
  let limiter: RedisRateLimiter;
  let redis: import('ioredis').Redis;
  /** The queue's keys beyond its `meta` (written when the queue is made): a job adds some. */
  const keys = async () => (await redis.keys(`bull:${queueName}:*`)).filter((k) => !k.endsWith(':meta'));

  beforeAll(async () => {
    const Redis = (await import('ioredis')).Redis;
    redis = new Redis(TEST_REDIS_URL);
    queue = await createJobQueue({ redisUrl: TEST_REDIS_URL, queueName });
    limiter = await createRedisRateLimiter({ redisUrl: TEST_REDIS_URL, prefix: `test-args-${randomUUID()}` });
  });
  afterAll(async () => {
    await queue?.close();
    await limiter?.close();
    const left = await redis.keys(`bull:${queueName}:*`);
    if (left.length > 0) await redis.del(...left);
    await redis?.quit();
  });

  it.each(
    BAD,
  )('add(%s) names job; add(job, bad) names options; status/waitFor name id', async (_s, value) => {
    await refused(
      () => queue.add(bad(value)),
      value === null || typeof value !== 'object' ? 'job' : 'cooperative',
    );
    if (value !== undefined && !(typeof value === 'object' && value !== null && !('x' in value)))
      await refused(
        () => queue.add({ cooperative: 'htx-b', kind: 'syncInventory' }, bad(value)),
        value === null || typeof value !== 'object' ? 'options' : 'x',
      );
    await refused(() => queue.status(bad(value)), 'id');
    await refused(() => queue.waitFor(bad(value)), 'id');
    expect(await keys()).toEqual([]);
  });

  it.each([
    [
      'a misspelt field (dryrun)',
      { cooperative: 'htx-b', kind: 'publish', dryrun: true },
      'dryrun',
      'dryRun',
    ],
    [
      'a field of another kind',
      { cooperative: 'htx-b', kind: 'syncInventory', dryRun: true },
      'dryRun',
      undefined,
    ],
    ['an unknown kind', { cooperative: 'htx-b', kind: 'publsh' }, 'kind', undefined],
    ['a wrong-typed field', { cooperative: 'htx-b', kind: 'fulfil', confirm: 'no' }, 'confirm', undefined],
  ])('add: %s is refused and nothing is queued', async (_c, job, field, meant) => {
    const error = await refused(() => queue.add(bad(job)), field);
    if (meant) expect(error.messageEn).toContain(`did you mean "${meant}"?`);
    await refused(
      () => queue.add({ cooperative: 'htx-b', kind: 'syncInventory' }, bad({ dedupeKey: '' })),
      'dedupeKey',
    );
    await refused(
      () => queue.add({ cooperative: 'htx-b', kind: 'syncInventory' }, bad({ atempts: 2 })),
      'atempts',
    );
    await refused(() => queue.waitFor('x', bad('5')), 'timeoutMs');
    expect(await keys()).toEqual([]);
  });

  it.each(BAD)('RedisRateLimiter.acquire(%s) names scope, and takes no slot', async (_s, value) => {
    await refused(() => limiter.acquire(bad(value)), 'scope');
    await refused(() => limiter.acquire(scope, bad({ priority: 5 })), 'priority');
  });

  it('a failed job: its reason per language (a Vietnamese run prints Vietnamese only); waitFor rejects with both', async () => {
    const name = `test-args-fail-${randomUUID()}`;
    const hub = hubOf();
    const worker = await startWorker({ hub, redisUrl: TEST_REDIS_URL, queueName: name });
    const jobs = await createJobQueue({ redisUrl: TEST_REDIS_URL, queueName: name });
    try {
      const { id } = await jobs.add({ cooperative: 'htx-b', kind: 'fulfil' }, { attempts: 1 });
      const error = await failure(() => jobs.waitFor(id, 20_000));
      expect(error).toBeInstanceOf(OcopConnectError);
      const failed = error as OcopConnectError;
      expect(failed.messageVi).toContain('HTX htx-b không có hãng vận chuyển');
      expect(failed.messageVi).not.toContain('cooperative htx-b has no carriers');
      expect(failed.messageEn).toContain('cooperative htx-b has no carriers');
      expect(failed.messageEn).not.toContain('không có');
      const status = await jobs.status(id);
      expect(status?.state).toBe('failed');
      expect(status?.failedReasonVi).toMatch(/^HTX htx-b không có hãng vận chuyển/);
      expect(status?.failedReasonVi).not.toContain(' / ');
      expect(status?.failedReasonEn).toMatch(/^cooperative htx-b has no carriers/);
    } finally {
      await jobs.close();
      await worker.close();
      await hub.close();
      const left = await redis.keys(`bull:${name}:*`);
      if (left.length > 0) await redis.del(...left);
    }
  }, 30_000);
});
