import {
  A_VN_BOOLEAN_OR_NOTHING,
  checkVnOptionTable,
  checkVnText,
  oneOf,
  type VnExpected,
} from './arguments.js';
import { type VnInputErrorCode, VnPhoneError } from './errors.js';
import {
  VN_LANDLINE_AREA_CODES,
  VN_LEGACY_MOBILE_PREFIXES,
  VN_MOBILE_PREFIXES,
  type VnMobileCarrier,
} from './phone-prefixes.js';
import { toNfc } from './text.js';

export interface VnPhone {
  /** National form, digits only: "0912345678", "02838221234". */
  national: string;
  /** E.164: "+84912345678". */
  e164: string;
  kind: 'mobile' | 'landline';
  /** Mobile prefix ("091") or landline area code ("028", "0233"). */
  prefix: string;
  /** Network the mobile prefix was allocated to (not necessarily the current one: portability). */
  carrier?: VnMobileCarrier;
  /** Legacy province a landline area code serves. */
  area?: string;
  /** The input was a pre-2018 11-digit mobile number ("0166…") and was converted ("036…"). */
  convertedFromLegacy?: boolean;
}

export interface ParseVnPhoneOptions {
  /**
   * Convert pre-2018 11-digit mobile numbers (0162… → 032…). Those numbers no longer ring, and the
   * conversion is a fixed table, so converting is safe.
   * @default true
   */
  convertLegacyMobile?: boolean;
  /** Accept landlines (02x…). Set to false where only a mobile makes sense (SMS, COD calls). @default true */
  allowLandline?: boolean;
}

function fail(code: VnInputErrorCode, input: unknown, messageVi: string, messageEn: string): never {
  throw new VnPhoneError({ code, input, messageVi, messageEn });
}

/** "+84 (0) 912…" is a common mistake: the trunk 0 must not be doubled. */
function withTrunkZero(subscriber: string): string {
  return subscriber.startsWith('0') ? subscriber : `0${subscriber}`;
}

/** Digits in national form ("0…"), from any accepted writing of the number. */
function toNationalDigits(input: string): string {
  const text = toNfc(input).trim();
  if (text === '') fail('empty', input, 'Chưa nhập số điện thoại.', 'The phone number is empty.');
  if (!/^\+?[\d\s\u00a0.\-()/]+$/.test(text)) {
    fail(
      'invalid_characters',
      input,
      `Số điện thoại "${input}" chứa ký tự không hợp lệ.`,
      `The phone number "${input}" contains characters that are not allowed.`,
    );
  }
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) {
    if (!digits.startsWith('84')) {
      fail(
        'not_vietnamese',
        input,
        `"${input}" không phải số điện thoại Việt Nam (mã nước +84).`,
        `"${input}" is not a Vietnamese number (country code +84).`,
      );
    }
    return withTrunkZero(digits.slice(2));
  }
  if (digits.startsWith('0084')) return withTrunkZero(digits.slice(4));
  if (digits.startsWith('00')) {
    fail(
      'not_vietnamese',
      input,
      `"${input}" là số quốc tế, không phải số Việt Nam.`,
      `"${input}" is an international number, not a Vietnamese one.`,
    );
  }
  if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12))
    return withTrunkZero(digits.slice(2));
  if (digits.startsWith('0')) return digits;
  // Spreadsheets store phone numbers as numbers and drop the leading zero.
  if (digits.length === 9 && /^[35789]/.test(digits)) return `0${digits}`;
  if (digits.length === 10 && /^[12]/.test(digits)) return `0${digits}`;
  return digits;
}

/**
 * Reads a Vietnamese phone number in any common writing ("+84 912 345 678", "0912.345.678",
 * "84912345678", "(028) 3822 1234", "912345678" from a spreadsheet) and checks it against the
 * numbering plan. Idempotent: parsing `national` or `e164` gives the same result.
 *
 * @throws {VnPhoneError} `empty` | `invalid_characters` | `not_vietnamese` | `wrong_length` |
 *   `unknown_prefix`.
 */
export function parseVnPhone(input: string, options: ParseVnPhoneOptions = {}): VnPhone {
  // A wrong-typed number is a VnPhoneError (isValidVnPhone answers false); wrong options are refused.
  checkVnText(input, 'input', VnPhoneError);
  checkVnOptionTable(options, PARSE_OPTIONS);
  return parsePhone(input, options);
}

const PARSE_OPTIONS: Readonly<Record<keyof ParseVnPhoneOptions, VnExpected>> = {
  convertLegacyMobile: A_VN_BOOLEAN_OR_NOTHING,
  allowLandline: A_VN_BOOLEAN_OR_NOTHING,
};

