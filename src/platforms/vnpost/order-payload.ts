import { ValidationError } from '../../core/errors.js';
import { formatAddress } from '../../model/address.js';
import type { Parcel } from '../../model/shipment.js';
import { referenceProblem } from '../carrier-request.js';
import type { QuoteRequest, ShipmentRequest } from '../types.js';
import type { VnpostAddressCodes } from './catalog.js';
import { VNPOST } from './errors.js';
import { VNPOST_ADDONS, VNPOST_PROPERTIES } from './services.js';

/** "Road" transport: what every integrator sends for domestic parcels. */
export const DEFAULT_VEHICLE = 'BO';
/** CreateOrder `type`: a send order. */
export const ORDER_TYPE_SEND = 'GUI';
/** ServicesCharge `scope`: domestic. */
export const SCOPE_DOMESTIC = 1;

export interface AddonService {
  code: string;
  propValue: string | null;
}

/** The one reference rule of both carriers (`referenceProblem`: 1–50 of A–Z a–z 0–9 _ -). */
export function assertReference(reference: unknown): asserts reference is string {
  const problem = referenceProblem(reference);
  if (!problem) return;
  throw new ValidationError({ vi: `reference: ${problem.vi}`, en: `reference: ${problem.en}` }, [
    {
      path: 'reference',
      value: reference,
      code: 'vnpost.reference_invalid',
      messageVi: problem.vi,
      messageEn: problem.en,
      platform: VNPOST,
    },
  ]);
}

export function addonServices(input: {
  codAmountVnd?: number;
  declaredValueVnd?: number;
  freightPaidBy?: 'sender' | 'receiver';
  extraServiceCodes?: readonly string[];
}): AddonService[] {
  const addons: AddonService[] = [];
  if ((input.codAmountVnd ?? 0) > 0) {
    addons.push({
      code: VNPOST_ADDONS.cashOnDelivery,
      propValue: `${VNPOST_PROPERTIES.codAmount}:${input.codAmountVnd}`,
    });
  }
  if ((input.declaredValueVnd ?? 0) > 0) {
    addons.push({
      code: VNPOST_ADDONS.declaredValue,
      propValue: `${VNPOST_PROPERTIES.declaredValue}:${input.declaredValueVnd}`,
    });
  }
  if (input.freightPaidBy === 'receiver')
    addons.push({ code: VNPOST_ADDONS.collectFreight, propValue: null });
  for (const code of input.extraServiceCodes ?? []) {
    if (!addons.some((a) => a.code === code)) addons.push({ code, propValue: null });
  }
  return addons;
}

const dimension = (cm: number) => (cm > 0 ? String(cm) : null);

function parcelFields(parcel: Parcel) {
  return {
    weight: String(parcel.weightGrams),
    width: dimension(parcel.widthCm),
    length: dimension(parcel.lengthCm),
    height: dimension(parcel.heightCm),
  };
}

export function servicesChargeBody(
  request: QuoteRequest,
  sender: VnpostAddressCodes,
  receiver: VnpostAddressCodes,
  account: { customerCode: string; contractCode?: string },
  serviceCode?: string,
): Record<string, unknown> {
  return {
    scope: SCOPE_DOMESTIC,
    customerCode: account.customerCode,
    contractNumber: account.contractCode ?? null,
    data: {
      senderProvinceCode: sender.provinceCode,
      senderDistrictCode: sender.districtCode,
      senderCommuneCode: sender.communeCode,
      receiverProvinceCode: receiver.provinceCode,
      receiverDistrictCode: receiver.districtCode,
      receiverCommuneCode: receiver.communeCode,
      receiverNational: 'VN',
      ...parcelFields(request.parcel),
      // Omitted service = price every service open to the account.
      serviceCode: serviceCode ?? null,
      addonService: addonServices({
        ...(request.codAmountVnd !== undefined ? { codAmountVnd: request.codAmountVnd } : {}),
        declaredValueVnd: request.parcel.declaredValueVnd,
      }),
      additionRequest: [],
      vehicle: DEFAULT_VEHICLE,
    },
  };
}

/** Generic content note when neither the request nor the order says what the parcel holds. */
export const DEFAULT_CONTENT_NOTE = 'Hàng hóa';

/**
 * The waybill's content line: the parcel's description, else its items ("Hạt tiêu x2, …"), else
 * `fallback` (a correction keeps the order's current content note), else "Hàng hóa".
 */
