import type { KeyObject } from 'node:crypto';
import {
  ConfigurationError,
  ConflictError,
  ContractViolationError,
  InvalidRequestError,
  OutcomeUnknownError,
  ServerError,
  ValidationError,
} from '../../core/errors.js';
import { createPlatformClient } from '../../core/platform-client.js';
import type { CallOptions, PlatformClient, PlatformClientEventEmitter } from '../../core/types.js';
import type { Address } from '../../model/address.js';
import type { Quote, Shipment, ShipmentEvent } from '../../model/shipment.js';
import { type ShipmentStatus, ShipmentStatusSchema } from '../../model/status.js';
import { type CarrierShipmentRecord, createMemoryShipmentStore } from '../carrier-state.js';
import type {
  CancelShipmentOutcome,
  CarrierAdapter,
  CarrierCapabilities,
  CarrierShipmentMatch,
  CarrierWebhookReceipt,
  CreateShipmentOptions,
  HeaderBag,
  LabelSize,
  QuoteRequest,
  ShipmentRequest,
} from '../types.js';
import { createVnpostAuth, TOKEN_HEADER } from './auth.js';
import {
  resolveVnpostAddress,
  VnpostCatalog,
  type VnpostResolvedAddress,
  type VnpostUnit,
} from './catalog.js';
import {
  mapVnpostError,
  UnknownVnpostStatusError,
  VNPOST,
  VnpostCaseRefusedError,
  VnpostReferenceSpentError,
} from './errors.js';
import {
  API_PREFIX,
  MAX_ITEMS_PER_LABEL,
  MAX_LIST_PAGE_SIZE,
  resolveVnpostOptions,
  type VnpostOptions,
} from './options.js';
import {
  assertReference,
  correctionBody,
  createOrderBody,
  ORDER_TYPE_SEND,
  servicesChargeBody,
} from './order-payload.js';
import { knownServiceCode, validQuoteRequest, validShipmentRequest } from './request-validation.js';
import {
  type CaseAnswer,
  caseAnswer,
  detailFromRecord,
  flattenResults,
  historyFrom,
  orderRecord,
  quoteFromRow,
  quoteRows,
  type VnpostOrderDetail,
  type VnpostStatusStep,
} from './response-mapping.js';
import { compareVnpostUpdates, following, VnpostShipmentState } from './shipment-state.js';
import { classifyVnpostStatus, normaliseStatusCode, vnpostStage } from './status-table.js';
import { formatVnpostDay } from './vietnam-time.js';
import {
  parseVnpostWebhook,
  toPublicKey,
  type UnknownVnpostStatus,
  type VnpostShipmentEvent,
  type VnpostWebhookBatch,
  verifyVnpostWebhook,
} from './webhook.js';
import { readString, type WireRecord } from './wire.js';

/** getOrder / GetStatusHistoryOrder `type`: look the order up by its tracking number (itemCode). */
export const LOOKUP_BY_ITEM_CODE = '1';
/** Cancel / correction answer `Type`: accepted now, or waiting for VNPost's approval. */
export const CASE_ACCEPTED = '00';
export const CASE_PENDING = '02';
/** Carrier statuses after which nothing is polled any more. */
const FINAL_STATUSES: ReadonlySet<string> = new Set(['DELIVERED', 'RETURNED', 'CANCELLED', 'REJECTED']);
/** A parcel VNPost can still cancel (not picked up yet). */
const BEFORE_PICKUP: ReadonlySet<string> = new Set(['WAYBILL_PENDING', 'CREATED', 'PENDING_PICKUP']);
/** Most pages of GetListOrder read while looking for a lost create. */
const MAX_LOOKUP_PAGES = 20;

export interface VnpostCatalogs {
  provinces(options?: CallOptions): Promise<VnpostUnit[]>;
  districts(options?: CallOptions): Promise<VnpostUnit[]>;
  communes(options?: CallOptions): Promise<VnpostUnit[]>;
  /** 2025 provinces (34). */
  provincesNew(options?: CallOptions): Promise<VnpostUnit[]>;
  /** 2025 communes; `parentCode` is the 2025 province. */
  communesNew(options?: CallOptions): Promise<VnpostUnit[]>;
}

export interface CaseResult {
  /** Accepted at once ("00"), or waiting for VNPost's approval ("02"; `refreshShipments` follows it up). */
  state: 'accepted' | 'pending';
  caseId?: string;
  message: string;
}

