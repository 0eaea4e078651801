import { noPriceError } from './address.js';
import type { NewProvince } from './catalog.js';
import { incorrectData, VtpApiError } from './envelope.js';
import { type Body, readDimensionCm, readInt, readMoney, readString, readWeightGrams } from './fields.js';
import type { Region } from './province-codes.js';
import {
  EXTRA_SERVICES,
  MAIN_SERVICES,
  type MainServiceDef,
  mainServiceByCode,
  type RouteKind,
  uncontractedServiceCodes,
} from './services.js';

export const VAT_RATE = 0.1;
export const INSURANCE_RATE = 0.01;
export const INSURANCE_MIN_VND = 15_000;
export const COD_FEE_RATE = 0.008;
export const COD_FEE_MIN_VND = 10_000;
/** VTP publishes no COD ceiling; the emulator rejects above this (documented choice). */
export const MAX_COD_VND = 100_000_000;
/** Volumetric divisor: L×W×H (cm³) / 6 = grams. */
export const VOLUMETRIC_DIVISOR = 6;
const EXTRA_FEES_VND: Readonly<Record<string, number>> = { GBP: 5_000, XMG: 0, GGD: 0, PTTX: 3_000 };

export interface RouteEnd {
  newProvince: NewProvince;
  region: Region;
}

export interface ParcelInput {
  weightGrams: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  productType: 'HH' | 'TH';
  productPriceVnd: number;
  codVnd: number;
  extraCodes: string[];
}

export interface PriceBreakdown {
  service: MainServiceDef;
  routeKind: RouteKind;
  exchangeWeightGrams: number;
  mainFeeVnd: number;
  fuelFeeVnd: number;
  codFeeVnd: number;
  otherFeeVnd: number;
  vasVnd: number;
  vatVnd: number;
  totalVnd: number;
  kpiHours: number;
}

export function routeKindOf(sender: RouteEnd, receiver: RouteEnd): RouteKind {
  if (sender.newProvince.id === receiver.newProvince.id) return 'intraProvince';
  return sender.region === receiver.region ? 'intraRegion' : 'interRegion';
}

export function exchangeWeightGrams(parcel: ParcelInput): number {
  const volumetric = Math.round((parcel.lengthCm * parcel.widthCm * parcel.heightCm) / VOLUMETRIC_DIVISOR);
  return Math.max(parcel.weightGrams, volumetric);
}

export function parseExtraCodes(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
}

/** Reads the parcel fields shared by every pricing and order endpoint. */
export function readParcel(body: Body): ParcelInput {
  const productTypeRaw = (readString(body, 'PRODUCT_TYPE') ?? 'HH').toUpperCase();
  if (productTypeRaw !== 'HH' && productTypeRaw !== 'TH') throw incorrectData('PRODUCT_TYPE');
  const codVnd = readMoney(body, 'MONEY_COLLECTION') ?? 0;
  if (codVnd > MAX_COD_VND) throw new VtpApiError('Invalid [MONEY_COLLECTION]');
  return {
    weightGrams: readWeightGrams(body),
    lengthCm: readDimensionCm(body, 'PRODUCT_LENGTH'),
    widthCm: readDimensionCm(body, 'PRODUCT_WIDTH'),
    heightCm: readDimensionCm(body, 'PRODUCT_HEIGHT'),
    productType: productTypeRaw,
    productPriceVnd: readMoney(body, 'PRODUCT_PRICE') ?? 0,
    codVnd,
    extraCodes: parseExtraCodes(readString(body, 'ORDER_SERVICE_ADD')),
  };
}

/** `NATIONAL_TYPE` (getPrice) or `TYPE` (getPriceAll): 1 domestic, 0 international (not emulated). */
export function assertDomestic(body: Body, key: 'NATIONAL_TYPE' | 'TYPE'): void {
  const type = readInt(body, key) ?? 1;
  if (type === 1) return;
  if (type === 0) throw noPriceError();
  throw incorrectData(key);
}

function serviceApplies(service: MainServiceDef, routeKind: RouteKind, parcel: ParcelInput, weight: number) {
  if (!service.routes.includes(routeKind)) return false;
  if (weight < service.minWeightGrams || weight > service.maxWeightGrams) return false;
  return parcel.productType === 'HH' || service.lettersAccepted;
}

