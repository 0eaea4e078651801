import { describe, expect, it } from 'vitest';
import { detectNonUtf8 } from '../../src/catalog/encoding.js';

describe('CSV encoding sniff (#19 trial 3: a pulled catalog was refused as Windows-1252)', () => {
  const encoder = new TextEncoder();
  it('a UTF-8 character cut by the sniff limit is not a foreign encoding, whatever its length', () => {
    for (const char of ['ệ', '😀']) {
      const whole = encoder.encode(`Tinh bột nghệ ${char}`);
      // Every cut inside the last character, as a 64 KiB read cuts a longer file.
      for (let cut = 1; cut < encoder.encode(char).length; cut++)
        expect([char, cut, detectNonUtf8(whole.subarray(0, whole.length - cut))]).toEqual([
          char,
          cut,
          undefined,
        ]);
    }
  });
  it('a Windows-1258 file is still named', () => {
    // "Mật" in Windows-1258 (a, combining dot below 0xF2 …): not valid UTF-8.
    expect(detectNonUtf8(new Uint8Array([0x4d, 0xe2, 0xf2, 0x74, 0x2c, 0xf0]))).toBe('Windows-1258');
  });
});