function parsePhone(input: string, options: ParseVnPhoneOptions): VnPhone {
  let national = toNationalDigits(input);
  let convertedFromLegacy = false;

  if (national.length === 11 && national.startsWith('01')) {
    const replacement = VN_LEGACY_MOBILE_PREFIXES[national.slice(0, 4)];
    if (replacement === undefined || options.convertLegacyMobile === false) {
      fail(
        'unknown_prefix',
        input,
        `Đầu số "${national.slice(0, 4)}" đã ngừng sử dụng từ năm 2018.`,
        `The prefix "${national.slice(0, 4)}" was retired in 2018.`,
      );
    }
    national = replacement + national.slice(4);
    convertedFromLegacy = true;
  }

  if (national.startsWith('02')) {
    if (options.allowLandline === false) {
      fail(
        'unknown_prefix',
        input,
        `"${input}" là số máy bàn; cần số di động.`,
        `"${input}" is a landline; a mobile number is required.`,
      );
    }
    if (national.length !== 11) {
      fail(
        'wrong_length',
        input,
        `Số máy bàn "${input}" phải có 11 chữ số (kể cả số 0 đầu).`,
        `The landline "${input}" must have 11 digits including the leading 0.`,
      );
    }
    const prefix = ['024', '028'].includes(national.slice(0, 3))
      ? national.slice(0, 3)
      : national.slice(0, 4);
    const area = VN_LANDLINE_AREA_CODES[prefix];
    if (area === undefined) {
      fail(
        'unknown_prefix',
        input,
        `Mã vùng "${prefix}" không tồn tại.`,
        `The area code "${prefix}" does not exist.`,
      );
    }
    return { national, e164: `+84${national.slice(1)}`, kind: 'landline', prefix, area };
  }

  if (national.length !== 10) {
    fail(
      'wrong_length',
      input,
      `Số di động "${input}" phải có 10 chữ số (kể cả số 0 đầu).`,
      `The mobile number "${input}" must have 10 digits including the leading 0.`,
    );
  }
  const prefix = national.slice(0, 3);
  const carrier = VN_MOBILE_PREFIXES[prefix];
  if (carrier === undefined) {
    fail(
      'unknown_prefix',
      input,
      `Đầu số "${prefix}" không phải đầu số di động Việt Nam.`,
      `"${prefix}" is not an allocated Vietnamese mobile prefix.`,
    );
  }
  const phone: VnPhone = { national, e164: `+84${national.slice(1)}`, kind: 'mobile', prefix, carrier };
  if (convertedFromLegacy) phone.convertedFromLegacy = true;
  return phone;
}

export interface NormalizeVnPhoneOptions extends ParseVnPhoneOptions {
  /** @default 'national' ("0912345678"); 'e164' gives "+84912345678". */
  format?: 'national' | 'e164';
}

/**
 * One canonical writing of a Vietnamese phone number: national digits ("0912345678") by default,
 * or E.164. Idempotent. @throws {VnPhoneError}
 */
const NORMALIZE_OPTIONS: Readonly<Record<keyof NormalizeVnPhoneOptions, VnExpected>> = {
  ...PARSE_OPTIONS,
  format: oneOf(['national', 'e164']),
};

export function normalizeVnPhone(input: string, options: NormalizeVnPhoneOptions = {}): string {
  checkVnText(input, 'input', VnPhoneError);
  checkVnOptionTable(options, NORMALIZE_OPTIONS);
  const phone = parsePhone(input, options);
  return options.format === 'e164' ? phone.e164 : phone.national;
}

/** True when {@link parseVnPhone} accepts the input. */
export function isValidVnPhone(input: string, options: ParseVnPhoneOptions = {}): boolean {
  try {
    parseVnPhone(input, options);
    return true;
  } catch (error) {
    if (error instanceof VnPhoneError) return false;
    throw error;
  }
}

/**
 * Human-readable grouping: mobiles "0912 345 678", landlines "028 3822 1234" / "0233 385 1234".
 * @throws {VnPhoneError}
 */
export function formatVnPhone(input: string): string {
  const { national, kind, prefix } = parseVnPhone(input);
  if (kind === 'mobile') return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  const rest = national.slice(prefix.length);
  return rest.length === 8
    ? `${prefix} ${rest.slice(0, 4)} ${rest.slice(4)}`
    : `${prefix} ${rest.slice(0, 3)} ${rest.slice(3)}`;
}
