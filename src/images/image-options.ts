/**
 * The image functions' options, one table each (see core/argument-guards `checkOptions`): a wrong-typed
 * option or a misspelt name (`concurency` → "concurrency") is one bilingual ConfigurationError naming
 * it, before anything is read, downloaded or decoded.
 */
import { z } from 'zod';
import {
  A_BOOLEAN_OR_NOTHING,
  A_COUNT_OR_NOTHING,
  A_POSITIVE_INTEGER_OR_NOTHING,
  AN_ABORT_SIGNAL_OR_NOTHING,
  checkOptions,
  type Expected,
} from '../core/argument-guards.js';

/** A number > 0 (bytes, pixels, milliseconds), or left out. */
const A_POSITIVE_NUMBER_OR_NOTHING: Expected = {
  schema: z.number().positive().optional(),
  vi: 'một số > 0 (hoặc bỏ trống)',
  en: 'a number > 0 (or left out)',
};

const LOAD_OPTIONS = {
  maxInputBytes: A_POSITIVE_NUMBER_OR_NOTHING,
  maxInputPixels: A_POSITIVE_NUMBER_OR_NOTHING,
  downloadTimeoutMs: A_POSITIVE_NUMBER_OR_NOTHING,
  maxRedirects: A_COUNT_OR_NOTHING,
  allowPrivateNetwork: A_BOOLEAN_OR_NOTHING,
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
} as const satisfies Record<string, Expected>;

const PREPARE_OPTIONS = { ...LOAD_OPTIONS, upscale: A_BOOLEAN_OR_NOTHING } as const;

const PREPARER_OPTIONS = {
  ...PREPARE_OPTIONS,
  concurrency: A_POSITIVE_INTEGER_OR_NOTHING,
  downloadConcurrency: A_POSITIVE_INTEGER_OR_NOTHING,
  cacheEntries: A_COUNT_OR_NOTHING,
  cacheBytes: A_COUNT_OR_NOTHING,
} as const;

/** `prepareImage(source, spec, options)`: an object (or nothing) of PrepareImageOptions. */
export function checkPrepareImageOptions(options: unknown): void {
  checkOptions(options, PREPARE_OPTIONS, 'prepareImage');
}

/** `createImagePreparer(options)`: an object (or nothing) of ImagePreparerOptions. */
export function checkImagePreparerOptions(options: unknown): void {
  checkOptions(options, PREPARER_OPTIONS, 'createImagePreparer');
}

/** A call's own options (`prepare`, `check`, `prepareMany`): an object (or nothing) with `signal`. */
export function checkImageCallOptions(options: unknown, what: string): void {
  checkOptions(options, { signal: AN_ABORT_SIGNAL_OR_NOTHING }, what);
}
