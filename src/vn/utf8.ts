import { toNfc } from './text.js';

/** Number of bytes the text takes in UTF-8 (lone surrogates count as U+FFFD, 3 bytes, as on the wire). */
export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export interface ClipUtf8Options {
  /**
   * Convert to NFC first. NFC keeps a Vietnamese letter with its marks in one code point, so a clip
   * never leaves a bare "a" whose tone mark fell off.
   * @default true
   */
  normalize?: boolean;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The longest prefix of `text` (NFC by default) whose UTF-8 encoding fits in `maxBytes`, cut on a
 * grapheme boundary: never inside a code point, never between a letter and its combining marks.
 * ViettelPost, for one, limits several fields to 150 bytes, not 150 characters.
 *
 * The result is always a prefix of `toNfc(text)` (or of `text` with `normalize: false`).
 */
export function clipUtf8Bytes(text: string, maxBytes: number, options: ClipUtf8Options = {}): string {
  if (!Number.isInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(`maxBytes must be a non-negative integer, got ${String(maxBytes)}`);
  }
  const source = options.normalize === false ? text : toNfc(text);
  if (utf8ByteLength(source) <= maxBytes) return source;
  let bytes = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(source)) {
    const size = utf8ByteLength(segment);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end = index + segment.length;
  }
  return source.slice(0, end);
}
