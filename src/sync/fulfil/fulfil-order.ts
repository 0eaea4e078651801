import { createHash, randomUUID } from 'node:crypto';
import { ConfigurationError, OcopConnectError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { Order } from '../../model/order.js';
import { PhoneTextSchema } from '../../model/product.js';
import {
  type Contact,
  normaliseServiceCode,
  type Parcel,
  type Quote,
  type Shipment,
} from '../../model/shipment.js';
import type { OrderStatus } from '../../model/status.js';
import type { CancelShipmentOutcome, CarrierAdapter, MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore, StoreTransaction } from '../../store/state-store.js';
import { nearestName } from '../../vn/admin/nearest-name.js';
import { type AccountOrder, applyOrderSnapshot } from '../orders/apply-order.js';
import {
  type OrderState,
  readLedgerState,
  readOrderState,
  type ShipmentState,
  writeOrderState,
} from '../orders/order-state.js';
import {
  FulfilInProgressError,
  OrderNotShippableError,
  ParcelCancelPendingError,
  ParcelCancelRefusedError,
} from './errors.js';
import { parcelForOrder, type UnitFacts, unitFactsFromCatalog } from './parcel.js';
import { serviceCodeProblem } from './service-check.js';

/** How to pick a carrier service among the quotes. */
export type ServicePolicy = 'cheapest' | 'fastest' | { serviceCode: string };

export interface FulfilOptions {
  /** The marketplace account the order came from (platform and account must match the order's). */
  marketplace: MarketplaceAdapter;
  /** Quotes and creates the shipment. */
  carrier: CarrierAdapter;
  /** Remembers the shipment per order (order record + carrier reference), so a rerun never ships twice. */
  store: StateStore;
  /** The cooperative (name, phone, pick-up address). */
  sender: Contact;
  /**
   * Products (as given to `publish`) whose variant weight and dimensions make the parcel. A line whose SKU
   * it does not know is a ValidationError. Ignored when `parcel` is given.
   * @default the unit weights and sizes the store recorded when the catalog was published or synced
   */
  catalog?: Iterable<unknown> | ReadonlyMap<string, UnitFacts>;
  /** The box, when you weigh it yourself. @default built from `catalog` */
  parcel?: Parcel;
  /** Confirm a PENDING_CONFIRM order on the marketplace before shipping it. @default true */
  confirm?: boolean;
  /** Tell the carrier to come once the shipment exists (ViettelPost: approve the waybill). @default true */
  approve?: boolean;
  /** @default 'cheapest' */
  service?: ServicePolicy;
  /** Passed to every carrier and marketplace call. @default none */
  signal?: AbortSignal;
}

/**
 * - `shipped`: a shipment was created and its tracking number given to the marketplace;
 * - `waybill_pending`: the carrier has the shipment (its create answer was lost) but not yet told us the
 *   waybill number: the journey webhook, or the next run, completes it;
 * - `reused`: the store already held this order's shipment; nothing new was created.
 */
export type FulfilOutcome = 'shipped' | 'waybill_pending' | 'reused';

export interface FulfilResult {
  outcome: FulfilOutcome;
  /** `platform:externalId`. */
  orderKey: string;
  platform: string;
  account: string;
  externalId: string;
  /** The deterministic reference sent to the carrier. */
  reference: string;
  carrier: string;
  /** Set when this call quoted and created the shipment. */
  quote?: Quote;
  /** The parcel sent to the carrier (this call). */
  parcel?: Parcel;
  /** Undefined while the waybill is pending. */
  trackingNumber?: string;
  /** This call confirmed the order on the marketplace (it was PENDING_CONFIRM). */
  confirmed: boolean;
  /** The carrier has been told to come (by this call or an earlier one). */
  approved: boolean;
  /** The marketplace holds the tracking number. */
  markedShipped: boolean;
  /** True when the store already held a shipment for this order: no second shipment was created. */
  reused: boolean;
  /** Why this carrier ships the order, when a carrier policy chose it (see `carrierForOrder`). */
  carrierChoice?: string;
}

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
  const full = `${order.platform}-${order.account}-${order.externalId}`;
  const clean = full.replace(/[^A-Za-z0-9_-]/g, '-');
  if (clean.length <= 50 && clean === full) return clean;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 10);
  return `${clean.slice(0, 39)}-${hash}`;
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
/**
 * The `service` option as documented — `'cheapest'`, `'fastest'` or `{ serviceCode }` — or a bilingual
 * ValidationError (path `service`) saying what was given and what to write: a typo of a keyword gets
 * its did-you-mean, a bare string that is not a keyword is taken for a service code given the wrong way
 * (`{ serviceCode: "CTN001" }`), an object without a `serviceCode` names the fields it had (#16).
 */
