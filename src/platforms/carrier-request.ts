/**
 * The rules both carriers (ViettelPost, VNPost) apply alike to a quote or shipment request before
 * anything is sent: no field the request shape does not have (a misspelt `codAmount` would be dropped
 * and the parcel created with COD 0), no absurd amounts, one rule for our reference, and the request's
 * fingerprint — kept with the reference in the store, so a reference reused for different content is
 * refused instead of answered with the first parcel.
 */
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../core/canonical-json.js';
import { ConflictError, type OcopConnectErrorOptions } from '../core/errors.js';
import { AddressSchema } from '../model/address.js';
import { describeValue, isPlainObject } from '../model/argument-check.js';
import { echoed as echoedText } from '../model/echo.js';
import { argText } from '../model/error-arguments.js';
import { didYouMean } from '../model/nearest-name.js';
import { ContactSchema, ParcelSchema } from '../model/shipment.js';
import { unknownFields } from '../model/unknown-fields.js';
import type { ValidationIssue } from '../model/validation.js';

/** An echoed value in a message: the first 60 characters, then "…" (a 5,000-character reference is not repeated). */
export function echoed(value: unknown): string {
  return echoedText(typeof value === 'string' ? value : String(value));
}

const QuoteRequestShape = z.object({
  from: AddressSchema,
  to: AddressSchema,
  parcel: ParcelSchema,
  codAmountVnd: z.unknown(),
});

const ShipmentRequestShape = z.object({
  sender: ContactSchema,
  receiver: ContactSchema,
  parcel: ParcelSchema,
  serviceCode: z.unknown(),
  extraServiceCodes: z.unknown(),
  codAmountVnd: z.unknown(),
  freightPaidBy: z.unknown(),
  note: z.unknown(),
});

/**
 * Every field of a quote or shipment request (its sender, receiver, addresses, parcel and items too)
 * that the request shape has no place for, named by its path with the nearest known name (`codAmount`
 * → "codAmountVnd", `reciever` → "receiver"): such a field would be dropped without a word.
 */
export function unknownRequestFieldIssues(
  request: unknown,
  kind: 'quote' | 'shipment',
  platform: string,
): ValidationIssue[] {
  const shape = kind === 'quote' ? QuoteRequestShape : ShipmentRequestShape;
  return unknownFields(request, shape).map((field) => {
    const hint = didYouMean(field.nearest);
    return {
      path: field.path,
      value: field.value,
      code: 'generic.unknown_field',
      messageVi: `không có trường này trong yêu cầu (sẽ bị bỏ qua, không gửi đi).${hint.vi}`,
      messageEn: `no such field in the request (it would be dropped, not sent).${hint.en}`,
      platform,
    };
  });
}

/**
 * The largest values a request may carry, the same for both carriers. Neither publishes a ceiling
 * (contracts: "not documented"): these are the documented choices (docs/viettelpost.md, docs/vnpost.md),
 * far above any OCOP parcel and far below the absurd — ViettelPost refuses COD above 100,000,000 ₫.
 */
export const CARRIER_REQUEST_LIMITS = {
  codAmountVnd: 100_000_000,
  // Far above any marketplace order's subtotal (fulfil declares it): a catch for the absurd only.
  declaredValueVnd: 1_000_000_000,
  /** The parcel's weight, and its chargeable (volumetric, L×W×H/6000 kg) weight alike. */
  weightGrams: 200_000,
  /**
   * Each side. Generous: fulfil stacks the units' heights, so a large order is a tall parcel (its
   * chargeable weight is what bounds it); this only catches the absurd (a 500-metre side).
   */
  sideCm: 10_000,
  /** Units of one item line. */
  itemQuantity: 10_000,
} as const;

/** Chargeable (volumetric) weight of a box in grams, as the carriers bill it: L×W×H cm³ / 6000 kg. */
export function volumetricWeightGrams(lengthCm: number, widthCm: number, heightCm: number): number {
  return Math.ceil((lengthCm * widthCm * heightCm) / 6);
}

const groupedEn = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
// Vietnamese groups thousands with "." (100.000.000 ₫), as formatVnd and the CLI do.
const groupedVi = (n: number) => groupedEn(n).replaceAll(',', '.');

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * Each amount of the request above its limit (CARRIER_REQUEST_LIMITS), named by its path: COD, declared
 * value, weight, each side, the chargeable weight of the sides, and each item line's quantity, weight
 * (unit weight × quantity, and all lines together) and value (unit price × quantity, and all together).
 */
