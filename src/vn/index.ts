export * from './admin/index.js';
export {
  VndParseError,
  VnInputError,
  type VnInputErrorCode,
  type VnInputErrorDetails,
  VnPhoneError,
} from './errors.js';
export { type FormatVndOptions, formatVnd, NBSP, parseVnd, tryParseVnd } from './money.js';
export {
  formatVnPhone,
  isValidVnPhone,
  type NormalizeVnPhoneOptions,
  normalizeVnPhone,
  type ParseVnPhoneOptions,
  parseVnPhone,
  type VnPhone,
} from './phone.js';
export {
  VN_LANDLINE_AREA_CODES,
  VN_LEGACY_MOBILE_PREFIXES,
  VN_MOBILE_PREFIXES,
  type VnMobileCarrier,
} from './phone-prefixes.js';
export {
  equalsFolded,
  foldAccents,
  normalizeToneMarks,
  type SlugifyOptions,
  searchKey,
  slugify,
  type ToneMarkStyle,
  toNfc,
} from './text.js';
export { type ClipUtf8Options, clipUtf8Bytes, utf8ByteLength } from './utf8.js';
