import { defaultVnAdmin } from '../../vn/admin/default-admin.js';
import type { SandboxCatalog } from './catalog.js';
import { bad } from './http-answer.js';
import { price, regionOf, SANDBOX_SERVICES, type Zone } from './pricing.js';
import { int, record, str } from './wire-values.js';

/** District code of a 2025 two-level address (no district). */
export const TWO_LEVEL_DISTRICT = 'VNPOST';

/** Validates one side's codes; returns its 2025 province code (for zones). */
function side(catalog: SandboxCatalog, data: Record<string, unknown>, which: 'sender' | 'receiver'): string {
  const province = str(data[`${which}ProvinceCode`]) ?? '';
  const district = str(data[`${which}DistrictCode`]) ?? '';
  const commune = str(data[`${which}CommuneCode`]) ?? '';
  if (!province) throw bad(`${which}ProvinceCode là bắt buộc`);
  if (!commune) throw bad(`${which}CommuneCode là bắt buộc`);
  if (district === TWO_LEVEL_DISTRICT) {
    const unit = catalog.newCommune.get(commune);
    if (!unit || unit.province !== province)
      throw bad(`${which}CommuneCode ${commune} không thuộc tỉnh ${province} (địa chỉ 2 cấp)`);
    return province;
  }
  const unit = catalog.legacyCommune.get(commune);
  if (!unit || unit.province !== province || unit.district !== district) {
    throw bad(`${which}CommuneCode ${commune} không thuộc huyện ${district} / tỉnh ${province}`);
  }
  return defaultVnAdmin().mapProvinceTo2025(province)?.code ?? province;
}

function zoneOf(catalog: SandboxCatalog, data: Record<string, unknown>): Zone {
  const from = side(catalog, data, 'sender');
  const to = side(catalog, data, 'receiver');
  if (from === to) return 'intra';
  return regionOf(from) === regionOf(to) ? 'region' : 'national';
}

function addon(addons: unknown, code: string): number {
  if (!Array.isArray(addons)) return 0;
  const found = addons.map(record).find((a) => a.code === code);
  const value = str(found?.propValue)?.split(':')[1];
  return found ? int(value) : 0;
}

/**
 * The price rows of a route (ServicesCharge, CreateOrder, orderCorrection data: codes, weight, size,
 * add-ons), for every service or one; a 400 when the route, the service or the weight is refused.
 */
export function routePrices(
  catalog: SandboxCatalog,
  data: Record<string, unknown>,
  serviceCode: string | undefined,
) {
  const weightGrams = int(data.weight);
  if (weightGrams <= 0) throw bad('weight phải lớn hơn 0');
  const zone = zoneOf(catalog, data);
  const input = {
    zone,
    weightGrams,
    lengthCm: int(data.length),
    widthCm: int(data.width),
    heightCm: int(data.height),
    codAmountVnd: addon(data.addonService, 'GTG021'),
    declaredValueVnd: addon(data.addonService, 'GTG008'),
  };
  const services = serviceCode ? SANDBOX_SERVICES.filter((s) => s.code === serviceCode) : SANDBOX_SERVICES;
  if (serviceCode && services.length === 0) throw bad(`Dịch vụ ${serviceCode} không tồn tại`);
  const rows = services.map((s) => price(s, input)).filter((r) => r !== undefined);
  if (rows.length === 0) throw bad('Không có giá cước cho tuyến, dịch vụ hoặc khối lượng này');
  return { rows, input };
}