export function limitIssues(request: unknown, platform: string): ValidationIssue[] {
  if (!isPlainObject(request)) return [];
  const parcel = isPlainObject(request.parcel) ? request.parcel : {};
  const L = CARRIER_REQUEST_LIMITS;
  const issue = (path: string, value: unknown, text: { vi: string; en: string }): ValidationIssue => ({
    path,
    value,
    code: 'carrier.limit_exceeded',
    messageVi: `${text.vi} mà thư viện cho phép gửi tới hãng vận chuyển`,
    messageEn: `${text.en} this library sends to a carrier`,
    platform,
  });
  /** `amount` (the value itself, or what it makes: a line's weight or value) above `max`. */
  const over = (
    path: string,
    value: unknown,
    amount: number | undefined,
    max: number,
    unit: string,
    what?: { vi: string; en: string },
  ): ValidationIssue[] => {
    if (amount === undefined || amount <= max) return [];
    const u = unit === '' ? '' : ` ${unit}`;
    return [
      issue(path, value, {
        vi: `${what ? `${what.vi} ` : ''}${groupedVi(amount)}${u} vượt quá mức tối đa ${groupedVi(max)}${u}`,
        en: `${what ? `${what.en} ` : ''}${groupedEn(amount)}${u} is above the ${groupedEn(max)}${u}`,
      }),
    ];
  };
  const above = (path: string, value: unknown, max: number, unit: string) =>
    over(path, value, num(value), max, unit);
  const issues: ValidationIssue[] = [
    ...above('codAmountVnd', request.codAmountVnd, L.codAmountVnd, '₫'),
    ...above('parcel.declaredValueVnd', parcel.declaredValueVnd, L.declaredValueVnd, '₫'),
    ...above('parcel.weightGrams', parcel.weightGrams, L.weightGrams, 'g'),
  ];
  const sides = (['lengthCm', 'widthCm', 'heightCm'] as const).map((side) => {
    issues.push(...above(`parcel.${side}`, parcel[side], L.sideCm, 'cm'));
    return num(parcel[side]);
  });
  const [l, w, h] = sides;
  if (l !== undefined && w !== undefined && h !== undefined && l > 0 && w > 0 && h > 0) {
    const volumetric = volumetricWeightGrams(l, w, h);
    if (volumetric > L.weightGrams) {
      const box = `${groupedVi(l)} × ${groupedVi(w)} × ${groupedVi(h)} cm`;
      const boxEn = `${groupedEn(l)} × ${groupedEn(w)} × ${groupedEn(h)} cm`;
      issues.push(
        issue(
          'parcel',
          { lengthCm: l, widthCm: w, heightCm: h },
          {
            vi: `Kích thước ${box} có khối lượng quy đổi (D×R×C/6000) ${groupedVi(volumetric)} g, vượt quá mức tối đa ${groupedVi(L.weightGrams)} g`,
            en: `A ${boxEn} box has a chargeable (L×W×H/6000) weight of ${groupedEn(volumetric)} g, above the ${groupedEn(L.weightGrams)} g`,
          },
        ),
      );
    }
  }
  const items = Array.isArray(parcel.items) ? parcel.items : [];
  let totalWeight = 0;
  let totalValue = 0;
  items.forEach((item, i) => {
    if (!isPlainObject(item)) return;
    const at = `parcel.items.${i}`;
    const quantity = num(item.quantity);
    issues.push(
      ...over(`${at}.quantity`, item.quantity, quantity, L.itemQuantity, '', {
        vi: 'Số lượng',
        en: 'A quantity of',
      }),
    );
    const weight = num(item.weightGrams);
    if (quantity !== undefined && weight !== undefined) {
      totalWeight += quantity * weight;
      issues.push(
        ...over(`${at}.weightGrams`, item.weightGrams, quantity * weight, L.weightGrams, 'g', {
          vi: `Khối lượng dòng hàng (${groupedVi(quantity)} × ${groupedVi(weight)} g) =`,
          en: `The line's weight (${groupedEn(quantity)} × ${groupedEn(weight)} g) =`,
        }),
      );
    }
    const price = num(item.priceVnd);
    if (quantity !== undefined && price !== undefined) {
      totalValue += quantity * price;
      issues.push(
        ...over(`${at}.priceVnd`, item.priceVnd, quantity * price, L.declaredValueVnd, '₫', {
          vi: `Giá trị dòng hàng (${groupedVi(quantity)} × ${groupedVi(price)} ₫) =`,
          en: `The line's value (${groupedEn(quantity)} × ${groupedEn(price)} ₫) =`,
        }),
      );
    }
  });
  // All lines together (each within its limit, the parcel's content still cannot weigh or be worth more).
  const lineIssue = (field: string) =>
    issues.some((x) => x.path.startsWith('parcel.items.') && x.path.endsWith(field));
  if (items.length > 1 && !lineIssue('.weightGrams'))
    issues.push(
      ...over('parcel.items', undefined, totalWeight, L.weightGrams, 'g', {
        vi: 'Tổng khối lượng các dòng hàng:',
        en: 'The item lines weigh together:',
      }),
    );
  if (items.length > 1 && !lineIssue('.priceVnd'))
    issues.push(
      ...over('parcel.items', undefined, totalValue, L.declaredValueVnd, '₫', {
        vi: 'Tổng giá trị các dòng hàng:',
        en: 'The item lines are worth together:',
      }),
    );
  return issues;
}

/** One rule for our shipment reference, on both carriers: 1–50 of A–Z a–z 0–9 _ - (VNPost's saleOrderCode). */
export const REFERENCE_PATTERN = /^[A-Za-z0-9_-]{1,50}$/;
export const MAX_REFERENCE_LENGTH = 50;

