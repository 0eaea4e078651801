import { type ErrorKind, OcopConnectError } from '../core/errors.js';
import { defineErrorField, givenMessage } from '../model/error-root.js';

export type ImageErrorCode =
  | 'NOT_AN_IMAGE'
  | 'UNSUPPORTED_FORMAT'
  | 'TOO_SMALL'
  | 'TOO_MANY_PIXELS'
  | 'TOO_MANY_BYTES'
  | 'URL_NOT_ALLOWED'
  | 'FILE_NOT_FOUND'
  | 'UNREACHABLE'
  | 'TIMEOUT';

/**
 * Bad input (fix the image or its address) versus the image host failing (retry later): the kind
 * follows what the caller does next, like every OcopConnectError.
 */
const KIND_BY_CODE: Record<ImageErrorCode, ErrorKind> = {
  NOT_AN_IMAGE: 'validation',
  UNSUPPORTED_FORMAT: 'validation',
  TOO_SMALL: 'validation',
  TOO_MANY_PIXELS: 'validation',
  TOO_MANY_BYTES: 'validation',
  URL_NOT_ALLOWED: 'validation',
  // A local path that names no file: fix the path; trying again cannot help (not a network failure).
  FILE_NOT_FOUND: 'validation',
  UNREACHABLE: 'network',
  TIMEOUT: 'timeout',
};

export interface ImageErrorOptions {
  /** Where the image came from: a path, a URL without its query string, or `buffer`. */
  source?: string;
  /** Numbers behind the decision (sizes, limits), for reports. */
  details?: Record<string, string | number | boolean>;
  cause?: unknown;
}

/** An image could not be loaded or cannot satisfy the platform's ImageSpec. */
export class ImageError extends OcopConnectError {
  declare readonly code: ImageErrorCode;
  declare readonly source?: string;
  declare readonly details?: Record<string, string | number | boolean>;

  constructor(code: ImageErrorCode, text: { en: string; vi: string }, options: ImageErrorOptions = {}) {
    options = typeof options === 'object' && options !== null ? options : {};
    const where = options.source === undefined ? '' : ` (${options.source})`;
    // Made by hand with an unknown code or no text: kind `validation`, the text given (or the kind's).
    const given = givenMessage(text);
    super(
      Object.hasOwn(KIND_BY_CODE, code) ? KIND_BY_CODE[code] : 'validation',
      given === undefined
        ? (given as unknown as string)
        : typeof given === 'string'
          ? `${given}${where}`
          : { vi: `${given.vi}${where}`, en: `${given.en}${where}` },
      options.cause === undefined ? {} : { cause: options.cause },
    );
    defineErrorField(this, 'code', code);
    if (options.source !== undefined) defineErrorField(this, 'source', options.source);
    if (options.details !== undefined)
      defineErrorField(this, 'details', Object.freeze({ ...options.details }));
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      code: this.code,
      messageVi: this.messageVi,
      source: this.source,
      details: this.details,
    };
  }
}

export function isImageError(error: unknown): error is ImageError {
  return error instanceof ImageError;
}
