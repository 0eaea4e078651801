import { describeValue } from '../../model/argument-check.js';
import { pathProblem } from '../../model/option-problem.js';

/**
 * Why a PostgreSQL connection string cannot be used (in Vietnamese and English), or undefined. A
 * malformed URL is a setting to fix, never a network failure to retry; the reason names no part of
 * the string (it may hold the password). Nothing is connected.
 */
export function connectionStringIssue(
  connectionString: string,
): { messageVi: string; messageEn: string } | undefined {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return {
      messageVi: 'không phải URL postgres:// hợp lệ (máy chủ, cổng 1–65535)',
      messageEn: 'not a valid postgres:// URL (host, port 1–65535)',
    };
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    return {
      messageVi: 'phải bắt đầu bằng postgres:// hoặc postgresql://',
      messageEn: 'must start with postgres:// or postgresql://',
    };
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    decodeURIComponent(url.pathname);
  } catch {
    return {
      messageVi: 'tên người dùng, mật khẩu hoặc tên CSDL có mã %-escape sai',
      messageEn: 'the user, password or database name holds a bad %-escape',
    };
  }
  return undefined;
}

/**
 * The connection string setting's problems, as `setting: vi / setting: en`: `connectionString` when
 * given (it must be a string), else OCOP_DATABASE_URL; missing altogether (unless `alternative`, the
 * pool, stands in for it). Never a part of the string itself.
 */
export function connectionStringSettingProblems(given: unknown, alternative?: string): string[] {
  if (given !== undefined && typeof given !== 'string')
    return [
      pathProblem(
        'connectionString',
        `phải là một chuỗi postgres://… (nhận được ${describeValue(given)})`,
        `must be a postgres://… string (got ${describeValue(given)})`,
      ),
    ];
  const setting = given ? 'connectionString' : 'OCOP_DATABASE_URL';
  const value = given || process.env.OCOP_DATABASE_URL;
  if (!value) {
    const or = alternative ? { vi: ` hoặc ${alternative}`, en: ` or ${alternative}` } : { vi: '', en: '' };
    return [
      pathProblem(
        'connectionString',
        `chưa có: hãy cho connectionString${or.vi} (hoặc đặt biến môi trường OCOP_DATABASE_URL)`,
        `missing: give connectionString${or.en} (or set OCOP_DATABASE_URL)`,
      ),
    ];
  }
  const issue = connectionStringIssue(value);
  return issue ? [pathProblem(setting, issue.messageVi, issue.messageEn)] : [];
}

/** A table prefix the store can use in SQL (letters, digits, `_`); left out is the default `ocop_`. */
export function usableTablePrefix(prefix: unknown): boolean {
  return prefix === undefined || (typeof prefix === 'string' && /^[a-z_][a-z0-9_]{0,30}$/.test(prefix));
}

export const TABLE_PREFIX_PROBLEM = pathProblem(
  'tablePrefix',
  'chỉ gồm chữ thường, chữ số hoặc _ (tối đa 31 ký tự, không bắt đầu bằng chữ số)',
  'must be lower-case letters, digits or _ (at most 31, not starting with a digit)',
);
