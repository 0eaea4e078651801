import { createHash, randomUUID } from 'node:crypto';
import { A_STORE, AN_ORDER, anAdapter, checkArgument, checkOptionTable } from '../../core/argument-guards.js';
import { ConfigurationError, OcopConnectError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import { pathProblem } from '../../model/option-problem.js';
import type { Order } from '../../model/order.js';
import { PhoneTextSchema } from '../../model/product.js';
import type { Contact, Shipment } from '../../model/shipment.js';
import type { OrderStatus } from '../../model/status.js';
import type { StateStore } from '../../store/state-store.js';
import { type AccountOrder, applyOrderSnapshot } from '../orders/apply-order.js';
import { readLedgerState, readOrderState, type ShipmentState } from '../orders/order-state.js';
import { completeShipment } from './complete-shipment.js';
import { awaitOtherCreate, claimCreate, endClaim } from './create-claim.js';
import { OrderNotShippableError } from './errors.js';
import type { FulfilOptions, FulfilResult } from './fulfil-types.js';
import { parcelForOrder, type UnitFacts, unitFactsFromCatalog } from './parcel.js';
import { keepOrForgetPending, lookUpPendingShipment, withPendingNote } from './pending-shipment.js';
import { serviceCodeProblem } from './service-check.js';
import { chooseQuote, servicePolicyOf } from './service-policy.js';
import { saveShipment } from './shipment-record.js';

/** Marketplace statuses an order may be shipped from. */
export const SHIPPABLE_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'PENDING_CONFIRM',
  'CONFIRMED',
  'READY_TO_SHIP',
]);

/**
 * Carriers limit partner references to a plain alphabet and 50 characters: platform, account and order
 * id, readable when they fit, else shortened with a hash of the whole (still deterministic).
 */
export function shipmentReference(order: { platform: string; account: string; externalId: string }): string {
  checkArgument(order, 'order', AN_ORDER);
  const full = `${order.platform}-${order.account}-${order.externalId}`;
  const clean = full.replace(/[^A-Za-z0-9_-]/g, '-');
  if (clean.length <= 50 && clean === full) return clean;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 10);
  return `${clean.slice(0, 39)}-${hash}`;
}

function notShippable(key: string, order: Order): OrderNotShippableError | undefined {
  switch (order.status) {
    case 'CANCELLED':
      return new OrderNotShippableError(key, order.status, 'the order was cancelled', 'đơn đã bị hủy');
    case 'CANCEL_REQUESTED':
      return new OrderNotShippableError(
        key,
        order.status,
        'the buyer asked to cancel: accept or refuse the request first',
        'người mua đã yêu cầu hủy: hãy chấp nhận hoặc từ chối yêu cầu trước',
      );
    case 'UNPAID':
      return new OrderNotShippableError(
        key,
        order.status,
        'the buyer has not paid',
        'người mua chưa thanh toán',
      );
    default:
      if (SHIPPABLE_STATUSES.has(order.status) && !order.tracking) return undefined;
      return new OrderNotShippableError(
        key,
        order.status,
        order.tracking
          ? `it already carries tracking number ${order.tracking.trackingNumber}`
          : 'it is past shipping',
        order.tracking
          ? `đơn đã có mã vận đơn ${order.tracking.trackingNumber}`
          : 'đơn đã qua bước giao hàng',
      );
  }
}

/**
 * Order → shipment → tracking number back on the marketplace, never twice: the shipment is keyed by a
 * deterministic reference (platform, account, order id) that the carrier refuses a second time, and the
 * order record remembers it durably before and after the create. The order is re-read first: a cancelled
 * order, or one with a pending cancel request, is refused with OrderNotShippableError before any carrier
 * call.
 */

