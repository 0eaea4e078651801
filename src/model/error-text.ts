/**
 * The Vietnamese and English text of an error (`messageVi` / `messageEn` on every OcopConnectError).
 *
 * An error made with both texts keeps them. An error made with one string gets its pair derived the
 * way the library composes bilingual messages: a string written "A / B" (one half Vietnamese, the other
 * English) is split into its halves; a string in one language keeps it for that language, and the other
 * language says what the kind means (what to do next) with the original in brackets. A network or
 * timeout failure is described in Vietnamese by its parts (the operation, the host, the system's code).
 * The kinds' texts live with the kinds (`model/error-root.ts`). Internal to the library: the root reads
 * it, the entries export only the fields.
 */
import type { BilingualText } from './messages.js';

const OPERATION_VI: Readonly<Record<string, string>> = {
  login: 'đăng nhập',
  refreshToken: 'gia hạn phiên đăng nhập',
  getCategoryAttributes: 'đọc thuộc tính danh mục',
  listCategories: 'đọc danh mục',
  uploadImage: 'tải ảnh lên',
  createListing: 'tạo tin đăng',
  updateListing: 'cập nhật tin đăng',
};

const VIETNAMESE_LETTER = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;

/** The share of words with a Vietnamese letter (0 for English, about half or more for Vietnamese). */
function vietnameseShare(text: string): number {
  const words = text.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (words.length === 0) return 0;
  return words.filter((word) => VIETNAMESE_LETTER.test(word.normalize('NFC'))).length / words.length;
}

function looksVietnamese(text: string): boolean {
  return vietnameseShare(text) >= 0.25;
}

/**
 * "Vietnamese / English" or "English / Vietnamese" → the two halves, split at the " / " where the
 * languages change; undefined for a text in one language.
 */
export function splitBilingual(text: string): BilingualText | undefined {
  let best: { at: number; gap: number; viFirst: boolean } | undefined;
  for (let at = text.indexOf(' / '); at !== -1; at = text.indexOf(' / ', at + 1)) {
    const gap = vietnameseShare(text.slice(0, at)) - vietnameseShare(text.slice(at + 3));
    if (!best || Math.abs(gap) > best.gap) best = { at, gap: Math.abs(gap), viFirst: gap > 0 };
  }
  if (!best || best.gap < 0.2) return undefined;
  const left = text.slice(0, best.at).trim();
  const right = text.slice(best.at + 3).trim();
  return best.viFirst ? { vi: left, en: right } : { vi: right, en: left };
}

/** The fields of an error the derived text reads. */
export interface ErrorTextSource {
  readonly kind: string;
  readonly message: string;
  readonly operation?: string;
  readonly platformMessage?: string;
  readonly request?: { readonly url?: string };
  readonly code?: unknown;
}

/** "thao tác đăng nhập, máy chủ partner.voso.vn, mã lỗi ENOTFOUND" from a network or timeout error. */
function networkDetailVi(error: ErrorTextSource): string {
  let host: string | undefined;
  try {
    host = error.request?.url ? new URL(error.request.url).host : undefined;
  } catch {
    host = undefined;
  }
  host ??= /(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)\s+([\w.:[\]-]+)/.exec(
    error.message,
  )?.[1];
  const systemCode =
    typeof error.code === 'string' ? error.code : /\(([A-Z][A-Z_]{3,})\)/.exec(error.message)?.[1];
  const parts = [
    error.operation ? `thao tác ${OPERATION_VI[error.operation] ?? error.operation}` : undefined,
    host ? `máy chủ ${host}` : undefined,
    systemCode ? `mã lỗi ${systemCode}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(', ') : 'không có thêm chi tiết';
}

/** The pair of an error made with one string (see the module comment). */
export function deriveErrorText(error: ErrorTextSource, kind: BilingualText): BilingualText {
  const split = splitBilingual(error.message);
  if (split) return split;
  if (looksVietnamese(error.message)) return { vi: error.message, en: `${kind.en} (${error.message})` };
  const detailVi =
    (error.kind === 'network' || error.kind === 'timeout') && !error.platformMessage
      ? networkDetailVi(error)
      : (error.platformMessage ?? error.message);
  return { vi: `${kind.vi} (${detailVi})`, en: error.message };
}

/** One readable string holding both texts: "English / Vietnamese". */
export function joinBilingual(text: BilingualText): string {
  return text.en === text.vi ? text.en : `${text.en} / ${text.vi}`;
}

/**
 * `head` followed by the details it does not already say (a ValidationError's issues, a
 * ConfigurationError's problems), each language with its own: "head: detail; detail".
 */
export function withDetails(head: BilingualText, details: readonly BilingualText[]): BilingualText {
  const more = (lang: 'vi' | 'en') =>
    [...new Set(details.map((detail) => detail[lang]))].filter((text) => text && !head[lang].includes(text));
  const vi = more('vi');
  const en = more('en');
  return {
    vi: vi.length > 0 ? `${head.vi}: ${vi.join('; ')}` : head.vi,
    en: en.length > 0 ? `${head.en}: ${en.join('; ')}` : head.en,
  };
}

/** A detail (a configuration problem) as a pair: split when written "A / B", else the same text twice. */
export function detailText(text: string): BilingualText {
  return splitBilingual(text) ?? { vi: text, en: text };
}
