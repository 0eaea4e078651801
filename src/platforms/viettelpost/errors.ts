import { z } from 'zod';
import { A_TEXT, checkArgumentFields, type Expected } from '../../core/argument-guards.js';
import {
  AuthenticationError,
  ConflictError,
  ContractViolationError,
  type ErrorKind,
  type ErrorText,
  InvalidRequestError,
  NotFoundError,
  type OcopConnectError,
  type OcopConnectErrorOptions,
  PermissionError,
  ServerError,
  ValidationError,
} from '../../core/errors.js';
import type { ErrorMappingContext } from '../../core/types.js';
import { argPart, argText } from '../../model/error-arguments.js';
import { platformErrorText, platformSaid } from '../../model/platform-error-text.js';
import type { ValidationIssue } from '../../model/validation.js';

export const VIETTELPOST = 'viettelpost';

/**
 * The route (or weight band) has no price for the service: VTP's "Price does not apply to this
 * itinerary!" (envelope status 204). Fix the input — another service, weight or address — and retry.
 */
export class NotServiceableError extends ValidationError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super(
      message,
      [
        {
          path: 'route',
          code: 'viettelpost.not_serviceable',
          messageVi: 'ViettelPost không có giá cho tuyến, dịch vụ hoặc khối lượng này',
          messageEn: 'ViettelPost has no price for this route, service or weight',
          platform: VIETTELPOST,
        },
      ],
      options,
    );
  }
}

/** A create was refused because our ORDER_NUMBER (reference) already exists (`CHECK_UNIQUE: true`). */
export class DuplicateReferenceError extends ConflictError {}

/**
 * The reference was already used for a ViettelPost order that was cancelled or rejected: VTP refuses
 * the same ORDER_NUMBER again, so re-creating with it could only ever be "pending". Ship under a new
 * reference (e.g. `<reference>-2`) and keep the old one for the cancelled waybill.
 */
export class ReferenceSpentError extends ConflictError {
  readonly reference: string;
  readonly waybill?: string;
  constructor(reference: string, waybill: string | undefined, options: OcopConnectErrorOptions = {}) {
    const of = argPart(waybill, ' (waybill ', ')');
    const ofVi = argPart(waybill, ' (vận đơn ', ')');
    const ref = argText(reference);
    super(
      {
        en: `Shipment reference${argPart(ref, ' "', '"')} is spent: its ViettelPost order${of} was cancelled or rejected, and ViettelPost never accepts the same reference twice. Create the new shipment with a new reference${ref ? `, e.g. "${ref}-2"` : ''}.`,
        vi: `Mã tham chiếu${argPart(ref, ' "', '"')} đã dùng cho một đơn ViettelPost${ofVi} đã bị hủy hoặc bị từ chối; ViettelPost không nhận lại mã này. Hãy tạo vận đơn mới với mã tham chiếu khác${ref ? `, ví dụ "${ref}-2"` : ''}.`,
      },
      { platform: VIETTELPOST, ...options },
    );
    this.reference = reference;
    if (waybill !== undefined) this.waybill = waybill;
  }
}

/**
 * ViettelPost refused a create for a reference that an earlier attempt may already have created, with
 * a message we do not recognise as its duplicate refusal. No second order was created (CHECK_UNIQUE);
 * whether the first exists is unknown. The reference stays pending in the store: its journey webhook
 * (ORDER_REFERENCE) completes it.
 */
export class CreateOutcomeUnknownError extends ConflictError {
  readonly reference: string;
  constructor(reference: string, options: OcopConnectErrorOptions = {}) {
    const said = options.platformMessage ? platformSaid('ViettelPost', options.platformMessage) : undefined;
    super(
      {
        en: `ViettelPost refused ${argText(reference) ? `reference "${reference}"` : 'a reference'}, which an earlier attempt may already have created.${said ? ` ViettelPost said: "${said.en}".` : ''} Nothing new was created. Wait for the order's webhook (or check the ViettelPost portal for this reference) before shipping it under another reference.`,
        vi: `ViettelPost từ chối mã tham chiếu${argPart(reference, ' "', '"')}, mà lần gửi trước có thể đã tạo đơn.${said ? ` ViettelPost trả lời: "${said.vi}".` : ''} Không có đơn mới nào được tạo. Hãy chờ webhook của đơn (hoặc tra mã này trên cổng ViettelPost) trước khi gửi lại với mã khác.`,
      },
      { platform: VIETTELPOST, ...options },
    );
    this.reference = reference;
  }
}

