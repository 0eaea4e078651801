import {
  AbortedError,
  InternalError,
  InvalidRequestError,
  NetworkError,
  OcopConnectError,
  ServerError,
} from '../../core/errors.js';
import { splitBilingual } from '../../model/error-text.js';
import { platformErrorText } from '../../model/platform-error-text.js';
import type { ItemResult } from '../../platforms/types.js';

/**
 * Every failure in a report is an OcopConnectError. Anything else that escaped an adapter or the image
 * pipeline (a bug, a sharp error) is an {@link InternalError}: kind `internal`, with platform,
 * operation and the original as `cause` — never labelled as the platform refusing the request.
 */
export function asOcopError(error: unknown, platform: string, operation: string): OcopConnectError {
  if (error instanceof OcopConnectError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new InternalError(
    {
      vi: `${operation} thất bại trên ${platform} (lỗi nội bộ): ${message}`,
      en: `${operation} failed on ${platform} (internal error): ${message}`,
    },
    {
      platform,
      operation,
      cause: error,
    },
  );
}

/** A failure that says the platform cannot be reached at all (no answer), not that it refused something. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof OcopConnectError && (error.kind === 'network' || error.kind === 'timeout');
}

/** The one error every item of a platform gets once a read found it unreachable while planning. */
export function platformUnreachableError(
  platform: string,
  account: string,
  cause: unknown,
): OcopConnectError {
  // The cause says what, which host and the code: keep it, each language with its own text.
  const reasonVi = cause instanceof OcopConnectError ? cause.messageVi : String(cause);
  const reasonEn =
    cause instanceof OcopConnectError
      ? cause.messageEn
      : cause instanceof Error
        ? cause.message
        : String(cause);
  return new NetworkError(
    {
      vi: `Không kết nối được sàn ${platform} (${account}): sản phẩm chưa được lập kế hoạch cho sàn này, không gửi gì thêm (${reasonVi})`,
      en: `${platform} (${account}) is unreachable: item not planned on this platform, nothing more sent (${reasonEn})`,
    },
    {
      platform,
      operation: 'publish',
      cause,
      requestSent: false,
      ...(cause instanceof NetworkError && cause.code !== undefined ? { code: cause.code } : {}),
    },
  );
}

export function abortedError(platform: string): AbortedError {
  return new AbortedError(
    { vi: 'Đã dừng đăng trước khi gửi mục này', en: 'Publish aborted before this item was sent' },
    { platform, operation: 'publish' },
  );
}

/** A bulk item result; `error` is set when the whole call failed (then it is the call's own error). */
export type BulkItemOutcome = ItemResult & { error?: OcopConnectError };

/** A per-SKU failure inside a bulk stock/price call, as a typed error. */
export function bulkItemError(
  platform: string,
  operation: string,
  result: BulkItemOutcome,
): OcopConnectError {
  if (result.error) return result.error;
  if (result.ok) throw new Error('bulkItemError called with a successful result');
  // The item's text is this library's own ("vi / en", e.g. a value refused before sending) or the
  // platform's (raw, one language): the platform's stays in platformMessage, quoted only in its language.
  const own = splitBilingual(result.message);
  const options = {
    platform,
    operation,
    platformCode: result.code,
    ...(own ? {} : { platformMessage: result.message }),
    retriable: result.retriable,
  };
  const head = {
    vi: `${platform}: ${operation} từ chối SKU ${result.sku}`,
    en: `${platform} ${operation} rejected SKU ${result.sku}`,
  };
  const message = own
    ? { vi: `${head.vi}: ${own.vi} (mã ${result.code})`, en: `${head.en}: ${own.en} (code ${result.code})` }
    : platformErrorText({
        name: platform,
        kind: result.retriable ? 'server' : 'invalid_request',
        head,
        platformCode: result.code,
        platformMessage: result.message,
      });
  return result.retriable ? new ServerError(message, options) : new InvalidRequestError(message, options);
}

/** Turns an error thrown by a whole bulk call into the per-SKU result every carried SKU gets. */
export function bulkCallFailure(error: unknown, platform: string, operation: string) {
  const typed = asOcopError(error, platform, operation);
  return (sku: string): BulkItemOutcome => ({
    sku,
    ok: false,
    code: typed.platformCode ?? typed.kind,
    message: typed.message,
    retriable: typed.retriable,
    error: typed,
  });
}
