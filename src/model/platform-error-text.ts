/**
 * The text of an error built from a platform's answer (#18): the one helper every adapter's error
 * mapper uses (the marketplace engine, ViettelPost, VNPost, the generic HTTP mapper, per-SKU results).
 *
 * A platform writes its own text in one language — Voso, Postmart and VNPost mostly in Vietnamese,
 * Shopee and ViettelPost mostly in English. That raw text is kept verbatim in the error's
 * `platformMessage`; in the messages it appears only in its own language: `messageVi` quotes a
 * Vietnamese platform text and `messageEn` an English one, and the other language says where the raw
 * text is. Each message names the platform, the HTTP status and the platform's code, and what to do.
 * Internal to the library.
 */
import type { ErrorKind } from './error-root.js';
import type { BilingualText } from './messages.js';

/** What an adapter knows of a failed answer. */
export interface PlatformAnswer {
  /** The platform as its users name it ("Voso", "Shopee", "ViettelPost", "MyVNPost"). */
  readonly name: string;
  /** The error kind the answer was classified as (it decides "what to do"). */
  readonly kind: ErrorKind;
  /** What failed, in each language: `{ vi: 'voso: đăng nhập không thành công', en: 'voso login failed' }`. */
  readonly head: BilingualText;
  readonly httpStatus?: number;
  /** The platform's own code (body `status`, `error`, `Type` …), as a string. */
  readonly platformCode?: string;
  /** The platform's own message, verbatim. */
  readonly platformMessage?: string;
  /**
   * Further words of the answer (a body's per-field problems: each one text, or its values such as
   * field, rule, message), each value split by language like the message.
   */
  readonly details?: readonly (string | readonly string[])[];
}

const VIETNAMESE_LETTER = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;

/** True for a text written in Vietnamese: a quarter or more of its words carry a Vietnamese letter. */
export function isVietnameseText(text: string): boolean {
  const words = text.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (words.length === 0) return false;
  const marked = words.filter((word) => VIETNAMESE_LETTER.test(word.normalize('NFC'))).length;
  return marked / words.length >= 0.25;
}

/** A code, a field name or a number (`PRODUCT_NAME`, `MAX_LENGTH`, `120`): the same in both languages. */
function isIdentifier(text: string): boolean {
  return /^[\p{L}\p{N}_.:[\]/-]+$/u.test(text) && !VIETNAMESE_LETTER.test(text);
}

/** A platform's words, as each language may quote them (undefined: not in that language). */
function byLanguage(text: string): { vi?: string; en?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (isIdentifier(trimmed)) return { vi: trimmed, en: trimmed };
  return isVietnameseText(trimmed) ? { vi: trimmed } : { en: trimmed };
}

/**
 * What the platform said, in each language: its text where it is in that language, else where to find
 * it (`platformMessage`). For an error's text that quotes a platform (ViettelPost said: "…").
 */
export function platformSaid(name: string, platformMessage: string | undefined): BilingualText {
  const own = platformMessage === undefined ? {} : byLanguage(platformMessage);
  if (own.vi === undefined && own.en === undefined) {
    return { vi: `${name} không gửi thông báo`, en: `${name} sent no message` };
  }
  return {
    vi: own.vi ?? `${name} trả lời bằng tiếng Anh, xem platformMessage`,
    en: own.en ?? `${name} answered in Vietnamese, see platformMessage`,
  };
}

/** What the reader does next, by kind, in each language. */
function nextStep(kind: ErrorKind, name: string): BilingualText {
  switch (kind) {
    case 'authentication':
      return {
        vi: 'kiểm tra tên đăng nhập, mật khẩu hoặc token rồi thử lại',
        en: 'check the username, password or token, then retry',
      };
    case 'permission':
      return {
        vi: `tài khoản không có quyền làm việc này; kiểm tra quyền của tài khoản trên ${name}`,
        en: `the account is not allowed to do this; check its rights on ${name}`,
      };
    case 'not_found':
      return {
        vi: `${name} không có đối tượng này; kiểm tra mã đã gửi`,
        en: `${name} has no such object; check the id that was sent`,
      };
    case 'conflict':
      return {
        vi: 'đã tồn tại hoặc trạng thái hiện tại không cho phép; đọc lại trạng thái trước khi thử lại',
        en: 'it already exists or its current state does not allow this; read the state again before retrying',
      };
    case 'rate_limited':
      return {
        vi: `${name} đang giới hạn số yêu cầu; chờ rồi thử lại`,
        en: `${name} is throttling requests; wait, then retry`,
      };
    case 'server':
      return {
        vi: `máy chủ ${name} báo lỗi; thử lại sau`,
        en: `${name} failed on its side; try again later`,
      };
    case 'timeout':
      return {
        vi: `${name} không trả lời kịp; thử lại sau`,
        en: `${name} did not answer in time; try again later`,
      };
    case 'validation':
    case 'invalid_request':
      return {
        vi: `${name} từ chối dữ liệu đã gửi; sửa theo thông báo rồi gửi lại`,
        en: `${name} refused the data that was sent; fix it as the message says, then send it again`,
      };
    case 'contract_violation':
      return {
        vi: `câu trả lời của ${name} không đúng định dạng đã biết; hãy báo lỗi kèm requestId`,
        en: `${name} answered in an unexpected format; report it with the requestId`,
      };
    default:
      return { vi: 'xem chi tiết trong lỗi', en: 'see the error details' };
  }
}

/** "HTTP 404, mã E42" / "HTTP 404, code E42"; the HTTP status of a 200 carrying a body error is left out. */
function statusPart(answer: PlatformAnswer): BilingualText | undefined {
  const { httpStatus, platformCode } = answer;
  const http =
    httpStatus !== undefined && (httpStatus >= 300 || platformCode === undefined)
      ? `HTTP ${httpStatus}`
      : undefined;
  const code = platformCode !== undefined && platformCode !== '' ? platformCode : undefined;
  if (http === undefined && code === undefined) return undefined;
  const join = (word: string) => [http, code && `${word} ${code}`].filter(Boolean).join(', ');
  return { vi: join('mã'), en: join('code') };
}

/**
 * The error text of a failed platform answer (see the module comment):
 * "<head>: <what the platform said, in this language> [<details>] (HTTP …, code …) — <what to do>".
 */
export function platformErrorText(answer: PlatformAnswer): BilingualText {
  const said = platformSaid(answer.name, answer.platformMessage);
  const details = (answer.details ?? []).map((detail) =>
    (typeof detail === 'string' ? [detail] : detail).map(byLanguage),
  );
  const listed = (lang: 'vi' | 'en') => {
    const parts = details
      .map((values) =>
        values
          .map((value) => value[lang])
          .filter(Boolean)
          .join(' '),
      )
      .filter((part) => part !== '');
    return parts.length > 0 ? ` [${parts.join('; ')}]` : '';
  };
  const status = statusPart(answer);
  const step = nextStep(answer.kind, answer.name);
  const text = (lang: 'vi' | 'en') =>
    `${answer.head[lang]}: ${said[lang]}${listed(lang)}${status ? ` (${status[lang]})` : ''} — ${step[lang]}`;
  return { vi: text('vi'), en: text('en') };
}