export function assertServicePolicy(service: unknown): asserts service is ServicePolicy | undefined {
  if (service === undefined || service === 'cheapest' || service === 'fastest') return;
  const issue = (value: unknown, en: string, vi: string) =>
    new ValidationError(`fulfil option service: ${en}`, [
      { path: 'service', value, code: 'shipment.service_option', messageEn: en, messageVi: vi },
    ]);
  if (service === null) {
    throw issue(
      'null',
      'got null; leave service out for "cheapest", or write "cheapest", "fastest" or { serviceCode: "…" }',
      'nhận được null; bỏ service để dùng "cheapest", hoặc viết "cheapest", "fastest" hay { serviceCode: "…" }',
    );
  }
  if (typeof service === 'string' && service.trim() === '') {
    throw issue(
      service,
      'it is empty; leave service out for "cheapest", or write "cheapest", "fastest" or { serviceCode: "…" }',
      'đang để trống; bỏ service để dùng "cheapest", hoặc viết "cheapest", "fastest" hay { serviceCode: "…" }',
    );
  }
  if (typeof service === 'string') {
    const near = nearestName(service, ['cheapest', 'fastest']);
    if (near) {
      throw issue(
        service,
        `"${service}" is not a service policy; did you mean "${near}"? (use "cheapest", "fastest" or { serviceCode: "…" })`,
        `"${service}" không phải chính sách dịch vụ; có phải "${near}"? (dùng "cheapest", "fastest" hoặc { serviceCode: "…" })`,
      );
    }
    throw issue(
      service,
      `"${service}" is not "cheapest" or "fastest"; to ship with that service code write { serviceCode: "${service}" }`,
      `"${service}" không phải "cheapest" hay "fastest"; để gửi bằng mã dịch vụ này hãy viết { serviceCode: "${service}" }`,
    );
  }
  if (typeof service === 'object' && service !== null && !Array.isArray(service)) {
    const code = (service as { serviceCode?: unknown }).serviceCode;
    const extra = Object.keys(service).filter((k) => k !== 'serviceCode');
    if (typeof code === 'string' && code.trim() !== '' && extra.length > 0) {
      // Fail loud: an unknown field is a typo or a misunderstanding, never silently ignored.
      throw issue(
        service,
        `{ serviceCode, ${extra.join(', ')} }: unknown field${extra.length > 1 ? 's' : ''} ${extra.join(', ')} — the service option takes only serviceCode; write { serviceCode: "${code}" }`,
        `{ serviceCode, ${extra.join(', ')} }: trường không hợp lệ ${extra.join(', ')} — tùy chọn service chỉ nhận serviceCode; hãy viết { serviceCode: "${code}" }`,
      );
    }
    if (typeof code === 'string' && code.trim() !== '') return;
    const fields = Object.keys(service).join(', ') || 'no field';
    const given = Object.values(service).find((v) => typeof v === 'string' && v.trim() !== '');
    const hint = typeof given === 'string' ? `{ serviceCode: "${given}" }` : '{ serviceCode: "…" }';
    throw issue(
      service,
      `{ ${fields} } names no service code (serviceCode is ${code === undefined ? 'missing' : 'empty'}); write ${hint}`,
      `{ ${fields} } không có mã dịch vụ (thiếu hoặc rỗng serviceCode); hãy viết ${hint}`,
    );
  }
  throw issue(
    String(service),
    `expected "cheapest", "fastest" or { serviceCode: "…" }, got ${typeof service}`,
    `cần "cheapest", "fastest" hoặc { serviceCode: "…" }, nhận được ${typeof service}`,
  );
}

