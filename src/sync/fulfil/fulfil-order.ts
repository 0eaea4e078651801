import { ConfigurationError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import { type Order, orderKey } from '../../model/order.js';
import type { Contact, Parcel, Quote, Shipment } from '../../model/shipment.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';

/** How to pick a carrier service among the quotes. */
export type ServicePolicy = 'cheapest' | 'fastest' | { serviceCode: string };

export interface FulfilOptions {
  /** The marketplace the order came from (its `platform` must equal `order.platform`). */
  marketplace: MarketplaceAdapter;
  /** Quotes and creates the shipment. */
  carrier: CarrierAdapter;
  /** Remembers the shipment per order reference, so a rerun never ships twice. */
  store: StateStore;
  /** The cooperative (name, phone, pick-up address). */
  sender: Contact;
  /** The box. @default weight = Σ line weightGrams × quantity (lines without a weight use `defaultLineWeightGrams`) */
  parcel?: Parcel;
  /** @default DEFAULT_LINE_WEIGHT_GRAMS */
  defaultLineWeightGrams?: number;
  /** @default 'cheapest' */
  service?: ServicePolicy;
  /** Passed to every carrier and marketplace call. @default none */
  signal?: AbortSignal;
}

export interface FulfilResult {
  /** `platform:externalId`. */
  orderKey: string;
  /** The deterministic reference sent to the carrier (the order key, carrier-safe). */
  reference: string;
  /** Undefined when the shipment already existed (a rerun): nothing was quoted or created. */
  quote?: Quote;
  trackingNumber: string;
  /** True when the store already held a shipment for this order: no second shipment was created. */
  reused: boolean;
}

/** Used when an order line carries no weight of its own. */
export const DEFAULT_LINE_WEIGHT_GRAMS = 500;

/** Carriers limit partner references to a plain alphabet; keep it readable and deterministic. */
export function shipmentReference(order: Pick<Order, 'platform' | 'externalId'>): string {
  return orderKey(order)
    .replace(/[^A-Za-z0-9_-]/g, '-')
    .slice(0, 50);
}

export function chooseQuote(quotes: readonly Quote[], policy: ServicePolicy): Quote | undefined {
  if (typeof policy === 'object') return quotes.find((q) => q.serviceCode === policy.serviceCode);
  const sorted = [...quotes].sort((a, b) =>
    policy === 'fastest'
      ? (a.deliveryHours ?? Number.POSITIVE_INFINITY) - (b.deliveryHours ?? Number.POSITIVE_INFINITY) ||
        a.totalVnd - b.totalVnd
      : a.totalVnd - b.totalVnd ||
        (a.deliveryHours ?? Number.POSITIVE_INFINITY) - (b.deliveryHours ?? Number.POSITIVE_INFINITY),
  );
  return sorted[0];
}

function defaultParcel(order: Order, lineWeightGrams: number): Parcel {
  const weightGrams = order.lines.reduce(
    (sum, l) => sum + (l.weightGrams ?? lineWeightGrams) * l.quantity,
    0,
  );
  return {
    weightGrams,
    lengthCm: 0,
    widthCm: 0,
    heightCm: 0,
    declaredValueVnd: order.payment.subtotalVnd,
    kind: 'goods',
    items: order.lines.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      priceVnd: l.unitPriceVnd,
      weightGrams: l.weightGrams ?? lineWeightGrams,
    })),
  };
}

/**
 * Order → shipment → tracking number back on the marketplace, never twice: the shipment is keyed by a
 * deterministic reference (the order key) that the carrier refuses to accept a second time, and the
 * store remembers it durably before and after the create.
 */
export async function fulfilOrder(order: Order, options: FulfilOptions): Promise<FulfilResult> {
  const { carrier, marketplace, store } = options;
  if (marketplace.platform !== order.platform) {
    throw new ConfigurationError('Wrong marketplace for this order', [
      `order ${orderKey(order)} belongs to ${order.platform}, not ${marketplace.platform}`,
    ]);
  }
  const call: CallOptions = options.signal ? { signal: options.signal } : {};
  const reference = shipmentReference(order);
  const key = orderKey(order);
  const known = await store.getShipment(reference);
  if (known?.waybill) {
    if (known.status !== 'marked_shipped') {
      await marketplace.markShipped(
        order.externalId,
        { carrier: carrier.carrier, trackingNumber: known.waybill },
        call,
      );
      await store.putShipment({ ...known, status: 'marked_shipped' });
    }
    return { orderKey: key, reference, trackingNumber: known.waybill, reused: true };
  }
  const parcel =
    options.parcel ?? defaultParcel(order, options.defaultLineWeightGrams ?? DEFAULT_LINE_WEIGHT_GRAMS);
  const receiver: Contact = {
    name: order.buyer.name,
    phone: order.buyer.phone,
    ...(order.buyer.email ? { email: order.buyer.email } : {}),
    address: order.shippingAddress,
  };
  const codAmountVnd = order.payment.method === 'cod' ? order.payment.codAmountVnd : 0;
  const quotes = await carrier.quote(
    { from: options.sender.address, to: receiver.address, parcel, codAmountVnd },
    call,
  );
  const quote = chooseQuote(quotes, options.service ?? 'cheapest');
  if (!quote) {
    throw new ValidationError(`No ${carrier.carrier} service matches the policy for ${key}`, [
      {
        path: 'service',
        code: 'shipment.no_service',
        messageVi: `Không có dịch vụ ${carrier.carrier} phù hợp cho đơn ${key}`,
        messageEn: `No ${carrier.carrier} service matches the policy for order ${key}`,
      },
    ]);
  }
  await store.putShipment({ reference, carrier: carrier.carrier, status: 'creating' });
  const shipment: Shipment = await carrier.createShipment(
    { sender: options.sender, receiver, parcel, serviceCode: quote.serviceCode, codAmountVnd },
    { ...call, reference },
  );
  const trackingNumber = shipment.trackingNumber;
  if (!trackingNumber) {
    await store.putShipment({ reference, carrier: carrier.carrier, status: shipment.status });
    return { orderKey: key, reference, quote, trackingNumber: '', reused: false };
  }
  await store.putShipment({
    reference,
    carrier: carrier.carrier,
    waybill: trackingNumber,
    status: shipment.status,
  });
  await marketplace.markShipped(order.externalId, { carrier: carrier.carrier, trackingNumber }, call);
  await store.putShipment({
    reference,
    carrier: carrier.carrier,
    waybill: trackingNumber,
    status: 'marked_shipped',
  });
  return { orderKey: key, reference, quote, trackingNumber, reused: false };
}
