import { extname } from 'node:path';
import type { CellValue } from '../../catalog/cells.js';
import { readSheet } from '../../catalog/read-rows.js';
import { A_TEXT, checkArgument } from '../../core/argument-guards.js';
import { ValidationError } from '../../core/errors.js';
import type { ValidationIssue } from '../../model/validation.js';
import { searchKey } from '../../vn/text.js';
import { skuKey } from './catalog-index.js';
import {
  DECISION_OF,
  DECISION_WORDS,
  type Decided,
  REVIEW_COLUMNS,
  REVIEW_KEYS,
  type ReviewKey,
} from './review-columns.js';
import type { LinkDecision } from './types.js';

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
  for (const key of REVIEW_KEYS) {
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
    const decided = raw === '' ? 'blank' : DECISION_OF.get(searchKey(raw));
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
