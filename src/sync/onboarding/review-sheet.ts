import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { z } from 'zod';
import { refuseExisting } from '../../catalog/file-target.js';
import {
  A_LIST,
  A_TEXT,
  checkArgument,
  checkArgumentFields,
  type Expected,
} from '../../core/argument-guards.js';
import { ValidationError } from '../../core/errors.js';
import { isPlainObject } from '../../model/argument-check.js';
import { REASON_VI } from './reason-labels.js';
import { REVIEW_COLUMNS, REVIEW_KEYS, type ReviewKey } from './review-columns.js';
import { csvText, sheetWorkbook } from './sheet-files.js';
import type { ListingMatch, MatchReason } from './types.js';

/* Writing the review sheet of `ocop-connect match` (its columns and decision words: review-columns.ts). */
export { type ReviewSheetDecisions, type ReviewSheetRow, readReviewSheet } from './review-sheet-read.js';

/** The reasons as the "Lý do" column writes them: Vietnamese label, then the evidence. */
export function reasonText(reasons: readonly MatchReason[]): string {
  return reasons.map((r) => `${REASON_VI[r.code]}: ${r.detail}`).join('; ');
}

function rowsOf(matches: readonly ListingMatch[]): Array<Record<ReviewKey, string>> {
  return matches.flatMap((m) => {
    // A candidate below the threshold is shown as its product, undecided: a person links or rejects it.
    const candidate = !m.productSku ? m.candidate : undefined;
    const decision = m.rejectedBefore
      ? 'tạo mới'
      : m.suggestion === 'accept'
        ? 'đồng ý'
        : // A listing naming other products too waits for a person, never pre-filled "từ chối".
          (m.suggestion === 'none' && !candidate && !m.otherProducts) || m.duplicateOf
          ? 'từ chối'
          : '';
    const variants = candidate?.variants ?? m.variants;
    return variants.map((v) => ({
      platform: m.platform,
      account: m.account,
      listingId: m.listing.remoteId,
      title: m.listing.title,
      variantId: v.remoteId,
      variantLabel: v.label,
      remoteSku: v.remoteSku ?? '',
      productSku: m.productSku ?? candidate?.productSku ?? '',
      offerSku: v.offerSku ?? '',
      productName: m.productName ?? candidate?.productName ?? '',
      confidence: `${Math.round(m.confidence * 100)}%`,
      reasons: reasonText(m.reasons),
      duplicateOf: m.duplicateOf ?? '',
      decision,
    }));
  });
}

const SHEET_EXTENSIONS = ['.csv', '.xlsx'] as const;

/** The sheet's file: `.csv` or `.xlsx` (any case) — never CSV written under another extension. */
function checkSheetPath(path: string): void {
  const ext = extname(path).toLowerCase();
  if ((SHEET_EXTENSIONS as readonly string[]).includes(ext)) return;
  const allowed = SHEET_EXTENSIONS.join(', ');
  const vi = `path: phải là tệp ${allowed} (nhận được "${path}", ${ext ? `đuôi ${ext}` : 'không có đuôi tệp'})`;
  const en = `path: must be a ${allowed} file (got "${path}", ${ext ? `extension ${ext}` : 'no extension'})`;
  throw new ValidationError({ vi, en }, [
    { path: 'path', value: path, code: 'invalid_argument', messageVi: vi, messageEn: en },
  ]);
}

const A_STRING: Expected = { schema: z.string(), vi: 'một chuỗi', en: 'a string' };
const A_STRING_OR_NOTHING: Expected = {
  schema: z.string().optional(),
  vi: 'một chuỗi (hoặc bỏ trống)',
  en: 'a string (or left out)',
};
const VARIANTS: Expected = {
  schema: z.array(
    z.object({
      remoteId: z.string(),
      label: z.string(),
      remoteSku: z.string().optional(),
      offerSku: z.string().optional(),
    }),
  ),
  vi: 'một mảng các biến thể (có remoteId, label)',
  en: 'an array of variants (with remoteId, label)',
};
const REASON_CODES = Object.keys(REASON_VI) as [MatchReason['code'], ...MatchReason['code'][]];

