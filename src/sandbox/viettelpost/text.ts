/**
 * Small text helpers for the ViettelPost emulator. Kept local on purpose: the emulator must not
 * share code with the client it checks, and `src/vn` is written by another engineer.
 */

/** Accent-insensitive, case-insensitive key: NFD, marks stripped, đ→d, punctuation to spaces. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[.\-_/\\'"`()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** VTP limits string fields by UTF-8 bytes, not characters (Vietnamese letters take 2–3 bytes). */
export function utf8ByteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** VTP returns catalog names in upper case with diacritics ("HUYỆN VĨNH LINH"). */
export function upperVi(value: string): string {
  return value.normalize('NFC').toLocaleUpperCase('vi-VN');
}
