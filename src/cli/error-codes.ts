/**
 * The one list of `error.code` values the `--json` error document can carry (README "The CLI", table
 * "`--json` error codes"; test/cli/json-error-codes.test.ts compares the two). Everything that ends a
 * command is mapped onto it: the CLI's own refusals, commander's (`commander.unknownCommand` … → `usage`),
 * Node's system errors on a file or port the user named (`ENOENT` → `input`, `EADDRINUSE` → `config`,
 * errors.ts `ERRNO`) and the library's error kinds (`configuration` → `config`, `validation` → `input`, the others by name).
 * Each code has one exit code.
 */

/**
 * Exit codes (documented in the README):
 * 0 done; 1 done, but the input has problems (invalid rows, failed items, refused overwrite, a reference
 * that already exists); 2 the command could not run (bad option, config, missing credentials or file);
 * 3 a platform or the network failed (login refused, unreachable, server error);
 * 130 / 143 interrupted (Ctrl+C / SIGTERM).
 */
export const EXIT = {
  ok: 0,
  problems: 1,
  usage: 2,
  platform: 3,
  interrupted: 130,
  /** The process that started a long-running command went away (or SIGHUP). */
  hangup: 129,
  terminated: 143,
} as const;

export interface ErrorCodeEntry {
  readonly exitCode: number;
  /** What it means, as the README's table says it (the message itself is in both languages). */
  readonly meaning: string;
}

export const ERROR_CODES = {
  usage: {
    exitCode: EXIT.usage,
    meaning:
      'the command line is wrong: an unknown command or option, a missing argument, an invalid option value',
  },
  config: {
    exitCode: EXIT.usage,
    meaning: 'the config file or environment is wrong, or the machine refuses it (a port already in use)',
  },
  credentials: {
    exitCode: EXIT.usage,
    meaning: 'real mode, and a platform or carrier has no login',
  },
  input: {
    exitCode: EXIT.usage,
    meaning:
      'a file or value given cannot be used: no such file, a folder, no permission, a type that cannot be read, data the library refuses before doing anything',
  },
  data: {
    exitCode: EXIT.problems,
    meaning:
      'the data has a problem: a catalog whose content cannot be read (not saved as UTF-8, a quote never closed, a damaged .xlsx), a SKU not in the stock book',
  },
  exists: {
    exitCode: EXIT.problems,
    meaning: 'an existing file is not overwritten (use --force), or the reference is already used',
  },
  missing_dependency: {
    exitCode: EXIT.usage,
    meaning: 'the exceljs package for .xlsx files is missing (reinstall, or use CSV)',
  },
  authentication: {
    exitCode: EXIT.platform,
    meaning: 'the platform refused the login',
  },
  permission: {
    exitCode: EXIT.platform,
    meaning: 'the account may not do this',
  },
  not_found: { exitCode: EXIT.platform, meaning: 'not found on the platform' },
  conflict: {
    exitCode: EXIT.platform,
    meaning: 'the platform says it exists already or is not allowed now',
  },
  rate_limited: {
    exitCode: EXIT.platform,
    meaning: 'the platform is throttling requests',
  },
  server: { exitCode: EXIT.platform, meaning: 'the platform failed' },
  network: {
    exitCode: EXIT.platform,
    meaning: 'could not connect (network, wrong address, a stopped sandbox)',
  },
  timeout: {
    exitCode: EXIT.platform,
    meaning: 'the platform did not answer in time',
  },
  outcome_unknown: {
    exitCode: EXIT.platform,
    meaning: 'whether the request took effect is unknown: check on the platform before running again',
  },
  invalid_request: {
    exitCode: EXIT.platform,
    meaning: 'the platform refused the request',
  },
  contract_violation: {
    exitCode: EXIT.platform,
    meaning: 'the platform answered in an unexpected format',
  },
  aborted: { exitCode: EXIT.platform, meaning: 'stopped part-way' },
  closed: {
    exitCode: EXIT.platform,
    meaning: 'a connection was used after it was closed',
  },
  internal: {
    exitCode: EXIT.usage,
    meaning: 'a bug in ocop-connect: please report it with the message',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The library's error kinds that have a CLI code of another name; the others keep their name. */
const KIND_CODES: Readonly<Record<string, ErrorCode>> = {
  configuration: 'config',
  validation: 'input',
};

/** A library error kind → its code (an unknown kind: `internal`). */
export function codeOfKind(kind: string): ErrorCode {
  const code = KIND_CODES[kind] ?? kind;
  return Object.hasOwn(ERROR_CODES, code) ? (code as ErrorCode) : 'internal';
}
