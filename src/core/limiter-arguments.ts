/**
 * The rate limiters' arguments, checked in one place for every limiter (the in-process one, its
 * gates, the Redis one): a scope, acquire's options, a permit's outcome, a pause. A wrong one is named
 * in Vietnamese and English — never a TypeError from deep inside, never a slot that is not given back.
 */
import { z } from 'zod';
import { argumentProblem, isPlainObject } from '../model/argument-check.js';
import { splitBilingual } from '../model/error-text.js';
import type { ValidationIssue } from '../model/validation.js';
import {
  A_BOOLEAN_OR_NOTHING,
  AN_ABORT_SIGNAL_OR_NOTHING,
  checkArgument,
  checkOption,
  checkOptions,
  type Expected,
  tableWithout,
  unknownNameProblems,
} from './argument-guards.js';
import { ValidationError } from './errors.js';
import type { AcquireOptions, LimiterOutcome } from './limiter.js';

/**
 * What a limiter reads of a scope: its key and its whole limit (the pipeline's `limitScopeFor` fills
 * the defaults in). Checked on every acquire: a half-made scope is named, never a TypeError deep inside.
 */
export const A_LIMIT_SCOPE: Expected = {
  schema: z.object({
    key: z.string().min(1),
    limit: z.object({
      requestsPerSecond: z.number().positive().finite(),
      burst: z.number().int().min(1),
      maxConcurrent: z.number().int().min(1),
      windowMarginMs: z.number().min(0).finite(),
    }),
  }),
  vi: 'một LimitScope ({ key, limit: { requestsPerSecond > 0, burst ≥ 1, maxConcurrent ≥ 1, windowMarginMs ≥ 0 } })',
  en: 'a LimitScope ({ key, limit: { requestsPerSecond > 0, burst ≥ 1, maxConcurrent ≥ 1, windowMarginMs ≥ 0 } })',
};

const ACQUIRE_OPTIONS: Readonly<Record<keyof AcquireOptions, Expected>> = {
  priority: {
    schema: z.enum(['retry', 'normal']).optional(),
    vi: '"retry" hoặc "normal" (hoặc bỏ trống)',
    en: '"retry" or "normal" (or left out)',
  },
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
};

/** acquire's options (of a limiter or of one gate): a ConfigurationError naming the wrong one (`priorty` → "priority"). */
export function checkAcquireOptions(options: unknown): void {
  checkOptions(options, ACQUIRE_OPTIONS, 'acquire');
}

/** A limiter's `acquire(scope, options)` arguments: a ConfigurationError naming the wrong one. */
export function checkAcquire(scope: unknown, options: unknown): void {
  checkOption(scope, 'scope', A_LIMIT_SCOPE);
  checkAcquireOptions(options);
}

const A_MS: Expected = {
  schema: z.number().min(0).finite(),
  vi: 'một số mili giây ≥ 0',
  en: 'a number of milliseconds ≥ 0',
};

/** A gate's `pause(durationMs)`: a ValidationError naming durationMs (-5, 'x', NaN, Infinity). */
export function checkPause(durationMs: unknown): void {
  checkArgument(durationMs, 'durationMs', A_MS);
}

const A_NUMBER_OR_NOTHING: Expected = {
  schema: z.number().finite().optional(),
  vi: 'một số (hoặc bỏ trống)',
  en: 'a number (or left out)',
};

/** A permit's outcome, field by field (LimiterOutcome); a field left out takes its default. */
const OUTCOME_FIELDS: Readonly<Record<keyof LimiterOutcome, Expected>> = {
  sent: A_BOOLEAN_OR_NOTHING,
  answered: A_BOOLEAN_OR_NOTHING,
  rateLimited: A_BOOLEAN_OR_NOTHING,
  status: A_NUMBER_OR_NOTHING,
  retryAfterMs: A_NUMBER_OR_NOTHING,
  quota: {
    schema: z.partialRecord(z.enum(['limit', 'remaining', 'resetMs']), z.number()).optional(),
    vi: 'một đối tượng { limit?, remaining?, resetMs? } với các giá trị là số (hoặc bỏ trống)',
    en: 'an object { limit?, remaining?, resetMs? } of numbers (or left out)',
  },
};

