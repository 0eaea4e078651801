import { ValidationError } from '../../core/errors.js';
import { nearestName } from '../../model/nearest-name.js';
import type { Quote } from '../../model/shipment.js';

/** One carrier's quotes, or its failure (the shape of `CarrierQuotes`, kept here to avoid an import loop). */
type QuotedCarrier =
  | { carrier: string; quotes: readonly Quote[] }
  | { carrier: string; error: { message: string; kind?: string } };

/**
 * An explicit service code (`fulfil({ service: { serviceCode } })`) checked against what the carriers
 * quoted for this parcel. Undefined when it can ship: `shipping` (the carrier that ships the order, when
 * the policy already fixes it) quotes it, or — with no fixed carrier — any carrier does. Otherwise a
 * bilingual ValidationError: a service of another carrier than the policy's is refused (the policy and
 * the service contradict each other); an unknown code names the quoted ones and the closest. The code
 * comes normalised (`servicePolicyOf`: trimmed, upper case); the case hint stays for a carrier that
 * would quote a lower-case code.
 */
export function serviceCodeProblem(
  orderId: string,
  serviceCode: string,
  quotes: readonly QuotedCarrier[],
  shipping?: string,
): ValidationError | undefined {
  const codesOf = (carrier: string) => {
    const entry = quotes.find((q) => q.carrier === carrier);
    return entry && 'quotes' in entry ? entry.quotes.map((q) => q.serviceCode) : [];
  };
  const candidates = shipping ? [shipping] : quotes.map((q) => q.carrier);
  if (candidates.some((c) => codesOf(c).includes(serviceCode))) return undefined;
  const owner = quotes.find((q) => 'quotes' in q && q.quotes.some((x) => x.serviceCode === serviceCode));
  if (shipping && owner) {
    return new ValidationError(
      {
        vi: `${orderId}: dịch vụ ${serviceCode} là của ${owner.carrier}, nhưng chính sách chọn hãng giao đơn này bằng ${shipping}`,
        en: `${orderId}: service ${serviceCode} is a ${owner.carrier} service, but the carrier policy ships this order with ${shipping}`,
      },
      [
        {
          path: 'service.serviceCode',
          value: serviceCode,
          code: 'shipment.service_other_carrier',
          messageVi: `Đơn ${orderId}: dịch vụ ${serviceCode} là của ${owner.carrier}, nhưng chính sách chọn hãng giao đơn này bằng ${shipping} (dịch vụ ${shipping} có báo giá: ${codesOf(shipping).join(', ') || '—'}); bỏ service, đổi chính sách, hoặc chọn dịch vụ của ${shipping}`,
          messageEn: `Order ${orderId}: service ${serviceCode} is a ${owner.carrier} service, but the carrier policy ships this order with ${shipping} (${shipping} quoted: ${codesOf(shipping).join(', ') || '—'}); drop service, change the policy, or pick a ${shipping} service`,
        },
      ],
    );
  }
  const quoted = [...new Set(candidates.flatMap((c) => codesOf(c)))];
  const all = [...new Set(quotes.flatMap((q) => ('quotes' in q ? q.quotes.map((x) => x.serviceCode) : [])))];
  const sameLetters = all.find((code) => code.toUpperCase() === serviceCode.toUpperCase());
  const near = sameLetters ?? nearestName(serviceCode, all);
  const hintEn = sameLetters
    ? `; service codes are upper case: did you mean "${sameLetters}"?`
    : near
      ? `; did you mean "${near}"?`
      : '';
  const hintVi = sameLetters
    ? `; mã dịch vụ viết HOA: có phải "${sameLetters}"?`
    : near
      ? `; có phải "${near}"?`
      : '';
  const who = shipping ?? (quotes.map((q) => q.carrier).join(', ') || '—');
  return new ValidationError(
    {
      vi: `${orderId}: ${who} không báo giá dịch vụ "${serviceCode}"${hintVi}`,
      en: `${orderId}: ${who} quoted no service "${serviceCode}"${hintEn}`,
    },
    [
      {
        path: 'service.serviceCode',
        value: serviceCode,
        code: 'shipment.unknown_service',
        messageVi: `Đơn ${orderId}: ${who} không báo giá dịch vụ "${serviceCode}" cho kiện hàng này (dịch vụ có báo giá: ${quoted.join(', ') || '—'})${hintVi}`,
        messageEn: `Order ${orderId}: ${who} quoted no service "${serviceCode}" for this parcel (quoted: ${quoted.join(', ') || '—'})${hintEn}`,
      },
    ],
  );
}
