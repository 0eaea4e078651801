import { ConfigurationError } from '../../core/errors.js';
import { argPart, argText } from '../../model/error-arguments.js';
import { pathProblem } from '../../model/option-problem.js';
import { isStoreError, StoreError } from '../errors.js';
import { SCHEMA_VERSION } from './schema.js';

/** The database could not be reached, or refused the store's connection. Retriable. */
export class StoreUnavailableError extends StoreError {
  constructor(reason: string, cause?: unknown) {
    // The driver's words are English: the Vietnamese names only its code ("… (ECONNREFUSED)").
    const code = /\(([A-Z0-9_]{4,})\)\s*$/.exec(argText(reason) ?? '')?.[1];
    super(
      'network',
      'STORE_UNAVAILABLE',
      {
        en: `The PostgreSQL state store is unavailable${argPart(reason, ': ')}`,
        vi: `Không kết nối được kho trạng thái PostgreSQL${code ? ` (mã lỗi ${code})` : ''}; hãy kiểm tra máy chủ cơ sở dữ liệu rồi thử lại`,
      },
      { cause },
    );
  }
}

/** The database holds a schema made by a newer ocop-connect: upgrade this process before using it. */
export class StoreSchemaTooNewError extends StoreError {
  readonly databaseVersion: number;
  readonly codeVersion: number;

  constructor(databaseVersion: number) {
    const version = argText(databaseVersion);
    super('configuration', 'STORE_SCHEMA_TOO_NEW', {
      en: `The state database has ${version ? `schema version ${version}` : 'a newer schema'}, but this ocop-connect knows only up to ${SCHEMA_VERSION}. Upgrade ocop-connect on this machine; never run an older version against a newer schema.`,
      vi: `Cơ sở dữ liệu trạng thái có ${version ? `lược đồ phiên bản ${version}` : 'lược đồ mới hơn'}, nhưng bản ocop-connect này chỉ biết tới phiên bản ${SCHEMA_VERSION}. Hãy nâng cấp ocop-connect trên máy này; đừng chạy bản cũ với lược đồ mới hơn.`,
    });
    this.databaseVersion = databaseVersion;
    this.codeVersion = SCHEMA_VERSION;
  }
}

/** Network-level failures become StoreUnavailableError; the message never holds the connection string. */
export function asStoreError(error: unknown): unknown {
  if (isStoreError(error)) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EPIPE|57P0[1-3]|08\w{3})$/.test(code)
  ) {
    return new StoreUnavailableError(describePgError(error), error);
  }
  return error;
}

export function describePgError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return `${message}${typeof code === 'string' ? ` (${code})` : ''}`.replace(
    /postgres(ql)?:\/\/\S+/gi,
    'postgres://…',
  );
}

/** A login the database refused, or a database that does not exist: a setting to fix, not retried. */
export function refusedLogin(error: unknown, setting: string): ConfigurationError | undefined {
  const cause = error instanceof StoreUnavailableError ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !/^(28000|28P01|3D000)$/.test(code)) return undefined;
  const reason =
    code === '3D000'
      ? { vi: 'cơ sở dữ liệu không tồn tại', en: 'the database does not exist' }
      : {
          vi: 'máy chủ từ chối đăng nhập (người dùng hoặc mật khẩu)',
          en: 'the server refused the login (user or password)',
        };
  // The driver's error as the cause (its code tells a caller which one): it names the user or the
  // database, never the password.
  return new ConfigurationError(
    'PostgreSQL từ chối kết nối / PostgreSQL refused the connection',
    [pathProblem(setting, `${reason.vi} (${code})`, `${reason.en} (${code})`)],
    { cause },
  );
}