/** A gate's release takes the three flags only (SlotResult). */
const SLOT_RESULT_FIELDS = tableWithout(OUTCOME_FIELDS, 'status', 'retryAfterMs', 'quota');

/**
 * What a release without a (usable) outcome frees the slot with: sent, no answer — the slot counts a
 * full window from now and nothing is learned (the safe reading of "something was sent").
 */
export const UNKNOWN_OUTCOME: Readonly<LimiterOutcome> = Object.freeze({
  sent: true,
  answered: false,
  rateLimited: false,
});

/**
 * The outcome a permit's `release(outcome)` was given, read for the limiter: left out → UNKNOWN_OUTCOME;
 * an object → its fields, each left-out flag taken from UNKNOWN_OUTCOME. `refusal` is set when the
 * argument is not an outcome (not an object, a wrong-typed field, an unknown name with the nearest
 * known one: `ratelimited` → "rateLimited"): the caller frees the slot with `outcome` (UNKNOWN_OUTCOME)
 * FIRST, then throws the refusal — a release never leaks its slot. Shared by every limiter.
 */
export function readOutcome(
  given: unknown,
  fields: Readonly<Record<string, Expected>> = OUTCOME_FIELDS,
): { outcome: LimiterOutcome; refusal?: ValidationError } {
  if (given === undefined) return { outcome: { ...UNKNOWN_OUTCOME } };
  const issues: ValidationIssue[] = [];
  if (!isPlainObject(given)) {
    const problem = argumentProblem('outcome', given, {
      vi: 'một LimiterOutcome ({ sent, answered, rateLimited, … }) (hoặc bỏ trống)',
      en: 'a LimiterOutcome ({ sent, answered, rateLimited, … }) (or left out)',
    });
    issues.push({ path: 'outcome', code: 'invalid_argument', messageVi: problem.vi, messageEn: problem.en });
  } else {
    for (const text of unknownNameProblems(given, Object.keys(fields), 'outcome.')) {
      const words = splitBilingual(text) ?? { vi: text, en: text };
      issues.push({
        path: text.slice(0, text.indexOf(':')),
        code: 'unknown_field',
        messageVi: words.vi,
        messageEn: words.en,
      });
    }
    for (const [name, expected] of Object.entries(fields)) {
      if (expected.schema.safeParse(given[name]).success) continue;
      const problem = argumentProblem(`outcome.${name}`, given[name], expected);
      issues.push({
        path: `outcome.${name}`,
        code: 'invalid_argument',
        messageVi: problem.vi,
        messageEn: problem.en,
      });
    }
  }
  if (issues.length > 0)
    return {
      outcome: { ...UNKNOWN_OUTCOME },
      refusal: new ValidationError(
        {
          vi: 'release: kết quả (outcome) không hợp lệ; vị trí đã được trả lại như một yêu cầu đã gửi mà không có trả lời',
          en: 'release: invalid outcome; the slot was given back as a request sent without an answer',
        },
        issues,
      ),
    };
  const own = given as Partial<LimiterOutcome>;
  const outcome: LimiterOutcome = {
    ...own,
    sent: own.sent ?? UNKNOWN_OUTCOME.sent,
    answered: own.answered ?? UNKNOWN_OUTCOME.answered,
    rateLimited: own.rateLimited ?? UNKNOWN_OUTCOME.rateLimited,
  };
  return { outcome };
}

/** A gate's `release(result)` (SlotResult: sent, answered, rateLimited), read as readOutcome reads a permit's. */
export function readSlotResult(given: unknown): ReturnType<typeof readOutcome> {
  return readOutcome(given, SLOT_RESULT_FIELDS);
}