export interface VnpostAdapter extends CarrierAdapter {
  readonly carrier: 'vnpost';
  readonly catalogs: VnpostCatalogs;
  readonly events: PlatformClientEventEmitter;
  refreshCatalogs(): void;
  resolveAddress(address: Address, options?: CallOptions): Promise<VnpostResolvedAddress>;
  /** ServicesCharge without a service code: every service open to the account, cheapest first. */
  quote(request: QuoteRequest, options?: CallOptions): Promise<Quote[]>;
  /** ServicesCharge for one service. */
  quoteService(request: QuoteRequest, serviceCode: string, options?: CallOptions): Promise<Quote>;
  /**
   * CreateOrder with our reference as `saleOrderCode`. MyVNPost offers no duplicate protection, so:
   * a reference already holding a waybill is answered from the store (nothing sent); one whose create
   * may have been sent before (store intent) is looked up first, and while that intent is younger than
   * `lostCreateSettleMs` a lookup that finds nothing ends in OutcomeUnknownError (`retryAfterMs`: when
   * it may create) — VNPost's list may lag behind a create; after a lost answer the order is looked up
   * by reference, never re-sent; without a store, the reference is looked up before the first create;
   * a failed lookup ends in OutcomeUnknownError, never a guess.
   */
  createShipment(request: ShipmentRequest, options: CreateShipmentOptions): Promise<Shipment>;
  /**
   * orderCorrection of the order's data (before pickup). The parcel is checked like a create's; a
   * parcel without description or items keeps the order's current content note.
   */
  editShipment(trackingNumber: string, request: ShipmentRequest, options?: CallOptions): Promise<CaseResult>;
  /**
   * orderCancel; throws VnpostCaseRefusedError when VNPost refuses (e.g. already picked up). `pending`
   * (Type "02"): nothing is recorded yet — VNPost's decision arrives as a status (9 cancelled, or the
   * journey going on), by webhook or by `refreshShipments()`.
   */
  cancelOrder(trackingNumber: string, options?: CallOptions): Promise<CaseResult>;
  /** orderCancel: `pending` while VNPost's approval is awaited (Type "02"), `cancelled` when accepted. */
  cancelShipment(
    trackingNumber: string,
    reason?: string,
    options?: CallOptions,
  ): Promise<CancelShipmentOutcome>;
  /** getOrder by tracking number; undefined when VNPost has no such order. */
  getShipment(trackingNumber: string, options?: CallOptions): Promise<VnpostOrderDetail | undefined>;
  /** GetListOrder over the lookup window, filtered by our reference (`saleOrderCode`). */
  findByReference(reference: string, options?: CallOptions): Promise<VnpostOrderDetail | undefined>;
  statusHistory(trackingNumber: string, options?: CallOptions): Promise<VnpostStatusStep[]>;
  /** exportListReport: one PDF per answer element (≤ 100 parcels a call). */
  labels(trackingNumbers: readonly string[], options?: CallOptions): Promise<Buffer[]>;
  /** The first label PDF as a `data:application/pdf;base64,…` URL (MyVNPost serves no label page). */
  labelUrl(trackingNumbers: readonly string[], size?: LabelSize, options?: CallOptions): Promise<string>;
  /** Every item of a delivery: known events, and unknown codes kept apart (never mapped by guesswork). */
  parseWebhookBatch(rawBody: string | Buffer): VnpostWebhookBatch;
  /**
   * Every item's event (claims: only `signed` ones are covered by the signature, and none carries a
   * `reference`); UnknownVnpostStatusError when any code is not in the table.
   */
  parseWebhookEvents(rawBody: string | Buffer): VnpostShipmentEvent[];
  /** The delivery's one event; several items → ContractViolationError (use parseWebhookEvents). */
  parseWebhook(rawBody: string | Buffer): VnpostShipmentEvent;
  /**
   * The verified path. VNPost signs only the first item's tracking number and status (and `sendDate`):
   * that item is applied; every other item only when VNPost's status history (GetStatusHistoryOrder)
   * confirms its code, with the history's time. The reference comes from the store (by waybill) or
   * VNPost's order record, never from the delivery. Events are applied by time, then journey stage.
   * Unknown codes and refused items are returned, logged, not applied, and `httpStatus` is non-2xx so
   * the receiver makes VNPost redeliver.
   */
  receiveWebhook(rawBody: string | Buffer, headers: HeaderBag): Promise<VnpostWebhookOutcome>;
  /** Folds an already verified event into the store; a redelivery changes nothing. */
  applyEvent(event: VnpostShipmentEvent): Promise<CarrierShipmentRecord | undefined>;
  /** The stored record of a reference. */
  shipmentRecord(reference: string): Promise<CarrierShipmentRecord | undefined>;
  /** References whose create may have been sent and whose waybill is unknown, oldest first. */
  pendingShipments(): Promise<CarrierShipmentRecord[]>;
  /** True when the lost create of `reference` is past `lostCreateSettleMs` (or none is pending). */
  pendingCreateSettled(reference: string): Promise<boolean>;
  /**
   * Status polling, the catch-up for missed webhooks (MyVNPost cannot resend them): reads
   * GetStatusHistoryOrder of every VNPost record in the store that has a waybill and is not final — a
   * cancel or correction answered "02" (waiting for VNPost's approval) included — and folds the steps
   * into the store by time and journey stage. A step with a code missing from the table stops that
   * parcel there (reported, nothing after it applied). `references` limits it to those records.
   */
  refreshShipments(options?: CallOptions & { references?: readonly string[] }): Promise<VnpostRefreshResult>;
  /**
   * `receiveWebhook` in the carrier-neutral shape the connector's webhook endpoint reads: the applied
   * (trusted) events, the answer, one line per item not applied.
   */
  receiveWebhookEvents(rawBody: string | Buffer, headers: HeaderBag): Promise<CarrierWebhookReceipt>;
  /** `findByReference` as a carrier-neutral match (the connector completes lost creates with it). */
  findShipment(reference: string, options?: CallOptions): Promise<CarrierShipmentMatch | undefined>;
  /** The journey stage of a MyVNPost code (ties between events of one instant: a later stage wins). */
  journeyStage(rawStatus: string | number): number | undefined;
  /** True when the TLS legacy-renegotiation allowance is on for this adapter's API host. */
  readonly legacyTlsRenegotiation: boolean;
}

/** What one status-polling run did. */
export interface VnpostRefreshResult {
  /** Records read, with their carrier status before and after (equal: nothing new). */
  refreshed: { reference: string; waybill: string; before?: string; after?: string; rawStatus?: string }[];
  /** Parcels whose history holds a code missing from the table: applied up to it, flagged. */
  unknown: { reference: string; waybill: string; rawStatus: string; rawStatusLabel?: string }[];
  failed: { reference: string; waybill: string; error: Error }[];
  /**
   * Every known step read, as an event carrying our reference, per parcel by time then journey stage (the
   * connector's `catchUpWebhooks` applies them to the orders). Steps after an unknown code are left out.
   */
  events: ShipmentEvent[];
}

/** An item of a verified delivery that was not applied, and why. */
export interface RefusedVnpostItem {
  itemCode: string;
  rawStatus: string;
  /**
   * - `unconfirmed`: not covered by the signature, and VNPost's status history of that tracking number
   *   (or VNPost's order record) does not confirm it — possibly appended by someone else;
   * - `lookup_failed`: it needed VNPost's confirmation and the lookup failed (answer non-2xx, VNPost
   *   redelivers).
   */
  reason: 'unconfirmed' | 'lookup_failed';
  message: string;
}

