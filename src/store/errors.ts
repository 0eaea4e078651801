import {
  ClosedError,
  type ErrorKind,
  type ErrorText,
  OcopConnectError,
  ValidationError,
} from '../core/errors.js';
import { argPart, argText } from '../model/error-arguments.js';
import { defineErrorField, givenMessage } from '../model/error-root.js';
import type { ValidationIssue } from '../model/validation.js';

export type StoreErrorCode =
  | 'STORE_LOCKED'
  | 'STORE_UNUSABLE'
  | 'STORE_CORRUPT'
  | 'STORE_CLOSED'
  | 'INVALID_RECORD'
  | 'NESTED_TRANSACTION'
  | 'STORE_UNAVAILABLE'
  | 'STORE_SCHEMA_TOO_NEW';

/**
 * Root of the store's errors (an OcopConnectError). `code` says what happened; `dir` names the
 * folder for FileStore errors.
 */
export class StoreError extends OcopConnectError {
  declare readonly code: StoreErrorCode;
  declare readonly dir?: string;

  constructor(
    kind: ErrorKind,
    code: StoreErrorCode,
    message: ErrorText,
    options: { dir?: string; cause?: unknown } = {},
  ) {
    super(kind, message, options.cause === undefined ? {} : { cause: options.cause });
    defineErrorField(this, 'code', code);
    if (options.dir !== undefined) defineErrorField(this, 'dir', options.dir);
  }
}

/** Another process (or another store in this process) holds the folder. Stop it, or use another folder. */
export class StoreLockedError extends StoreError {
  readonly ownerPid: number | undefined;
  readonly ownerHost: string | undefined;

  constructor(
    dir: string,
    owner: { pid?: number; host?: string; since?: string },
    options: { waitedMs?: number; otherHost?: boolean } = {},
  ) {
    // Made by hand with no owner (or a wrong one): "another process", never a TypeError.
    owner = typeof owner === 'object' && owner !== null ? owner : {};
    options = typeof options === 'object' && options !== null ? options : {};
    const who =
      owner.pid === undefined
        ? 'another process'
        : `process ${owner.pid}${owner.host ? ` on ${owner.host}` : ''}${owner.since ? ` (since ${owner.since})` : ''}`;
    const waited = options.waitedMs ? ` (waited ${options.waitedMs} ms)` : '';
    const hint = options.otherHost
      ? ` The lock was taken on another host, so it is never taken over automatically: if that process is surely gone, delete ${argText(dir) ? `${dir}/lock` : 'the lock file in the folder'}.`
      : ' Stop the other process, open both stores with { shared: true }, or choose another folder.';
    const whoVi = owner.pid === undefined ? 'một tiến trình khác' : `tiến trình ${owner.pid}`;
    super(
      'conflict',
      'STORE_LOCKED',
      {
        en: `State folder${argPart(dir)} is locked by ${who}${waited}.${hint}`,
        vi: `Thư mục trạng thái${argPart(dir)} đang bị khoá bởi ${whoVi}${owner.host ? ` trên máy ${owner.host}` : ''}.`,
      },
      { dir },
    );
    this.ownerPid = owner.pid;
    this.ownerHost = owner.host;
  }
}

/**
 * The folder cannot be used at all: the path is a file, lies where folders cannot be created
 * (/proc, /sys), is not writable, or a file inside it has been replaced by a folder.
 */
export class StoreUnusableError extends StoreError {
  /** The path that failed (the folder or a file in it). */
  readonly path: string;
  readonly reason: string;

