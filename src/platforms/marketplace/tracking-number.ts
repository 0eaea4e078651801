import { ValidationError } from '../../core/errors.js';
import { echoed } from '../../model/echo.js';
import type { MarketplaceProfile, TrackingNumberRule } from './profile-schema.js';

/**
 * markShipped's tracking number, checked before the round trip with the reason it is refused: too long
 * (5000 characters, at most 50), a space, a character a waybill does not have, or shorter than the
 * platform takes. The rule is the adapter's resolved profile's `rules.trackingNumber` (the shipped Voso
 * and Postmart profiles: 6–30 letters, digits or "-"; a user's profile override changes it); without
 * one, the general 1–50 letters without accents, digits or - _ . /.
 */
interface TrackingRule {
  readonly min: number;
  readonly max: number;
  readonly char: (c: string) => boolean;
  readonly chars: { readonly vi: string; readonly en: string };
}

/** The rule of letters, digits and `symbols`, `min`–`max` long. */
function ruleOf({ minLength, maxLength, symbols }: TrackingNumberRule): TrackingRule {
  const marks = [...new Set(symbols)];
  const listed = marks.join(' ');
  return {
    min: minLength,
    max: maxLength,
    char: (c) => /^[A-Za-z0-9]$/.test(c) || marks.includes(c),
    chars:
      marks.length > 0
        ? {
            vi: `chữ cái không dấu, chữ số hoặc ${listed}`,
            en: `letters without accents, digits or ${listed}`,
          }
        : { vi: 'chữ cái không dấu hoặc chữ số', en: 'letters without accents or digits' },
  };
}

const GENERAL: TrackingRule = ruleOf({ minLength: 1, maxLength: 50, symbols: '-_./' });

/** The profile's tracking-number rule of a profile-built adapter; undefined = the general rule. */
export function trackingRuleOf(adapter: object): TrackingNumberRule | undefined {
  const profile = (adapter as { readonly profile?: Partial<MarketplaceProfile> }).profile;
  return profile?.rules?.trackingNumber;
}

/** What the number must be on this platform, in each language. */
function ruleText(platform: string, rule: TrackingRule): { vi: string; en: string } {
  const own = rule !== GENERAL;
  return {
    vi: `${own ? `mã vận đơn trên ${platform}` : 'một mã vận đơn'}: ${rule.min}–${rule.max} ký tự gồm ${rule.chars.vi}, không có khoảng trắng`,
    en: `${own ? `a tracking number on ${platform}` : 'a tracking number'}: ${rule.min}–${rule.max} characters of ${rule.chars.en}, no spaces`,
  };
}

/** Why `value` (a string) is not a tracking number on `platform`, or undefined when it is one. */
function trackingProblem(
  value: string,
  platform: string,
  rule: TrackingRule,
): { vi: string; en: string } | undefined {
  const length = [...value].length;
  if (length === 0) return { vi: 'đang để trống', en: 'it is empty' };
  const space = [...value].findIndex((c) => /\s/u.test(c));
  if (space >= 0 && value.trim() === '') return { vi: 'chỉ có khoảng trắng', en: 'it is only spaces' };
  if (space >= 0)
    return {
      vi: `có khoảng trắng (ở ký tự thứ ${space + 1})`,
      en: `it contains a space (at character ${space + 1})`,
    };
  if (length > rule.max)
    return {
      vi: `quá dài (${length} ký tự, tối đa ${rule.max})`,
      en: `too long (${length} characters, at most ${rule.max})`,
    };
  const odd = [...value].find((c) => !rule.char(c));
  if (odd !== undefined) {
    const code = `U+${(odd.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    const shown = /\p{C}/u.test(odd) ? code : `"${odd}" (${code})`;
    return {
      vi: `có ký tự ${shown} không dùng trong mã vận đơn`,
      en: `it contains ${shown}, not used in tracking numbers`,
    };
  }
  if (length < rule.min)
    return {
      vi: `quá ngắn (${length} ký tự; ${platform} cần ít nhất ${rule.min})`,
      en: `too short (${length} characters; ${platform} takes at least ${rule.min})`,
    };
  return undefined;
}

/** Throws a ValidationError naming shipped.trackingNumber and the reason; a non-string is left to the field check. */
export function checkTrackingNumber(value: unknown, platform: string, own?: TrackingNumberRule): void {
  if (typeof value !== 'string') return;
  const rule = own ? ruleOf(own) : GENERAL;
  const problem = trackingProblem(value, platform, rule);
  if (!problem) return;
  const must = ruleText(platform, rule);
  const vi = `shipped.trackingNumber: phải là ${must.vi} — ${problem.vi}`;
  const en = `shipped.trackingNumber: must be ${must.en} — ${problem.en}`;
  throw new ValidationError({ vi: `shipped không hợp lệ: ${vi}`, en: `shipped is invalid: ${en}` }, [
    {
      path: 'shipped.trackingNumber',
      value: echoed(value),
      code: 'invalid_argument',
      messageVi: vi,
      messageEn: en,
    },
  ]);
}
