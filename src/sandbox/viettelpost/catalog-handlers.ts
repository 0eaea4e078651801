import { PSEUDO_DISTRICT_NAME } from './catalog.js';
import { okEnvelope } from './envelope.js';
import { POST_OFFICES } from './post-offices.js';
import type { RequestContext } from './request-context.js';
import { EXTRA_SERVICES, MAIN_SERVICES, mainServiceByCode, UNCONTRACTED_SERVICES } from './services.js';

const provinceItem = (p: { id: number; code: string; name: string }) => ({
  PROVINCE_ID: p.id,
  PROVINCE_CODE: p.code,
  PROVINCE_NAME: p.name,
});

/** Catalog ids arrive as query strings; `-1` (or nothing) means "all". */
function idParam(ctx: RequestContext, name: string): number {
  const raw = ctx.query(name);
  if (raw === undefined || raw.trim() === '') return -1;
  const id = Number(raw.trim());
  return Number.isInteger(id) ? id : Number.NaN;
}

export function listProvinces(ctx: RequestContext) {
  const id = idParam(ctx, 'provinceId');
  const provinces = ctx.emulator.catalog.provinces.filter((p) => id === -1 || p.id === id);
  return okEnvelope(provinces.map(provinceItem));
}

export function listDistricts(ctx: RequestContext) {
  const { catalog } = ctx.emulator;
  const id = idParam(ctx, 'provinceId');
  const legacy = id === -1 ? catalog.districts : (catalog.districtsByProvince.get(id) ?? []);
  const items: unknown[] = legacy.map((d) => ({
    DISTRICT_ID: d.id,
    DISTRICT_VALUE: d.value,
    DISTRICT_NAME: d.name,
    PROVINCE_ID: d.provinceId,
  }));
  // Post-1-July-2025 bridge: one pseudo-district per new province, whose wards are the new wards.
  for (const p of catalog.newProvinces) {
    if (id !== -1 && p.id !== id) continue;
    items.push({
      DISTRICT_ID: p.pseudoDistrictId,
      DISTRICT_VALUE: 'NEW',
      DISTRICT_NAME: PSEUDO_DISTRICT_NAME,
      PROVINCE_ID: p.id,
    });
  }
  return okEnvelope(items);
}

export function listWards(ctx: RequestContext) {
  const { catalog } = ctx.emulator;
  const id = idParam(ctx, 'districtId');
  const pseudo = catalog.newProvinceByPseudoDistrict.get(id);
  if (pseudo) {
    const wards = catalog.newWardsByProvince.get(pseudo.id) ?? [];
    return okEnvelope(
      wards.map((w) => ({ WARDS_ID: w.id, WARDS_NAME: w.name, DISTRICT_ID: pseudo.pseudoDistrictId })),
    );
  }
  const wards = id === -1 ? catalog.oldWards : (catalog.oldWardsByDistrict.get(id) ?? []);
  return okEnvelope(wards.map((w) => ({ WARDS_ID: w.id, WARDS_NAME: w.name, DISTRICT_ID: w.districtId })));
}

export function listProvincesNew(ctx: RequestContext) {
  return okEnvelope(ctx.emulator.catalog.newProvinces.map(provinceItem));
}

export function listWardsNew(ctx: RequestContext) {
  const { catalog } = ctx.emulator;
  const id = idParam(ctx, 'provinceId');
  const wards = id === -1 ? catalog.newWards : (catalog.newWardsByProvince.get(id) ?? []);
  // The doc sample carries DISTRICT_ID, a live report PROVINCE_ID: the emulator sends both.
  return okEnvelope(
    wards.map((w) => ({
      WARDS_ID: w.id,
      WARDS_NAME: w.name,
      DISTRICT_ID: catalog.newProvinceById.get(w.provinceId)!.pseudoDistrictId,
      PROVINCE_ID: w.provinceId,
    })),
  );
}

export function listServices() {
  const services = [...MAIN_SERVICES, ...UNCONTRACTED_SERVICES];
  return okEnvelope(
    services.map((s) => ({ SERVICE_CODE: s.code, SERVICE_NAME: s.name, DESCRIPTION: s.description })),
  );
}

export function listServiceExtras(ctx: RequestContext) {
  const code = ctx.query('serviceCode')?.trim().toUpperCase();
  const main = code ? mainServiceByCode.get(code) : undefined;
  const extras = code ? EXTRA_SERVICES.filter((e) => main?.extras.includes(e.code)) : EXTRA_SERVICES;
  return okEnvelope(
    extras.map((e) => ({ SERVICE_CODE: e.code, SERVICE_NAME: e.name, DESCRIPTION: e.description })),
  );
}

export function listPostOffices() {
  return okEnvelope(POST_OFFICES);
}
