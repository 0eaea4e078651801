import { incorrectData, invalidField } from './envelope.js';
import { utf8ByteLength } from './text.js';

/** Default max length of VTP string fields, in UTF-8 bytes. */
export const MAX_STRING_BYTES = 150;

export type Body = Record<string, unknown>;

/**
 * Upper-cases the top-level keys: the server binds fields case-insensitively (the LoginVTP body even
 * uses a lower-case `token`), and business keys are UPPER_SNAKE.
 */
export function normaliseBody(raw: unknown): Body {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Body = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) out[key.toUpperCase()] = value;
  return out;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Reads an integer that may arrive as a number or a numeric string ("5000000", "14") — the official
 * samples send both. Blank means absent. Anything else is rejected with `onError`.
 */
export function readInt(body: Body, key: string, onError = () => incorrectData(key)): number | undefined {
  const value = body[key];
  if (isBlank(value)) return undefined;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw onError();
    return value;
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  throw onError();
}

/** Integer VND amounts: non-negative integers only. */
export function readMoney(body: Body, key: string): number | undefined {
  const amount = readInt(body, key, () => invalidField(key));
  if (amount !== undefined && amount < 0) throw invalidField(key);
  return amount;
}

/** Grams, integers only; the server rejects kilograms sent by mistake (0.5). Absent or 0 → 50 g. */
export const DEFAULT_WEIGHT_GRAMS = 50;
export function readWeightGrams(body: Body, key = 'PRODUCT_WEIGHT'): number {
  const grams = readInt(body, key, () => invalidField(key));
  if (grams === undefined || grams === 0) return DEFAULT_WEIGHT_GRAMS;
  if (grams < 0) throw invalidField(key);
  return grams;
}

/** Centimetres; absent → 0. */
export function readDimensionCm(body: Body, key: string): number {
  const cm = readInt(body, key, () => invalidField(key)) ?? 0;
  if (cm < 0) throw invalidField(key);
  return cm;
}

/** Strings are limited to 150 UTF-8 bytes; numbers are accepted and stringified. */
export function readString(body: Body, key: string, required = false): string | undefined {
  const value = body[key];
  if (isBlank(value)) {
    if (required) throw invalidField(key);
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw invalidField(key);
  const text = String(value).normalize('NFC').trim();
  if (utf8ByteLength(text) > MAX_STRING_BYTES) throw invalidField(key);
  return text;
}

export function readBool(body: Body, key: string): boolean {
  const value = body[key];
  if (value === true || value === 1) return true;
  if (typeof value === 'string') return ['true', '1'].includes(value.trim().toLowerCase());
  return false;
}

/** Every top-level string in an order body is limited to 150 bytes, even fields the emulator ignores. */
export function assertStringLimits(body: Body): void {
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && utf8ByteLength(value.normalize('NFC')) > MAX_STRING_BYTES) {
      throw invalidField(key);
    }
  }
}
