import { zodIssueText } from 'ocop-connect';
import type { z } from 'zod';
import { envVariableFor, envVariablesUnder } from './config-env.js';
import { CliConfigSchema } from './config-schema.js';
import { editDistance } from './edit-distance.js';
import type { Bilingual } from './errors.js';

/** Common JSON.parse complaints, in Vietnamese. */
const JSON_REASONS_VI: readonly [RegExp, string][] = [
  [
    /property name or '\}'/i,
    'cần tên khóa trong dấu ngoặc kép "…" (JSON không cho phép chú thích // hay dấu phẩy thừa)',
  ],
  [/double-quoted property name/i, 'tên khóa phải nằm trong dấu ngoặc kép "…" (hoặc thừa dấu phẩy trước } )'],
  [/Unexpected end of JSON input/i, 'tệp dừng giữa chừng: thiếu } hoặc ] đóng'],
  [/Unterminated string/i, 'chuỗi mở dấu ngoặc kép mà không đóng'],
  [/after property value|after array element/i, 'thiếu dấu phẩy giữa hai mục (hoặc thừa ký tự)'],
  [/Bad control character/i, 'có ký tự điều khiển (xuống dòng, tab) nằm trong chuỗi'],
  [/Unexpected token|Unexpected non-whitespace/i, 'có ký tự không đúng cú pháp JSON ở đây'],
];

/**
 * A JSON syntax error located by line and column (Node 20 gives only a character position), with the
 * reason in Vietnamese for the usual mistakes (single quotes, a trailing comma, a missing brace).
 */
export function jsonErrorText(path: string, text: string, error: unknown): Bilingual {
  const message = error instanceof Error ? error.message : String(error);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  const position = /at position (\d+)/.exec(message);
  let line: number | undefined;
  let column: number | undefined;
  if (lineColumn) {
    line = Number(lineColumn[1]);
    column = Number(lineColumn[2]);
  } else {
    const at = position ? Number(position[1]) : /end of JSON input/i.test(message) ? body.length : undefined;
    if (at !== undefined) {
      const before = body.slice(0, at).split('\n');
      line = before.length;
      column = (before.at(-1)?.length ?? 0) + 1;
    }
  }
  const reasonEn = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*in JSON at position \d+/, '');
  const reasonVi = JSON_REASONS_VI.find(([pattern]) => pattern.test(message))?.[1] ?? 'sai cú pháp JSON';
  const where =
    line !== undefined
      ? { vi: ` ở dòng ${line}, cột ${column}`, en: ` at line ${line}, column ${column}` }
      : { vi: '', en: '' };
  return {
    vi: `Tệp cấu hình ${path} không phải JSON hợp lệ${where.vi}: ${reasonVi}`,
    en: `Config file ${path} is not valid JSON${where.en}: ${reasonEn}`,
  };
}

/** The keys the config accepts at `path` (top level, a platform block, sender), for suggestions. */
function knownKeys(path: readonly string[]): string[] {
  let schema: unknown = CliConfigSchema;
  for (const key of path) {
    const shape = shapeOf(schema);
    schema = shape?.[key];
  }
  return Object.keys(shapeOf(schema) ?? {});
}

function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  let current = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown } | undefined;
  for (let i = 0; i < 3 && current && !current.shape && typeof current.unwrap === 'function'; i++)
    current = current.unwrap() as typeof current;
  return current?.shape;
}

/** One config problem in both languages, naming the key path (and its environment variable). */
export function configIssueText(issue: z.core.$ZodIssue, input: unknown): Bilingual {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(path);
    const parts = issue.keys.map((key) => {
      const full = [...path, key].join('.');
      const near = known
        .map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) }))
        .filter(({ d }) => d <= 2)
        .sort((x, y) => x.d - y.d)[0]?.k;
      return { full, near: near ? [...path, near].join('.') : undefined };
    });
    return {
      vi: parts
        .map(({ full, near }) => `khóa "${full}" không được nhận${near ? ` (có phải "${near}"?)` : ''}`)
        .join('; '),
      en: parts
        .map(({ full, near }) => `unknown key "${full}"${near ? ` (did you mean "${near}"?)` : ''}`)
        .join('; '),
    };
  }
  const key = path.join('.') || '(gốc / root)';
  const reason = zodIssueText(issue, input);
  const variable =
    path.length >= 2
      ? (envVariableFor(path[0]!, path.slice(1).join('.')) ??
        envVariablesUnder(path[0]!, path.slice(1).join('.')))
      : path[0] === 'stateDir'
        ? 'OCOP_STATE_DIR'
        : undefined;
  // A key that is not there at all: its environment variable can give it.
  const missing =
    issue.path.reduce<unknown>(
      (at, step) =>
        at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[step] : undefined,
      input,
    ) === undefined;
  return {
    vi: `"${key}" ${reason.vi}${variable && missing ? ` (hoặc biến môi trường ${variable})` : ''}`,
    en: `"${key}" ${reason.en}${variable && missing ? ` (or the environment variable ${variable})` : ''}`,
  };
}
