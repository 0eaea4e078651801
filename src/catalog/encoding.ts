/**
 * The encoding of a CSV that is not UTF-8, by name (README: "a CSV saved as UTF-16 or in a Windows code
 * page is refused with the encoding named"). Shared by every reader of text catalogs.
 */

/** How much of a file is looked at to recognise its encoding. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Bytes of Windows-1258 that are letters or tone marks of Vietnamese (đ, ơ, ư, ă, â, ê, ô and the
 * combining tones 0xCC 0xDE 0xD2 0xEC 0xF2) — what Excel's plain "CSV" writes on a Vietnamese Windows.
 */
const CP1258_VIETNAMESE = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc8, 0xc9, 0xca, 0xcc, 0xcd, 0xd0, 0xd2, 0xd3, 0xd4, 0xd5, 0xd9, 0xda, 0xdd, 0xde,
  0xe0, 0xe1, 0xe2, 0xe3, 0xe8, 0xe9, 0xea, 0xec, 0xed, 0xf0, 0xf2, 0xf3, 0xf4, 0xf5, 0xf9, 0xfa, 0xfd,
]);

/** The encoding of a CSV that is not UTF-8, by name, or undefined when it is UTF-8 (with or without BOM). */
export function detectNonUtf8(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 BE';
  // UTF-16 without a BOM: ASCII text with a zero byte in every other position.
  const sample = bytes.subarray(0, 512);
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? zeroOdd++ : zeroEven++;
  if (sample.length >= 8 && zeroOdd > sample.length / 4) return 'UTF-16 LE';
  if (sample.length >= 8 && zeroEven > sample.length / 4) return 'UTF-16 BE';
  try {
    // A cut in the middle of a character at the sniff limit is not an error of the file: decoded as a
    // stream, an unfinished last character (up to 3 bytes of a 4-byte emoji) waits instead of failing.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return undefined;
  } catch {
    let high = 0;
    let vietnamese = 0;
    for (const byte of bytes) {
      if (byte < 0x80) continue;
      high++;
      if (CP1258_VIETNAMESE.has(byte)) vietnamese++;
    }
    return vietnamese >= high * 0.6 ? 'Windows-1258' : 'Windows-1252';
  }
}

/** File types recognised by their first bytes: a catalog given one of these is not a text file. */
const MAGIC: readonly { name: string; bytes: readonly number[]; at?: number }[] = [
  { name: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { name: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'GIF', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'WebP', bytes: [0x57, 0x45, 0x42, 0x50], at: 8 },
  { name: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'ZIP / Excel .xlsx', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'Excel .xls', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
];

/**
 * What a file that is not text holds: a known type by its first bytes ("JPEG"), "binary" for other bytes
 * with NUL in them (UTF-16 text excepted: its zero bytes alternate, see detectNonUtf8), undefined for text.
 */
export function detectBinary(bytes: Uint8Array): string | undefined {
  const known = MAGIC.find(({ bytes: magic, at = 0 }) => magic.every((b, i) => bytes[at + i] === b));
  if (known) return known.name;
  if (detectNonUtf8(bytes.subarray(0, 512))?.startsWith('UTF-16')) return undefined;
  return bytes.subarray(0, SNIFF_BYTES).includes(0) ? 'binary' : undefined;
}
