/** Route classes the emulator prices by, computed on the 2025 provinces of both ends. */
export type RouteKind = 'intraProvince' | 'intraRegion' | 'interRegion';

export interface ExtraServiceDef {
  code: string;
  name: string;
  description: string | null;
}

export interface MainServiceDef {
  code: string;
  name: string;
  description: string | null;
  routes: readonly RouteKind[];
  minWeightGrams: number;
  maxWeightGrams: number;
  /** Weight covered by the first price step, then `stepGrams` per further step. */
  firstStepGrams: number;
  stepGrams: number;
  firstStepVnd: Readonly<Record<RouteKind, number>>;
  stepVnd: Readonly<Record<RouteKind, number>>;
  kpiHours: Readonly<Record<RouteKind, number>>;
  /** COD-delivery products include the collection fee. */
  codFeeIncluded: boolean;
  lettersAccepted: boolean;
  extras: readonly string[];
}

export const EXTRA_SERVICES: readonly ExtraServiceDef[] = [
  { code: 'GBH', name: 'Bảo hiểm hàng hóa', description: '1% giá trị khai giá, tối thiểu 15.000 đ' },
  { code: 'GBP', name: 'Báo phát', description: null },
  { code: 'XMG', name: 'Cho xem hàng', description: 'Thu EXTRA_MONEY nếu người nhận không nhận hàng' },
  { code: 'GGD', name: 'Giao hàng tại điểm giao dịch', description: null },
  { code: 'PTTX', name: 'Phát tận tay có xác thực', description: 'Cần VERIFICATION_CODE' },
];

const ALL_ROUTES: readonly RouteKind[] = ['intraProvince', 'intraRegion', 'interRegion'];
const BETWEEN_PROVINCES: readonly RouteKind[] = ['intraRegion', 'interRegion'];
const COMMON_EXTRAS = ['GBH', 'GBP', 'XMG', 'GGD', 'PTTX'];

type MainServiceCode = 'VCN' | 'VTK' | 'PHS' | 'VHT' | 'LCOD' | 'VCBO' | 'BTK';
/** One number per route kind, in the order intra-province, intra-region, inter-region (0: not served). */
type PerRoute = readonly [number, number, number];

/** Code, name and description, in the order `listService` lists them. */
const SERVICE_NAMES: ReadonlyArray<readonly [MainServiceCode, string, string]> = [
  ['VCN', 'Chuyển phát nhanh', 'Chuyển phát nhanh hàng hóa, tài liệu'],
  ['VTK', 'Chuyển phát tiết kiệm', 'Chuyển phát thường, giá tiết kiệm'],
  ['PHS', 'Nội tỉnh tiết kiệm', 'Chỉ áp dụng gửi và nhận trong cùng tỉnh'],
  ['VHT', 'Phát hỏa tốc', 'Phát hỏa tốc, ưu tiên cao nhất'],
  ['LCOD', 'TMĐT giao hàng thu tiền', 'Giao hàng thu tiền cho thương mại điện tử, đã gồm phí thu hộ'],
  ['VCBO', 'Chuyển phát đường bộ', 'Vận chuyển đường bộ liên tỉnh'],
  ['BTK', 'Hàng nặng tiết kiệm', 'Chỉ nhận hàng trên 15 kg'],
];

/** Grams: the lightest and heaviest parcel accepted, the first price step, then each further step. */
const WEIGHTS: Readonly<Record<MainServiceCode, readonly [number, number, number, number]>> = {
  VCN: [1, 30_000, 500, 500],
  VTK: [1, 30_000, 500, 500],
  PHS: [1, 20_000, 500, 500],
  VHT: [1, 10_000, 500, 500],
  LCOD: [1, 20_000, 500, 500],
  VCBO: [1, 50_000, 1_000, 1_000],
  BTK: [15_001, 200_000, 20_000, 1_000],
};

