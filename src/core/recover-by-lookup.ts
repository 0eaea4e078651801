import { performance } from 'node:perf_hooks';
import { type CallState, outcomeUnknown } from './call-state.js';
import type { ClientTelemetry } from './client-telemetry.js';
import { OcopConnectError } from './errors.js';
import { sleep } from './sleep.js';
import type { ApiResponse } from './types.js';

/** Lookup-before-retry. A failed lookup leaves the outcome unknown, unless it may be retried. */
export async function recoverByLookup<T>(
  state: CallState,
  telemetry: ClientTelemetry,
  lastError?: OcopConnectError,
): Promise<ApiResponse<T> | undefined> {
  const lookUp = async (): Promise<unknown> => {
    try {
      return await state.request.recover!();
    } catch (error) {
      if (error instanceof OcopConnectError && error.retriable) throw error;
      throw outcomeUnknown(state, error, {
        vi: 'và việc tra cứu theo mã tham chiếu thất bại',
        en: 'and looking it up by reference failed',
      });
    }
  };
  let value = await lookUp();
  const lost = lastError?.kind === 'timeout' || lastError?.kind === 'network';
  const lookAgainMs = state.request.recoverLookAgainMs;
  if (value === undefined && lost && lookAgainMs !== undefined) {
    // The platform may still commit what it received before we gave up; it would not refuse a
    // second copy, so a re-send is never safe here.
    for (const waitMs of lookAgainMs) {
      await sleep(waitMs, state.options.signal);
      value = await lookUp();
      if (value !== undefined) break;
    }
    if (value === undefined) {
      telemetry.recover(state.request.operation, false);
      throw outcomeUnknown(state, lastError, {
        vi: `và không tìm thấy theo mã tham chiếu sau khi chờ ${lookAgainMs.reduce((a, b) => a + b, 0)} ms; không gửi lại vì sàn chấp nhận bản trùng`,
        en: `and it was not found by reference after waiting ${lookAgainMs.reduce((a, b) => a + b, 0)} ms; it was not sent again because the platform accepts duplicates`,
      });
    }
  }
  telemetry.recover(state.request.operation, value !== undefined);
  if (value === undefined) return undefined;
  return {
    status: 200,
    data: value as T,
    headers: {},
    attempts: state.sends,
    durationMs: Math.round(performance.now() - state.startedMs),
    recovered: true,
  };
}
