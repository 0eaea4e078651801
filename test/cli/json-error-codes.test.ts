/**
 * `--json` error documents carry one documented vocabulary of `error.code` (trial 1 of #18, items 8 and
 * 9): the README's table is the code's table, every source of errors maps onto it (the CLI's own,
 * commander's, Node's system errors, the library's kinds), and a commander refusal's message is in one
 * language per field.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/cli/error-codes.js';
import { CliError, describeErrorBoth, ERRNO } from '../../src/cli/errors.js';
import { ERROR_KINDS, OcopConnectError } from '../../src/index.js';
import { runCli } from './helpers.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

/** The rows of the README's "`--json` error codes" table: code → meaning, exit code. */
function readmeCodes(): Record<string, { meaning: string; exitCode: number }> {
  const start = README.indexOf('**`--json` error codes.**');
  expect(start).toBeGreaterThan(0);
  const table = README.slice(README.indexOf('| code | meaning | exit code |', start)).split('\n\n')[0]!;
  const rows: Record<string, { meaning: string; exitCode: number }> = {};
  for (const line of table.split('\n').slice(2)) {
    const [, code, meaning, exit] = /^\| `([a-z_]+)` \| (.+) \| (\d+) \|$/.exec(line) ?? [];
    expect(code, line).toBeDefined();
    rows[code!] = { meaning: meaning!, exitCode: Number(exit) };
  }
  return rows;
}

interface ErrorDocument {
  ok: false;
  error: { code: string; message: { vi: string; en: string } };
  exitCode: number;
}

describe('--json error codes: one documented list', () => {
  it('the README table is the list in src/cli/error-codes.ts, code by code, with its exit code', () => {
    expect(readmeCodes()).toEqual(
      Object.fromEntries(
        Object.entries(ERROR_CODES).map(([code, e]) => [code, { meaning: e.meaning, exitCode: e.exitCode }]),
      ),
    );
  });

  it('every error the CLI describes gets a listed code and that code’s exit code', () => {
    const errors: unknown[] = [
      ...ERROR_KINDS.map((kind) => new OcopConnectError(kind, { vi: 'lỗi', en: 'failed' })),
      ...Object.keys(ERRNO).map((code) =>
        Object.assign(new Error(`${code}: x`), { code, path: '/tmp/x', syscall: 'open' }),
      ),
      ...(['config', 'usage', 'credentials', 'input', 'data', 'exists'] as const).map(
        (kind) => new CliError(kind, { vi: 'lỗi', en: 'failed' }),
      ),
      Object.assign(new Error("Cannot find package 'exceljs'"), { code: 'ERR_MODULE_NOT_FOUND' }),
      new TypeError('x is not a function'),
      'a thrown string',
    ];
    const codes = new Set<string>();
    for (const error of errors) {
      const described = describeErrorBoth(error);
      expect(Object.keys(ERROR_CODES), String(error)).toContain(described.code);
      expect(described.exitCode, described.code).toBe(ERROR_CODES[described.code].exitCode);
      codes.add(described.code);
    }
    // Every listed code is reachable (none is documented for nothing); commander's `usage` is below.
    expect([...codes].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    // The mapped names: no Node errno, no library kind the list renames.
    expect(describeErrorBoth(Object.assign(new Error('x'), { code: 'ENOENT', path: 'a.csv' })).code).toBe(
      'input',
    );
    expect(describeErrorBoth(Object.assign(new Error('x'), { code: 'EADDRINUSE', port: 8080 })).code).toBe(
      'config',
    );
    expect(describeErrorBoth(new OcopConnectError('validation', 'x')).code).toBe('input');
    expect(describeErrorBoth(new OcopConnectError('configuration', 'x')).code).toBe('config');
  });

  it(
    'through the bin: commander refusals are usage, a missing .csv is input like a missing .xlsx',
    { timeout: 120_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ocop-json-codes-'));
      const run = async (...args: string[]) => {
        const result = await runCli(['--json', ...args], { cwd: dir });
        const doc = JSON.parse(result.stdout) as ErrorDocument;
        expect(doc.exitCode).toBe(result.code);
        return doc;
      };
      const [command, option, csv, xlsx] = await Promise.all([
        run('bogus'),
        run('validate', '--bogus', 'x.csv'),
        run('validate', 'khong-co.csv', '--offline'),
        run('validate', 'khong-co.xlsx', '--offline'),
      ]);
      expect(command).toMatchObject({ ok: false, exitCode: 2, error: { code: 'usage' } });
      expect(command.error.message).toEqual({ vi: "không có lệnh 'bogus'", en: "unknown command 'bogus'" });
      expect(option).toMatchObject({ ok: false, exitCode: 2, error: { code: 'usage' } });
      expect(csv).toMatchObject({ ok: false, exitCode: 2, error: { code: 'input' } });
      expect(csv.error.message.vi).toContain('khong-co.csv');
      expect(xlsx).toMatchObject({ ok: false, exitCode: 2, error: { code: 'input' } });
      expect(xlsx.error.message.en).toContain('khong-co.xlsx');
    },
  );

  it(
    'an invalid option value: message.vi all Vietnamese, message.en all English, whatever --lang',
    { timeout: 120_000 },
    async () => {
      const expected = {
        vi: "giá trị '99999' của tùy chọn '--port <n>' không hợp lệ. phải là số cổng từ 0 đến 65531 (0 = ngẫu nhiên; dùng 5 cổng liên tiếp)",
        en: "option '--port <n>' argument '99999' is invalid. must be a port number from 0 to 65531 (0 = random; five consecutive ports are used)",
      };
      for (const lang of ['vi', 'en']) {
        const run = await runCli(['--json', '--lang', lang, 'sandbox', '--port', '99999']);
        expect(run.code).toBe(2);
        const doc = JSON.parse(run.stdout) as ErrorDocument;
        expect(doc).toEqual({ ok: false, exitCode: 2, error: { code: 'usage', message: expected } });
        expect(doc.error.message.en).not.toMatch(VIETNAMESE_LETTERS);
        // stderr keeps the run's language.
        expect(run.stderr).toContain(lang === 'en' ? expected.en : expected.vi);
      }
    },
  );
});