/**
 * The `service` option checked (`assertServicePolicy`) with its service code normalised like every
 * service code (`normaliseServiceCode`: trimmed, upper case — `{ serviceCode: 'ctn001' }` is CTN001,
 * as the CLI's `--service ctn001`).
 */
export function servicePolicyOf(service: unknown): ServicePolicy | undefined {
  assertServicePolicy(service);
  return typeof service === 'object' ? { serviceCode: normaliseServiceCode(service.serviceCode) } : service;
}

export async function fulfilOrder(order: Order, given: FulfilOptions): Promise<FulfilResult> {
  const service = servicePolicyOf(given.service);
  const options: FulfilOptions = service === undefined ? given : { ...given, service };
  const { carrier, marketplace, store } = options;
  const account = order.account ?? marketplace.account;
  if (marketplace.platform !== order.platform || account !== marketplace.account) {
    throw new ConfigurationError('Wrong marketplace for this order', [
      `order ${order.platform}/${account}:${order.externalId} does not belong to ${marketplace.platform}/${marketplace.account}`,
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
      `${orderKeyText}: the marketplace gives ${shown}; a carrier needs the receiver's phone`,
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
        ? `${carrier.carrier} no longer quotes service ${chosen}, which the carrier policy chose for ${orderKeyText} (quoted now: ${quoted})`
        : `No ${carrier.carrier} service matches the policy for ${orderKeyText}`,
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
    return awaitOtherCreate(order, options, { ...base, carrier: carrier.carrier, confirmed });
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

/** How long a fulfil that lost the race for an order's create waits for the winner's parcel. */
export const FULFIL_RACE_WAIT_MS = 30_000;
const FULFIL_RACE_POLL_MS = 100;

/**
 * The atomic claim of an order's create: written only while the order's shipment is still the one this
 * call read (`seen`: none, or the same claim) and holds no waybill. False when another call claimed or
 * completed it meanwhile.
 */
async function claimCreate(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  pending: ShipmentState,
  seen: ShipmentState | undefined,
): Promise<boolean> {
  return store.transaction(
    async (tx) => {
      const current = (await readOrderState(tx, key))?.shipment;
      const same =
        current?.waybill === undefined &&
        (current === undefined) === (seen === undefined) &&
        current?.claim?.id === seen?.claim?.id;
      if (!same) return false;
      await writeShipment(tx, key, pending, 'creating', pending.claim);
      return true;
    },
    { durable: true },
  );
}

/** The claimed attempt ended without a waybill: racing calls waiting for it stop waiting. */
async function endClaim(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  claimId: string,
  end: { ended: 'waybill_pending' | 'failed'; reason?: string },
): Promise<void> {
  await store.transaction(
    async (tx) => {
      const state = await readOrderState(tx, key);
      const claim = state?.shipment?.claim;
      if (!state?.shipment || claim?.id !== claimId) return;
      await writeOrderState(tx, key, {
        ...state,
        shipment: { ...state.shipment, claim: { ...claim, ...end } },
      });
    },
    { durable: true },
  );
}

/**
 * This call lost the claim of the order's create to another fulfil (another process sharing the store):
 * it sends nothing and waits (up to FULFIL_RACE_WAIT_MS) for that call's parcel — then answers as a rerun
 * would (`reused`, completing what is left), or `waybill_pending` reused, or FulfilInProgressError (still
 * running, or failed: its reason).
 */
async function awaitOtherCreate(
  order: Order,
  options: FulfilOptions,
  base: Omit<FulfilResult, 'outcome' | 'approved' | 'markedShipped' | 'reused'>,
): Promise<FulfilResult> {
  const key = { platform: base.platform, account: base.account, externalId: base.externalId };
  const deadline = Date.now() + FULFIL_RACE_WAIT_MS;
  for (;;) {
    options.signal?.throwIfAborted();
    const shipment = (await readOrderState(options.store, key))?.shipment;
    const claim = shipment?.claim;
    // The parcel exists and its claimer is done with it (or gave up): the rerun path reports it reused
    // (completing what is left). The claim was dropped (the order can no longer ship): a rerun says why.
    if (!shipment || (shipment.waybill && (shipment.markedShipped || claim?.ended))) {
      return fulfilOrder(order, options);
    }
    if (!shipment.waybill && claim?.ended === 'waybill_pending') {
      return { ...base, outcome: 'waybill_pending', approved: false, markedShipped: false, reused: true };
    }
    if (!shipment.waybill && claim?.ended === 'failed') {
      throw new FulfilInProgressError(base.orderKey, claim.at, claim.reason ?? 'unknown error');
    }
    if (Date.now() >= deadline) throw new FulfilInProgressError(base.orderKey, claim?.at ?? 'unknown time');
    await new Promise((resolve) => setTimeout(resolve, FULFIL_RACE_POLL_MS));
  }
}

/**
 * A shipment whose waybill is unknown (its create may have reached the carrier without an answer): asks
 * the carrier for the parcel under our reference (`findShipment`; VNPost looks it up, ViettelPost has no
 * such lookup). Found → the waybill is saved on the order and the carrier record, durably. Undefined when
 * the carrier holds none or cannot be asked.
 */
export async function lookUpPendingShipment(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  shipment: ShipmentState,
  carrier: CarrierAdapter,
  call: CallOptions,
): Promise<{ trackingNumber: string } | undefined> {
  if (shipment.waybill) return { trackingNumber: shipment.waybill };
  if (!carrier.findShipment) return undefined;
  const found = await carrier.findShipment(shipment.reference, call);
  if (!found) return undefined;
  const status = found.status && found.status !== 'WAYBILL_PENDING' ? found.status : 'CREATED';
  await saveShipment(
    store,
    key,
    {
      ...shipment,
      waybill: found.trackingNumber,
      ...(shipment.status === 'WAYBILL_PENDING' ? { status } : {}),
    },
    status,
  );
  return { trackingNumber: found.trackingNumber };
}

/**
 * The order can no longer ship and its create's parcel was not found. When a create may have been sent
 * (the adapter's record holds `pendingSince`) and the carrier cannot yet say it never committed (VNPost's
 * list may lag; ViettelPost cannot be asked), the reference is kept pending in the store: `fulfilPending`
 * and `catchUpWebhooks` keep looking it up, and a parcel that appears is cancelled at the carrier, never
 * marked shipped. Otherwise (nothing was sent, or the carrier says the create settled without a parcel)
 * the attempt is forgotten. True when kept.
 */
async function keepOrForgetPending(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  reference: string,
  carrier: CarrierAdapter,
): Promise<boolean> {
  const record = await store.getShipment(reference);
  const maybeSent = record?.pendingSince !== undefined && record.waybill === undefined;
  const settled =
    maybeSent && carrier.pendingCreateSettled ? await carrier.pendingCreateSettled(reference) : false;
  if (maybeSent && !settled) return true;
  await clearPendingShipment(store, key);
  if (maybeSent && settled) {
    await store.updateShipment(reference, (current) => {
      if (!current || current.waybill) return current;
      const { pendingSince: _settled, ...rest } = current;
      return rest;
    });
  }
  return false;
}

function withPendingNote(
  refusal: OrderNotShippableError,
  reference: string,
  carrier: string,
): OrderNotShippableError {
  return new OrderNotShippableError(
    refusal.orderKey,
    refusal.status,
    `${refusal.reason}; a create under reference ${reference} may still reach ${carrier}: it stays pending, and fulfilPending / catchUpWebhooks cancel its parcel at ${carrier} if one appears`,
    `${refusal.messageVi}; lệnh tạo vận đơn mã ${reference} có thể vẫn tới ${carrier}: mã được giữ chờ, và fulfilPending / catchUpWebhooks sẽ hủy vận đơn tại ${carrier} nếu nó xuất hiện`,
  );
}

/** Drops an order's shipment that never reached the carrier (the carrier said it holds none). */
export async function clearPendingShipment(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
): Promise<void> {
  await store.transaction(
    async (tx) => {
      const state = await readOrderState(tx, key);
      if (!state?.shipment || state.shipment.waybill) return;
      const { shipment: _dropped, ...rest } = state;
      await writeOrderState(tx, key, rest);
    },
    { durable: true },
  );
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

/** Approve at the carrier and give the marketplace the tracking number, each once, recorded as done. */
export async function completeShipment(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  shipment: ShipmentState & { waybill: string },
  options: Pick<FulfilOptions, 'carrier' | 'marketplace' | 'approve'>,
  call: CallOptions,
): Promise<ShipmentState> {
  let current = shipment;
  if (!current.markedShipped) current = await refuseIfCancelled(store, key, current, options, call);
  if (!current.approved && options.approve !== false && options.carrier.approveShipment) {
    await options.carrier.approveShipment(current.waybill, call);
    current = { ...current, approved: true };
    await saveShipment(store, key, current, current.status);
  }
  if (!current.markedShipped) {
    const shipped = await options.marketplace.markShipped(
      key.externalId,
      { carrier: current.carrier, trackingNumber: current.waybill },
      call,
    );
    current = { ...current, markedShipped: true };
    await saveShipment(store, key, current, 'marked_shipped');
    // The marketplace's answer is the order's newest snapshot (SHIPPED on Voso, READY_TO_SHIP on Postmart).
    await applyOrderSnapshot(store, { ...shipped, account: key.account });
  }
  return current;
}

/**
 * Before a parcel is approved or its tracking number given to the marketplace, the order is read again:
 * a parcel whose create's answer was lost may appear after the buyer cancelled. A cancelled order's
 * parcel is cancelled at the carrier; an order with a pending cancel request is held (neither approved
 * nor marked shipped) until the seller accepts (the next run cancels the parcel) or refuses it (the next
 * run ships it). Both end in OrderNotShippableError naming the parcel.
 */
async function refuseIfCancelled(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  shipment: ShipmentState & { waybill: string },
  options: Pick<FulfilOptions, 'carrier' | 'marketplace'>,
  call: CallOptions,
): Promise<ShipmentState & { waybill: string }> {
  const fresh = await options.marketplace.getOrder(key.externalId, call);
  await applyOrderSnapshot(store, { ...fresh, account: key.account });
  const orderKey = `${key.platform}:${key.externalId}`;
  const { carrier } = options;
  if (fresh.status === 'CANCEL_REQUESTED') {
    throw new OrderNotShippableError(
      orderKey,
      fresh.status,
      `the buyer asked to cancel: its parcel ${shipment.waybill} at ${carrier.carrier} is held (not approved, not marked shipped) — refuse the request and the next run ships it, accept it and the next run cancels the parcel`,
      `người mua đã yêu cầu hủy: vận đơn ${shipment.waybill} tại ${carrier.carrier} được giữ lại (chưa duyệt, chưa báo đã giao cho sàn) — từ chối yêu cầu thì lần chạy sau sẽ giao, chấp nhận thì lần chạy sau sẽ hủy vận đơn`,
    );
  }
  if (fresh.status !== 'CANCELLED') return shipment;
  if (shipment.cancelRefused) {
    throw new ParcelCancelRefusedError(
      orderKey,
      carrier.carrier,
      shipment.waybill,
      shipment.cancelRefused.reason,
    );
  }
  if (shipment.status !== 'CANCELLED') {
    let outcome: CancelShipmentOutcome | undefined;
    try {
      outcome =
        (await carrier.cancelShipment(shipment.waybill, 'order cancelled on the marketplace', call)) ||
        undefined;
    } catch (error) {
      // The carrier said no (picked up, case not approved): the parcel is live — recorded, never retried.
      if (!(error instanceof OcopConnectError) || error.kind !== 'conflict') throw error;
      const reason = error.message;
      await markCancelRefused(store, key, reason);
      throw new ParcelCancelRefusedError(orderKey, carrier.carrier, shipment.waybill, reason);
    }
    const record = await store.getShipment(shipment.reference);
    if (
      outcome?.state === 'pending' ||
      (record?.cancelPendingSince && record.carrierStatus !== 'CANCELLED')
    ) {
      // VNPost answered "waiting for approval": the order stays open here, the next run checks the case.
      throw new ParcelCancelPendingError(
        orderKey,
        carrier.carrier,
        shipment.waybill,
        outcome?.caseId ?? record?.cancelCaseId,
        record?.cancelPendingSince ?? new Date().toISOString(),
      );
    }
    await markShipmentCancelled(store, key);
  }
  throw new OrderNotShippableError(
    orderKey,
    fresh.status,
    `the order was cancelled: its parcel ${shipment.waybill} (created before the cancellation was seen) was cancelled at ${carrier.carrier}, not marked shipped`,
    `đơn đã bị hủy: vận đơn ${shipment.waybill} (được tạo trước khi thấy lệnh hủy) đã được hủy tại ${carrier.carrier}, không báo đã giao cho sàn`,
  );
}

/** The order was cancelled and its parcel cannot be (carrier refused, past pickup): terminal, a person acts. */
export async function markCancelRefused(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  reason: string,
): Promise<void> {
  await store.transaction(
    async (tx) => {
      const state = await readOrderState(tx, key);
      if (!state?.shipment) return;
      await writeOrderState(tx, key, {
        ...state,
        shipment: { ...state.shipment, cancelRefused: { at: new Date().toISOString(), reason } },
      });
    },
    { durable: true },
  );
}

/** Our own cancel of the order's parcel was accepted by the carrier: the shipment is CANCELLED. */
export async function markShipmentCancelled(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
): Promise<void> {
  await store.transaction(
    async (tx) => {
      const state = await readOrderState(tx, key);
      if (!state?.shipment) return;
      await writeOrderState(tx, key, { ...state, shipment: { ...state.shipment, status: 'CANCELLED' } });
    },
    { durable: true },
  );
}

/** The shipment part of the order record and the carrier's reference record, together and durably. */
export async function saveShipment(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  shipment: ShipmentState,
  carrierStatus: string,
): Promise<OrderState | undefined> {
  return store.transaction((tx) => writeShipment(tx, key, shipment, carrierStatus), { durable: true });
}

async function writeShipment(
  tx: StoreTransaction,
  key: { platform: string; account: string; externalId: string },
  shipment: ShipmentState,
  carrierStatus: string,
  /** A new claim of the order's create (claimCreate); otherwise the stored claim is kept. */
  newClaim?: ShipmentState['claim'],
): Promise<OrderState | undefined> {
  const state = await readOrderState(tx, key);
  if (state) {
    // Keep what webhooks added meanwhile (later status, dedupe keys).
    const merged: ShipmentState = state.shipment
      ? {
          ...shipment,
          status: state.shipment.status === 'WAYBILL_PENDING' ? shipment.status : state.shipment.status,
          ...(state.shipment.statusAt ? { statusAt: state.shipment.statusAt } : {}),
          events: [...new Set([...state.shipment.events, ...shipment.events])],
          waybill: shipment.waybill ?? state.shipment.waybill,
          approved: shipment.approved || state.shipment.approved,
          markedShipped: shipment.markedShipped || state.shipment.markedShipped,
          claim: newClaim ?? state.shipment.claim,
        }
      : { ...shipment, claim: newClaim ?? shipment.claim };
    if (merged.waybill === undefined) delete merged.waybill;
    if (merged.claim === undefined) delete merged.claim;
    await writeOrderState(tx, key, { ...state, shipment: merged });
  }
  // Merged into the carrier's record: the carrier adapter keeps its own fields there (status, pending).
  await tx.updateShipment(shipment.reference, (previous) => {
    const waybill = shipment.waybill ?? previous?.waybill;
    return {
      ...previous,
      reference: shipment.reference,
      carrier: previous?.carrier ?? shipment.carrier,
      ...(waybill ? { waybill } : {}),
      status: previous?.status === 'marked_shipped' ? 'marked_shipped' : carrierStatus,
    };
  });
  return state;
}
