import { nearestName } from '../model/nearest-name.js';
import { normaliseServiceCode } from '../model/shipment.js';
import { requestValidationError } from './carrier-request-error.js';

/**
 * A carrier's service code checked against the codes the carrier offers, before anything is sent:
 * normalised like every service code (trimmed, upper case), or a bilingual ValidationError (path
 * `serviceCode`) naming the known codes and the closest — and, for a misspelt `'cheapest'` /
 * `'fastest'`, saying that those are fulfil's service policies, not codes. Shared by the carriers.
 */
export function knownServiceCode(
  carrier: { platform: string; label: string },
  serviceCode: unknown,
  known: readonly string[],
): string {
  const code = typeof serviceCode === 'string' ? normaliseServiceCode(serviceCode) : '';
  if (code !== '' && known.includes(code)) return code;
  const given = String(serviceCode);
  const near = nearestName(code, known);
  const policy = nearestName(given.trim().toLowerCase(), ['cheapest', 'fastest']);
  const hintEn = near
    ? `; did you mean "${near}"?`
    : policy
      ? `; "${policy}" is a service policy of fulfil(), the adapter needs a service code`
      : '';
  const hintVi = near
    ? `; có phải "${near}"?`
    : policy
      ? `; "${policy}" là chính sách dịch vụ của fulfil(), adapter cần một mã dịch vụ`
      : '';
  const messageEn = `${carrier.label} has no service "${given}"${hintEn} (services: ${known.join(', ')})`;
  const messageVi = `${carrier.label} không có dịch vụ "${given}"${hintVi} (các dịch vụ: ${known.join(', ')})`;
  // The head in each language ("Yêu cầu … không hợp lệ: serviceCode: …"), never English inside messageVi.
  throw requestValidationError(carrier, [
    { path: 'serviceCode', value: serviceCode, code: 'shipment.unknown_service', messageVi, messageEn },
  ]);
}
