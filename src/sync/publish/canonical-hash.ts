import { canonicalJson, sha256Hex, writeCanonical } from '../../core/canonical-json.js';

export { canonicalJson, sha256Hex, writeCanonical };

/** 64 bits of sha256: plenty to tell one catalog version of a listing from the next. */
export const SHORT_HASH_HEX_CHARS = 16;

export function shortHashOfText(text: string): string {
  return sha256Hex(text).slice(0, SHORT_HASH_HEX_CHARS);
}

export function shortHash(value: unknown): string {
  return shortHashOfText(canonicalJson(value));
}
