import { ValidationError } from '../core/errors.js';
import { editDistance } from '../model/edit-distance.js';
import type { ValidationIssue } from '../model/validation.js';
import { searchKey } from '../vn/text.js';
import { detectBinary, detectNonUtf8, SNIFF_BYTES } from './encoding.js';

/** A bilingual issue from its parts (catalog readers write their own messages). */
export function catalogIssue(
  fields: Omit<ValidationIssue, 'messageVi' | 'messageEn'> & { vi: string; en: string },
): ValidationIssue {
  const { vi, en, ...rest } = fields;
  return { ...rest, messageVi: vi, messageEn: en };
}

/** The whole file cannot be read: one ValidationError whose message and issues say why, in vi + en. */
export function catalogFileError(issue: ValidationIssue, cause?: unknown): ValidationError {
  return new ValidationError(
    { vi: issue.messageVi, en: issue.messageEn },
    [issue],
    cause === undefined ? undefined : { cause },
  );
}

/** Largest edit distance (on folded names) still offered as "did you mean". */
const MAX_SUGGESTION_DISTANCE = 3;

/** The known name closest to `written`, when it is close enough to be a typo of it. */
export function closestName(written: string, known: readonly string[]): string | undefined {
  const key = searchKey(written);
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key, searchKey(name));
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  const limit = Math.min(MAX_SUGGESTION_DISTANCE, Math.max(1, Math.floor(key.length / 3)));
  return best !== undefined && best.distance <= limit ? best.name : undefined;
}

export { didYouMean } from '../model/nearest-name.js';