export type VnpostWebhookOutcome =
  | {
      verified: false;
      /** Answer VNPost with this: the signature does not verify. */
      httpStatus: 401;
    }
  | {
      verified: true;
      /**
       * Answer VNPost with this. 200: every item was applied (or is about no parcel of ours). 422:
       * an item carries a status code missing from the table, or an unsigned item was not confirmed —
       * nothing of it was applied; VNPost redelivers and the operator sees it. 503: a confirmation
       * lookup failed; try again.
       */
      httpStatus: 200 | 422 | 503;
      /** Applied events (signed, or confirmed by VNPost's history), by time then journey stage. */
      events: VnpostShipmentEvent[];
      /** Status codes missing from the table: flagged with their raw code, never mapped, not applied. */
      unknown: UnknownVnpostStatus[];
      /** Items not applied (unsigned and unconfirmed, or their confirmation failed). */
      refused: RefusedVnpostItem[];
      /** The stored record after each event of `events` (undefined: no parcel of ours). */
      shipments: (CarrierShipmentRecord | undefined)[];
    };

const CAPABILITIES: CarrierCapabilities = {
  twoLevelAddresses: true,
  // No idempotency key: duplicates are prevented by lookup-by-reference, not by the platform.
  idempotentCreate: false,
  labels: true,
  webhooks: true,
  cashOnDelivery: true,
};

