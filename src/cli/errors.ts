import { isOcopConnectError, type ValidationIssue } from 'ocop-connect';
import type { Lang } from './i18n.js';

/** A message in both languages; the CLI prints the one the user chose. */
export interface Bilingual {
  vi: string;
  en: string;
}

import { codeOfKind, ERROR_CODES, type ErrorCode, EXIT } from './error-codes.js';

export { EXIT };

/** The codes the CLI's own refusals carry (a subset of the documented list, `error-codes.ts`). */
export type CliErrorKind = Extract<
  ErrorCode,
  'config' | 'usage' | 'credentials' | 'input' | 'data' | 'exists'
>;

/** An error of the CLI itself, worded in both languages, with the exit code it ends the run with. */
export class CliError extends Error {
  override name = 'CliError';
  readonly kind: CliErrorKind;
  readonly text: Bilingual;
  constructor(kind: CliErrorKind, text: Bilingual) {
    super(text.en);
    this.kind = kind;
    this.text = text;
  }
  get exitCode(): number {
    return ERROR_CODES[this.kind].exitCode;
  }
}

/**
 * Node's system errors on a file, folder or port the user named: the code of the documented list
 * (`ENOENT` → `input`, as a missing catalog the library reports; `EADDRINUSE` → `config`) and the text.
 */
export const ERRNO: Readonly<Record<string, { code: ErrorCode; text: (path: string) => Bilingual }>> = {
  ENOENT: {
    code: 'input',
    text: (p) => ({ vi: `Không tìm thấy tệp hoặc thư mục: ${p}`, en: `File or folder not found: ${p}` }),
  },
  EACCES: {
    code: 'input',
    text: (p) => ({ vi: `Không có quyền truy cập: ${p}`, en: `Permission denied: ${p}` }),
  },
  EPERM: {
    code: 'input',
    text: (p) => ({ vi: `Không được phép thao tác: ${p}`, en: `Operation not permitted: ${p}` }),
  },
  EISDIR: {
    code: 'input',
    text: (p) => ({ vi: `Đây là thư mục, không phải tệp: ${p}`, en: `This is a folder, not a file: ${p}` }),
  },
  ENOTDIR: {
    code: 'input',
    text: (p) => ({ vi: `Đường dẫn không phải thư mục: ${p}`, en: `Not a folder: ${p}` }),
  },
  EEXIST: { code: 'exists', text: (p) => ({ vi: `Đã tồn tại: ${p}`, en: `Already exists: ${p}` }) },
  EADDRINUSE: {
    code: 'config',
    text: (p) => ({ vi: `Cổng đã có chương trình khác dùng: ${p}`, en: `Port already in use: ${p}` }),
  },
  EADDRNOTAVAIL: {
    code: 'config',
    text: (p) => ({
      vi: `Địa chỉ không có trên máy này: ${p}`,
      en: `Address not available on this machine: ${p}`,
    }),
  },
};

function pick(text: Bilingual, lang: Lang): string {
  return lang === 'en' ? text.en : text.vi;
}

