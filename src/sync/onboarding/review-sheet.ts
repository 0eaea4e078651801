import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { z } from 'zod';
import type { CellValue } from '../../catalog/cells.js';
import { refuseExisting } from '../../catalog/file-target.js';
import { readSheet } from '../../catalog/read-rows.js';
import {
  A_LIST,
  A_TEXT,
  checkArgument,
  checkArgumentFields,
  type Expected,
} from '../../core/argument-guards.js';
import { ValidationError } from '../../core/errors.js';
import { isPlainObject } from '../../model/argument-check.js';
import type { ValidationIssue } from '../../model/validation.js';
import { searchKey } from '../../vn/text.js';
import { skuKey } from './catalog-index.js';
import { REASON_VI } from './reason-labels.js';
import { csvText, sheetWorkbook } from './sheet-files.js';
import type { LinkDecision, ListingMatch, MatchReason } from './types.js';

/**
 * The review spreadsheet of `ocop-connect match` / `link`: one row per listing variant (catalog row ↔
 * platform listing), the proposal, its confidence and reasons, and a "Quyết định" column a person fills
 * with one of `DECISION_WORDS` (case and accents do not matter): link, new (not this product; the
 * listing is left alone and `publish` may create the product) or later (left undecided: `publish` keeps
 * holding the product back). Any other value is refused. The catalog SKU cells may be corrected before
 * linking.
 */
export const REVIEW_COLUMNS = {
  platform: { vi: 'Sàn', en: 'platform' },
  account: { vi: 'Tài khoản', en: 'account' },
  listingId: { vi: 'Mã tin đăng', en: 'listing_id' },
  title: { vi: 'Tên trên sàn', en: 'listing_title' },
  variantId: { vi: 'Mã biến thể trên sàn', en: 'listing_variant_id' },
  variantLabel: { vi: 'Phân loại trên sàn', en: 'listing_variant' },
  remoteSku: { vi: 'SKU trên sàn', en: 'listing_sku' },
  productSku: { vi: 'Mã sản phẩm', en: 'product_sku' },
  offerSku: { vi: 'Mã SKU phân loại', en: 'variant_sku' },
  productName: { vi: 'Tên sản phẩm', en: 'name' },
  confidence: { vi: 'Độ tin cậy', en: 'confidence' },
  reasons: { vi: 'Lý do', en: 'reasons' },
  duplicateOf: { vi: 'Trùng với tin', en: 'duplicate_of' },
  decision: { vi: 'Quyết định', en: 'decision' },
} as const;
type ReviewKey = keyof typeof REVIEW_COLUMNS;
const KEYS = Object.keys(REVIEW_COLUMNS) as ReviewKey[];

/**
 * The words the "Quyết định" column accepts, Vietnamese and English (compared without case and accents).
 * - link: link the listing to the catalog product in the row;
 * - new: the listing is not that product (never linked, never deleted); the product no longer waits for
 *   it, so the next publish creates it unless another listing is still proposed;
 * - later (or an empty cell): undecided; the product stays held back from publish.
 * - override: link although the listing's pack size (or a multi-pack) differs from the catalog's: the
 *   listing is that product with its pack written wrong, and the next publish rewrites it.
 */
export const DECISION_WORDS = {
  link: ['đồng ý', 'liên kết', 'có', 'chấp nhận', 'x', 'ok', 'yes', 'y', 'link', 'accept'],
  new: ['tạo mới', 'mới', 'từ chối', 'không', 'không phải', 'new', 'reject', 'no', 'n'],
  later: ['để sau', 'chưa', 'later'],
  override: ['ghi đè', 'đồng ý ghi đè', 'override', 'link anyway'],
} as const;
type Decided = 'accept' | 'override' | 'reject' | 'blank';
const WORDS = new Map<string, Decided>([
  ...DECISION_WORDS.link.map((w) => [searchKey(w), 'accept'] as const),
  ...DECISION_WORDS.override.map((w) => [searchKey(w), 'override'] as const),
  ...DECISION_WORDS.new.map((w) => [searchKey(w), 'reject'] as const),
  ...DECISION_WORDS.later.map((w) => [searchKey(w), 'blank'] as const),
]);

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
  const headers = KEYS.map((k) => REVIEW_COLUMNS[k].vi);
  const rows = rowsOf(matches).map((r) => KEYS.map((k) => r[k]));
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

function issue(row: number, column: string, vi: string, en: string, value?: unknown): ValidationIssue {
  return {
    path: column,
    code: 'review.invalid',
    messageVi: `Dòng ${row}, cột "${column}": ${vi}`,
    messageEn: `Row ${row}, column "${column}": ${en}`,
    row,
    column,
    ...(value !== undefined ? { value } : {}),
  };
}

export interface ReviewSheetDecisions {
  decisions: LinkDecision[];
  /** Listings whose "Quyết định" is still empty: left alone, reported. */
  undecided: Array<{ platform: string; remoteId: string; row: number }>;
  /**
   * Every listing-variant row of the sheet (its row number and label): a caller reports per row what
   * the link did not cover, e.g. an accepted listing's variant whose "Mã SKU phân loại" was left empty.
   */
  rows: ReviewSheetRow[];
}

export interface ReviewSheetRow {
  row: number;
  platform: string;
  account?: string;
  remoteId: string;
  variantId: string;
  /** "Phân loại trên sàn" as written in the sheet. */
  label: string;
  /** "Mã SKU phân loại": empty when the row pairs the variant with no catalog variant. */
  offerSku: string;
}

/**
 * Reads a filled review sheet back into link decisions, one per listing. Fails loud (ValidationError
 * naming row, column and reason, in Vietnamese and English) on a missing column, an unreadable decision,
 * or rows of one listing that disagree; nothing is decided from a sheet with problems.
 */
