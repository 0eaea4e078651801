/**
 * What the library's file writers (`writeCatalogTemplate`, `writeReviewSheet`) check before they write
 * anything: the options object, and that no file they would write exists already unless the caller
 * said `overwrite: true` — an edited catalog or a filled review sheet is worth more than what replaces it.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { A_BOOLEAN_OR_NOTHING, checkOptions, type Expected } from '../core/argument-guards.js';
import { ValidationError } from '../core/errors.js';

export interface WriteFileOptions {
  /** Replace a file that exists already (its content is lost). @default false: an existing file is refused */
  overwrite?: boolean;
}

const WRITE_OPTIONS: Readonly<Record<keyof WriteFileOptions, Expected>> = {
  overwrite: A_BOOLEAN_OR_NOTHING,
};

/**
 * A file writer's `options` (`what`: the function's name) checked whole — a ConfigurationError — then,
 * unless `overwrite` is true, a refusal (ValidationError naming `argument` and every existing file) when
 * any of `paths` exists: all of them checked before the first is written, so nothing is half-written.
 */
export async function refuseExisting(
  paths: readonly string[],
  argument: string,
  options: unknown,
  what: string,
): Promise<void> {
  checkOptions(options, WRITE_OPTIONS, what);
  if ((options as WriteFileOptions | undefined)?.overwrite === true) return;
  const existing: string[] = [];
  for (const path of paths) {
    const found = await stat(resolve(path)).catch(() => undefined);
    if (found) existing.push(path);
  }
  if (existing.length === 0) return;
  const list = existing.map((p) => `"${p}"`).join(', ');
  const one = existing.length === 1;
  const vi = `${argument}: tệp ${list} đã có; không ghi đè. Truyền { overwrite: true } để ghi đè (nội dung cũ sẽ mất), hoặc chọn tên khác`;
  const en = `${argument}: ${one ? 'the file' : 'the files'} ${list} ${one ? 'exists' : 'exist'} already; not overwriting. Pass { overwrite: true } to overwrite (the old content is lost), or choose another name`;
  throw new ValidationError({ vi, en }, [
    { path: argument, value: existing[0], code: 'file_exists', messageVi: vi, messageEn: en },
  ]);
}
