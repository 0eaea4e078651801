import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatVnPhone,
  isValidVnPhone,
  normalizeVnPhone,
  parseVnPhone,
  VN_LANDLINE_AREA_CODES,
  VN_MOBILE_PREFIXES,
  VnPhoneError,
} from '../../src/vn/index.js';

function codeOf(input: string, options?: Parameters<typeof parseVnPhone>[1]): string {
  try {
    parseVnPhone(input, options);
  } catch (error) {
    if (error instanceof VnPhoneError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('normalizeVnPhone', () => {
  it.each([
    ['+84 912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0084 912 345 678', '0912345678'],
    ['+84 (0) 912 345 678', '0912345678'],
    ['912345678', '0912345678'], // a spreadsheet dropped the leading zero
    ['0912-345-678', '0912345678'],
    ['(028) 3822 1234', '02838221234'],
    ['024 3826 4444', '02438264444'],
    ['0233 3851 234', '02333851234'],
    ['+84 233 385 1234', '02333851234'],
    ['01662345678', '0362345678'], // pre-2018 Viettel 0166 → 036
    ['0123 456 7890', '0834567890'], // pre-2018 VinaPhone 0123 → 083
  ])('%s → %s', (input, expected) => {
    expect(normalizeVnPhone(input)).toBe(expected);
  });

  it('offers E.164', () => {
    expect(normalizeVnPhone('0912.345.678', { format: 'e164' })).toBe('+84912345678');
    expect(normalizeVnPhone('(028) 3822 1234', { format: 'e164' })).toBe('+842838221234');
  });

  it('describes the number', () => {
    expect(parseVnPhone('0912345678')).toEqual({
      national: '0912345678',
      e164: '+84912345678',
      kind: 'mobile',
      prefix: '091',
      carrier: 'VinaPhone',
    });
    expect(parseVnPhone('0233 3851234')).toMatchObject({
      kind: 'landline',
      prefix: '0233',
      area: 'Quảng Trị',
    });
    expect(parseVnPhone('01662345678')).toMatchObject({ convertedFromLegacy: true, carrier: 'Viettel' });
    expect(formatVnPhone('+84912345678')).toBe('0912 345 678');
    expect(formatVnPhone('02838221234')).toBe('028 3822 1234');
    expect(formatVnPhone('02333851234')).toBe('0233 385 1234');
  });

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['0912 345 678 ext 12', 'invalid_characters'],
    ['không có', 'invalid_characters'],
    ['+1 202 555 0100', 'not_vietnamese'],
    ['0065 6123 4567', 'not_vietnamese'],
    ['0912 345 67', 'wrong_length'],
    ['091 234 567 89', 'wrong_length'],
    ['0283 822 123', 'wrong_length'],
    ['0952 345 678', 'unknown_prefix'], // 095: former S-Fone, not allocated
    ['0692 345 678', 'unknown_prefix'], // 069: not public
    ['0212 345 6789', 'accepted'], // 0212 Sơn La
    ['0217 345 6789', 'unknown_prefix'], // no such area code
    ['0111 234 5678', 'unknown_prefix'],
  ])('%j → %s', (input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('can refuse landlines or legacy numbers', () => {
    expect(codeOf('02838221234', { allowLandline: false })).toBe('unknown_prefix');
    expect(codeOf('01662345678', { convertLegacyMobile: false })).toBe('unknown_prefix');
    expect(isValidVnPhone('0912345678')).toBe(true);
    expect(isValidVnPhone('0952345678')).toBe(false);
  });

  it('gives bilingual errors', () => {
    try {
      parseVnPhone('0952345678');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(VnPhoneError);
      expect((error as VnPhoneError).messageVi).toContain('095');
      expect((error as VnPhoneError).messageEn).toContain('095');
    }
  });

  it('knows the allocated mobile prefixes and 63 area codes', () => {
    const mobile = Object.keys(VN_MOBILE_PREFIXES).sort();
    const expected = [
      ...['032', '033', '034', '035', '036', '037', '038', '039'],
      ...['052', '055', '056', '058', '059', '070', '076', '077', '078', '079'],
      ...['081', '082', '083', '084', '085', '086', '087', '088', '089'],
      ...['090', '091', '092', '093', '094', '096', '097', '098', '099'],
    ];
    expect(mobile).toEqual(expected);
    expect(Object.keys(VN_LANDLINE_AREA_CODES)).toHaveLength(63);
  });

  const mobileNumber = fc
    .tuple(fc.constantFrom(...Object.keys(VN_MOBILE_PREFIXES)), fc.stringMatching(/^\d{7}$/))
    .map(([prefix, rest]) => prefix + rest);
  const landlineNumber = fc
    .constantFrom(...Object.keys(VN_LANDLINE_AREA_CODES))
    .chain((area) => fc.stringMatching(new RegExp(`^\\d{${11 - area.length}}$`)).map((rest) => area + rest));
  const writing = (national: string) =>
    fc.constantFrom(
      national,
      `+84${national.slice(1)}`,
      `84${national.slice(1)}`,
      `+84 ${national.slice(1, 4)} ${national.slice(4, 7)} ${national.slice(7)}`,
      `${national.slice(0, 4)}.${national.slice(4, 7)}.${national.slice(7)}`,
      `(${national.slice(0, 3)}) ${national.slice(3)}`,
    );

  it('is idempotent and every writing of a number gives the same result (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(mobileNumber, landlineNumber).chain((n) => fc.tuple(fc.constant(n), writing(n))),
        fc.constantFrom('national' as const, 'e164' as const),
        ([national, written], format) => {
          const once = normalizeVnPhone(written, { format });
          expect(normalizeVnPhone(once, { format })).toBe(once);
          expect(normalizeVnPhone(once)).toBe(national);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('normalising twice equals normalising once for arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[\d .()-]{0,16}$/), (input) => {
        let once: string;
        try {
          once = normalizeVnPhone(input);
        } catch (error) {
          expect(error).toBeInstanceOf(VnPhoneError);
          return;
        }
        expect(normalizeVnPhone(once)).toBe(once);
        expect(once).toMatch(/^0\d{9,10}$/);
      }),
      { numRuns: 1000 },
    );
  });
});
