/**
 * The sandbox handles' own checks: every method a test drives (advance, setOrderEnding, placeOrder,
 * setFaults …) refuses a wrong-typed argument (kind `validation`), an id the sandbox does not hold
 * (kind `not_found`) and any use after `close()` (kind `closed`), with the library's root error in
 * Vietnamese and English. The sandbox layer may import only `model/` and `vn/`, so these are the root
 * error with the model's wording of a wrong type, not core's classes; the rules are the start
 * functions' (`sandbox-options.ts`), with the few only a method needs below.
 *
 * Reading what happened (`state`, `stats`, the delivered webhooks) stays possible after `close()`;
 * driving or changing the sandbox does not.
 */
import { type ErrorKind, OcopConnectError } from '../model/error-root.js';
import type { BilingualText } from '../model/messages.js';
import type { CarrierTraffic } from './request-log.js';
import { A_TEXT, type OptionRule, problemsOf, rule } from './sandbox-options.js';

export const INTEGER = rule(Number.isSafeInteger, 'một số nguyên', 'a whole number');
export const TEXT_OR_NUMBER = rule(
  (v) => (typeof v === 'string' && v !== '') || Number.isSafeInteger(v),
  'một chuỗi hoặc một số nguyên',
  'a string or a whole number',
);

/** A positional argument: its name, its rule, whether it may be left out. */
export interface Argument {
  readonly name: string;
  readonly rule: OptionRule;
  readonly optional?: boolean;
}

export const arg = (name: string, r: OptionRule): Argument => ({ name, rule: r });
export const optional = (name: string, r: OptionRule): Argument => ({ name, rule: r, optional: true });

/**
 * How a method is guarded: its arguments, whether it only reads (then it still answers after close),
 * and whether it returns a promise (then a refusal is a rejected promise, as its other failures are).
 */
export interface MethodGuard {
  readonly args: readonly Argument[];
  readonly read?: true;
  readonly async?: true;
}

export const drives = (...args: Argument[]): MethodGuard => ({ args });
export const drivesAsync = (...args: Argument[]): MethodGuard => ({ args, async: true });
export const reads = (...args: Argument[]): MethodGuard => ({ args, read: true });

type Method = (...args: never[]) => unknown;

/** A guard for every method of `Handle` but `close` (a method left out is a type error). */
export type HandleTable<Handle> = {
  readonly [K in keyof Handle as Handle[K] extends Method
    ? K extends 'close'
      ? never
      : K
    : never]-?: MethodGuard;
};

/** The root error of a sandbox handle, naming the sandbox and the method in both languages. */
export function handleError(
  kind: ErrorKind,
  where: { sandbox: string; method: string },
  text: BilingualText,
): OcopConnectError {
  return new OcopConnectError(
    kind,
    {
      vi: `Sandbox ${where.sandbox}: ${where.method}: ${text.vi}`,
      en: `${where.sandbox} sandbox: ${where.method}: ${text.en}`,
    },
    { operation: where.method },
  );
}

/** `kind` not_found for an id the sandbox does not hold (`what` e.g. { vi: 'đơn', en: 'order' }). */
export function unknownId(
  where: { sandbox: string; method: string },
  what: BilingualText,
  id: string,
): OcopConnectError {
  return handleError('not_found', where, { vi: `không có ${what.vi} ${id}`, en: `no ${what.en} ${id}` });
}

/**
 * Replaces, in place, every method of `handle` listed in `table` by one that refuses use after close
 * (unless it only reads) and wrong arguments, all problems in one error. Getters (`stats`) and the
 * other fields stay as they are. `close` is not guarded: closing twice is allowed.
 */
export function guardHandle<Handle extends object>(
  handle: Handle,
  sandbox: string,
  table: HandleTable<Handle>,
  isClosed: () => boolean,
  prefix = '',
): Handle {
  const methods = handle as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const [name, guard] of Object.entries(table as Record<string, MethodGuard>)) {
    const method = methods[name];
    if (typeof method !== 'function') continue; // the table's type lists only methods
    const where = { sandbox, method: `${prefix}${name}` };
    methods[name] = (...given: unknown[]) => {
      const refusal = refusalOf(guard, where, given, isClosed());
      if (refusal === undefined) return method.apply(handle, given);
      if (guard.async) return Promise.reject(refusal);
      throw refusal;
    };
  }
  return handle;
}

/**
 * A sandbox function's positional arguments (the signing helpers), checked as a handle method's are:
 * one refusal (kind `validation`) naming each wrong argument by its type, never by its value (a secret
 * stays out of the text).
 */
export function checkArguments(
  where: { sandbox: string; method: string },
  args: readonly Argument[],
  given: readonly unknown[],
): void {
  const refusal = refusalOf({ args }, where, given, false);
  if (refusal) throw refusal;
}

function refusalOf(
  guard: MethodGuard,
  where: { sandbox: string; method: string },
  given: readonly unknown[],
  closed: boolean,
): OcopConnectError | undefined {
  if (!guard.read && closed) {
    return handleError('closed', where, {
      vi: 'sandbox đã đóng (close()); hãy khởi động một sandbox mới',
      en: 'the sandbox is closed (close()); start a new one',
    });
  }
  const problems = guard.args.flatMap((a, index) => {
    const value = given[index];
    if (value === undefined && a.optional) return [];
    return problemsOf(a.name, value, a.rule);
  });
  if (problems.length === 0) return undefined;
  return handleError('validation', where, {
    vi: problems.map((p) => p.vi).join('; '),
    en: problems.map((p) => p.en).join('; '),
  });
}

export const POSITIVE = rule(
  (v) => typeof v === 'number' && Number.isFinite(v) && v > 0,
  'một số lớn hơn 0',
  'a number greater than 0',
);
export const ANY_TEXT = rule((v) => typeof v === 'string', 'một chuỗi', 'a string');
export const PROBABILITY = rule(
  (v) => typeof v === 'number' && v >= 0 && v <= 1,
  'một số từ 0 đến 1',
  'a number from 0 to 1',
);

/** What a carrier sandbox calls the parcels it holds, in refusals. */
export const ORDER = { vi: 'đơn', en: 'order' } as const;
/** The guards of a carrier sandbox's traffic view (`CarrierTraffic`), shared by ViettelPost and VNPost. */
export const CARRIER_TRAFFIC_GUARDS: HandleTable<CarrierTraffic<unknown, string, unknown>> = {
  requests: reads(),
  requestCount: reads(optional('operation', A_TEXT)),
  requestCounts: reads(),
  webhookDeliveries: reads(),
};

/** Guards a carrier sandbox's handle (ViettelPost, VNPost) and its `state`, in place. */
export function guardCarrierHandle<Handle extends { readonly state: object }>(
  handle: Handle,
  sandbox: string,
  tables: { readonly state: HandleTable<Handle['state']>; readonly handle: HandleTable<Handle> },
  isClosed: () => boolean,
): Handle {
  guardHandle(handle.state, sandbox, tables.state, isClosed, 'state.');
  return guardHandle(handle, sandbox, tables.handle, isClosed);
}