/**
 * Characters that change how text is shown without being visible: zero-width spaces and joiners,
 * word joiner, BOM inside text, soft hyphen, and bidirectional overrides/embeddings/isolates (the
 * "Trojan Source" family) that can make a product name read differently from what is stored; also
 * control characters (NUL and the rest of C0 but tab and line breaks, DEL, C1), the Unicode line and
 * paragraph separators, and lone surrogate halves (possible in JSON `\\ud800` escapes).
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern looks for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uD800-\uDFFF]/u;

/** The first invisible or direction-changing character of `text`, as "U+202E", or undefined. */
export function invisibleCharacter(text: string): string | undefined {
  const match = INVISIBLE.exec(text);
  if (match === null) return undefined;
  return `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function invisibleCharacterIssue(
  text: string,
  where: Pick<ValidationIssue, 'path'> & Partial<Pick<ValidationIssue, 'row' | 'column' | 'sku'>>,
): ValidationIssue | undefined {
  const char = invisibleCharacter(text);
  if (char === undefined) return undefined;
  return catalogIssue({
    ...where,
    value: text,
    code: 'text.invisible_character',
    vi: `Có ký tự ẩn hoặc ký tự đảo chiều chữ (${char}); hãy gõ lại ô này`,
    en: `Contains an invisible or text-direction character (${char}); retype this cell`,
  });
}

/**
 * Bytes as UTF-8, refusing another encoding by name (UTF-16 recognised from the start of the file, a
 * Windows code page guessed from its letters) and invalid sequences instead of turning them into U+FFFD:
 * the error names the encoding, the line (as a spreadsheet row), the byte offset and the bytes found.
 */
export function decodeUtf8(bytes: Uint8Array, file: string, kind: 'csv' | 'json' = 'csv'): string {
  const binary = detectBinary(bytes);
  if (binary) throw notTextError(file, binary, kind);
  const foreign = detectNonUtf8(bytes.subarray(0, SNIFF_BYTES));
  // UTF-16 of plain ASCII text is valid UTF-8 (with a zero byte between letters): named before decoding.
  if (foreign?.startsWith('UTF-16')) throw encodingError(file, foreign, kind);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const shown = [...bytes.subarray(offset, offset + 4)]
      .map((b) => b.toString(16).toUpperCase().padStart(2, '0'))
      .join(' ');
    throw encodingError(file, foreign ?? detectNonUtf8(bytes) ?? 'Windows-1252', kind, {
      row: line,
      vi: `: dòng ${line}, byte ${offset} (${shown})`,
      en: `: line ${line}, byte ${offset} (${shown})`,
    });
  }
}

/** How to save a file of that kind as UTF-8: Excel's "CSV UTF-8" for a CSV, the editor's encoding for JSON. */
const SAVE_AS_UTF8 = {
  csv: {
    vi: 'Trong Excel chọn "Lưu thành" → "CSV UTF-8 (phân cách bằng dấu phẩy)", hoặc dùng tệp .xlsx.',
    en: 'In Excel use "Save As" → "CSV UTF-8 (Comma delimited)", or use the .xlsx file.',
  },
  json: {
    vi: 'Hãy lưu lại tệp JSON với bảng mã UTF-8 (trong trình soạn thảo: "Lưu với bảng mã" → UTF-8).',
    en: 'Save the JSON file again in the UTF-8 encoding (in your editor: "Save with Encoding" → UTF-8).',
  },
} as const;

/** A catalog file that holds an image, a PDF, a workbook or other bytes, not text. */
function notTextError(file: string, holds: string, kind: 'csv' | 'json'): ValidationError {
  const what =
    holds === 'binary'
      ? { vi: 'dữ liệu nhị phân', en: 'binary data' }
      : { vi: `một tệp ${holds}`, en: `a ${holds} file` };
  const fix = holds.includes('.xlsx')
    ? {
        vi: 'Nếu đó là bảng tính Excel, hãy đổi đuôi tệp thành .xlsx.',
        en: 'If it is an Excel workbook, rename it to .xlsx.',
      }
    : holds.includes('.xls')
      ? {
          vi: 'Hãy mở trong Excel và lưu lại thành .xlsx.',
          en: 'Open it in Excel and save it again as .xlsx.',
        }
      : kind === 'csv'
        ? { vi: 'Hãy chọn tệp danh mục .csv hoặc .xlsx.', en: 'Choose the catalog file (.csv or .xlsx).' }
        : { vi: 'Hãy chọn tệp danh mục .json.', en: 'Choose the catalog .json file.' };
  const type = kind === 'csv' ? 'CSV' : 'JSON';
  return catalogFileError(
    catalogIssue({
      path: 'file',
      value: file,
      code: 'catalog.not_text',
      vi: `Tệp "${file}" không phải tệp văn bản ${type}: tệp chứa ${what.vi}. ${fix.vi}`,
      en: `"${file}" is not a ${type} text file: it holds ${what.en}. ${fix.en}`,
    }),
  );
}

/** A text file saved in `encoding`, not UTF-8 (where: the first bad byte, when known). */
function encodingError(
  file: string,
  encoding: string,
  kind: 'csv' | 'json',
  where?: { row: number; vi: string; en: string },
): ValidationError {
  return catalogFileError(
    catalogIssue({
      path: 'file',
      value: file,
      ...(where ? { row: where.row } : {}),
      code: 'catalog.encoding',
      vi: `Tệp "${file}" được lưu bằng bảng mã ${encoding}, không phải UTF-8${where?.vi ?? ''}, nên không đọc đúng được tiếng Việt. ${SAVE_AS_UTF8[kind].vi}`,
      en: `"${file}" is saved in the ${encoding} encoding, not UTF-8${where?.en ?? ''}, so its Vietnamese text cannot be read correctly. ${SAVE_AS_UTF8[kind].en}`,
    }),
  );
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    // Overlong 3-byte, surrogates, and > U+10FFFF forms.
    const second = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return i;
    if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += need + 1;
  }
  return bytes.length;
}

const FILE_ERRORS: Record<string, { vi: string; en: string }> = {
  ENOENT: { vi: 'không tồn tại', en: 'does not exist' },
  EISDIR: { vi: 'là một thư mục, không phải tệp', en: 'is a folder, not a file' },
  EACCES: { vi: 'không có quyền đọc', en: 'cannot be read (permission denied)' },
  EPERM: { vi: 'không được phép đọc', en: 'may not be read (operation not permitted)' },
  ENOTDIR: { vi: 'có một phần đường dẫn không phải thư mục', en: 'has a path part that is not a folder' },
  ELOOP: { vi: 'là một vòng liên kết', en: 'is a symbolic-link loop' },
  EMFILE: {
    vi: 'không mở được lúc này (quá nhiều tệp đang mở)',
    en: 'cannot be opened now (too many open files)',
  },
};

/** A file-system error reading the catalog, as a ValidationError naming the file and the reason. */
export function fileReadError(file: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const reason = FILE_ERRORS[code];
  if (reason === undefined) return error;
  return catalogFileError(
    catalogIssue({
      path: 'file',
      value: file,
      code: `catalog.file.${code.toLowerCase()}`,
      vi: `Tệp danh mục "${file}" ${reason.vi}`,
      en: `Catalog file "${file}" ${reason.en}`,
    }),
  );
}
