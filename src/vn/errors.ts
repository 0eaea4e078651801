import { defineErrorField, givenMessage, OcopConnectError } from '../model/error-root.js';

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
  | 'unknown_prefix'
  // any helper: an argument of the wrong type (a number where a text goes)
  | 'invalid_argument';

export interface VnInputErrorDetails {
  code: VnInputErrorCode;
  messageVi: string;
  messageEn: string;
  /** The raw input that was rejected (phone numbers and prices are not secrets). */
  input: unknown;
}

/**
 * Root of the errors thrown by `src/vn` parsers: bad input (kind `validation`), an
 * {@link OcopConnectError} like every error of the library. Callers that read a spreadsheet or a form
 * turn it into a `ValidationIssue` naming the row and the field.
 */
export class VnInputError extends OcopConnectError {
  declare readonly code: VnInputErrorCode;
  declare readonly input: unknown;

  constructor(details: VnInputErrorDetails) {
    // Made by hand with a text, both texts or nothing: that message (or what the kind means).
    const record = typeof details === 'object' && details !== null;
    super('validation', givenMessage(details) as string);
    defineErrorField(
      this,
      'code',
      record && typeof details.code === 'string' ? details.code : 'invalid_argument',
    );
    defineErrorField(this, 'input', record ? details.input : undefined);
  }

  override toJSON(): Omit<VnInputErrorDetails, 'input'> & {
    name: string;
    kind: 'validation';
    input: unknown;
  } {
    return {
      name: this.name,
      kind: 'validation',
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
