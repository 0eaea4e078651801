import {
  AuthenticationError,
  ConflictError,
  ContractViolationError,
  type ErrorText,
  InvalidRequestError,
  type OcopConnectError,
  type OcopConnectErrorOptions,
} from '../../core/errors.js';
import type { ErrorMappingContext } from '../../core/types.js';
import { argPart, argText } from '../../model/error-arguments.js';
import { platformErrorText } from '../../model/platform-error-text.js';
import { isRecord, pick, readString } from './wire.js';

export const VNPOST = 'vnpost';

/**
 * MyVNPost refused a cancel or a correction (`Type` other than "00"/"02"), e.g. because the parcel was
 * already picked up. Nothing changed at VNPost.
 */
export class VnpostCaseRefusedError extends ConflictError {
  /** VNPost's answer `Type` (e.g. "01"). */
  readonly caseType: string;
  constructor(message: ErrorText, caseType: string, options?: OcopConnectErrorOptions) {
    super(message, options);
    this.caseType = caseType;
  }
}

/**
 * The reference's VNPost parcel was cancelled: a new shipment needs a new reference (the store keeps
 * the cancelled waybill under this one, and a lookup by reference must never adopt it).
 */
export class VnpostReferenceSpentError extends ConflictError {
  readonly reference: string;
  readonly waybill: string;
  constructor(reference: string, waybill: string) {
    const ref = argText(reference);
    super(
      {
        en: `Shipment reference${argPart(ref, ' "', '"')} is spent: its VNPost parcel${argPart(waybill)} was cancelled. Create the new shipment with a new reference${ref ? `, e.g. "${ref}-2"` : ''}.`,
        vi: `Mã tham chiếu${argPart(ref, ' "', '"')} đã dùng cho bưu gửi VNPost${argPart(waybill)} đã bị hủy. Hãy tạo vận đơn mới với mã khác${ref ? `, ví dụ "${ref}-2"` : ''}.`,
      },
      { platform: VNPOST, operation: 'createOrder' },
    );
    this.reference = reference;
    this.waybill = waybill;
  }
}

/**
 * A webhook carried a status code that is not in the status table. It is reported with its raw code and
 * label and never mapped by guesswork; update the table (or handle it yourself) and let VNPost redeliver.
 */
export class UnknownVnpostStatusError extends ContractViolationError {
  readonly items: readonly { itemCode: string; rawStatus: string; rawStatusLabel?: string }[];
  constructor(items: UnknownVnpostStatusError['items']) {
    items = Array.isArray(items) ? items.filter((i) => typeof i === 'object' && i !== null) : [];
    // VNPost's labels are Vietnamese: only the Vietnamese text quotes them (the codes are in both).
    const codes = items.map((i) => `${i.itemCode}=${i.rawStatus}`).join(', ');
    const labelled = items
      .map((i) => `${i.itemCode}=${i.rawStatus}${i.rawStatusLabel ? ` (${i.rawStatusLabel})` : ''}`)
      .join(', ');
    super(
      {
        en: `MyVNPost webhook carries status codes missing from the status table${codes ? `: ${codes}` : ''}; update the table (or handle them yourself), then let VNPost deliver again`,
        vi: `Webhook MyVNPost có mã trạng thái chưa có trong bảng trạng thái${labelled ? `: ${labelled}` : ''}; hãy bổ sung bảng (hoặc tự xử lý) rồi để VNPost gửi lại`,
      },
      { platform: VNPOST, operation: 'webhook' },
    );
    this.items = items;
  }
}

function messageOf(body: unknown): string {
  if (!isRecord(body)) return typeof body === 'string' ? body.slice(0, 200) : '';
  return readString(pick(body, 'errorMessage', 'message', 'Message')) ?? '';
}

/**
 * The one place MyVNPost answers become errors (called for every response, HTTP 200 included).
 * 401 and 403 both mean "token refused" at MyVNPost (integrators re-login on either), so both map to
 * AuthenticationError and the pipeline logs in again exactly once. `{success: false}` bodies (login,
 * draft deletion) are errors even under HTTP 200. Other HTTP errors fall through to the generic mapper.
 */
export function mapVnpostError(context: ErrorMappingContext): OcopConnectError | undefined {
  const { body, status, operation } = context;
  const message = messageOf(body);
  const options: OcopConnectErrorOptions = {
    platform: VNPOST,
    operation,
    httpStatus: status,
    ...(message ? { platformMessage: message } : {}),
    ...(context.requestId !== undefined ? { requestId: context.requestId } : {}),
  };
  // Both languages; VNPost's own message (mostly Vietnamese) only in its language (#18).
  const text = (kind: 'authentication' | 'invalid_request') =>
    platformErrorText({
      name: 'MyVNPost',
      kind,
      head: { vi: `MyVNPost từ chối ${operation}`, en: `MyVNPost ${operation} failed` },
      httpStatus: status,
      ...(message ? { platformMessage: message } : {}),
    });
  if (status === 401 || status === 403) return new AuthenticationError(text('authentication'), options);
  // A 5xx stays a server error whatever its body says (the generic mapper: retriable, outcome unknown
  // for a write); `{success: false}` classifies only answers VNPost gave on purpose.
  if (isRecord(body) && body.success === false && status < 500) {
    if (operation === 'getAccessToken' || /token|mật khẩu|password/i.test(message)) {
      return new AuthenticationError(text('authentication'), options);
    }
    return new InvalidRequestError(text('invalid_request'), options);
  }
  return undefined;
}