  constructor(dir: string, path: string, reason: { en: string; vi: string }, cause?: unknown) {
    const given = givenMessage(reason);
    reason =
      typeof given === 'object' ? given : { en: given ?? 'cannot be used', vi: given ?? 'không dùng được' };
    // Made by hand with fewer arguments: the sentence leaves out what is missing.
    const what = given === undefined ? { en: '', vi: '' } : { en: `: ${reason.en}`, vi: `: ${reason.vi}` };
    const at = given === undefined ? argPart(path, ' (', ')') : '';
    const subject = given === undefined ? '' : argPart(path, ' ');
    super(
      'configuration',
      'STORE_UNUSABLE',
      {
        en: `State folder${argPart(dir)} cannot be used${at}${what.en ? `:${subject}${what.en.slice(1)}` : ''}.`,
        vi: `Không dùng được thư mục trạng thái${argPart(dir)}${at}${what.vi ? `:${subject}${what.vi.slice(1)}` : ''}.`,
      },
      { dir, cause },
    );
    this.path = path;
    this.reason = reason.en;
  }
}

/**
 * A committed file cannot be read back (not a torn write: those are recovered silently), or a stored
 * record does not fit. `file` is the file's path, or a record named `namespace[key]` (`orders[voso/a/1]`)
 * for stores without files. `reason` says what is wrong, `{ vi, en }`; a single string is put in both
 * languages as it is.
 */
export class StoreCorruptError extends StoreError {
  readonly file: string;

  constructor(file: string, reason: string | { vi: string; en: string }, cause?: unknown) {
    const given = givenMessage(reason);
    const why = typeof given === 'object' ? given : { vi: given, en: given };
    // A record of a store (memory, PostgreSQL, a record codec) is no file: say "record".
    const record = /^[\w-]+\[.*\]$/.test(argText(file) ?? '');
    super(
      'configuration',
      'STORE_CORRUPT',
      {
        en: `${record ? 'State record' : 'State file'}${argPart(file)} is corrupt${argPart(why.en, ': ')}`,
        vi: `${record ? 'Bản ghi trạng thái' : 'Tệp trạng thái'}${argPart(file)} bị hỏng${argPart(why.vi, ': ')}`,
      },
      { cause },
    );
    this.file = file;
  }
}

/**
 * The store was used after `close()`: a {@link ClosedError} (kind `closed`), like a closed connector or
 * limiter, with `code` `STORE_CLOSED`. Create a new store.
 */
export class StoreClosedError extends ClosedError {
  declare readonly code: 'STORE_CLOSED';
  constructor(kind: string) {
    super({
      vi: `Kho trạng thái${argPart(kind)} đã đóng: hãy tạo kho mới`,
      en: `The${argPart(kind)} store is closed: create a new one.`,
    });
    defineErrorField(this, 'code', 'STORE_CLOSED');
  }
}

/**
 * A record given to the store (or to `setStockCount`) breaks the store's rules (empty key part,
 * negative or fractional stock, …): our own refusal of bad input, so a {@link ValidationError}
 * (kind `validation`) with one issue naming the field, and `code` `INVALID_RECORD`. Nothing was written.
 */
export class InvalidRecordError extends ValidationError {
  declare readonly code: 'INVALID_RECORD';
  constructor(issue: Pick<ValidationIssue, 'path' | 'value' | 'messageVi' | 'messageEn'>) {
    // Made by hand with a text, both texts or nothing: that message (or what the kind means), no issue.
    const record = typeof issue === 'object' && issue !== null && typeof issue.messageEn === 'string';
    super(
      record ? { vi: issue.messageVi, en: issue.messageEn } : (givenMessage(issue) as ErrorText),
      record ? [{ ...issue, code: 'INVALID_RECORD' }] : [],
    );
    defineErrorField(this, 'code', 'INVALID_RECORD');
  }
}

/** True for every error a store throws: a StoreError, a closed store, or a refused record. */
export function isStoreError(error: unknown): boolean {
  return (
    error instanceof StoreError || error instanceof StoreClosedError || error instanceof InvalidRecordError
  );
}

/** The store was called inside its own transaction callback (that would wait forever): use `tx`. */
export class NestedTransactionError extends StoreError {
  constructor() {
    super('configuration', 'NESTED_TRANSACTION', {
      en: 'A store method was called inside transaction(fn) on the same store; use the `tx` argument instead.',
      vi: 'Một hàm của kho được gọi bên trong transaction(fn) trên chính kho đó; hãy dùng đối số `tx`.',
    });
  }
}
