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

/** The sandbox's price list (made up, shaped like VNPost's: economy < e-commerce < express < same day). */
export const SANDBOX_SERVICES: readonly SandboxService[] = [
  {
    code: 'CTN001',
    name: 'Chuyển phát tiết kiệm',
    firstStepVnd: { intra: 16_000, region: 22_000, national: 28_000 },
    nextStepVnd: { intra: 2_000, region: 3_500, national: 5_000 },
  },
  {
    code: 'CTN007',
    name: 'TMĐT tiết kiệm',
    firstStepVnd: { intra: 15_000, region: 20_000, national: 26_000 },
    nextStepVnd: { intra: 2_000, region: 3_000, national: 4_500 },
  },
  {
    code: 'ETN011',
    name: 'Chuyển phát nhanh',
    firstStepVnd: { intra: 22_000, region: 30_000, national: 38_000 },
    nextStepVnd: { intra: 3_000, region: 5_000, national: 8_000 },
  },
  {
    code: 'ETN031',
    name: 'TMĐT nhanh',
    firstStepVnd: { intra: 20_000, region: 27_000, national: 34_000 },
    nextStepVnd: { intra: 2_500, region: 4_500, national: 7_000 },
  },
  {
    code: 'ETN013',
    name: 'Hỏa tốc',
    firstStepVnd: { intra: 45_000, region: 0, national: 0 },
    nextStepVnd: { intra: 5_000, region: 0, national: 0 },
    intraOnly: true,
  },
  {
    code: 'PTN001',
    name: 'Logistics tiết kiệm',
    firstStepVnd: { intra: 60_000, region: 90_000, national: 120_000 },
    nextStepVnd: { intra: 500, region: 900, national: 1_300 },
    minWeightGrams: 30_000,
  },
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