/** Prices one service; throws the VTP envelope errors for unknown codes or routes it does not serve. */
export function priceService(
  serviceCode: string | undefined,
  sender: RouteEnd,
  receiver: RouteEnd,
  parcel: ParcelInput,
): PriceBreakdown {
  const code = (serviceCode ?? '').toUpperCase();
  const service = mainServiceByCode.get(code);
  if (!service) {
    if (uncontractedServiceCodes.has(code)) throw noPriceError();
    throw incorrectData('ORDER_SERVICE');
  }
  for (const extra of parcel.extraCodes) {
    if (!service.extras.includes(extra)) throw incorrectData('ORDER_SERVICE_ADD');
  }
  const routeKind = routeKindOf(sender, receiver);
  const weight = exchangeWeightGrams(parcel);
  if (!serviceApplies(service, routeKind, parcel, weight)) throw noPriceError();

  const extraSteps = Math.ceil(Math.max(0, weight - service.firstStepGrams) / service.stepGrams);
  const letterFactor = parcel.productType === 'TH' ? 0.9 : 1;
  const mainFeeVnd = Math.round(
    (service.firstStepVnd[routeKind] + extraSteps * service.stepVnd[routeKind]) * letterFactor,
  );
  const codFeeVnd =
    parcel.codVnd > 0 && !service.codFeeIncluded
      ? Math.max(COD_FEE_MIN_VND, Math.round(parcel.codVnd * COD_FEE_RATE))
      : 0;
  let vasVnd = 0;
  for (const extra of parcel.extraCodes) {
    vasVnd +=
      extra === 'GBH'
        ? Math.max(INSURANCE_MIN_VND, Math.round(parcel.productPriceVnd * INSURANCE_RATE))
        : (EXTRA_FEES_VND[extra] ?? 0);
  }
  const fuelFeeVnd = 0;
  const otherFeeVnd = 0;
  const preVat = mainFeeVnd + fuelFeeVnd + codFeeVnd + otherFeeVnd + vasVnd;
  const vatVnd = Math.round(preVat * VAT_RATE);
  return {
    service,
    routeKind,
    exchangeWeightGrams: weight,
    mainFeeVnd,
    fuelFeeVnd,
    codFeeVnd,
    otherFeeVnd,
    vasVnd,
    vatVnd,
    totalVnd: preVat + vatVnd,
    kpiHours: service.kpiHours[routeKind],
  };
}

/** The getPrice / getPriceNlp `data` object. */
export function priceData(price: PriceBreakdown): Record<string, number> {
  return { MONEY_TOTAL_OLD: price.totalVnd, ...priceFees(price) };
}

/** The money fields a price answer and an order answer share. */
export function priceFees(price: PriceBreakdown) {
  return {
    MONEY_TOTAL: price.totalVnd,
    MONEY_TOTAL_FEE: price.mainFeeVnd,
    MONEY_FEE: price.fuelFeeVnd,
    MONEY_COLLECTION_FEE: price.codFeeVnd,
    MONEY_OTHER_FEE: price.otherFeeVnd,
    MONEY_VAS: price.vasVnd,
    MONEY_VAT: price.vatVnd,
    KPI_HT: price.kpiHours,
  };
}

/** The getPriceAll items: every contracted service that serves the route and weight. */
export function priceAllServices(sender: RouteEnd, receiver: RouteEnd, parcel: ParcelInput): unknown[] {
  const routeKind = routeKindOf(sender, receiver);
  const weight = exchangeWeightGrams(parcel);
  const items: unknown[] = [];
  for (const service of MAIN_SERVICES) {
    if (!serviceApplies(service, routeKind, parcel, weight)) continue;
    const price = priceService(service.code, sender, receiver, { ...parcel, extraCodes: [], codVnd: 0 });
    items.push({
      MA_DV_CHINH: service.code,
      TEN_DICHVU: service.name,
      // Freight incl. VAT, excluding COD fee and add-ons.
      GIA_CUOC: price.totalVnd,
      THOI_GIAN: `${price.kpiHours} giờ`,
      EXCHANGE_WEIGHT: weight,
      EXTRA_SERVICE: EXTRA_SERVICES.filter((e) => service.extras.includes(e.code)).map((e) => ({
        SERVICE_CODE: e.code,
        SERVICE_NAME: e.name,
        DESCRIPTION: e.description,
      })),
    });
  }
  if (items.length === 0) throw noPriceError();
  return items;
}
