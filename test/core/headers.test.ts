import { describe, expect, it } from 'vitest';
import { headerValue, parseJsonBody } from '../../src/core/index.js';

describe('headerValue', () => {
  it('matches the name case-insensitively both ways', () => {
    expect(headerValue({ 'x-voso-signature': 'abc' }, 'X-Voso-Signature')).toBe('abc');
    expect(headerValue({ Authorization: 'secret' }, 'authorization')).toBe('secret');
  });

  it('takes the first value of a repeated header and skips undefined entries', () => {
    expect(headerValue({ token: ['first', 'second'] }, 'Token')).toBe('first');
    expect(headerValue({ Token: undefined, token: 'later' }, 'token')).toBe('later');
  });

  it('is undefined for a missing header, and keeps an empty one as empty', () => {
    expect(headerValue({ other: 'x' }, 'token')).toBeUndefined();
    expect(headerValue({}, 'token')).toBeUndefined();
    expect(headerValue({ token: '' }, 'token')).toBe('');
  });
});

describe('parseJsonBody', () => {
  it('reads a string or UTF-8 bytes as the same JSON', () => {
    const text = '{"tên":"Mật ong","n":1}';
    expect(parseJsonBody(text)).toEqual({ tên: 'Mật ong', n: 1 });
    expect(parseJsonBody(Buffer.from(text, 'utf8'))).toEqual({ tên: 'Mật ong', n: 1 });
  });

  it('is undefined for anything that is not JSON, never a throw', () => {
    expect(parseJsonBody('not json')).toBeUndefined();
    expect(parseJsonBody('')).toBeUndefined();
    expect(parseJsonBody(Buffer.from([0xff, 0xfe]))).toBeUndefined();
  });
});
