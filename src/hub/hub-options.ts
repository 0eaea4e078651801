import { z } from 'zod';
import {
  A_BOOLEAN_OR_NOTHING,
  A_COUNT_OR_NOTHING,
  A_FUNCTION,
  A_POSITIVE_INTEGER_OR_NOTHING,
  A_TEXT,
  A_TEXT_OR_NOTHING,
  anAdapter,
  checkOptions,
  type Expected,
  OWN_RULES,
  optionTableProblems,
  orNothing,
} from '../core/argument-guards.js';
import { isPlainObject } from '../model/argument-check.js';

/** createHub's options: what each must be (`cooperatives` has its own rules, checkHubConfig). */
const HUB_OPTIONS: Readonly<
  Record<'cooperatives' | 'store' | 'logger' | 'tokenStore' | 'limiter', Expected>
> = {
  cooperatives: OWN_RULES,
  store: A_FUNCTION,
  // The hub gives each cooperative a child logger.
  logger: orNothing(anAdapter('logger', [], ['info', 'warn', 'error', 'child'])),
  tokenStore: orNothing(anAdapter('TokenStore', [], ['get', 'set', 'delete'])),
  limiter: orNothing(anAdapter('RequestLimiter', [], ['acquire', 'close'])),
};

/** Each hub option that is not what it must be, and each unknown name; `options` must be an object. */
export function hubOptionProblems(options: unknown): string[] {
  return optionTableProblems(options, HUB_OPTIONS);
}

/** A Redis URL (it may hold a password: a refusal names its type only, never the value). */
const A_REDIS_URL_OR_NOTHING: Expected = {
  schema: z
    .string()
    .regex(/^rediss?:\/\/\S+$/)
    .optional(),
  vi: 'một URL Redis (redis://… hoặc rediss://…) (hoặc bỏ trống)',
  en: 'a Redis URL (redis://… or rediss://…) (or left out)',
};

/** Where the queue lives: every hub function that reaches Redis through BullMQ takes these. */
const CONNECTION_OPTIONS = { redisUrl: A_REDIS_URL_OR_NOTHING, queueName: A_TEXT_OR_NOTHING } as const;

/** createJobQueue's options, checked whole (a misspelt `redisUr` never falls back to the local Redis). */
export function checkJobQueueOptions(options: unknown): void {
  checkOptions(options, CONNECTION_OPTIONS, 'createJobQueue');
}

/** What startWorker needs of a hub (createHub's answer). */
const A_HUB: Expected = {
  schema: z.custom(
    (v) =>
      isPlainObject(v) &&
      Array.isArray(v.cooperatives) &&
      typeof v.connector === 'function' &&
      typeof v.config === 'function',
  ),
  vi: 'một Hub (kết quả của createHub: cooperatives, connector, config)',
  en: 'a Hub (what createHub returns: cooperatives, connector, config)',
};

const A_MS_OR_NOTHING: Expected = {
  schema: z.number().int().min(1).optional(),
  vi: 'một số nguyên ≥ 1 (mili giây) (hoặc bỏ trống)',
  en: 'an integer ≥ 1 (milliseconds) (or left out)',
};

const WORKER_OPTIONS: Readonly<Record<string, Expected>> = {
  ...CONNECTION_OPTIONS,
  hub: A_HUB,
  concurrency: A_POSITIVE_INTEGER_OR_NOTHING,
  cooperativeLockMs: A_MS_OR_NOTHING,
  jobLockMs: A_MS_OR_NOTHING,
  maxStalled: A_COUNT_OR_NOTHING,
  unknownCooperativeGraceMs: A_COUNT_OR_NOTHING,
  logger: orNothing(anAdapter('logger', [], ['info', 'warn', 'error', 'debug'])),
};

/** startWorker's options, checked whole before Redis is reached: `hub` is required. */
export function checkWorkerOptions(options: unknown): void {
  checkOptions(options, WORKER_OPTIONS, 'startWorker');
}

const REDIS_LIMITER_OPTIONS: Readonly<Record<string, Expected>> = {
  redisUrl: A_REDIS_URL_OR_NOTHING,
  prefix: A_TEXT_OR_NOTHING,
  slotLeaseMs: A_MS_OR_NOTHING,
};

/** createRedisRateLimiter's options, checked whole (a misspelt `prefx` is named, not ignored). */
export function checkRedisLimiterOptions(options: unknown): void {
  checkOptions(options, REDIS_LIMITER_OPTIONS, 'createRedisRateLimiter');
}

/** JobQueue.add's second argument. */
const ADD_OPTIONS: Readonly<Record<string, Expected>> = {
  dedupeKey: A_TEXT_OR_NOTHING,
  attempts: A_POSITIVE_INTEGER_OR_NOTHING,
};

export function checkAddOptions(options: unknown): void {
  checkOptions(options, ADD_OPTIONS, 'add');
}

const KINDS = ['publish', 'syncInventory', 'fulfil'] as const;
const A_KIND: Expected = {
  schema: z.enum(KINDS),
  vi: `một trong: ${KINDS.join(', ')}`,
  en: `one of: ${KINDS.join(', ')}`,
};
const COMMON = { cooperative: A_TEXT, kind: A_KIND };

/** A job's fields per kind: a misspelt `dryrun` is refused, never a real publish instead of a dry run. */
const JOB_FIELDS: Readonly<Record<(typeof KINDS)[number], Readonly<Record<string, Expected>>>> = {
  publish: {
    ...COMMON,
    catalog: A_TEXT_OR_NOTHING,
    dryRun: A_BOOLEAN_OR_NOTHING,
    assumeNoExistingListings: A_BOOLEAN_OR_NOTHING,
  },
  syncInventory: COMMON,
  fulfil: { ...COMMON, confirm: A_BOOLEAN_OR_NOTHING, approve: A_BOOLEAN_OR_NOTHING },
};

/** The fields a job of its kind may have (every kind's, when the kind itself is wrong). */
export function jobFieldTable(job: Readonly<Record<string, unknown>>): Readonly<Record<string, Expected>> {
  const kind = job.kind as (typeof KINDS)[number];
  return Object.hasOwn(JOB_FIELDS, kind) ? JOB_FIELDS[kind] : Object.assign({}, ...Object.values(JOB_FIELDS));
}
