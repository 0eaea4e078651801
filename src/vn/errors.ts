/**
 * Why a Vietnamese text helper refused its input. Stable, machine-readable: callers branch on
 * `code`, users read `messageVi` / `messageEn`.
 */
export type VnInputErrorCode =
  // money
  | 'empty'
  | 'not_a_number'
  | 'negative'
  | 'fractional'
  | 'ambiguous'
  | 'malformed'
  | 'too_large'
  // phone
  | 'invalid_characters'
  | 'not_vietnamese'
  | 'wrong_length'
  | 'unknown_prefix';

export interface VnInputErrorDetails {
  code: VnInputErrorCode;
  messageVi: string;
  messageEn: string;
  /** The raw input that was rejected (phone numbers and prices are not secrets). */
  input: unknown;
}

/**
 * Root of the errors thrown by `src/vn` parsers. It deliberately does not extend the pipeline's
 * `OcopConnectError`: `vn/` sits below `core/` and must not import it. `core/` can wrap it in a
 * `ValidationError` with `cause` set to this object.
 */
export class VnInputError extends Error {
  readonly code: VnInputErrorCode;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly input: unknown;

  constructor(details: VnInputErrorDetails) {
    super(details.messageEn);
    this.name = 'VnInputError';
    this.code = details.code;
    this.messageVi = details.messageVi;
    this.messageEn = details.messageEn;
    this.input = details.input;
  }

  toJSON(): Omit<VnInputErrorDetails, 'input'> & { name: string; input: unknown } {
    return {
      name: this.name,
      code: this.code,
      messageVi: this.messageVi,
      messageEn: this.messageEn,
      input: this.input,
    };
  }
}

/** Thrown by {@link parseVnd} and {@link formatVnd}. */
export class VndParseError extends VnInputError {
  constructor(details: VnInputErrorDetails) {
    super(details);
    this.name = 'VndParseError';
  }
}

/** Thrown by {@link parseVnPhone} and {@link normalizeVnPhone}. */
export class VnPhoneError extends VnInputError {
  constructor(details: VnInputErrorDetails) {
    super(details);
    this.name = 'VnPhoneError';
  }
}