export async function readReviewSheet(path: string): Promise<ReviewSheetDecisions> {
  checkArgument(path, 'path', A_TEXT);
  const ext = extname(path).toLowerCase();
  const sheet = await readSheet(path, ext === '.xlsx' ? 'xlsx' : 'csv');
  const headerOf = new Map<ReviewKey, string>();
  for (const key of KEYS) {
    const header = sheet.headers.find(
      (h) =>
        searchKey(h) === searchKey(REVIEW_COLUMNS[key].vi) ||
        searchKey(h) === searchKey(REVIEW_COLUMNS[key].en),
    );
    if (header) headerOf.set(key, header);
  }
  const required: ReviewKey[] = ['platform', 'listingId', 'variantId', 'productSku', 'offerSku', 'decision'];
  const missing = required.filter((k) => !headerOf.has(k));
  if (missing.length > 0) {
    throw new ValidationError(
      { vi: 'Bảng duyệt thiếu cột', en: 'Review sheet lacks columns' },
      missing.map((k) => issue(1, REVIEW_COLUMNS[k].vi, 'thiếu cột này', 'this column is missing')),
    );
  }
  const text = (cells: Record<string, CellValue>, key: ReviewKey): string => {
    const header = headerOf.get(key);
    const value = header ? cells[header] : undefined;
    return value === undefined || value === null ? '' : String(value).trim();
  };
  const issues: ValidationIssue[] = [];
  const rows: ReviewSheetRow[] = [];
  const byListing = new Map<string, { decision: LinkDecision; decided: Decided; row: number }>();
  for (const { rowNumber, cells } of sheet.rows) {
    // "VOSO", " Voso ": platform names are lower case.
    const platform = text(cells, 'platform').toLowerCase();
    const account = text(cells, 'account');
    const remoteId = text(cells, 'listingId');
    const column = (k: ReviewKey) => headerOf.get(k) ?? REVIEW_COLUMNS[k].vi;
    if (!platform || !remoteId) {
      issues.push(issue(rowNumber, column(platform ? 'listingId' : 'platform'), 'trống', 'empty'));
      continue;
    }
    // The raw cell decides emptiness: "?" or "…" folds to nothing, and must not pass as "undecided".
    const raw = text(cells, 'decision');
    const decided = raw === '' ? 'blank' : WORDS.get(searchKey(raw));
    if (!decided) {
      issues.push(
        issue(
          rowNumber,
          column('decision'),
          `"${raw}" không hiểu được. Ghi một trong: ${DECISION_WORDS.link.join(' / ')} (liên kết) | ${DECISION_WORDS.new.join(' / ')} (không phải sản phẩm này, tạo mới) | ${DECISION_WORDS.later.join(' / ')} hoặc để trống (quyết định sau) | ${DECISION_WORDS.override.join(' / ')} (liên kết dù khác quy cách)`,
          `cannot read "${raw}". Write one of: ${DECISION_WORDS.link.join(' / ')} (link) | ${DECISION_WORDS.new.join(' / ')} (new: not this product) | ${DECISION_WORDS.later.join(' / ')} or empty (decide later) | ${DECISION_WORDS.override.join(' / ')} (link although the pack size differs)`,
          raw,
        ),
      );
      continue;
    }
    const key = `${platform}\u0000${account}\u0000${remoteId}`;
    const productSku = text(cells, 'productSku');
    const offerSku = text(cells, 'offerSku');
    const variantId = text(cells, 'variantId');
    rows.push({
      row: rowNumber,
      platform,
      ...(account ? { account } : {}),
      remoteId,
      variantId,
      label: text(cells, 'variantLabel'),
      offerSku,
    });
    let entry = byListing.get(key);
    if (!entry) {
      entry = {
        decision: {
          platform,
          ...(account ? { account } : {}),
          remoteId,
          accept: decided === 'accept' || decided === 'override',
          ...(decided === 'override' ? { overridePackSize: true } : {}),
          ...(productSku ? { productSku } : {}),
          variants: {},
        },
        decided,
        row: rowNumber,
      };
      byListing.set(key, entry);
    } else if (entry.decided !== decided) {
      issues.push(
        issue(
          rowNumber,
          column('decision'),
          `khác quyết định ở dòng ${entry.row} của cùng tin đăng`,
          `differs from row ${entry.row} of the same listing`,
        ),
      );
      continue;
    } else if (skuKey(entry.decision.productSku ?? '') !== skuKey(productSku)) {
      issues.push(
        issue(
          rowNumber,
          column('productSku'),
          `khác dòng ${entry.row} của cùng tin đăng`,
          `differs from row ${entry.row} of the same listing`,
          productSku,
        ),
      );
      continue;
    }
    if (decided === 'accept' || decided === 'override') {
      if (!productSku)
        issues.push(
          issue(
            rowNumber,
            column('productSku'),
            'cần mã sản phẩm để liên kết',
            'a product SKU is needed to link',
          ),
        );
      if (offerSku && variantId) entry.decision.variants![variantId] = offerSku;
    }
  }
  if (issues.length > 0)
    throw new ValidationError(
      {
        vi: `Bảng duyệt ${path} có ${issues.length} lỗi`,
        en: `Review sheet ${path} has ${issues.length} problem(s)`,
      },
      issues,
    );
  const decisions: LinkDecision[] = [];
  const undecided: ReviewSheetDecisions['undecided'] = [];
  for (const entry of byListing.values()) {
    if (entry.decided === 'blank')
      undecided.push({
        platform: entry.decision.platform,
        remoteId: entry.decision.remoteId,
        row: entry.row,
      });
    else decisions.push(entry.decision);
  }
  return { decisions, undecided, rows };
}
