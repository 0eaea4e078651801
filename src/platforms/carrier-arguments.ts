/**
 * The carrier adapters' method arguments, checked from one table per adapter: each public method names
 * what each of its arguments must be, and the check runs before the method sends or stores anything.
 * Data (waybills, requests, events, webhook bodies) is refused with a ValidationError naming the
 * argument, an options object with a ConfigurationError naming the option (an unknown one with the
 * nearest known name; `null` is not "no options" — the connector's methods refuse it the same way).
 */
import { z } from 'zod';
import {
  A_COUNT_OR_NOTHING,
  A_RAW_BODY,
  A_TEXT,
  A_TEXT_OR_NOTHING,
  AN_ABORT_SIGNAL_OR_NOTHING,
  AN_ID_TEXT,
  AN_OBJECT,
  checkArgument,
  checkArgumentFields,
  checkOptions,
  type Expected,
} from '../core/argument-guards.js';
import { ShipmentStatusSchema } from '../model/status.js';

/** One argument's check, given the argument's value (it throws when the value is wrong). */
type ArgumentCheck = (value: unknown) => void;

/** A method's checks, one per argument in order; `sync` for a method that returns no promise. */
export interface MethodRule {
  readonly args: readonly ArgumentCheck[];
  readonly sync?: true;
}

/** Every method of `T` (TypeScript refuses a table that leaves one out; optional ones stay optional). */
export type MethodTable<T> = {
  readonly [K in keyof T as NonNullable<T[K]> extends (...args: never[]) => unknown ? K : never]: MethodRule;
};

/** A data argument: a ValidationError naming it. */
export const data =
  (name: string, expected: Expected): ArgumentCheck =>
  (value) =>
    checkArgument(value, name, expected);

/** An object of named fields (an event, a request): every wrong field in one ValidationError. */
export const fields =
  (name: string, table: Readonly<Record<string, Expected>>): ArgumentCheck =>
  (value) =>
    checkArgumentFields(value, name, table);

/** What every call takes (CallOptions). */
export const CALL_OPTIONS: Readonly<Record<string, Expected>> = {
  timeoutMs: A_COUNT_OR_NOTHING,
  retries: A_COUNT_OR_NOTHING,
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
  idempotencyKey: A_TEXT_OR_NOTHING,
};

/** An options object (or left out) against CallOptions plus `more`: a ConfigurationError naming `method`. */
export const options =
  (method: string, more: Readonly<Record<string, Expected>> = {}): ArgumentCheck =>
  (value) =>
    checkOptions(value, { ...CALL_OPTIONS, ...more }, method);

/**
 * Options that must be given (createShipment's): they carry the reference, the create's data, so leaving
 * them out is a ValidationError naming `options`; a wrong option inside is a ConfigurationError.
 */
export const requiredOptions =
  (method: string, more: Readonly<Record<string, Expected>>): ArgumentCheck =>
  (value) => {
    checkArgument(value, 'options', AN_OBJECT);
    checkOptions(value, { ...CALL_OPTIONS, ...more }, method);
  };

/** Any text ('' included), or left out: a cancel reason, a note. */
export const ANY_TEXT_OR_NOTHING: Expected = {
  schema: z.string().optional(),
  vi: 'một chuỗi (hoặc bỏ trống)',
  en: 'a string (or left out)',
};
export const A_NUMBER_OR_NOTHING: Expected = {
  schema: z.number().finite().optional(),
  vi: 'một số (hoặc bỏ trống)',
  en: 'a number (or left out)',
};
export const AN_ID: Expected = {
  schema: z.number().int().min(0),
  vi: 'một số nguyên ≥ 0 (mã do hãng vận chuyển cấp)',
  en: "an integer ≥ 0 (the carrier's id)",
};
export const A_STATUS_CODE: Expected = {
  schema: z.union([z.string().min(1), z.number().finite()]),
  vi: 'một mã trạng thái (chuỗi hoặc số)',
  en: 'a status code (string or number)',
};
export const A_LABEL_SIZE: Expected = {
  schema: z.enum(['A5', 'A6', 'A7']).optional(),
  vi: 'khổ tem A5, A6 hoặc A7 (hoặc bỏ trống)',
  en: 'a label size A5, A6 or A7 (or left out)',
};
/** A list of waybill numbers: a single string is refused (wrap it in an array). */
export const WAYBILLS: Expected = {
  schema: z.array(AN_ID_TEXT.schema),
  vi: 'một mảng các mã vận đơn (một mã cũng phải nằm trong mảng: ["EB…VN"])',
  en: 'an array of waybill numbers (a single one too: ["EB…VN"])',
};

