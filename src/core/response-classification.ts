import { ContractViolationError, type OcopConnectError, underConstruction } from './errors.js';
import { mapHttpStatus } from './http-error-mapper.js';
import type { RawResponse } from './transport.js';
import type { PlatformErrorMapper } from './types.js';

export interface ClassificationContext {
  platform: string;
  operation: string;
  mapError: PlatformErrorMapper;
  requestId?: string;
}

/**
 * Success or a typed error, for EVERY response: the platform's mapper first (it knows errors
 * hidden in HTTP 200 bodies), then the generic HTTP-status table, then "2xx but not JSON" as a
 * contract violation. The error is enriched with what the mapper did not fill in.
 */
export function classifyResponse(
  response: RawResponse,
  context: ClassificationContext,
): OcopConnectError | undefined {
  const { platform, operation, requestId } = context;
  const mappingContext = {
    platform,
    operation,
    status: response.status,
    headers: response.headers,
    body: response.body,
    ...(requestId !== undefined ? { requestId } : {}),
  };
  let error = context.mapError(mappingContext) ?? mapHttpStatus(mappingContext);
  if (!error && response.jsonParseFailed) {
    error = new ContractViolationError(
      {
        vi: `${platform} ${operation} trả lời HTTP ${response.status} với nội dung không phải JSON`,
        en: `${platform} ${operation} answered HTTP ${response.status} with a body that is not JSON`,
      },
      { platform, operation, httpStatus: response.status },
    );
  }
  if (!error) return undefined;
  const completed = underConstruction(error);
  completed.platform ??= platform;
  completed.operation ??= operation;
  completed.httpStatus ??= response.status;
  if (requestId !== undefined) completed.requestId ??= requestId;
  completed.responseBody ??= response.body;
  return error;
}
