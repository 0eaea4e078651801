import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVnd, NBSP, parseVnd, tryParseVnd, VndParseError, VnInputError } from '../../src/vn/index.js';

function errorOf(input: string | number): VndParseError {
  try {
    parseVnd(input);
  } catch (error) {
    if (error instanceof VndParseError) return error;
    throw error;
  }
  throw new Error(`parseVnd(${JSON.stringify(input)}) did not throw`);
}

describe('parseVnd', () => {
  it.each([
    [45000, 45000],
    ['45000', 45000],
    ['45.000', 45000],
    ['45.000 ₫', 45000],
    [`45.000${NBSP}₫`, 45000],
    ['45,000đ', 45000],
    ['1.250.000 VND', 1_250_000],
    ['1,250,000 vnđ', 1_250_000],
    ['VND 45.000', 45000],
    ['₫45.000', 45000],
    ['45 nghìn đồng', 45000],
    ['45k', 45000],
    ['45K', 45000],
    ['1,2tr', 1_200_000],
    ['1.2 triệu', 1_200_000],
    ['1 triệu', 1_000_000],
    ['1tr2', 1_200_000],
    ['1tr250', 1_250_000],
    ['45k5', 45_500],
    ['2 tỷ', 2_000_000_000],
    ['1,5 tỷ', 1_500_000_000],
    ['0,5tr', 500_000],
    ['1 250 000', 1_250_000],
    ['1\u202f250\u202f000 ₫', 1_250_000],
    ['1,250', 1250], // a single separator followed by exactly 3 digits groups thousands
    ['45000.00', 45000], // zero fraction, as spreadsheets export
    ['1.250.000,00', 1_250_000],
    ['1,250,000.00', 1_250_000],
    ['0', 0],
    ['0 ₫', 0],
    ['  45.000  ', 45000],
    ['45.000 đồng'.normalize('NFD'), 45000],
  ])('%j → %d', (input, expected) => {
    expect(parseVnd(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['₫', 'empty'],
    ['abc', 'not_a_number'],
    ['giá liên hệ', 'not_a_number'],
    [Number.NaN, 'not_a_number'],
    [Number.POSITIVE_INFINITY, 'not_a_number'],
    ['-45.000', 'negative'],
    ['−45.000 ₫', 'negative'],
    ['(45.000)', 'negative'],
    [-1, 'negative'],
    ['1,5', 'fractional'],
    ['45.5', 'fractional'],
    ['1.250.000,50', 'fractional'],
    ['1,2345k', 'fractional'],
    [45.5, 'fractional'],
    ['1.250tr', 'ambiguous'],
    ['1250.000', 'ambiguous'],
    ['1.25.000', 'malformed'],
    ['45.000.', 'malformed'],
    ['4 5000', 'malformed'],
    ['1.250,000.00', 'malformed'],
    ['12abc', 'malformed'],
    ['99999999999999999999', 'too_large'],
    [2 ** 60, 'too_large'],
  ])('%j is refused with code %s', (input, code) => {
    const error = errorOf(input);
    expect(error.code).toBe(code);
    expect(error).toBeInstanceOf(VnInputError);
    expect(error.messageVi.length).toBeGreaterThan(5);
    expect(error.messageEn.length).toBeGreaterThan(5);
    expect(error.message).toBe(`${error.messageEn} / ${error.messageVi}`);
    expect(error.input).toBe(input);
  });

  it('explains ambiguity in both languages', () => {
    const error = errorOf('1.250tr');
    expect(error.messageVi).toContain('không rõ nghĩa');
    expect(error.messageEn).toContain('ambiguous');
  });

  it('tryParseVnd returns undefined instead of throwing', () => {
    expect(tryParseVnd('45k')).toBe(45000);
    expect(tryParseVnd('1,5')).toBeUndefined();
  });

  it('reads any grouping of a non-negative integer with either separator (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.constantFrom('.', ',', ' ', ''), (n, mark) => {
        const text = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, mark);
        expect(parseVnd(text)).toBe(n);
        expect(parseVnd(`${text} đ`)).toBe(n);
      }),
    );
  });
});

describe('formatVnd', () => {
  it('writes Vietnamese style: dot thousands, ₫ after a no-break space', () => {
    expect(formatVnd(45000)).toBe('45.000\u00a0₫');
    expect(formatVnd(0)).toBe('0\u00a0₫');
    expect(formatVnd(999)).toBe('999\u00a0₫');
    expect(formatVnd(1_250_000, { space: 'space' })).toBe('1.250.000 ₫');
    expect(formatVnd(1_250_000, { symbol: 'VND', space: 'space' })).toBe('1.250.000 VND');
    expect(formatVnd(1_250_000, { symbol: '' })).toBe('1.250.000');
    expect(formatVnd(Number.MAX_SAFE_INTEGER)).toBe('9.007.199.254.740.991\u00a0₫');
  });

  it('refuses what is not a safe non-negative integer', () => {
    expect(() => formatVnd(-1)).toThrow(VndParseError);
    expect(() => formatVnd(1.5)).toThrow(VndParseError);
    expect(() => formatVnd(Number.MAX_SAFE_INTEGER + 1)).toThrow(VndParseError);
  });

  it('round-trips: parseVnd(formatVnd(n)) === n for every safe non-negative integer (property)', () => {
    const options = fc.record(
      {
        symbol: fc.constantFrom('₫' as const, 'đ' as const, 'VND' as const, 'VNĐ' as const, '' as const),
        space: fc.constantFrom('nbsp' as const, 'space' as const, 'none' as const),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeNat(), fc.nat(10_000_000)), options, (n, opts) => {
        expect(parseVnd(formatVnd(n, opts))).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });
});