/** A canonical shipment event, as `applyEvent` folds it in: the fields it reads, named when wrong. */
export const EVENT_FIELDS: Readonly<Record<string, Expected>> = {
  trackingNumber: A_TEXT,
  status: {
    schema: ShipmentStatusSchema,
    vi: `một trạng thái vận đơn (${ShipmentStatusSchema.options.join(', ')})`,
    en: `a shipment status (${ShipmentStatusSchema.options.join(', ')})`,
  },
  rawStatus: A_STATUS_CODE,
  occurredAt: { schema: z.string().min(1), vi: 'một thời điểm ISO 8601', en: 'an ISO 8601 instant' },
  reference: A_TEXT_OR_NOTHING,
};

export const RAW_BODY: ArgumentCheck = data('rawBody', A_RAW_BODY);

/** verifyWebhook / receiveWebhook: the body and the headers (the check every receiver shares). */
export const WEBHOOK_DELIVERY: MethodRule['args'] = [RAW_BODY, data('headers', AN_OBJECT)];

function checkAll(rule: MethodRule, args: readonly unknown[]): void {
  rule.args.forEach((check, index) => {
    check(args[index]);
  });
}

/**
 * `target` with each method of `table` checking its arguments first: a synchronous method throws, an
 * asynchronous one rejects (never a throw from a function that returns a promise).
 */
export function withArgumentChecks<T extends object>(target: T, table: MethodTable<T>): T {
  const checked: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [name, rule] of Object.entries(table) as [string, MethodRule][]) {
    const method = (target as Record<string, unknown>)[name];
    if (typeof method !== 'function') continue;
    const call = (...args: unknown[]) => method.apply(target, args);
    checked[name] = rule.sync
      ? (...args: unknown[]) => {
          checkAll(rule, args);
          return call(...args);
        }
      : async (...args: unknown[]) => {
          checkAll(rule, args);
          return call(...args);
        };
  }
  return checked as T;
}

/** A waybill or our reference: blank ('  ') or padded ids are refused here, never sent. */
export const WAYBILL: ArgumentCheck = data('trackingNumber', AN_ID_TEXT);
export const REFERENCE: ArgumentCheck = data('reference', AN_ID_TEXT);

/**
 * The methods every carrier adapter has (CarrierAdapter), each argument checked the same way; `carrier`
 * heads the options' refusals ("vnpost.quote: invalid options"). `create` is the createShipment
 * options beyond CallOptions (the reference, checked by createShipment itself, and the carrier's own).
 */
export function carrierMethods(carrier: string, create: Readonly<Record<string, Expected>>) {
  const call = (method: string) => options(`${carrier}.${method}`);
  return {
    refreshCatalogs: { args: [], sync: true },
    resolveAddress: { args: [data('address', AN_OBJECT), call('resolveAddress')] },
    quote: { args: [data('request', AN_OBJECT), call('quote')] },
    quoteService: { args: [data('request', AN_OBJECT), data('serviceCode', A_TEXT), call('quoteService')] },
    createShipment: {
      args: [data('request', AN_OBJECT), requiredOptions(`${carrier}.createShipment`, create)],
    },
    verifyWebhook: { args: WEBHOOK_DELIVERY, sync: true },
    parseWebhook: { args: [RAW_BODY], sync: true },
    receiveWebhook: { args: WEBHOOK_DELIVERY },
    applyEvent: { args: [fields('event', EVENT_FIELDS)] },
    shipmentRecord: { args: [REFERENCE] },
    pendingShipments: { args: [] },
    close: { args: [] },
  } as const satisfies Readonly<Record<string, MethodRule>>;
}
