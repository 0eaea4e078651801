import type { ViettelPostEmulator } from './emulator.js';
import type { Body } from './fields.js';

/** What a handler sees of one HTTP request. */
export interface RequestContext {
  emulator: ViettelPostEmulator;
  body: Body;
  /** Case-insensitive query-string lookup. */
  query(name: string): string | undefined;
  /** The `Token` header (header names are case-insensitive). */
  token: string | undefined;
}

/** What a handler answers: JSON (envelope or bare) or a raw HTML page. */
export interface HandlerResult {
  httpStatus?: number;
  json?: unknown;
  html?: string;
}
