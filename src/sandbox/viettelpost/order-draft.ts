import type { SandboxAccount } from './accounts.js';
import { type AddressPolicy, type ResolvedAddress, readAddressIds } from './address.js';
import type { Catalog } from './catalog.js';
import { incorrectData, invalidField, MESSAGES, VtpApiError } from './envelope.js';
import { assertStringLimits, type Body, readInt, readMoney, readString } from './fields.js';
import { geocodeAddress } from './geocode.js';
import type { SandboxOrder, SandboxParty } from './order-types.js';
import { type PriceBreakdown, priceFees, priceService, readParcel } from './pricing.js';
import { isVtpDateTime } from './vietnam-time.js';

/** Everything createOrder / createOrderNlp / edit derive from a request before storing it. */
export type OrderDraft = Pick<
  SandboxOrder,
  | 'reference'
  | 'sender'
  | 'receiver'
  | 'productName'
  | 'weightGrams'
  | 'productPriceVnd'
  | 'codVnd'
  | 'orderPayment'
  | 'orderService'
  | 'orderServiceAdd'
  | 'orderNote'
  | 'groupAddressId'
  | 'fees'
> & { receiverResolved: ResolvedAddress; price: PriceBreakdown };

/** Vietnamese phone numbers, tolerant of dots/spaces and a +84/84 prefix ("0967.363.789"). */
function readPhone(body: Body, key: string): string {
  const raw = readString(body, key, true)!;
  let digits = raw.replace(/[^\d]/g, '');
  if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  if (!/^0\d{9}$/.test(digits)) throw invalidField(key);
  return raw;
}

function areaOf(catalog: Catalog, address: ResolvedAddress): string {
  const province = address.newProvince.plainName;
  if (address.structure === 'old' && address.districtId !== 0) {
    return `${catalog.districtById.get(address.districtId)!.plainName}, ${province}`;
  }
  const ward = catalog.newWardById.get(address.wardId);
  return ward ? `${ward.plainName}, ${province}` : province;
}

function resolveParty(
  catalog: Catalog,
  body: Body,
  role: 'SENDER' | 'RECEIVER',
  nlp: boolean,
  policy: AddressPolicy | undefined,
): { party: SandboxParty; resolved: ResolvedAddress } {
  const fullName = readString(body, `${role}_FULLNAME`, true)!;
  const address = readString(body, `${role}_ADDRESS`, true)!;
  const phone = readPhone(body, `${role}_PHONE`);
  const resolved = nlp
    ? geocodeAddress(catalog, address, readInt(body, `${role}_PROVINCE`))
    : readAddressIds(catalog, body, role, role === 'RECEIVER', policy);
  return {
    resolved,
    party: {
      fullName,
      phone,
      address,
      provinceId: resolved.provinceId,
      districtId: resolved.districtId,
      wardId: resolved.wardId,
      area: areaOf(catalog, resolved),
    },
  };
}

/** Validates an order body the way the real server reports problems (first problem wins). */
export function buildOrderDraft(
  catalog: Catalog,
  account: SandboxAccount,
  body: Body,
  nlp: boolean,
  policy?: AddressPolicy,
): OrderDraft {
  assertStringLimits(body);
  const reference = readString(body, 'ORDER_NUMBER') ?? '';
  const orderPayment = readInt(body, 'ORDER_PAYMENT');
  if (orderPayment === undefined || orderPayment < 1 || orderPayment > 4)
    throw incorrectData('ORDER_PAYMENT');
  const orderService = (readString(body, 'ORDER_SERVICE') ?? '').toUpperCase();
  if (orderService === '') throw incorrectData('ORDER_SERVICE');
  const deliveryDate = readString(body, 'DELIVERY_DATE');
  if (deliveryDate !== undefined && !isVtpDateTime(deliveryDate)) throw incorrectData('DELIVERY_DATE');
  const groupAddressId = nlp
    ? 0
    : (readInt(body, 'GROUPADDRESS_ID', () => new VtpApiError(MESSAGES.groupAddressInvalid)) ?? 0);
  if (groupAddressId !== 0 && !account.inventories.some((i) => i.groupaddressId === groupAddressId)) {
    throw new VtpApiError(MESSAGES.groupAddressInvalid);
  }
  readInt(body, 'CUS_ID', () => invalidField('CUS_ID'));

  const sender = resolveParty(catalog, body, 'SENDER', nlp, policy);
  const receiver = resolveParty(catalog, body, 'RECEIVER', nlp, policy);
  const parcel = readParcel(body);
  // ORDER_PAYMENT 1 collects nothing; a COD amount with it is contradictory (emulator's choice).
  if (orderPayment === 1 && parcel.codVnd > 0) throw invalidField('MONEY_COLLECTION');
  const price = priceService(orderService, sender.resolved, receiver.resolved, parcel);
  const extraMoney = readMoney(body, 'EXTRA_MONEY') ?? 0;
  if (extraMoney > 2 * price.totalVnd) throw invalidField('EXTRA_MONEY');

  const collected =
    orderPayment === 2
      ? parcel.codVnd + price.totalVnd
      : orderPayment === 3
        ? parcel.codVnd
        : orderPayment === 4
          ? price.totalVnd
          : 0;
  return {
    reference,
    sender: sender.party,
    receiver: receiver.party,
    receiverResolved: receiver.resolved,
    productName: readString(body, 'PRODUCT_NAME') ?? readString(body, 'PRODUCT_DESCRIPTION') ?? '',
    weightGrams: parcel.weightGrams,
    productPriceVnd: parcel.productPriceVnd,
    codVnd: parcel.codVnd,
    orderPayment,
    orderService,
    orderServiceAdd: parcel.extraCodes.join(','),
    orderNote: readString(body, 'ORDER_NOTE') ?? '',
    groupAddressId,
    price,
    fees: { MONEY_COLLECTION: collected, EXCHANGE_WEIGHT: price.exchangeWeightGrams, ...priceFees(price) },
  };
}