/** UpdateOrder repeated a transition VTP already applied ("Order status already exists on the system"). */
export class OrderStatusConflictError extends ConflictError {}

/** The action is not allowed in the order's current status (checked locally or refused by VTP). */
export class OrderActionNotAllowedError extends ConflictError {
  readonly action?: string;
  readonly currentStatus?: number;
  constructor(
    message: ErrorText,
    options: OcopConnectErrorOptions & { action?: string; currentStatus?: number } = {},
  ) {
    const { action, currentStatus, ...rest } = options;
    super(message, rest);
    if (action !== undefined) this.action = action;
    if (currentStatus !== undefined) this.currentStatus = currentStatus;
  }
}

/** Success bodies that are NOT enveloped (contract §5.3/§5.4): a bare array or a RESULT object. */
const UNENVELOPED_SUCCESS_OPERATIONS: ReadonlySet<string> = new Set(['getPriceAll', 'getPriceAllNlp']);

interface Envelope {
  status?: unknown;
  error: boolean;
  message?: unknown;
  data?: unknown;
}

function isEnvelope(body: unknown): body is Envelope {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as Envelope).error === 'boolean'
  );
}

function fieldIssues(fields: readonly string[], message: string): ValidationIssue[] {
  return fields.map((field) => ({
    path: field,
    code: 'viettelpost.invalid_field',
    messageVi: `ViettelPost từ chối giá trị của trường ${field}`,
    messageEn: `ViettelPost rejected the value of ${field}`,
    platform: VIETTELPOST,
    rule: message,
  }));
}

/** Field names in "Invalid [A, B]" and "Incorrect data: A Incorrect data: B with address old". */
function fieldsIn(message: string): string[] {
  const fields = new Set<string>();
  for (const match of message.matchAll(/Invalid \[([A-Z_, ]+)\]/g)) {
    for (const field of (match[1] ?? '').split(',')) if (field.trim()) fields.add(field.trim());
  }
  for (const match of message.matchAll(/Incorrect data:\s*([A-Z_]+)/g)) if (match[1]) fields.add(match[1]);
  if (/groupaddress/i.test(message)) fields.add('GROUPADDRESS_ID');
  return [...fields];
}

/** Wordings read as "this ORDER_NUMBER was already used" (English and Vietnamese, with or without diacritics). */
export const DUPLICATE_WORDING: readonly RegExp[] = [
  /already (exist|been (used|created))|exists? already/i,
  /duplicat|\bunique\b/i,
  /đã tồn tại|da ton tai|đã được sử dụng|đã sử dụng|đã có trong hệ thống/i,
  /trùng|\btrung\b/i,
  /ORDER_NUMBER.*(exist|used|tồn tại)/i,
];

type Rule = {
  /** The kind of the error `build` makes (it decides what the text tells the reader to do). */
  kind: ErrorKind;
  test: (message: string, envelopeStatus: number | undefined) => boolean;
  build: (text: ErrorText, message: string, options: OcopConnectErrorOptions) => OcopConnectError;
};

/**
 * Classified by message, because VTP's envelope `status` is unreliable (205 covers most errors) and
 * errors travel inside HTTP 200 bodies. Order matters: the first matching rule wins.
 */
