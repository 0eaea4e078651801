import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  httpStatusMeaning,
  InvalidRequestError,
  mapHttpStatus,
  NetworkError,
  NotFoundError,
  OcopConnectError,
  PermissionError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../../src/core/index.js';

const context = (status: number, body: unknown = undefined, headers: Record<string, string> = {}) => ({
  platform: 'voso',
  operation: 'createListing',
  status,
  headers,
  body,
});

describe('error classes', () => {
  it('share one root and carry what the caller needs', () => {
    const error = new RateLimitedError('slow down', {
      platform: 'voso',
      httpStatus: 429,
      platformCode: 'THROTTLED',
      requestId: 'r-1',
      retryAfterMs: 2000,
      cause: new Error('inner'),
    });
    expect(error).toBeInstanceOf(OcopConnectError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RateLimitedError');
    expect(error.retriable).toBe(true);
    expect(error.toJSON()).toEqual({
      name: 'RateLimitedError',
      kind: 'rate_limited',
      message: 'slow down',
      platform: 'voso',
      httpStatus: 429,
      platformCode: 'THROTTLED',
      requestId: 'r-1',
      retriable: true,
      retryAfterMs: 2000,
      // One language given: the other says what the kind means, the original in brackets.
      messageEn: 'slow down',
      messageVi: 'Sàn đang giới hạn số yêu cầu; thử lại sau (slow down)',
      cause: 'inner',
    });
  });

  it('keeps validation of our input apart and lists its issues', () => {
    const error = new ValidationError('Catalog invalid', [
      {
        path: 'priceVnd',
        code: 'price',
        messageVi: 'Giá phải là số nguyên dương',
        messageEn: 'Price must be a positive integer',
      },
    ]);
    expect(error.kind).toBe('validation');
    expect(error.retriable).toBe(false);
    expect(error.toJSON().issues).toHaveLength(1);
  });

  it('ConfigurationError reports all problems at once', () => {
    const error = new ConfigurationError('Bad options', ['baseUrl: required', 'account: required']);
    expect(error.message).toBe('Bad options: baseUrl: required; account: required');
    expect(error.problems).toHaveLength(2);
  });

  it('NetworkError assumes the request was sent unless told otherwise', () => {
    expect(new NetworkError('x').requestSent).toBe(true);
    expect(new NetworkError('x', { requestSent: false }).requestSent).toBe(false);
  });
});

describe('error constructors given odd arguments (trial 2 defect 11)', () => {
  it('new ValidationError({ vi, en }) without issues has none, and its text', () => {
    const error = new ValidationError({ vi: 'Sai dữ liệu', en: 'Bad data' });
    expect(error.issues).toEqual([]);
    expect([error.messageVi, error.messageEn]).toEqual(['Sai dữ liệu', 'Bad data']);
    expect(error.message).toBe('Bad data / Sai dữ liệu');
  });

  it('new OcopConnectError(5) is a clear bilingual error naming kind, not a TypeError', () => {
    let thrown: unknown;
    try {
      new OcopConnectError(5 as never, 'x');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OcopConnectError);
    expect((thrown as OcopConnectError).kind).toBe('validation');
    expect((thrown as OcopConnectError).messageEn).toMatch(
      /^kind: must be an error kind \(authentication, .*\) \(got number\)$/,
    );
    expect((thrown as OcopConnectError).messageVi).toMatch(
      /^kind: phải là một loại lỗi .* \(nhận được number\)$/,
    );
  });

  it('a message that is not text is taken as its String, like Error', () => {
    expect(new ConflictError(5 as never).messageEn).toBe('5');
    // No message (or an empty one): what the kind means, in both languages (trial 6 item 8).
    expect(new OcopConnectError('conflict', undefined as never).messageEn).toBe(
      'Already exists or not allowed now',
    );
    expect(new ConflictError('' as never).messageVi).toBe('Đã tồn tại hoặc trạng thái không cho phép');
    expect(new ConflictError({ vi: 'Trùng', en: 'Duplicate' }, null as never).kind).toBe('conflict');
  });
});

describe('mapHttpStatus', () => {
  it.each([
    [400, InvalidRequestError],
    [401, AuthenticationError],
    [403, PermissionError],
    [404, NotFoundError],
    [408, TimeoutError],
    [409, ConflictError],
    [410, NotFoundError],
    [418, InvalidRequestError],
    [422, InvalidRequestError],
    [429, RateLimitedError],
    [500, ServerError],
    [503, ServerError],
  ])('HTTP %i → %o', (status, type) => {
    expect(mapHttpStatus(context(status))).toBeInstanceOf(type);
  });

  it('returns nothing below 400', () => {
    expect(mapHttpStatus(context(200))).toBeUndefined();
    expect(mapHttpStatus(context(304))).toBeUndefined();
  });

  it('501 is a server error that waiting will not fix', () => {
    expect(mapHttpStatus(context(501))?.retriable).toBe(false);
    expect(mapHttpStatus(context(502))?.retriable).toBe(true);
  });

  it('408 is a timeout worth sending again; 410 is gone for good, like not found', () => {
    expect(httpStatusMeaning(408)).toEqual({ kind: 'timeout' });
    expect(mapHttpStatus(context(408))?.retriable).toBe(true);
    expect(httpStatusMeaning(410)).toEqual({ kind: 'not_found' });
    expect(mapHttpStatus(context(410))?.retriable).toBe(false);
    expect(httpStatusMeaning(505)).toEqual({ kind: 'server', retriable: false });
    expect(httpStatusMeaning(399)).toBeUndefined();
  });

  it('extracts code and message from common envelopes, and Retry-After', () => {
    const error = mapHttpStatus(
      context(429, { code: 42, message: 'Quá nhiều yêu cầu' }, { 'retry-after': '3' }),
    );
    expect(error).toMatchObject({
      platformCode: '42',
      platformMessage: 'Quá nhiều yêu cầu',
      retryAfterMs: 3000,
      httpStatus: 429,
      platform: 'voso',
      operation: 'createListing',
    });
  });
});