/** Errors that carry bilingual `issues` (the library's ValidationError, the hub file's errors …). */
function bilingualIssues(
  error: unknown,
): readonly Pick<ValidationIssue, 'code' | 'messageVi' | 'messageEn'>[] | undefined {
  const issues = (error as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  const ok = issues.every(
    (i) =>
      typeof (i as ValidationIssue)?.messageVi === 'string' &&
      typeof (i as ValidationIssue)?.messageEn === 'string',
  );
  return ok ? (issues as ValidationIssue[]) : undefined;
}

/** The issue codes of a catalog file whose content cannot be read (src/catalog: catalog-issues, read-rows). */
const UNREADABLE_CONTENT = /^catalog\.(encoding|csv\.|xlsx_unreadable$)/;

function isUnreadableContent(issue: { code?: unknown }): boolean {
  return typeof issue.code === 'string' && UNREADABLE_CONTENT.test(issue.code);
}

function issueLines(issues: readonly Pick<ValidationIssue, 'messageVi' | 'messageEn'>[]): Bilingual {
  return {
    vi: issues.map((i) => i.messageVi).join('\n✗ '),
    en: issues.map((i) => i.messageEn).join('\n✗ '),
  };
}

/** An error that ended a command: its message in both languages, a stable code and the exit code. */
export interface DescribedError {
  /** One of the documented codes (`ERROR_CODES`). */
  code: ErrorCode;
  text: Bilingual;
  exitCode: number;
}

/** A code of the documented list and the exit code it ends the run with. */
function described(code: ErrorCode, text: Bilingual): DescribedError {
  return { code, text, exitCode: ERROR_CODES[code].exitCode };
}

export function describeErrorBoth(error: unknown): DescribedError {
  if (error instanceof CliError) return { code: error.kind, text: error.text, exitCode: error.exitCode };
  const issues = bilingualIssues(error);
  // A catalog whose content cannot be read (its encoding, its CSV quoting, a damaged workbook) is a data
  // problem (exit 1, as the README's exit codes say), like the invalid rows of a readable one.
  if (issues) return described(issues.every(isUnreadableContent) ? 'data' : 'input', issueLines(issues));
  if (isOcopConnectError(error)) {
    // Every library error carries its text in both languages (`messageVi` / `messageEn`, see the
    // README's errors section); the bin adds the platform's name and, for a refused local address, a hint.
    // …unless the library's text already starts with it ("voso: voso: …" said it twice).
    const platform = (text: string) =>
      error.platform && !text.startsWith(`${error.platform}:`) ? `${error.platform}: ` : '';
    // Nothing listening on this machine: almost always a `sandbox` command (whose config this is) that stopped.
    const local =
      error.kind === 'network' &&
      /ECONNREFUSED\s+(127\.\d+\.\d+\.\d+|\[?::1\]?|localhost)/.test(error.message);
    const hint = local
      ? {
          vi: '. Không có gì đang chạy ở địa chỉ này trên máy: nếu đây là cấu hình của lệnh sandbox ("sandbox": true), lệnh "ocop-connect sandbox" đã dừng — chạy lại nó (với --write-config để có cấu hình mới), hoặc bỏ --config để dùng sandbox tích hợp',
          en: '. Nothing is listening at this address on this machine: if this is a sandbox command\'s config ("sandbox": true), that "ocop-connect sandbox" has stopped — start it again (with --write-config for a fresh config), or drop --config to use the embedded sandbox',
        }
      : { vi: '', en: '' };
    return described(codeOfKind(error.kind), {
      vi: `${platform(error.messageVi)}${error.messageVi}${hint.vi}`,
      en: `${platform(error.messageEn)}${error.messageEn}${hint.en}`,
    });
  }
  const errno = error as NodeJS.ErrnoException;
  // exceljs is a regular dependency, loaded only for .xlsx; an install that left it out (--omit, a
  // pruned image) gets told what is missing and what works without it.
  if (errno?.code === 'ERR_MODULE_NOT_FOUND' && /['"]exceljs['"]/.test(errno.message ?? '')) {
    return described('missing_dependency', {
      vi: 'Thiếu gói exceljs để đọc/ghi tệp .xlsx: cài lại bằng "npm install ocop-connect" (không dùng --omit), hoặc dùng tệp CSV (lưu từ Excel bằng "CSV UTF-8")',
      en: 'The exceljs package, needed to read or write .xlsx files, is not installed: reinstall with "npm install ocop-connect" (without --omit), or use a CSV file (Excel: save as "CSV UTF-8")',
    });
  }
  const system =
    typeof errno?.code === 'string' && Object.hasOwn(ERRNO, errno.code) ? ERRNO[errno.code] : undefined;
  if (system) {
    const { address, port } = errno as { address?: string; port?: number };
    const where =
      errno.path ?? (address !== undefined ? `${address}${port !== undefined ? `:${port}` : ''}` : '');
    return described(system.code, system.text(where));
  }
  const message = error instanceof Error ? error.message : String(error);
  return described('internal', { vi: message, en: message });
}

/** What to print for an error that ended a command, in the user's language, and the exit code. */
export function describeError(error: unknown, lang: Lang): { message: string; exitCode: number } {
  const { text, exitCode } = describeErrorBoth(error);
  return { message: pick(text, lang), exitCode };
}

/**
 * The one JSON document `--json` prints on stdout when a command fails (stderr still has the line):
 * `{ ok: false, error: { code, message: { vi, en } }, exitCode }`.
 */
export function errorDocument(described: DescribedError): {
  ok: false;
  error: { code: ErrorCode; message: Bilingual };
  exitCode: number;
} {
  return {
    ok: false,
    error: { code: described.code, message: described.text },
    exitCode: described.exitCode,
  };
}