/**
 * What is wrong with a reference (undefined when it is fine): not text, blank, padded with spaces, or
 * outside REFERENCE_PATTERN. The value is echoed capped (`echoed`).
 */
export function referenceProblem(reference: unknown): { vi: string; en: string } | undefined {
  if (typeof reference !== 'string') {
    const got = describeValue(reference);
    return { vi: `phải là một chuỗi (nhận được ${got})`, en: `must be a string (got ${got})` };
  }
  if (reference.trim() === '')
    return {
      vi: 'Mã tham chiếu vận đơn không được để trống',
      en: 'The shipment reference must not be empty',
    };
  if (reference.trim() !== reference)
    return {
      vi: `Mã tham chiếu vận đơn "${echoed(reference)}" có khoảng trắng ở đầu hoặc cuối`,
      en: `The shipment reference "${echoed(reference)}" has leading or trailing spaces`,
    };
  if (REFERENCE_PATTERN.test(reference)) return undefined;
  return {
    vi: `Mã tham chiếu vận đơn "${echoed(reference)}" phải gồm 1–${MAX_REFERENCE_LENGTH} ký tự A–Z, a–z, 0–9, _ hoặc - (không dấu cách, không dấu tiếng Việt)`,
    en: `The shipment reference "${echoed(reference)}" must be 1–${MAX_REFERENCE_LENGTH} characters of A–Z, a–z, 0–9, _ or - (no spaces, no accents)`,
  };
}

/**
 * The fingerprint of a create's content (the checked, normalised request and the options that change
 * the parcel): one short sha256 of the canonical JSON per field, and per field of the sender, receiver
 * and parcel (`receiver.name=…`), sorted — equal content gives the same text, and two texts say which
 * fields differ (`fingerprintDifferences`).
 */
export function requestFingerprint(request: object, extra: Readonly<Record<string, unknown>> = {}): string {
  const parts: string[] = [];
  const hash = (value: unknown) => sha256Hex(canonicalJson(value)).slice(0, 16);
  const add = (path: string, value: unknown) => {
    if (value === undefined) return;
    if (isPlainObject(value) && !path.includes('.')) {
      for (const [key, inner] of Object.entries(value)) add(`${path}.${key}`, inner);
      return;
    }
    parts.push(`${path}=${hash(value)}`);
  };
  for (const [key, value] of Object.entries({ ...request, ...extra })) add(key, value);
  return parts.sort().join(';');
}

/** The fields two fingerprints disagree on (one given, one left out, or different), sorted. */
export function fingerprintDifferences(a: string, b: string): string[] {
  const read = (text: string) => new Map(text.split(';').map((part) => part.split('=') as [string, string]));
  const left = read(a);
  const right = read(b);
  const names = new Set([...left.keys(), ...right.keys()]);
  return [...names].filter((name) => name !== '' && left.get(name) !== right.get(name)).sort();
}

/**
 * A create for a reference the store already holds with different content (another COD, receiver,
 * parcel …): the carrier's parcel is the first request's, so answering with it would report a shipment
 * that does not exist. Nothing was sent. Repeat the original request, or use a new reference.
 */
export class ReferenceReusedError extends ConflictError {
  readonly reference: string;
  /** The request fields that differ from the first create's (`codAmountVnd`, `receiver.name` …). */
  readonly differingFields: readonly string[];
  constructor(
    reference: string,
    carrier: { platform: string; label: string },
    differingFields: readonly string[] = [],
    options: OcopConnectErrorOptions = {},
  ) {
    const fields = Array.isArray(differingFields) ? differingFields.map(String) : [];
    // Made by hand with fewer arguments: the sentence leaves out what is missing (#18).
    const label = argText(carrier?.label);
    const ref = argText(reference);
    const shown = ref === undefined ? '' : ` "${echoed(ref)}"`;
    const listed = fields.length > 0 ? fields.join(', ') : '—';
    super(
      {
        vi: `Mã tham chiếu${shown} đã được dùng để tạo vận đơn${label ? ` ${label}` : ''} với nội dung khác (khác ở: ${listed}); lệnh này không gửi gì. Gửi lại đúng yêu cầu ban đầu, hoặc dùng mã tham chiếu mới cho vận đơn mới.`,
        en: `Shipment reference${shown} was already used for a ${label ? `${label} ` : ''}create with different content (differs in: ${listed}); nothing was sent. Repeat the original request, or use a new reference for a new shipment.`,
      },
      {
        ...(typeof carrier?.platform === 'string' ? { platform: carrier.platform } : {}),
        operation: 'createOrder',
        ...options,
      },
    );
    this.reference = String(reference);
    this.differingFields = fields;
  }
}

/**
 * Refuses a create whose fingerprint differs from the one stored with the reference (a record without
 * one — written before fingerprints, or adopted from a webhook — is not compared).
 */
export function assertSameRequest(
  stored: { requestFingerprint?: string } | undefined,
  fingerprint: string,
  reference: string,
  carrier: { platform: string; label: string },
): void {
  const before = stored?.requestFingerprint;
  if (before === undefined || before === fingerprint) return;
  throw new ReferenceReusedError(reference, carrier, fingerprintDifferences(before, fingerprint));
}