const RULES: readonly Rule[] = [
  {
    kind: 'authentication',
    test: (m, s) => /token/i.test(m) || /owner account or password/i.test(m) || s === 401,
    build: (text, _m, o) => new AuthenticationError(text, o),
  },
  {
    kind: 'validation',
    test: (m, s) => /price does not apply/i.test(m) || s === 204,
    build: (text, _m, o) => new NotServiceableError(text, o),
  },
  {
    kind: 'conflict',
    test: (m) => /order status already exists/i.test(m),
    build: (text, _m, o) => new OrderStatusConflictError(text, o),
  },
  {
    kind: 'conflict',
    // VTP documents no wording for the CHECK_UNIQUE refusal (contract §6.4, §12): several plausible
    // ones are matched; an unrecognised one on a retried create is handled by createShipment.
    test: (m) => DUPLICATE_WORDING.some((pattern) => pattern.test(m)),
    build: (text, _m, o) => new DuplicateReferenceError(text, o),
  },
  {
    kind: 'not_found',
    test: (m) => /does not exist|not found|không tồn tại|không tìm thấy/i.test(m),
    build: (text, _m, o) => new NotFoundError(text, o),
  },
  {
    kind: 'conflict',
    test: (m) => /not allow|không cho phép/i.test(m),
    build: (text, _m, o) => new OrderActionNotAllowedError(text, o),
  },
  {
    kind: 'server',
    test: (m) => /system error/i.test(m),
    build: (text, _m, o) => new ServerError(text, { ...o, retriable: true }),
  },
  {
    kind: 'permission',
    test: (m) => /blocking create order/i.test(m),
    build: (text, _m, o) => new PermissionError(text, o),
  },
  {
    kind: 'validation',
    test: (m) => fieldsIn(m).length > 0,
    build: (text, m, o) => new ValidationError(text, fieldIssues(fieldsIn(m), m), o),
  },
];

const AN_HTTP_STATUS: Expected = {
  schema: z.number().int().min(100).max(599),
  vi: 'một mã trạng thái HTTP (100–599)',
  en: 'an HTTP status code (100–599)',
};

/** What the mapper reads of its context besides the body (any body is an answer to map). */
const MAPPING_CONTEXT = { operation: A_TEXT, status: AN_HTTP_STATUS };

/**
 * The one place ViettelPost answers become errors. Called by the pipeline for EVERY response,
 * including HTTP 200, because VTP reports errors as `{error: true}` inside a 200.
 * Returns undefined for a success (an envelope with `error: false`, or the bare array / RESULT object
 * getPriceAll(Nlp) answers with).
 *
 * @throws ValidationError when `context` is not an ErrorMappingContext (an object with `operation` and
 *   the HTTP `status`): a caller's mistake, named in both languages — not an answer to map.
 */
export function mapViettelPostError(context: ErrorMappingContext): OcopConnectError | undefined {
  checkArgumentFields(context, 'context', MAPPING_CONTEXT);
  const { body, status: httpStatus, operation } = context;
  const base: OcopConnectErrorOptions = {
    platform: VIETTELPOST,
    operation,
    httpStatus,
    ...(context.requestId !== undefined ? { requestId: context.requestId } : {}),
  };
  if (isEnvelope(body)) {
    if (!body.error) return undefined;
    const message = typeof body.message === 'string' ? body.message : '';
    const envelopeStatus = typeof body.status === 'number' ? body.status : Number(body.status) || undefined;
    const options: OcopConnectErrorOptions = {
      ...base,
      platformMessage: message,
      ...(envelopeStatus !== undefined ? { platformCode: String(envelopeStatus) } : {}),
    };
    const rule = RULES.find((candidate) => candidate.test(message, envelopeStatus));
    // Both languages; ViettelPost's own message (mostly English) only in its language (#18).
    const text = platformErrorText({
      name: 'ViettelPost',
      kind: rule?.kind ?? 'invalid_request',
      head: {
        vi: operation === 'login' ? 'Đăng nhập bị từ chối' : `ViettelPost từ chối yêu cầu ${operation}`,
        en: `ViettelPost ${operation} failed`,
      },
      httpStatus,
      ...(envelopeStatus !== undefined ? { platformCode: String(envelopeStatus) } : {}),
      platformMessage: message,
    });
    return rule ? rule.build(text, message, options) : new InvalidRequestError(text, options);
  }
  // Anything else on an HTTP error is left to the generic HTTP-status mapper.
  if (httpStatus >= 400) return undefined;
  if (UNENVELOPED_SUCCESS_OPERATIONS.has(operation) && typeof body === 'object' && body !== null)
    return undefined;
  return new ContractViolationError(
    {
      vi: `ViettelPost ${operation}: câu trả lời không có khung {status, error, message, data}`,
      en: `ViettelPost ${operation} answered without the {status, error, message, data} envelope`,
    },
    {
      ...base,
      responseBody: typeof body === 'string' ? body.slice(0, 200) : body,
    },
  );
}