export async function fulfilOrder(order: Order, given: FulfilOptions): Promise<FulfilResult> {
  checkArgument(order, 'order', AN_ORDER);
  checkOptionTable(given, {
    marketplace: anAdapter('MarketplaceAdapter', ['platform', 'account'], []),
    carrier: anAdapter('CarrierAdapter', ['carrier'], ['createShipment']),
    store: A_STORE,
  });
  const service = servicePolicyOf(given.service);
  const options: FulfilOptions = service === undefined ? given : { ...given, service };
  const { carrier, marketplace, store } = options;
  const account = order.account ?? marketplace.account;
  if (marketplace.platform !== order.platform || account !== marketplace.account) {
    throw new ConfigurationError({ vi: 'Sai sàn cho đơn hàng này', en: 'Wrong marketplace for this order' }, [
      pathProblem(
        'order',
        `đơn ${order.platform}/${account}:${order.externalId} không thuộc ${marketplace.platform}/${marketplace.account}`,
        `order ${order.platform}/${account}:${order.externalId} does not belong to ${marketplace.platform}/${marketplace.account}`,
      ),
    ]);
  }
  const call: CallOptions = options.signal ? { signal: options.signal } : {};
  const key = { platform: order.platform, account, externalId: order.externalId };
  const orderKeyText = `${order.platform}:${order.externalId}`;
  const reference = shipmentReference(key);
  const baseKey = {
    orderKey: orderKeyText,
    ...key,
    reference,
  };

  const known = await readOrderState(store, key);
  const carrierRecord = await store.getShipment(reference);
  const base = {
    ...baseKey,
    ...(carrierRecord?.carrierChoice ? { carrierChoice: carrierRecord.carrierChoice } : {}),
  };
  const knownWaybill = known?.shipment?.waybill ?? carrierRecord?.waybill;
  /** The carrier said it holds no parcel under our reference: the order is checked like a new one. */
  let lookedUp = false;
  if (known?.shipment || carrierRecord) {
    const shipment: ShipmentState = known?.shipment ?? {
      reference,
      carrier: carrierRecord?.carrier ?? carrier.carrier,
      status: 'WAYBILL_PENDING',
      events: [],
      markedShipped: carrierRecord?.status === 'marked_shipped',
      approved: false,
    };
    // A create that may have reached the carrier without its answer (a crash, a lost answer): ask the
    // carrier for the parcel under our reference first, where it can be asked (VNPost).
    const found =
      knownWaybill ??
      (shipment.carrier === carrier.carrier
        ? (await lookUpPendingShipment(store, key, shipment, carrier, call))?.trackingNumber
        : undefined);
    if (found) {
      const done = await completeShipment(store, key, { ...shipment, waybill: found }, options, call);
      return {
        ...base,
        outcome: 'reused',
        carrier: done.carrier,
        trackingNumber: found,
        confirmed: false,
        approved: done.approved,
        markedShipped: done.markedShipped,
        reused: true,
      };
    }
    lookedUp = carrier.findShipment !== undefined && shipment.carrier === carrier.carrier;
  }

  // Re-read: the buyer may have cancelled, or asked to, since the order was listed.
  const fresh: AccountOrder = { ...(await marketplace.getOrder(order.externalId, call)), account };
  await applyOrderSnapshot(store, fresh);
  // A pending create the carrier cannot be asked about (ViettelPost) goes on to createShipment, which
  // answers from the store or the carrier's duplicate refusal — unless the order was cancelled (or a
  // cancel was requested) meanwhile: then nothing is sent again.
  const cancelled = fresh.status === 'CANCELLED' || fresh.status === 'CANCEL_REQUESTED';
  const refusal = known?.shipment && !lookedUp && !cancelled ? undefined : notShippable(orderKeyText, fresh);
  if (refusal) {
    if (known?.shipment || carrierRecord) {
      const kept = await keepOrForgetPending(store, key, reference, carrier);
      if (kept) throw withPendingNote(refusal, reference, carrier.carrier);
    }
    throw refusal;
  }
  if (fresh.status === 'PENDING_CONFIRM' && options.confirm === false) {
    throw new OrderNotShippableError(
      orderKeyText,
      fresh.status,
      'it is not confirmed and `confirm` is false',
      'đơn chưa được xác nhận (confirm: false)',
    );
  }
  const receiverPhone = fresh.buyer.phone;
  if (receiverPhone === undefined || !PhoneTextSchema.safeParse(receiverPhone).success) {
    // The marketplace gives no (or only a masked) buyer number: a carrier needs a receiver phone.
    // Refused before the order is confirmed or anything is sent to the carrier.
    const shown =
      receiverPhone === undefined ? 'no buyer phone' : `only a masked buyer phone (${receiverPhone})`;
    const shownVi =
      receiverPhone === undefined
        ? 'không có số điện thoại người mua'
        : `chỉ có số điện thoại đã che (${receiverPhone})`;
    throw new ValidationError(
      {
        vi: `${orderKeyText}: sàn ${shownVi}; hãng vận chuyển cần số điện thoại người nhận`,
        en: `${orderKeyText}: the marketplace gives ${shown}; a carrier needs the receiver's phone`,
      },
      [
        {
          path: 'buyer.phone',
          ...(receiverPhone !== undefined ? { value: receiverPhone } : {}),
          code: 'shipment.receiver_phone',
          messageVi: `Đơn ${orderKeyText}: sàn ${shownVi}; đơn vị vận chuyển cần số điện thoại người nhận (sàn tự giao đơn này, hoặc lấy số trên trang người bán)`,
          messageEn: `Order ${orderKeyText}: the marketplace gives ${shown}; a carrier needs the receiver's phone (the marketplace ships this order itself, or take the number from seller centre)`,
        },
      ],
    );
  }
  const parcel = options.parcel ?? parcelForOrder(fresh, await factsOf(store, fresh, options.catalog));
  let confirmed = false;
  if (fresh.status === 'PENDING_CONFIRM') {
    let confirmedOrder: Order;
    try {
      confirmedOrder = await marketplace.confirmOrder(fresh.externalId, call);
    } catch (error) {
      // Another process fulfilling the same order may have confirmed it a moment ago: the marketplace
      // refuses the second confirm as a status conflict. Confirmed (or further) is what we wanted.
      if (!(error instanceof OcopConnectError) || error.kind !== 'conflict') throw error;
      const current = await marketplace.getOrder(fresh.externalId, call);
      if (current.status === 'PENDING_CONFIRM' || current.status === 'CANCELLED') throw error;
      confirmedOrder = current;
    }
    await applyOrderSnapshot(store, { ...confirmedOrder, account });
    confirmed = true;
  }
  const receiver: Contact = {
    name: fresh.buyer.name,
    phone: receiverPhone,
    ...(fresh.buyer.email ? { email: fresh.buyer.email } : {}),
    address: fresh.shippingAddress,
  };
  const codAmountVnd = fresh.payment.method === 'cod' ? fresh.payment.codAmountVnd : 0;
  const quotes = await carrier.quote(
    { from: options.sender.address, to: receiver.address, parcel, codAmountVnd },
    call,
  );
  // The carrier choice (carrierForOrder) picked a service of this carrier and named it in its reason:
  // that one ships — unless this call names a service itself, which wins (and is recorded).
  const explicit = typeof options.service === 'object' ? options.service.serviceCode : undefined;
  if (explicit !== undefined) {
    const problem = serviceCodeProblem(
      orderKeyText,
      explicit,
      [{ carrier: carrier.carrier, quotes }],
      carrier.carrier,
    );
    if (problem) throw problem;
  }
  const recorded =
    carrierRecord?.carrierService && (carrierRecord.carrier ?? carrier.carrier) === carrier.carrier
      ? carrierRecord.carrierService
      : undefined;
  const chosen = explicit === undefined ? recorded : undefined;
  const quote = chooseQuote(quotes, chosen ? { serviceCode: chosen } : (options.service ?? 'cheapest'));
  if (quote && recorded && quote.serviceCode !== recorded) {
    await store.updateShipment(reference, (current) =>
      current
        ? {
            ...current,
            carrierService: quote.serviceCode,
            carrierChoice: `${current.carrierChoice ?? 'carrier chosen'}; service ${quote.serviceCode} as fulfil's service option asked`,
          }
        : current,
    );
  }
  if (!quote) {
    const quoted = quotes.map((q) => q.serviceCode).join(', ') || '—';
    throw new ValidationError(
      chosen
        ? {
            vi: `${carrier.carrier} không còn báo giá dịch vụ ${chosen} mà chính sách chọn hãng đã chọn cho ${orderKeyText} (dịch vụ đang báo giá: ${quoted})`,
            en: `${carrier.carrier} no longer quotes service ${chosen}, which the carrier policy chose for ${orderKeyText} (quoted now: ${quoted})`,
          }
        : {
            vi: `Không có dịch vụ ${carrier.carrier} phù hợp với chính sách cho ${orderKeyText}`,
            en: `No ${carrier.carrier} service matches the policy for ${orderKeyText}`,
          },
      [
        {
          path: 'service',
          code: 'shipment.no_service',
          messageVi: chosen
            ? `${carrier.carrier} không còn báo giá dịch vụ ${chosen} mà chính sách chọn hãng đã chọn cho đơn ${orderKeyText} (dịch vụ đang báo giá: ${quoted})`
            : `Không có dịch vụ ${carrier.carrier} phù hợp cho đơn ${orderKeyText}`,
          messageEn: chosen
            ? `${carrier.carrier} no longer quotes service ${chosen}, which the carrier policy chose for order ${orderKeyText} (quoted now: ${quoted})`
            : `No ${carrier.carrier} service matches the policy for order ${orderKeyText}`,
        },
      ],
    );
  }
  // Durable before the create: a crash after it still knows the reference was used. An atomic claim:
  // when another fulfil (another process sharing the store) claimed this order since it was read here,
  // this call creates nothing and reports that one's parcel as reused.
  const claim = { id: randomUUID(), at: new Date().toISOString() };
  const { claim: _previous, ...unclaimed } = known?.shipment ?? {
    reference,
    carrier: carrier.carrier,
    status: 'WAYBILL_PENDING' as const,
    events: [],
    markedShipped: false,
    approved: false,
  };
  const pending: ShipmentState = { ...unclaimed, claim };
  if (!(await claimCreate(store, key, pending, known?.shipment))) {
    return awaitOtherCreate(order, options, { ...base, carrier: carrier.carrier, confirmed }, fulfilOrder);
  }
  let created: Shipment;
  let done: ShipmentState;
  try {
    created = await carrier.createShipment(
      { sender: options.sender, receiver, parcel, serviceCode: quote.serviceCode, codAmountVnd },
      { ...call, reference },
    );
    if (created.trackingNumber) {
      const withWaybill: ShipmentState = {
        ...pending,
        waybill: created.trackingNumber,
        ...(pending.status === 'WAYBILL_PENDING' ? { status: created.status } : {}),
      };
      await saveShipment(store, key, withWaybill, created.status);
      done = await completeShipment(
        store,
        key,
        { ...withWaybill, waybill: created.trackingNumber },
        options,
        call,
      );
    } else {
      await endClaim(store, key, claim.id, { ended: 'waybill_pending' });
      done = pending;
    }
  } catch (error) {
    // Racing calls waiting for this claim stop waiting (they report the failure, nothing sent by them).
    await endClaim(store, key, claim.id, {
      ended: 'failed',
      reason: error instanceof Error ? error.message : String(error),
    }).catch(() => undefined);
    throw error;
  }
  if (!created.trackingNumber) {
    return {
      ...base,
      outcome: 'waybill_pending',
      carrier: carrier.carrier,
      quote,
      parcel,
      confirmed,
      approved: false,
      markedShipped: false,
      reused: false,
    };
  }
  return {
    ...base,
    outcome: 'shipped',
    carrier: carrier.carrier,
    quote,
    parcel,
    trackingNumber: created.trackingNumber,
    confirmed,
    approved: done.approved,
    markedShipped: done.markedShipped,
    reused: false,
  };
}

/** Unit facts from the catalog given, else from the store (recorded when the catalog was published). */
export async function factsOf(
  store: StateStore,
  order: Order,
  catalog: FulfilOptions['catalog'],
): Promise<ReadonlyMap<string, UnitFacts>> {
  if (catalog) return catalog instanceof Map ? catalog : unitFactsFromCatalog(catalog as Iterable<unknown>);
  const facts = new Map<string, UnitFacts>();
  for (const line of order.lines) {
    const unit = (await readLedgerState(store, line.sku)).unit;
    if (unit) facts.set(line.sku, unit);
  }
  return facts;
}
