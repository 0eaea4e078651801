/**
 * The Vietnamese helpers' argument checks: a wrong-typed argument is a VnInputError (kind
 * `validation`, code `invalid_argument`) naming it in Vietnamese and English, never a TypeError
 * from deep inside. (`vn/` may not use core's guards: it sits below them.)
 */
import type { AddressEra } from '../model/address.js';
import { argumentProblem, isPlainObject, MODEL_OBJECT, MODEL_TEXT } from '../model/argument-check.js';
import { VnInputError } from './errors.js';

function refuse(name: string, value: unknown, expected: { vi: string; en: string }): never {
  const problem = argumentProblem(name, value, expected);
  throw new VnInputError({
    code: 'invalid_argument',
    messageVi: problem.vi,
    messageEn: problem.en,
    input: value,
  });
}

export function checkVnText(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') refuse(name, value, MODEL_TEXT);
}

/** Options: an object, or left out. */
export function checkVnOptions(value: unknown, name = 'options'): void {
  if (value !== undefined && !isPlainObject(value))
    refuse(name, value, { vi: `${MODEL_OBJECT.vi} (hoặc bỏ trống)`, en: `${MODEL_OBJECT.en} (or left out)` });
}

const ERAS: readonly AddressEra[] = ['2025', 'legacy'];

/** An address era ('2025' or 'legacy'), or left out. */
export function checkVnEra(value: unknown, name = 'era'): void {
  if (value !== undefined && !ERAS.includes(value as AddressEra))
    refuse(name, value, {
      vi: '"2025" hoặc "legacy" (hoặc bỏ trống)',
      en: '"2025" or "legacy" (or left out)',
    });
}
