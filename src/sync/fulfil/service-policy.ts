import { ValidationError } from '../../core/errors.js';
import { nearestName } from '../../model/nearest-name.js';
import { normaliseServiceCode, type Quote } from '../../model/shipment.js';

/** How to pick a carrier service among the quotes. */
export type ServicePolicy = 'cheapest' | 'fastest' | { serviceCode: string };

export function chooseQuote(quotes: readonly Quote[], policy: ServicePolicy): Quote | undefined {
  if (typeof policy === 'object') return quotes.find((q) => q.serviceCode === policy.serviceCode);
  const sorted = [...quotes].sort((a, b) =>
    policy === 'fastest'
      ? (a.deliveryHours ?? Number.POSITIVE_INFINITY) - (b.deliveryHours ?? Number.POSITIVE_INFINITY) ||
        a.totalVnd - b.totalVnd
      : a.totalVnd - b.totalVnd ||
        (a.deliveryHours ?? Number.POSITIVE_INFINITY) - (b.deliveryHours ?? Number.POSITIVE_INFINITY),
  );
  return sorted[0];
}

/**
 * The `service` option as documented — `'cheapest'`, `'fastest'` or `{ serviceCode }` — or a bilingual
 * ValidationError (path `service`) saying what was given and what to write: a typo of a keyword gets
 * its did-you-mean, a bare string that is not a keyword is taken for a service code given the wrong way
 * (`{ serviceCode: "CTN001" }`), an object without a `serviceCode` names the fields it had (#16).
 */
export function assertServicePolicy(service: unknown): asserts service is ServicePolicy | undefined {
  if (service === undefined || service === 'cheapest' || service === 'fastest') return;
  const issue = (value: unknown, en: string, vi: string) =>
    new ValidationError({ vi: `tùy chọn service của fulfil: ${vi}`, en: `fulfil option service: ${en}` }, [
      { path: 'service', value, code: 'shipment.service_option', messageEn: en, messageVi: vi },
    ]);
  if (service === null) {
    throw issue(
      'null',
      'got null; leave service out for "cheapest", or write "cheapest", "fastest" or { serviceCode: "…" }',
      'nhận được null; bỏ service để dùng "cheapest", hoặc viết "cheapest", "fastest" hay { serviceCode: "…" }',
    );
  }
  if (typeof service === 'string' && service.trim() === '') {
    throw issue(
      service,
      'it is empty; leave service out for "cheapest", or write "cheapest", "fastest" or { serviceCode: "…" }',
      'đang để trống; bỏ service để dùng "cheapest", hoặc viết "cheapest", "fastest" hay { serviceCode: "…" }',
    );
  }
  if (typeof service === 'string') {
    const near = nearestName(service, ['cheapest', 'fastest']);
    if (near) {
      throw issue(
        service,
        `"${service}" is not a service policy; did you mean "${near}"? (use "cheapest", "fastest" or { serviceCode: "…" })`,
        `"${service}" không phải chính sách dịch vụ; có phải "${near}"? (dùng "cheapest", "fastest" hoặc { serviceCode: "…" })`,
      );
    }
    throw issue(
      service,
      `"${service}" is not "cheapest" or "fastest"; to ship with that service code write { serviceCode: "${service}" }`,
      `"${service}" không phải "cheapest" hay "fastest"; để gửi bằng mã dịch vụ này hãy viết { serviceCode: "${service}" }`,
    );
  }
  if (typeof service === 'object' && service !== null && !Array.isArray(service)) {
    const code = (service as { serviceCode?: unknown }).serviceCode;
    const extra = Object.keys(service).filter((k) => k !== 'serviceCode');
    if (typeof code === 'string' && code.trim() !== '' && extra.length > 0) {
      // Fail loud: an unknown field is a typo or a misunderstanding, never silently ignored.
      throw issue(
        service,
        `{ serviceCode, ${extra.join(', ')} }: unknown field${extra.length > 1 ? 's' : ''} ${extra.join(', ')} — the service option takes only serviceCode; write { serviceCode: "${code}" }`,
        `{ serviceCode, ${extra.join(', ')} }: trường không hợp lệ ${extra.join(', ')} — tùy chọn service chỉ nhận serviceCode; hãy viết { serviceCode: "${code}" }`,
      );
    }
    if (typeof code === 'string' && code.trim() !== '') return;
    const fields = Object.keys(service).join(', ') || 'no field';
    const given = Object.values(service).find((v) => typeof v === 'string' && v.trim() !== '');
    const hint = typeof given === 'string' ? `{ serviceCode: "${given}" }` : '{ serviceCode: "…" }';
    throw issue(
      service,
      `{ ${fields} } names no service code (serviceCode is ${code === undefined ? 'missing' : 'empty'}); write ${hint}`,
      `{ ${fields} } không có mã dịch vụ (thiếu hoặc rỗng serviceCode); hãy viết ${hint}`,
    );
  }
  throw issue(
    String(service),
    `expected "cheapest", "fastest" or { serviceCode: "…" }, got ${typeof service}`,
    `cần "cheapest", "fastest" hoặc { serviceCode: "…" }, nhận được ${typeof service}`,
  );
}

/**
 * The `service` option checked (`assertServicePolicy`) with its service code normalised like every
 * service code (`normaliseServiceCode`: trimmed, upper case — `{ serviceCode: 'ctn001' }` is CTN001,
 * as the CLI's `--service ctn001`).
 */
export function servicePolicyOf(service: unknown): ServicePolicy | undefined {
  assertServicePolicy(service);
  return typeof service === 'object' ? { serviceCode: normaliseServiceCode(service.serviceCode) } : service;
}
