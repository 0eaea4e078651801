import { z } from 'zod';
import {
  A_COUNT_OR_NOTHING,
  A_TEXT,
  A_TEXT_OR_NOTHING,
  AN_ABORT_SIGNAL_OR_NOTHING,
  AN_OBJECT_OR_NOTHING,
  checkArgumentFields,
  checkOptionTable,
  type Expected,
} from './argument-guards.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** What `request(req)` reads before sending: a wrong one is the caller's mistake, not a bug. */
const REQUEST_FIELDS: Readonly<Record<string, Expected>> = {
  operation: A_TEXT,
  method: {
    schema: z.enum(METHODS),
    vi: `một trong ${METHODS.join(', ')}`,
    en: `one of ${METHODS.join(', ')}`,
  },
  path: A_TEXT,
  query: AN_OBJECT_OR_NOTHING,
  headers: AN_OBJECT_OR_NOTHING,
};

const CALL_OPTIONS: Readonly<Record<string, Expected>> = {
  timeoutMs: {
    schema: z.number().positive().optional(),
    vi: 'một số > 0 (hoặc bỏ trống)',
    en: 'a number > 0 (or left out)',
  },
  retries: A_COUNT_OR_NOTHING,
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
  idempotencyKey: A_TEXT_OR_NOTHING,
};

/**
 * The caller's mistakes in `request(req, options)`, before anything is sent: a ValidationError naming
 * request.<field>, a ConfigurationError naming the option (not an InternalError from deep inside the
 * pipeline).
 */
export function checkRequestArguments(request: unknown, options: unknown): void {
  checkArgumentFields(request, 'request', REQUEST_FIELDS);
  checkOptionTable(options, CALL_OPTIONS);
}
