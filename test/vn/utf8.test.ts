import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipUtf8Bytes, utf8ByteLength } from '../../src/vn/index.js';

const COMBINING = /^\p{M}/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

describe('utf8ByteLength', () => {
  it('counts bytes, not characters', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('Việt')).toBe(6); // ệ is 3 bytes in NFC
    expect(utf8ByteLength('Việt'.normalize('NFD'))).toBe(8); // e + 2 two-byte marks
    expect(utf8ByteLength('😀')).toBe(4);
  });
});

describe('clipUtf8Bytes', () => {
  it('clips Vietnamese text to a byte budget on a letter boundary', () => {
    expect(clipUtf8Bytes('Việt Nam', 5)).toBe('Việ'); // 1 + 1 + 3 bytes
    expect(clipUtf8Bytes('Việt Nam', 4)).toBe('Vi');
    expect(clipUtf8Bytes('Việt Nam', 0)).toBe('');
  });

  it('keeps whole letters: 150 bytes of a Vietnamese address', () => {
    const address = 'Thôn Tân Mỹ, Xã Vĩnh Linh, Tỉnh Quảng Trị — '.repeat(6);
    const clipped = clipUtf8Bytes(address, 150);
    expect(utf8ByteLength(clipped)).toBeLessThanOrEqual(150);
    expect(address.startsWith(clipped)).toBe(true);
    expect(utf8ByteLength(address.slice(0, clipped.length + 1))).toBeGreaterThan(150);
  });

  it('normalises NFD input first, so a tone mark never falls off its letter', () => {
    const nfd = 'Huế'.normalize('NFD');
    expect(clipUtf8Bytes(nfd, 4)).toBe('Hu'); // ế is 3 bytes in NFC: H,u = 2, then 5 > 4
    expect(clipUtf8Bytes(nfd, 5)).toBe('Huế');
  });

  it('with normalize:false still never separates a letter from its combining marks', () => {
    const nfd = 'ế'.normalize('NFD'); // e + U+0302 + U+0301 = 5 bytes
    expect(clipUtf8Bytes(nfd, 4, { normalize: false })).toBe('');
    expect(clipUtf8Bytes(nfd, 5, { normalize: false })).toBe(nfd);
  });

  it('rejects a negative or fractional budget', () => {
    expect(() => clipUtf8Bytes('abc', -1)).toThrow(RangeError);
    expect(() => clipUtf8Bytes('abc', 1.5)).toThrow(RangeError);
  });

  it('never exceeds the budget, never splits a code point or grapheme, is a prefix, is maximal (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom('Nước mắm cá cơm', 'Thủy'.normalize('NFD'), '👨‍👩‍👧 gia đình'),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 200 }), fc.boolean(), (input, maxBytes, normalize) => {
        const source = normalize ? input.normalize('NFC') : input;
        const clipped = clipUtf8Bytes(input, maxBytes, { normalize });
        expect(utf8ByteLength(clipped)).toBeLessThanOrEqual(maxBytes);
        expect(source.startsWith(clipped)).toBe(true);
        // No half surrogate pair at the end, no combining mark orphaned at the cut.
        expect(
          /[\ud800-\udbff]$/.test(clipped) && /^[\udc00-\udfff]/.test(source.slice(clipped.length)),
        ).toBe(false);
        const rest = source.slice(clipped.length);
        if (clipped !== '' && rest !== '') expect(COMBINING.test(rest)).toBe(false);
        if (utf8ByteLength(source) <= maxBytes) expect(clipped).toBe(source);
        else {
          // Maximal: the next whole grapheme would not have fitted.
          const next = segmenter.segment(rest)[Symbol.iterator]().next().value?.segment ?? '';
          expect(utf8ByteLength(clipped + next)).toBeGreaterThan(maxBytes);
        }
      }),
      { numRuns: 500 },
    );
  });
});