/** Creates a MyVNPost adapter. Options are validated here; a ConfigurationError lists every problem. */
export function vnpost(input: VnpostOptions): VnpostAdapter {
  const options = resolveVnpostOptions(input);
  let publicKey: KeyObject | undefined;
  if (options.webhookPublicKey) {
    try {
      publicKey = toPublicKey(options.webhookPublicKey);
    } catch (error) {
      throw new ConfigurationError('Invalid VNPost options', ['webhookPublicKey: not an RSA public key'], {
        platform: VNPOST,
        cause: error,
      });
    }
  }
  let client: PlatformClient | undefined;
  const auth = createVnpostAuth(options, () => client!);
  client = createPlatformClient({
    platform: VNPOST,
    account: options.account,
    baseUrl: options.baseUrl,
    mapError: mapVnpostError,
    auth,
    rateLimits: options.rateLimits,
    ...(options.limiter ? { limiter: options.limiter } : {}),
    legacyTlsRenegotiation: options.legacyTlsRenegotiation,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    redaction: { headers: [TOKEN_HEADER], bodyFields: ['password', 'token'] },
  });
  const http: PlatformClient = client;
  const logger = http.logger;
  const catalog = new VnpostCatalog(http, options.catalogTtlMs, options.now);
  const account = {
    customerCode: options.credentials.customerCode,
    ...(options.contractCode ? { contractCode: options.contractCode } : {}),
  };
  const state = new VnpostShipmentState(
    options.store ?? createMemoryShipmentStore(options.now),
    options.account,
  );
  const nowIso = () => new Date(options.now()).toISOString();

  async function resolveBoth(from: Address, to: Address, call?: CallOptions) {
    return Promise.all([resolveVnpostAddress(catalog, from, call), resolveVnpostAddress(catalog, to, call)]);
  }

  async function servicesCharge(input: QuoteRequest, serviceCode: string | undefined, call?: CallOptions) {
    const request = validQuoteRequest(input);
    const [sender, receiver] = await resolveBoth(request.from, request.to, call);
    const response = await http.request(
      {
        operation: 'servicesCharge',
        method: 'POST',
        path: `${API_PREFIX}/ServicesCharge`,
        body: servicesChargeBody(request, sender.codes, receiver.codes, account, serviceCode),
        trafficClass: 'read',
        idempotent: true,
      },
      call,
    );
    return quoteRows(response.data, 'servicesCharge').map((row) => quoteFromRow(row, 'servicesCharge'));
  }

  function shipmentFromRecord(
    record: WireRecord,
    request: ShipmentRequest,
    reference: string,
    recovered: boolean,
  ): Shipment {
    const detail = detailFromRecord(record, 'createOrder');
    const at = nowIso();
    // The status of the code VNPost reported, from the one status table (1 → CREATED, as getOrder and
    // the history say); a parcel adopted later may be further on. No code, or one not in the table: it
    // exists, so CREATED (the raw code is kept and flagged).
    const status: ShipmentStatus = detail.status ?? 'CREATED';
    if (detail.unknownStatus) {
      logger.warn(
        { event: 'status.unknown', rawStatus: detail.rawStatus },
        'MyVNPost status code not in the table',
      );
    }
    return {
      carrier: VNPOST,
      reference,
      trackingNumber: detail.itemCode,
      status,
      ...(detail.rawStatus !== undefined ? { rawStatus: detail.rawStatus } : {}),
      ...(detail.rawStatusLabel ? { rawStatusLabel: detail.rawStatusLabel } : {}),
      serviceCode: detail.serviceCode ?? request.serviceCode,
      ...(detail.totalFeeVnd !== undefined ? { fees: { totalVnd: detail.totalFeeVnd } } : {}),
      codAmountVnd: detail.codAmountVnd ?? request.codAmountVnd ?? 0,
      ...(detail.chargeableWeightGrams !== undefined
        ? { chargeableWeightGrams: detail.chargeableWeightGrams }
        : {}),
      createdAt: at,
      updatedAt: at,
      externalIds: {
        [VNPOST]: detail.itemCode,
        ...(detail.originalId ? { [`${VNPOST}:originalId`]: detail.originalId } : {}),
        ...(recovered ? { [`${VNPOST}:recovered`]: 'true' } : {}),
      },
    };
  }

  async function findRecordByReference(
    reference: string,
    call?: CallOptions,
  ): Promise<WireRecord | undefined> {
    const nowMs = options.now();
    const query = {
      lastUpdateFrom: formatVnpostDay(nowMs - options.lookupWindowDays * 24 * 60 * 60 * 1000),
      lastUpdateTo: formatVnpostDay(nowMs + 24 * 60 * 60 * 1000),
      type: ORDER_TYPE_SEND,
      size: MAX_LIST_PAGE_SIZE,
      isInternational: 'false',
    };
    const matches: WireRecord[] = [];
    for (let page = 0; page < MAX_LOOKUP_PAGES; page++) {
      const response = await http.request(
        {
          operation: 'getListOrder',
          method: 'GET',
          path: `${API_PREFIX}/GetListOrder`,
          query: { ...query, page },
        },
        call,
      );
      const rows = flattenResults(response.data);
      matches.push(...rows.filter((row) => readString(row.saleOrderCode)?.trim() === reference));
      if (rows.length < MAX_LIST_PAGE_SIZE) break;
    }
    // A cancelled parcel under this reference is not the create we are looking for (a predecessor).
    const live = matches.filter((m) => {
      const code = normaliseStatusCode(m.status);
      const c = code !== undefined ? classifyVnpostStatus(code) : undefined;
      return !(c?.known && c.status === 'CANCELLED');
    });
    if (live.length > 1) {
      logger.warn(
        { event: 'lookup.severalOrders', reference, count: live.length },
        'several live VNPost orders carry one reference',
      );
    }
    return live[0];
  }

  async function orderOf(
    trackingNumber: string,
    call?: CallOptions,
  ): Promise<VnpostOrderDetail & { originalId: string }> {
    const detail = await adapter.getShipment(trackingNumber, call);
    if (!detail) {
      throw new ValidationError(`VNPost has no order ${trackingNumber}`, [
        {
          path: 'trackingNumber',
          value: trackingNumber,
          code: 'vnpost.order_unknown',
          messageVi: `VNPost không có đơn ${trackingNumber}`,
          messageEn: `VNPost has no order ${trackingNumber}`,
          platform: VNPOST,
        },
      ]);
    }
    if (!detail.originalId)
      throw new ContractViolationError(`MyVNPost getOrder: ${trackingNumber} has no originalID`, {
        platform: VNPOST,
        operation: 'getOrder',
      });
    return { ...detail, originalId: detail.originalId };
  }

  function caseResultOf(answer: CaseAnswer, operation: string, trackingNumber: string): CaseResult {
    if (answer.type === CASE_ACCEPTED || answer.type === CASE_PENDING) {
      return {
        state: answer.type === CASE_ACCEPTED ? 'accepted' : 'pending',
        ...(answer.caseId ? { caseId: answer.caseId } : {}),
        message: answer.message,
      };
    }
    throw new VnpostCaseRefusedError(
      `MyVNPost ${operation} of ${trackingNumber} refused (Type ${answer.type}): ${answer.message || '(no message)'}`,
      answer.type,
      { platform: VNPOST, operation, platformCode: answer.type, platformMessage: answer.message },
    );
  }

  function assertLabelBatch(trackingNumbers: readonly string[]): void {
    if (trackingNumbers.length >= 1 && trackingNumbers.length <= MAX_ITEMS_PER_LABEL) return;
    throw new ValidationError(
      `A VNPost label call needs 1–${MAX_ITEMS_PER_LABEL} tracking numbers, got ${trackingNumbers.length}`,
      [
        {
          path: 'trackingNumbers',
          value: trackingNumbers.length,
          code: 'vnpost.label_batch_size',
          messageVi: `Mỗi lần in cần từ 1 đến ${MAX_ITEMS_PER_LABEL} số hiệu bưu gửi`,
          messageEn: `A label call needs 1–${MAX_ITEMS_PER_LABEL} tracking numbers`,
          platform: VNPOST,
        },
      ],
    );
  }

  /** When a lost create sent at `pendingSince` may be called never created (undefined: unreadable time). */
  function settleTime(pendingSince: string): number | undefined {
    const sentAt = Date.parse(pendingSince);
    if (Number.isNaN(sentAt)) {
      logger.warn(
        { event: 'createShipment.pendingSinceUnreadable', pendingSince },
        'the stored time of a lost create cannot be read; treating it as settled',
      );
      return undefined;
    }
    return sentAt + options.lostCreateSettleMs;
  }

  /** A lost create inside its settle horizon: nothing is sent; the error says when a retry may create. */
  function unsettled(
    reference: string,
    pendingSince: string,
    settledAt: number,
    what: string,
    cause?: unknown,
  ) {
    const retryAt = new Date(settledAt).toISOString();
    const minutes = Math.round(options.lostCreateSettleMs / 60_000);
    const messageEn = `VNPost: the create for reference ${reference} sent at ${pendingSince} has no answer and VNPost lists no order under it (${what}); its list may lag, so nothing was sent now. Retry after ${retryAt} (lostCreateSettleMs ≈ ${minutes} min): until then a retry only looks it up; after it, with still no order under ${reference}, it creates.`;
    const messageVi = `VNPost: đơn tạo cho mã ${reference} gửi lúc ${pendingSince} chưa có phản hồi và VNPost chưa liệt kê đơn nào mang mã này; không gửi lại lúc này. Thử lại sau ${retryAt} (lostCreateSettleMs ≈ ${minutes} phút): trước đó mỗi lần thử chỉ tra cứu; sau đó, nếu vẫn không có đơn mang mã ${reference}, sẽ tạo đơn.`;
    // Each language alone too (`messageVi` / `messageEn`): the CLI prints the run's one (#16 re-trial 6).
    return Object.assign(
      new OutcomeUnknownError(`${messageEn} / ${messageVi}`, {
        platform: VNPOST,
        operation: 'createOrder',
        // Safe to retry (a retry only looks the reference up until settledAt, then creates): the
        // message's "retry after" and `retriable` agree (#16).
        retriable: true,
        retryAfterMs: Math.max(0, settledAt - options.now()),
        ...(cause !== undefined ? { cause } : {}),
      }),
      { messageVi, messageEn },
    );
  }

  const lossText = (loss: OutcomeUnknownError | ServerError) =>
    loss instanceof ServerError ? `a server error (HTTP ${loss.httpStatus ?? '5xx'})` : 'lost';

  /**
   * The CreateOrder answer was lost (or a 5xx): look for the order by reference (VNPost's list may lag, so again
   * at the configured delays). Found → it is adopted. Not found, or the lookup fails → OutcomeUnknownError;
   * the store keeps `pendingSince`, so the next run looks again before it creates anything.
   */
  async function lookupAfterLoss(
    reference: string,
    loss: OutcomeUnknownError | ServerError,
    call: CallOptions,
  ) {
    const started = Date.now();
    for (const delayMs of options.lostCreateLookupDelaysMs) {
      const wait = delayMs - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      let found: WireRecord | undefined;
      try {
        found = await findRecordByReference(reference, call);
      } catch (error) {
        throw new OutcomeUnknownError(
          `VNPost: the CreateOrder answer for reference ${reference} was ${lossText(loss)} and looking it up failed; nothing was sent again (the next run looks it up first)`,
          { platform: VNPOST, operation: 'createOrder', cause: error },
        );
      }
      if (found) {
        logger.warn(
          { event: 'createShipment.recovered', reference },
          'lost CreateOrder answer: order found by reference',
        );
        return found;
      }
    }
    const pendingSince = (await state.get(reference))?.pendingSince ?? nowIso();
    const settledAt = settleTime(pendingSince) ?? options.now() + options.lostCreateSettleMs;
    throw unsettled(
      reference,
      pendingSince,
      settledAt,
      `the CreateOrder answer was ${lossText(loss)}; ${options.lostCreateLookupDelaysMs.length} lookups found nothing`,
      loss,
    );
  }

  async function adopt(record: WireRecord, request: ShipmentRequest, reference: string, recovered: boolean) {
    const shipment = shipmentFromRecord(record, request, reference, recovered);
    await state.recordCreated(reference, {
      waybill: shipment.trackingNumber!,
      status: shipment.status,
      rawStatus: String(shipment.rawStatus ?? ''),
    });
    return shipment;
  }

  function updateOf(event: VnpostShipmentEvent) {
    return {
      status: event.status,
      rawStatus: String(event.rawStatus),
      at: event.occurredAt,
      waybill: event.trackingNumber,
      ...(event.futureDateClamped ? { clamped: true } : {}),
    };
  }

  const inFlight = new Map<string, Promise<Shipment>>();

  /**
   * One create attempt for `reference`. The send is preceded by an atomic claim in the store
   * (`markSending` compares what was read here): when another process claimed the reference in
   * between, nothing is sent — its parcel is answered when it already has a waybill, else a
   * ConflictError says a create is in flight.
   */
  async function createOnce(
    request: ShipmentRequest,
    reference: string,
    call: CallOptions,
    afterLostClaim = false,
  ): Promise<Shipment> {
    const known = await state.get(reference);
    const ours = known !== undefined && (known.carrier === undefined || known.carrier === VNPOST);
    if (ours && known.waybill) {
      if (known.spent) throw new VnpostReferenceSpentError(reference, known.waybill);
      const status = ShipmentStatusSchema.safeParse(known.carrierStatus);
      return {
        carrier: VNPOST,
        reference,
        trackingNumber: known.waybill,
        status: status.success ? status.data : 'CREATED',
        ...(known.rawStatus !== undefined ? { rawStatus: known.rawStatus } : {}),
        serviceCode: request.serviceCode,
        codAmountVnd: request.codAmountVnd ?? 0,
        createdAt: known.updatedAt,
        updatedAt: known.updatedAt,
        externalIds: { [VNPOST]: known.waybill },
      };
    }
    const [sender, receiver] = await resolveBoth(request.sender.address, request.receiver.address, call);
    if (ours && known.pendingSince !== undefined) {
      // A create for this reference may already have reached VNPost (an earlier run lost its answer).
      let found: WireRecord | undefined;
      try {
        found = await findRecordByReference(reference, call);
      } catch (error) {
        throw new OutcomeUnknownError(
          `VNPost: a create for reference ${reference} may have been sent before, and looking it up failed; nothing was sent now`,
          { platform: VNPOST, operation: 'createOrder', cause: error },
        );
      }
      if (found) return adopt(found, request, reference, true);
      // Not listed (yet): VNPost may commit late and its list lags. Only after the settle horizon
      // does "not listed" mean "never created".
      const settledAt = settleTime(known.pendingSince);
      if (settledAt !== undefined && options.now() < settledAt) {
        throw unsettled(reference, known.pendingSince, settledAt, 'looked up again');
      }
      logger.warn(
        { event: 'createShipment.resend', reference, pendingSince: known.pendingSince },
        'a create whose answer was lost is still not listed by VNPost after the settle horizon: sending it again',
      );
    } else if (!options.store) {
      // No store: nothing here remembers an earlier create (another process, a restart). VNPost is
      // asked first, so a reference it already holds is adopted rather than created twice.
      const found = await findRecordByReference(reference, call);
      if (found) return adopt(found, request, reference, true);
    }
    const claimed = await state.markSending(reference, nowIso(), known);
    if (!claimed) {
      const now = await state.get(reference);
      if (!afterLostClaim && now?.waybill && (now.carrier === undefined || now.carrier === VNPOST)) {
        return createOnce(request, reference, call, true);
      }
      throw new ConflictError(
        `VNPost: another create for reference ${reference} is in flight (claimed at ${now?.pendingSince ?? 'unknown time'} by another caller sharing this store); nothing was sent by this call. Retry later: the reference is then looked up before anything is created. / Một lệnh tạo đơn khác cho mã ${reference} đang được xử lý; lệnh này không gửi gì. Thử lại sau.`,
        { platform: VNPOST, operation: 'createOrder' },
      );
    }
    let response: Awaited<ReturnType<typeof http.request>>;
    try {
      response = await http.request(
        {
          operation: 'createOrder',
          method: 'POST',
          path: `${API_PREFIX}/CreateOrder`,
          body: createOrderBody(request, reference, sender.codes, receiver.codes, account),
          trafficClass: 'write',
          // Not idempotent at VNPost: never re-sent blindly. A lost answer is handled below.
        },
        call,
      );
    } catch (error) {
      // A 5xx may come after VNPost wrote the order (a gateway, a crash after the commit): as
      // uncertain as a lost answer, so it is looked up the same way and never re-sent blindly.
      if (!(error instanceof OutcomeUnknownError || error instanceof ServerError)) throw error;
      const found = await lookupAfterLoss(reference, error, call);
      return adopt(found, request, reference, true);
    }
    return adopt(orderRecord(response.data, 'createOrder'), request, reference, false);
  }

  const adapter: VnpostAdapter = {
    carrier: VNPOST,
    account: options.account,
    capabilities: CAPABILITIES,
    events: http.events,
    legacyTlsRenegotiation: options.legacyTlsRenegotiation,
    catalogs: {
      provinces: (o) => catalog.list('getAllProvince', o),
      districts: (o) => catalog.list('getAllDistrict', o),
      communes: (o) => catalog.list('getAllCommune', o),
      provincesNew: (o) => catalog.list('getNewProvinceAll', o),
      communesNew: (o) => catalog.list('getNewCommuneAll', o),
    },

    refreshCatalogs() {
      catalog.refresh();
    },

    resolveAddress(address, call) {
      return resolveVnpostAddress(catalog, address, call);
    },

    async quote(request, call) {
      const quotes = await servicesCharge(request, undefined, call);
      return quotes.sort((a, b) => a.totalVnd - b.totalVnd || a.serviceCode.localeCompare(b.serviceCode));
    },

    async quoteService(request, requestedCode, call) {
      const serviceCode = knownServiceCode(requestedCode, options.extraServices);
      const quotes = await servicesCharge(request, serviceCode, call);
      const quote = quotes.find((q) => q.serviceCode === serviceCode);
      if (!quote)
        throw new ContractViolationError(`MyVNPost ServicesCharge returned no row for ${serviceCode}`, {
          platform: VNPOST,
          operation: 'servicesCharge',
        });
      return quote;
    },

    async createShipment(input, createOptions) {
      const { reference, ...call } = createOptions;
      assertReference(reference);
      const request = validShipmentRequest(input, 'createOrder', options.extraServices);
      // Single-flight per reference in this adapter: concurrent callers share one attempt and its result.
      const running = inFlight.get(reference);
      if (running) return running;
      const attempt = createOnce(request, reference, call).finally(() => inFlight.delete(reference));
      inFlight.set(reference, attempt);
      return attempt;
    },

    async editShipment(trackingNumber, input, call) {
      const request = validShipmentRequest(input, 'orderCorrection', options.extraServices);
      const order = await orderOf(trackingNumber, call);
      const [sender, receiver] = await resolveBoth(request.sender.address, request.receiver.address, call);
      const response = await http.request(
        {
          operation: 'orderCorrection',
          method: 'POST',
          path: `${API_PREFIX}/orderCorrection`,
          body: correctionBody(
            request,
            { originalId: order.originalId, itemCode: trackingNumber },
            sender.codes,
            receiver.codes,
            account,
            order.contentNote,
          ),
          trafficClass: 'write',
          // A correction carries the full new data: repeating it leaves the same result.
          idempotent: true,
        },
        call,
      );
      return caseResultOf(caseAnswer(response.data, 'orderCorrection'), 'orderCorrection', trackingNumber);
    },

    async cancelOrder(trackingNumber, call) {
      const held = await state.byWaybill(trackingNumber);
      if (held?.cancelPendingSince) {
        // A case waits for VNPost's approval: never a second one. Its decision shows in the parcel.
        const detail = await adapter.getShipment(trackingNumber, call);
        if (detail?.status === 'CANCELLED') {
          await state.recordCancelled(held.reference, nowIso());
          return {
            state: 'accepted',
            ...(held.cancelCaseId ? { caseId: held.cancelCaseId } : {}),
            message: 'approved',
          };
        }
        if (detail?.status !== undefined && !BEFORE_PICKUP.has(detail.status)) {
          await state.clearCancelPending(held.reference);
          throw new VnpostCaseRefusedError(
            `MyVNPost orderCancel of ${trackingNumber} (case ${held.cancelCaseId ?? '?'}) was not approved: the parcel is ${detail.status} (${detail.rawStatus ?? '?'}) and travels on — a person must act / yêu cầu hủy vận đơn ${trackingNumber} không được duyệt: bưu gửi đang ${detail.status}, vẫn được vận chuyển — cần người xử lý`,
            'refused',
            { platform: VNPOST, operation: 'orderCancel' },
          );
        }
        return {
          state: 'pending',
          ...(held.cancelCaseId ? { caseId: held.cancelCaseId } : {}),
          message: `waiting for VNPost's approval since ${held.cancelPendingSince}`,
        };
      }
      const { originalId } = await orderOf(trackingNumber, call);
      const response = await http.request(
        {
          operation: 'orderCancel',
          method: 'POST',
          path: `${API_PREFIX}/orderCancel`,
          body: { OriginalId: originalId },
          trafficClass: 'write',
          // Cancelling twice cancels once.
          idempotent: true,
        },
        call,
      );
      const result = caseResultOf(caseAnswer(response.data, 'orderCancel'), 'orderCancel', trackingNumber);
      if (result.state === 'accepted') {
        const record = await state.byWaybill(trackingNumber);
        if (record) await state.recordCancelled(record.reference, nowIso());
      } else {
        const record = await state.byWaybill(trackingNumber);
        if (record) await state.recordCancelPending(record.reference, nowIso(), result.caseId);
        logger.info(
          { event: 'orderCancel.pending', trackingNumber, caseId: result.caseId },
          'VNPost cancel waits for approval (Type 02): refreshShipments() or the webhook records the outcome',
        );
      }
      return result;
    },

    async cancelShipment(trackingNumber, _reason, call) {
      // "02" is not done: VNPost must approve it first (refreshShipments / the webhook tell its fate).
      const result = await adapter.cancelOrder(trackingNumber, call);
      return result.state === 'pending'
        ? { state: 'pending', ...(result.caseId ? { caseId: result.caseId } : {}) }
        : { state: 'cancelled' };
    },

    async getShipment(trackingNumber, call) {
      const response = await http.request(
        {
          operation: 'getOrder',
          method: 'GET',
          path: `${API_PREFIX}/getOrder`,
          query: { type: LOOKUP_BY_ITEM_CODE, code: trackingNumber },
        },
        call,
      );
      const record = flattenResults(response.data).find(
        (r) => readString(r.itemCode)?.trim() === trackingNumber,
      );
      return record ? detailFromRecord(record, 'getOrder') : undefined;
    },

    async findByReference(reference, call) {
      const record = await findRecordByReference(reference, call);
      return record ? detailFromRecord(record, 'getListOrder') : undefined;
    },

    async statusHistory(trackingNumber, call) {
      const response = await http.request(
        {
          operation: 'getStatusHistoryOrder',
          method: 'GET',
          path: `${API_PREFIX}/GetStatusHistoryOrder`,
          query: { type: LOOKUP_BY_ITEM_CODE, code: trackingNumber },
        },
        call,
      );
      return historyFrom(response.data, 'getStatusHistoryOrder');
    },

    async labels(trackingNumbers, call) {
      assertLabelBatch(trackingNumbers);
      const response = await http.request(
        {
          operation: 'exportListReport',
          method: 'POST',
          path: `${API_PREFIX}/exportListReport`,
          body: [...trackingNumbers],
          trafficClass: 'read',
          idempotent: true,
        },
        call,
      );
      const items = Array.isArray(response.data) ? response.data : [response.data];
      const files: Buffer[] = [];
      for (const item of items) {
        const bytes = typeof item === 'string' ? Buffer.from(item, 'base64') : undefined;
        if (bytes && bytes.length > 0) files.push(bytes);
      }
      if (files.length === 0) {
        throw new ContractViolationError('MyVNPost exportListReport returned no base64 file', {
          platform: VNPOST,
          operation: 'exportListReport',
        });
      }
      return files;
    },

    async labelUrl(trackingNumbers, _size, call) {
      const [first] = await adapter.labels(trackingNumbers, call);
      return `data:application/pdf;base64,${first!.toString('base64')}`;
    },

    verifyWebhook(rawBody: string | Buffer, _headers: HeaderBag) {
      const ok = verifyVnpostWebhook(rawBody, publicKey);
      if (!ok) {
        logger.warn(
          { event: 'webhook.unverified', publicKey: publicKey ? 'configured' : 'missing' },
          'VNPost webhook refused: the RSA-SHA256 signature does not verify with the configured public key',
        );
      }
      return ok;
    },

    parseWebhookBatch(rawBody) {
      return parseVnpostWebhook(rawBody, options.now());
    },

    parseWebhookEvents(rawBody) {
      const batch = parseVnpostWebhook(rawBody, options.now());
      if (batch.unknown.length > 0) {
        throw new UnknownVnpostStatusError(
          batch.unknown.map((u) => ({
            itemCode: u.itemCode,
            rawStatus: u.rawStatus,
            ...(u.rawStatusLabel ? { rawStatusLabel: u.rawStatusLabel } : {}),
          })),
        );
      }
      return batch.events;
    },

    parseWebhook(rawBody) {
      const events = adapter.parseWebhookEvents(rawBody);
      if (events.length !== 1) {
        throw new ContractViolationError(
          `MyVNPost webhook carries ${events.length} items; read them with parseWebhookEvents`,
          { platform: VNPOST, operation: 'webhook' },
        );
      }
      return events[0]!;
    },

    async receiveWebhook(rawBody, headers) {
      if (!adapter.verifyWebhook(rawBody, headers)) return { verified: false, httpStatus: 401 };
      const batch = parseVnpostWebhook(rawBody, options.now());
      const refused: RefusedVnpostItem[] = [];
      const confirmed: VnpostShipmentEvent[] = [];
      const histories = new Map<string, Promise<VnpostStatusStep[]>>();
      for (const event of batch.events) {
        if (event.signed) {
          confirmed.push(event);
          continue;
        }
        // Not covered by the signature: applied only as VNPost's own history reports it.
        const code = String(event.rawStatus);
        try {
          let history = histories.get(event.trackingNumber);
          if (!history) {
            history = adapter.statusHistory(event.trackingNumber);
            histories.set(event.trackingNumber, history);
          }
          const step = (await history)
            .filter((s) => s.rawStatus === code && s.occurredAt !== undefined)
            .at(-1);
          if (!step) {
            refused.push({
              itemCode: event.trackingNumber,
              rawStatus: code,
              reason: 'unconfirmed',
              message: `unsigned item ${event.trackingNumber}=${code} is not in VNPost's status history; not applied`,
            });
            continue;
          }
          const occurredAt = step.occurredAt!;
          confirmed.push({
            ...event,
            occurredAt,
            dedupeKey: `${VNPOST}:${event.trackingNumber}:${code}:${occurredAt}`,
          });
        } catch (error) {
          refused.push({
            itemCode: event.trackingNumber,
            rawStatus: code,
            // VNPost answering "no such order" (4xx) is a refusal; anything else may pass: retry.
            reason: error instanceof InvalidRequestError ? 'unconfirmed' : 'lookup_failed',
            message: `unsigned item ${event.trackingNumber}=${code}: VNPost's status history could not be read (${(error as Error).message})`,
          });
        }
      }
      confirmed.sort((a, b) => compareVnpostUpdates(updateOf(a), updateOf(b)));
      const events: VnpostShipmentEvent[] = [];
      const shipments: (CarrierShipmentRecord | undefined)[] = [];
      for (const event of confirmed) {
        // The reference is never taken from the delivery (not signed): the store knows the waybill, or
        // VNPost's own order record names it.
        let reference = (await state.byWaybill(event.trackingNumber))?.reference;
        if (reference === undefined) {
          try {
            reference = (await adapter.getShipment(event.trackingNumber))?.reference;
          } catch (error) {
            refused.push({
              itemCode: event.trackingNumber,
              rawStatus: String(event.rawStatus),
              reason: 'lookup_failed',
              message: `${event.trackingNumber}: VNPost's order record could not be read to find its reference (${(error as Error).message})`,
            });
            continue;
          }
        }
        const applied: VnpostShipmentEvent = { ...event, ...(reference ? { reference } : {}) };
        events.push(applied);
        shipments.push(reference ? await state.apply(reference, updateOf(applied)) : undefined);
      }
      const clamped = batch.events.filter((e) => e.futureDateClamped);
      if (clamped.length > 0) {
        logger.warn(
          {
            event: 'webhook.futureDate',
            items: clamped.map((e) => `${e.trackingNumber}=${e.rawStatus} @ ${e.rawOccurredAt}`),
          },
          'VNPost webhook dated in the future beyond the allowed clock skew: its time was clamped to receive time + skew',
        );
      }
      if (batch.unknown.length > 0) {
        logger.warn(
          { event: 'webhook.unknownStatus', codes: batch.unknown.map((u) => u.rawStatus) },
          'VNPost webhook carries status codes missing from the status table; they were not applied',
        );
      }
      if (refused.length > 0) {
        logger.warn(
          {
            event: 'webhook.refusedItems',
            items: refused.map((r) => `${r.itemCode}=${r.rawStatus} ${r.reason}`),
          },
          'VNPost webhook items not covered by the signature and not confirmed by VNPost were not applied',
        );
      }
      const httpStatus = refused.some((r) => r.reason === 'lookup_failed')
        ? 503
        : refused.length > 0 || batch.unknown.length > 0
          ? 422
          : 200;
      return { verified: true, httpStatus, events, unknown: batch.unknown, refused, shipments };
    },

    async receiveWebhookEvents(rawBody, headers) {
      const outcome = await adapter.receiveWebhook(rawBody, headers);
      if (!outcome.verified) return outcome;
      return {
        verified: true,
        httpStatus: outcome.httpStatus,
        events: outcome.events,
        notApplied: [
          ...outcome.refused.map((r) => `${r.itemCode}=${r.rawStatus}: ${r.reason}: ${r.message}`),
          ...outcome.unknown.map(
            (u) =>
              `${u.itemCode}=${u.rawStatus}: status code not in the VNPost table (mã trạng thái không có trong bảng)`,
          ),
        ],
      };
    },

    async findShipment(reference, call) {
      const found = await adapter.findByReference(reference, call);
      if (!found) return undefined;
      return {
        reference,
        trackingNumber: found.itemCode,
        ...(found.status ? { status: found.status } : {}),
        ...(found.rawStatus !== undefined ? { rawStatus: found.rawStatus } : {}),
      };
    },

    journeyStage(rawStatus) {
      return vnpostStage(normaliseStatusCode(rawStatus));
    },

    applyEvent(event) {
      return state.apply(event.reference, updateOf(event));
    },

    async shipmentRecord(reference) {
      const record = await state.get(reference);
      // Records written before `status` followed the carrier status read the same as new ones.
      return record ? following(record) : undefined;
    },

    pendingShipments() {
      return state.pending();
    },

    async pendingCreateSettled(reference) {
      const record = await state.get(reference);
      if (!record?.pendingSince || record.waybill) return true;
      const settledAt = settleTime(record.pendingSince);
      return settledAt === undefined || options.now() >= settledAt;
    },

    async refreshShipments(refreshOptions = {}) {
      const { references, ...call } = refreshOptions;
      const wanted = references ? new Set(references) : undefined;
      const result: VnpostRefreshResult = { refreshed: [], unknown: [], failed: [], events: [] };
      const records = (await state.store.listShipments()).filter(
        (r) =>
          r.carrier === VNPOST &&
          // Another VNPost account's parcels are that account's adapter's to poll.
          (r.account === undefined || r.account === options.account) &&
          r.waybill !== undefined &&
          // A final status from a future-dated (clamped) webhook is a claim VNPost's history must confirm.
          (wanted
            ? wanted.has(r.reference)
            : !FINAL_STATUSES.has(r.carrierStatus ?? '') || r.lastEventClamped === true),
      );
      for (const record of records) {
        const waybill = record.waybill!;
        let steps: VnpostStatusStep[];
        try {
          steps = await adapter.statusHistory(waybill, call);
        } catch (error) {
          result.failed.push({ reference: record.reference, waybill, error: error as Error });
          continue;
        }
        const ordered = steps
          .filter((step) => step.occurredAt !== undefined)
          .map((step, index) => ({
            step,
            index,
            update: { status: step.status, rawStatus: step.rawStatus, at: step.occurredAt!, waybill },
          }))
          // By time, then journey stage; a code without a stage keeps VNPost's own order.
          .sort((a, b) =>
            a.step.unknownStatus || b.step.unknownStatus
              ? a.update.at.localeCompare(b.update.at) || a.index - b.index
              : compareVnpostUpdates(a.update, b.update) || a.index - b.index,
          );
        let after: CarrierShipmentRecord | undefined = record;
        for (const { step, update } of ordered) {
          if (step.unknownStatus || update.status === undefined) {
            // Never move past a step not understood: flagged, the rest waits for the table.
            result.unknown.push({
              reference: record.reference,
              waybill,
              rawStatus: step.rawStatus,
              ...(step.rawStatusLabel ? { rawStatusLabel: step.rawStatusLabel } : {}),
            });
            break;
          }
          after = await state.apply(record.reference, { ...update, status: update.status });
          const classified = classifyVnpostStatus(step.rawStatus);
          result.events.push({
            carrier: VNPOST,
            trackingNumber: waybill,
            reference: record.reference,
            status: update.status,
            rawStatus: step.rawStatus,
            ...(step.rawStatusLabel ? { rawStatusLabel: step.rawStatusLabel } : {}),
            occurredAt: update.at,
            terminal: classified.known && classified.terminal,
            // The same key as the webhook of this step: a late delivery of it is a duplicate.
            dedupeKey: `${VNPOST}:${waybill}:${step.rawStatus}:${update.at}`,
          });
        }
        result.refreshed.push({
          reference: record.reference,
          waybill,
          ...(record.carrierStatus ? { before: record.carrierStatus } : {}),
          ...(after?.carrierStatus ? { after: after.carrierStatus } : {}),
          ...(after?.rawStatus ? { rawStatus: after.rawStatus } : {}),
        });
      }
      return result;
    },

    async close() {
      await http.close();
    },
  };
  return adapter;
}
