import { type ResolvedAddress, readAddressIds } from './address.js';
import { okEnvelope } from './envelope.js';
import { assertStringLimits, readInt, readString } from './fields.js';
import { type GeocodedAddress, geocodeAddress } from './geocode.js';
import { assertDomestic, priceAllServices, priceData, priceService, readParcel } from './pricing.js';
import type { RequestContext } from './request-context.js';

function authorisePricing(ctx: RequestContext): void {
  // partnerdev was seen pricing with a fake token; optional, off by default.
  if (!ctx.emulator.auth.pricingWithoutToken) ctx.emulator.authenticate(ctx.token);
}

function idEnds(ctx: RequestContext): [ResolvedAddress, ResolvedAddress] {
  const { catalog } = ctx.emulator;
  return [
    readAddressIds(catalog, ctx.body, 'SENDER', false, ctx.emulator.addressPolicy),
    readAddressIds(catalog, ctx.body, 'RECEIVER', false, ctx.emulator.addressPolicy),
  ];
}

function textEnds(ctx: RequestContext): [GeocodedAddress, GeocodedAddress] {
  const { catalog } = ctx.emulator;
  assertStringLimits(ctx.body);
  const senderText = readString(ctx.body, 'SENDER_ADDRESS', true)!;
  const receiverText = readString(ctx.body, 'RECEIVER_ADDRESS', true)!;
  return [
    geocodeAddress(catalog, senderText, readInt(ctx.body, 'SENDER_PROVINCE')),
    geocodeAddress(catalog, receiverText, readInt(ctx.body, 'RECEIVER_PROVINCE')),
  ];
}

export function getPrice(ctx: RequestContext) {
  authorisePricing(ctx);
  const [sender, receiver] = idEnds(ctx);
  assertDomestic(ctx.body, 'NATIONAL_TYPE');
  const price = priceService(readString(ctx.body, 'ORDER_SERVICE'), sender, receiver, readParcel(ctx.body));
  return okEnvelope(priceData(price));
}

export function getPriceNlp(ctx: RequestContext) {
  authorisePricing(ctx);
  const [sender, receiver] = textEnds(ctx);
  assertDomestic(ctx.body, 'NATIONAL_TYPE');
  const price = priceService(readString(ctx.body, 'ORDER_SERVICE'), sender, receiver, readParcel(ctx.body));
  return okEnvelope({ ...priceData(price), EXCHANGE_WEIGHT: price.exchangeWeightGrams });
}

/** Success is a BARE array (no envelope); errors are enveloped. */
export function getPriceAll(ctx: RequestContext) {
  authorisePricing(ctx);
  const [sender, receiver] = idEnds(ctx);
  assertDomestic(ctx.body, 'TYPE');
  return priceAllServices(sender, receiver, readParcel(ctx.body));
}

const resolvedItem = (a: GeocodedAddress) => ({
  PROVINCE_ID: a.provinceId,
  DISTRICT_ID: a.districtId,
  // Singular WARD_ID here, WARDS_ID elsewhere: part of the contract.
  WARD_ID: a.wardId,
  ADDRESS: a.address,
});

/** Un-enveloped like the doc sample: `{SENDER_ADDRESS, RECEIVER_ADDRESS, RESULT}`. */
export function getPriceAllNlp(ctx: RequestContext) {
  authorisePricing(ctx);
  const [sender, receiver] = textEnds(ctx);
  assertDomestic(ctx.body, 'TYPE');
  return {
    SENDER_ADDRESS: resolvedItem(sender),
    RECEIVER_ADDRESS: resolvedItem(receiver),
    RESULT: priceAllServices(sender, receiver, readParcel(ctx.body)),
  };
}
