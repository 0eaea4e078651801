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
const COMMON_EXTRAS = ['GBH', 'GBP', 'XMG', 'GGD', 'PTTX'];

/** The services the demo contract prices. Numbers are plausible, not VTP's real tariff. */
export const MAIN_SERVICES: readonly MainServiceDef[] = [
  {
    code: 'VCN',
    name: 'Chuyển phát nhanh',
    description: 'Chuyển phát nhanh hàng hóa, tài liệu',
    routes: ALL_ROUTES,
    minWeightGrams: 1,
    maxWeightGrams: 30_000,
    firstStepGrams: 500,
    stepGrams: 500,
    firstStepVnd: { intraProvince: 16_500, intraRegion: 25_000, interRegion: 35_000 },
    stepVnd: { intraProvince: 2_500, intraRegion: 4_500, interRegion: 8_000 },
    kpiHours: { intraProvince: 24, intraRegion: 36, interRegion: 48 },
    codFeeIncluded: false,
    lettersAccepted: true,
    extras: COMMON_EXTRAS,
  },
  {
    code: 'VTK',
    name: 'Chuyển phát tiết kiệm',
    description: 'Chuyển phát thường, giá tiết kiệm',
    routes: ALL_ROUTES,
    minWeightGrams: 1,
    maxWeightGrams: 30_000,
    firstStepGrams: 500,
    stepGrams: 500,
    firstStepVnd: { intraProvince: 14_000, intraRegion: 21_000, interRegion: 30_000 },
    stepVnd: { intraProvince: 2_000, intraRegion: 3_500, interRegion: 6_000 },
    kpiHours: { intraProvince: 48, intraRegion: 72, interRegion: 96 },
    codFeeIncluded: false,
    lettersAccepted: true,
    extras: COMMON_EXTRAS,
  },
  {
    code: 'PHS',
    name: 'Nội tỉnh tiết kiệm',
    description: 'Chỉ áp dụng gửi và nhận trong cùng tỉnh',
    routes: ['intraProvince'],
    minWeightGrams: 1,
    maxWeightGrams: 20_000,
    firstStepGrams: 500,
    stepGrams: 500,
    firstStepVnd: { intraProvince: 12_000, intraRegion: 0, interRegion: 0 },
    stepVnd: { intraProvince: 2_000, intraRegion: 0, interRegion: 0 },
    kpiHours: { intraProvince: 24, intraRegion: 0, interRegion: 0 },
    codFeeIncluded: false,
    lettersAccepted: false,
    extras: COMMON_EXTRAS,
  },
  {
    code: 'VHT',
    name: 'Phát hỏa tốc',
    description: 'Phát hỏa tốc, ưu tiên cao nhất',
    routes: ALL_ROUTES,
    minWeightGrams: 1,
    maxWeightGrams: 10_000,
    firstStepGrams: 500,
    stepGrams: 500,
    firstStepVnd: { intraProvince: 30_000, intraRegion: 45_000, interRegion: 65_000 },
    stepVnd: { intraProvince: 5_000, intraRegion: 8_000, interRegion: 12_000 },
    kpiHours: { intraProvince: 12, intraRegion: 24, interRegion: 36 },
    codFeeIncluded: false,
    lettersAccepted: true,
    extras: ['GBH', 'GBP', 'PTTX'],
  },
  {
    code: 'LCOD',
    name: 'TMĐT giao hàng thu tiền',
    description: 'Giao hàng thu tiền cho thương mại điện tử, đã gồm phí thu hộ',
    routes: ALL_ROUTES,
    minWeightGrams: 1,
    maxWeightGrams: 20_000,
    firstStepGrams: 500,
    stepGrams: 500,
    firstStepVnd: { intraProvince: 15_000, intraRegion: 22_000, interRegion: 31_000 },
    stepVnd: { intraProvince: 2_500, intraRegion: 4_000, interRegion: 7_000 },
    kpiHours: { intraProvince: 36, intraRegion: 60, interRegion: 84 },
    codFeeIncluded: true,
    lettersAccepted: false,
    extras: ['GBH', 'XMG', 'GGD'],
  },
  {
    code: 'VCBO',
    name: 'Chuyển phát đường bộ',
    description: 'Vận chuyển đường bộ liên tỉnh',
    routes: ['intraRegion', 'interRegion'],
    minWeightGrams: 1,
    maxWeightGrams: 50_000,
    firstStepGrams: 1_000,
    stepGrams: 1_000,
    firstStepVnd: { intraProvince: 0, intraRegion: 24_000, interRegion: 32_000 },
    stepVnd: { intraProvince: 0, intraRegion: 3_000, interRegion: 5_000 },
    kpiHours: { intraProvince: 0, intraRegion: 72, interRegion: 120 },
    codFeeIncluded: false,
    lettersAccepted: false,
    extras: COMMON_EXTRAS,
  },
  {
    code: 'BTK',
    name: 'Hàng nặng tiết kiệm',
    description: 'Chỉ nhận hàng trên 15 kg',
    routes: ALL_ROUTES,
    minWeightGrams: 15_001,
    maxWeightGrams: 200_000,
    firstStepGrams: 20_000,
    stepGrams: 1_000,
    firstStepVnd: { intraProvince: 90_000, intraRegion: 140_000, interRegion: 220_000 },
    stepVnd: { intraProvince: 2_500, intraRegion: 4_000, interRegion: 6_000 },
    kpiHours: { intraProvince: 48, intraRegion: 96, interRegion: 120 },
    codFeeIncluded: false,
    lettersAccepted: false,
    extras: ['GBH', 'XMG'],
  },
];

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
