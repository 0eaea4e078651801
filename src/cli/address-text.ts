import { type Address, parseQuery } from 'ocop-connect';
import { CliError } from './errors.js';

const DISTRICT_TYPES = new Set(['quận', 'huyện', 'thị xã', 'thành phố']);

/**
 * "Thôn Hiền Dũng, Xã Vĩnh Thủy, Quảng Trị" (2025, two levels) or
 * "12 Lê Lợi, Phường 4, Quận 3, TP. Hồ Chí Minh" (legacy, three levels) → canonical Address.
 * The largest unit comes last, as Vietnamese addresses are written; a part typed as a district
 * (Quận, Huyện, Thị xã, or a Thành phố that is not the last part) makes it a legacy address.
 */
export function parseAddressText(text: string, option = '--to'): Address {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const province = parts.pop();
  if (!province || parts.length === 0) {
    throw new CliError('usage', {
      vi: `${option}: địa chỉ "${text}" cần ít nhất "phường/xã, tỉnh", cách nhau bằng dấu phẩy (vd. "Phường Hoàn Kiếm, Hà Nội")`,
      en: `${option}: address "${text}" needs at least "ward, province", separated by a comma (e.g. "Phường Hoàn Kiếm, Hà Nội")`,
    });
  }
  const last = parts[parts.length - 1] ?? '';
  const district =
    parts.length >= 2 && DISTRICT_TYPES.has(parseQuery(last).typeHint ?? '') ? parts.pop() : undefined;
  const ward = parts.pop() ?? '';
  const street = parts.join(', ');
  return { ward, province, ...(district ? { district } : {}), ...(street ? { street } : {}) };
}