/** Per route kind: price of the first step and of each further step (₫), and the delivery target (hours). */
const TARIFF: Readonly<Record<MainServiceCode, { first: PerRoute; step: PerRoute; kpiHours: PerRoute }>> = {
  VCN: { first: [16_500, 25_000, 35_000], step: [2_500, 4_500, 8_000], kpiHours: [24, 36, 48] },
  VTK: { first: [14_000, 21_000, 30_000], step: [2_000, 3_500, 6_000], kpiHours: [48, 72, 96] },
  PHS: { first: [12_000, 0, 0], step: [2_000, 0, 0], kpiHours: [24, 0, 0] },
  VHT: { first: [30_000, 45_000, 65_000], step: [5_000, 8_000, 12_000], kpiHours: [12, 24, 36] },
  LCOD: { first: [15_000, 22_000, 31_000], step: [2_500, 4_000, 7_000], kpiHours: [36, 60, 84] },
  VCBO: { first: [0, 24_000, 32_000], step: [0, 3_000, 5_000], kpiHours: [0, 72, 120] },
  BTK: { first: [90_000, 140_000, 220_000], step: [2_500, 4_000, 6_000], kpiHours: [48, 96, 120] },
};

/** Routes served, whether the price includes the COD fee, whether letters are taken, and the extras. */
const TERMS: Readonly<
  Record<MainServiceCode, Pick<MainServiceDef, 'routes' | 'codFeeIncluded' | 'lettersAccepted' | 'extras'>>
> = {
  VCN: { routes: ALL_ROUTES, codFeeIncluded: false, lettersAccepted: true, extras: COMMON_EXTRAS },
  VTK: { routes: ALL_ROUTES, codFeeIncluded: false, lettersAccepted: true, extras: COMMON_EXTRAS },
  PHS: { routes: ['intraProvince'], codFeeIncluded: false, lettersAccepted: false, extras: COMMON_EXTRAS },
  VHT: { routes: ALL_ROUTES, codFeeIncluded: false, lettersAccepted: true, extras: ['GBH', 'GBP', 'PTTX'] },
  LCOD: { routes: ALL_ROUTES, codFeeIncluded: true, lettersAccepted: false, extras: ['GBH', 'XMG', 'GGD'] },
  VCBO: { routes: BETWEEN_PROVINCES, codFeeIncluded: false, lettersAccepted: false, extras: COMMON_EXTRAS },
  BTK: { routes: ALL_ROUTES, codFeeIncluded: false, lettersAccepted: false, extras: ['GBH', 'XMG'] },
};

function perRoute([intraProvince, intraRegion, interRegion]: PerRoute): Readonly<Record<RouteKind, number>> {
  return { intraProvince, intraRegion, interRegion };
}

/** The services the demo contract prices. Numbers are plausible, not VTP's real tariff. */
export const MAIN_SERVICES: readonly MainServiceDef[] = SERVICE_NAMES.map(([code, name, description]) => {
  const [minWeightGrams, maxWeightGrams, firstStepGrams, stepGrams] = WEIGHTS[code];
  const { first, step, kpiHours } = TARIFF[code];
  const terms = TERMS[code];
  return {
    code,
    name,
    description,
    routes: terms.routes,
    minWeightGrams,
    maxWeightGrams,
    firstStepGrams,
    stepGrams,
    firstStepVnd: perRoute(first),
    stepVnd: perRoute(step),
    kpiHours: perRoute(kpiHours),
    codFeeIncluded: terms.codFeeIncluded,
    lettersAccepted: terms.lettersAccepted,
    extras: terms.extras,
  };
});

/**
 * Listed by `listService` but not on the demo contract: pricing them answers "Price does not apply
 * to this itinerary!", as VTP does for codes outside a customer's contract.
 */
export const UNCONTRACTED_SERVICES: readonly ExtraServiceDef[] = [
  { code: 'V60', name: 'Dịch vụ 60 giờ', description: null },
  { code: 'SCOD', name: 'Giao hàng thu tiền', description: null },
  { code: 'PTN', name: 'Phát trong ngày nội tỉnh', description: null },
];

export const mainServiceByCode = new Map(MAIN_SERVICES.map((s) => [s.code, s]));
export const extraServiceByCode = new Map(EXTRA_SERVICES.map((s) => [s.code, s]));
export const uncontractedServiceCodes = new Set(UNCONTRACTED_SERVICES.map((s) => s.code));