/** What the sheet reads of each match (`ListingMatch`): each field named when it is not that. */
const MATCH_FIELDS: Readonly<Record<string, Expected>> = {
  platform: A_TEXT,
  account: A_STRING,
  listing: {
    schema: z.custom(
      (v) => isPlainObject(v) && typeof v.remoteId === 'string' && typeof v.title === 'string',
    ),
    vi: 'một tin đăng (có remoteId, title)',
    en: 'a listing (with remoteId, title)',
  },
  productSku: A_STRING_OR_NOTHING,
  productName: A_STRING_OR_NOTHING,
  confidence: { schema: z.number().min(0).max(1), vi: 'một số từ 0 đến 1', en: 'a number from 0 to 1' },
  reasons: {
    schema: z.array(z.object({ code: z.enum(REASON_CODES), detail: z.string() })),
    vi: `một mảng các lý do (code là một trong: ${REASON_CODES.join(', ')}; detail là chuỗi)`,
    en: `an array of reasons (code one of: ${REASON_CODES.join(', ')}; detail a string)`,
  },
  variants: VARIANTS,
  candidate: {
    schema: z
      .object({ productSku: z.string(), productName: z.string(), variants: VARIANTS.schema })
      .optional(),
    vi: 'một sản phẩm gần nhất (có productSku, productName, variants) hoặc bỏ trống',
    en: 'a nearest product (with productSku, productName, variants) or left out',
  },
  duplicateOf: A_STRING_OR_NOTHING,
  suggestion: {
    schema: z.enum(['accept', 'review', 'none']),
    vi: 'một trong: "accept", "review", "none"',
    en: 'one of: "accept", "review", "none"',
  },
};

/** Every match checked before anything is written: one ValidationError naming each `matches[i].field`. */
function checkMatches(matches: readonly unknown[]): void {
  const issues = matches.flatMap((match, i) => {
    try {
      checkArgumentFields(match, `matches[${i}]`, MATCH_FIELDS);
      return [];
    } catch (error) {
      if (error instanceof ValidationError) return [...error.issues];
      throw error;
    }
  });
  if (issues.length === 0) return;
  // Every problem in the head too, so `message` names each field in both languages.
  const listed = (lang: 'messageVi' | 'messageEn') => issues.map((i) => i[lang]).join('; ');
  throw new ValidationError(
    {
      vi: `matches: có phần tử không phải một ListingMatch — ${listed('messageVi')}`,
      en: `matches: some entries are not a ListingMatch — ${listed('messageEn')}`,
    },
    issues,
  );
}

/**
 * Writes the review sheet as `.xlsx` or `.csv` (UTF-8 with BOM), by the file's extension (any other is
 * refused). Every match is checked first; an existing file is refused unless `options.overwrite` is true
 * — nothing is written when anything is refused.
 */
export async function writeReviewSheet(
  matches: readonly ListingMatch[],
  path: string,
  options: { overwrite?: boolean } = {},
): Promise<number> {
  checkArgument(path, 'path', A_TEXT);
  checkSheetPath(path);
  checkArgument(matches, 'matches', A_LIST);
  checkMatches(matches);
  await refuseExisting([path], 'path', options, 'writeReviewSheet');
  const headers = REVIEW_KEYS.map((k) => REVIEW_COLUMNS[k].vi);
  const rows = rowsOf(matches).map((r) => REVIEW_KEYS.map((k) => r[k]));
  await mkdir(dirname(path), { recursive: true });
  if (extname(path).toLowerCase() === '.xlsx') {
    const { workbook, sheet } = await sheetWorkbook('Đối chiếu', headers, rows);
    headers.forEach((h, i) => {
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(12, h.length + 4));
    });
    await workbook.xlsx.writeFile(path);
  } else {
    await writeFile(path, csvText(headers, rows), 'utf8');
  }
  return rows.length;
}
