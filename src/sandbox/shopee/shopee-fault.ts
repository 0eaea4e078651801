/** The Shopee sandbox's own failure (answered as `{ error, message }`) and request-reading helpers. */

export type Json = Record<string, unknown>;

export class ShopeeFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 200,
  ) {
    super(message);
  }
}

export function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function param(message: string): ShopeeFault {
  return new ShopeeFault('error_param', message);
}
