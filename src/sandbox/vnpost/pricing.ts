/** Route zones: same province, same region of the country, across regions. */
export type Zone = 'intra' | 'region' | 'national';

export interface SandboxService {
  code: string;
  name: string;
  /** Price of the first 500 g, per zone, VND before VAT. */
  firstStepVnd: Record<Zone, number>;
  /** Each further 500 g. */
  nextStepVnd: Record<Zone, number>;
  /** Only inside one province (same-day). */
  intraOnly?: boolean;
  /** Heavy freight only. */
  minWeightGrams?: number;
}

type ZonePrices = [intra: number, region: number, national: number];

function service(
  code: string,
  name: string,
  [intra, region, national]: ZonePrices,
  [nextIntra, nextRegion, nextNational]: ZonePrices,
  limits: Pick<SandboxService, 'intraOnly' | 'minWeightGrams'> = {},
): SandboxService {
  return {
    code,
    name,
    firstStepVnd: { intra, region, national },
    nextStepVnd: { intra: nextIntra, region: nextRegion, national: nextNational },
    ...limits,
  };
}

/**
 * The sandbox's price list (made up, shaped like VNPost's: economy < e-commerce < express < same day):
 * code, name, the first 500 g and each further 500 g per zone (intra, region, national), VND before VAT.
 */
export const SANDBOX_SERVICES: readonly SandboxService[] = [
  service('CTN001', 'Chuyển phát tiết kiệm', [16_000, 22_000, 28_000], [2_000, 3_500, 5_000]),
  service('CTN007', 'TMĐT tiết kiệm', [15_000, 20_000, 26_000], [2_000, 3_000, 4_500]),
  service('ETN011', 'Chuyển phát nhanh', [22_000, 30_000, 38_000], [3_000, 5_000, 8_000]),
  service('ETN031', 'TMĐT nhanh', [20_000, 27_000, 34_000], [2_500, 4_500, 7_000]),
  service('ETN013', 'Hỏa tốc', [45_000, 0, 0], [5_000, 0, 0], { intraOnly: true }),
  service('PTN001', 'Logistics tiết kiệm', [60_000, 90_000, 120_000], [500, 900, 1_300], {
    minWeightGrams: 30_000,
  }),
];

export const VAT_RATE = 0.08;
export const COD_FEE_RATE = 0.01;
export const COD_FEE_MIN_VND = 10_000;
export const INSURANCE_RATE = 0.005;
/** Volumetric divisor: cm³ / 6 = grams. */
export const VOLUME_DIVISOR = 6;

/** GSO province codes: north up to 37, centre and highlands up to 68, south after. */
export function regionOf(provinceCode: string): 'north' | 'centre' | 'south' {
  const n = Number(provinceCode);
  if (n <= 37) return 'north';
  if (n <= 68) return 'centre';
  return 'south';
}

export interface PriceInput {
  zone: Zone;
  weightGrams: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  codAmountVnd: number;
  declaredValueVnd: number;
}

export interface PriceRow {
  serviceCode: string;
  serviceName: string;
  mainFee: number;
  vasFee: number;
  totalFee: number;
  priceWeight: number;
  weightConvert: number;
}

export function chargeableGrams(
  input: Pick<PriceInput, 'weightGrams' | 'lengthCm' | 'widthCm' | 'heightCm'>,
): number {
  const volume = Math.ceil((input.lengthCm * input.widthCm * input.heightCm) / VOLUME_DIVISOR);
  return Math.max(input.weightGrams, volume);
}

/** Undefined when the service does not take this route or weight. */
export function price(service: SandboxService, input: PriceInput): PriceRow | undefined {
  if (service.intraOnly && input.zone !== 'intra') return undefined;
  if (service.minWeightGrams !== undefined && input.weightGrams < service.minWeightGrams) return undefined;
  const weight = chargeableGrams(input);
  const steps = Math.max(0, Math.ceil((weight - 500) / 500));
  const mainFee = service.firstStepVnd[input.zone] + steps * service.nextStepVnd[input.zone];
  const codFee =
    input.codAmountVnd > 0 ? Math.max(COD_FEE_MIN_VND, Math.round(input.codAmountVnd * COD_FEE_RATE)) : 0;
  const insurance = Math.round(input.declaredValueVnd * INSURANCE_RATE);
  const vasFee = codFee + insurance;
  return {
    serviceCode: service.code,
    serviceName: service.name,
    mainFee,
    vasFee,
    totalFee: Math.round((mainFee + vasFee) * (1 + VAT_RATE)),
    priceWeight: weight,
    weightConvert: weight,
  };
}
