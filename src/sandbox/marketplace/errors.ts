/**
 * Failures raised by the sandbox engine in platform-neutral terms; each dialect renders them in its own
 * envelope and HTTP status (Voso: mostly HTTP 200 + error:true; Postmart: real HTTP codes).
 */
export type FieldPath = ReadonlyArray<string | number>;

export interface FieldIssue {
  /** Canonical path (e.g. ['variants', 1, 'priceVnd']); the dialect renames the segments. */
  path: FieldPath;
  rule: string;
  message: string;
}

export type SandboxErrorKind =
  | 'validation'
  | 'login_failed'
  | 'token_missing'
  | 'token_invalid'
  | 'token_expired'
  | 'not_found'
  | 'duplicate_sku'
  | 'idempotency_mismatch'
  | 'batch_too_large'
  | 'invalid_state'
  | 'invalid_cursor'
  | 'unsupported_media'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal'
  | 'unavailable';

export class SandboxError extends Error {
  readonly kind: SandboxErrorKind;
  readonly issues: FieldIssue[];
  /** Current canonical order status for `invalid_state`. */
  readonly orderStatus: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    kind: SandboxErrorKind,
    message: string,
    details: { issues?: FieldIssue[]; orderStatus?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'SandboxError';
    this.kind = kind;
    this.issues = details.issues ?? [];
    this.orderStatus = details.orderStatus;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export function validationError(issues: FieldIssue[]): SandboxError {
  return new SandboxError('validation', 'Dữ liệu không hợp lệ', { issues });
}

export function issue(path: FieldPath, rule: string, message: string): FieldIssue {
  return { path, rule, message };
}