export function contentNote(request: ShipmentRequest, fallback?: string): string {
  const description = request.parcel.description?.trim();
  if (description) return description;
  const items = (request.parcel.items ?? []).map((i) => `${i.name} x${i.quantity}`).join(', ');
  return items || fallback?.trim() || DEFAULT_CONTENT_NOTE;
}

export function createOrderBody(
  request: ShipmentRequest,
  reference: string,
  sender: VnpostAddressCodes,
  receiver: VnpostAddressCodes,
  account: { customerCode: string; contractCode?: string },
): Record<string, unknown> {
  return {
    orderCreationStatus: 1,
    type: ORDER_TYPE_SEND,
    customerCode: account.customerCode,
    contractCode: account.contractCode ?? null,
    informationOrder: {
      senderName: request.sender.name,
      senderPhone: request.sender.phone,
      senderEmail: request.sender.email ?? null,
      senderAddress: formatAddress(request.sender.address),
      senderProvinceCode: sender.provinceCode,
      senderDistrictCode: sender.districtCode,
      senderCommuneCode: sender.communeCode,
      receiverName: request.receiver.name,
      receiverPhone: request.receiver.phone,
      receiverEmail: request.receiver.email ?? null,
      receiverAddress: formatAddress(request.receiver.address),
      receiverProvinceCode: receiver.provinceCode,
      receiverDistrictCode: receiver.districtCode,
      receiverCommuneCode: receiver.communeCode,
      serviceCode: request.serviceCode,
      addonService: addonServices({
        ...(request.codAmountVnd !== undefined ? { codAmountVnd: request.codAmountVnd } : {}),
        declaredValueVnd: request.parcel.declaredValueVnd,
        ...(request.freightPaidBy ? { freightPaidBy: request.freightPaidBy } : {}),
        ...(request.extraServiceCodes ? { extraServiceCodes: request.extraServiceCodes } : {}),
      }),
      additionRequest: [],
      orgCodeCollect: null,
      orgCodeAccept: null,
      saleOrderCode: reference,
      contentNote: contentNote(request),
      ...parcelFields(request.parcel),
      vehicle: DEFAULT_VEHICLE,
      sendType: '1',
      isBroken: '0',
      deliveryTime: null,
      deliveryRequire: null,
      deliveryInstruction: request.note ?? null,
    },
  };
}

/** orderCorrection uses its own capitalised, nested shape (AffairType 02 = correct the order's data). */
export function correctionBody(
  request: ShipmentRequest,
  ids: { originalId: string; itemCode: string },
  sender: VnpostAddressCodes,
  receiver: VnpostAddressCodes,
  account: { customerCode: string; contractCode?: string },
  currentContentNote?: string,
): Record<string, unknown> {
  const cod = request.codAmountVnd ?? 0;
  const party = (contact: ShipmentRequest['sender'], codes: VnpostAddressCodes, orgCode: string) => ({
    OrgCode: orgCode,
    Phone: contact.phone,
    Fullname: contact.name,
    Address: formatAddress(contact.address),
    Province: codes.provinceCode,
    District: codes.districtCode,
    Commune: codes.communeCode,
    Postcode: codes.communeCode,
  });
  return {
    OriginalId: ids.originalId,
    SourceCode: 'MYVNP',
    ServiceCode: request.serviceCode,
    ItemCode: ids.itemCode,
    AffairType: '02',
    OrderCode: ids.itemCode,
    FlagConfig: '1',
    Contents: contentNote(request, currentContentNote),
    Vehicle: DEFAULT_VEHICLE,
    UndeliverGuide: request.note ?? '',
    CODAmount: cod,
    Sender: {
      ...party(request.sender, sender, account.customerCode),
      ContractNumber: account.contractCode ?? '',
    },
    Receiver: party(request.receiver, receiver, ''),
    Addons:
      cod > 0
        ? [
            {
              ServiceCode: VNPOST_ADDONS.cashOnDelivery,
              Props: [{ PropCode: VNPOST_PROPERTIES.codAmount, PropValue: String(cod) }],
            },
          ]
        : [],
    Package: {
      Weight: String(request.parcel.weightGrams),
      Length: request.parcel.lengthCm > 0 ? String(request.parcel.lengthCm) : '',
      Width: request.parcel.widthCm > 0 ? String(request.parcel.widthCm) : '',
      Height: request.parcel.heightCm > 0 ? String(request.parcel.heightCm) : '',
      PriceWeight: String(request.parcel.weightGrams),
      IsVolume: false,
    },
  };
}
