import type { CallOptions, PlatformClient, PlatformClientEventEmitter } from '../../core/types.js';
import type { Address } from '../../model/address.js';
import type { Quote, Shipment } from '../../model/shipment.js';
import { withArgumentChecks } from '../carrier-arguments.js';
import { createCarrierClient } from '../carrier-client.js';
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
import type { VnpostContext } from './context.js';
import { mapVnpostError, VNPOST } from './errors.js';
import { createLostCreates } from './lost-create.js';
import { VNPOST_CATALOG_METHODS, VNPOST_METHODS } from './method-arguments.js';
import { resolveVnpostOptions, type VnpostOptions } from './options.js';
import { type CaseResult, createOrderActions } from './order-actions.js';
import { createOrderLookups } from './order-lookups.js';
import { createQuotes } from './quotes.js';
import type { VnpostOrderDetail, VnpostStatusStep } from './response-mapping.js';
import { following, VnpostShipmentState } from './shipment-state.js';
import { createShipments } from './shipments.js';
import { createStatusPolling, type VnpostRefreshResult } from './status-polling.js';
import { normaliseStatusCode, vnpostStage } from './status-table.js';
import type { VnpostShipmentEvent, VnpostWebhookBatch } from './webhook.js';
import {
  createWebhookHandling,
  updateOf,
  type VnpostWebhookOutcome,
  webhookPublicKeyOf,
} from './webhook-handling.js';

export interface VnpostCatalogs {
  provinces(options?: CallOptions): Promise<VnpostUnit[]>;
  districts(options?: CallOptions): Promise<VnpostUnit[]>;
  communes(options?: CallOptions): Promise<VnpostUnit[]>;
  /** 2025 provinces (34). */
  provincesNew(options?: CallOptions): Promise<VnpostUnit[]>;
  /** 2025 communes; `parentCode` is the 2025 province. */
  communesNew(options?: CallOptions): Promise<VnpostUnit[]>;
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
  const publicKey = webhookPublicKeyOf(options);
  let client: PlatformClient | undefined;
  const auth = createVnpostAuth(options, () => client!);
  client = createCarrierClient(options, {
    platform: VNPOST,
    mapError: mapVnpostError,
    auth,
    legacyTlsRenegotiation: options.legacyTlsRenegotiation,
    redaction: { headers: [TOKEN_HEADER], bodyFields: ['password', 'token'] },
  });
  const http: PlatformClient = client;
  const catalog = new VnpostCatalog(http, options.catalogTtlMs, options.now);
  const ctx: VnpostContext = {
    options,
    http,
    logger: http.logger,
    catalog,
    account: {
      customerCode: options.credentials.customerCode,
      ...(options.contractCode ? { contractCode: options.contractCode } : {}),
    },
    state: new VnpostShipmentState(options.store ?? createMemoryShipmentStore(options.now), options.account),
  };
  const { state } = ctx;
  const lookups = createOrderLookups(ctx);
  const lostCreates = createLostCreates(ctx, lookups);
  const quotes = createQuotes(ctx);
  const shipments = createShipments(ctx, lookups, lostCreates);
  const actions = createOrderActions(ctx, lookups);
  const webhooks = createWebhookHandling(ctx, publicKey, lookups);
  const polling = createStatusPolling(ctx, lookups);

  return withArgumentChecks<VnpostAdapter>(
    {
      carrier: VNPOST,
      account: options.account,
      capabilities: CAPABILITIES,
      events: http.events,
      legacyTlsRenegotiation: options.legacyTlsRenegotiation,
      catalogs: withArgumentChecks<VnpostCatalogs>(
        {
          provinces: (o) => catalog.list('getAllProvince', o),
          districts: (o) => catalog.list('getAllDistrict', o),
          communes: (o) => catalog.list('getAllCommune', o),
          provincesNew: (o) => catalog.list('getNewProvinceAll', o),
          communesNew: (o) => catalog.list('getNewCommuneAll', o),
        },
        VNPOST_CATALOG_METHODS,
      ),
      refreshCatalogs: () => catalog.refresh(),
      resolveAddress: (address, call) => resolveVnpostAddress(catalog, address, call),
      quote: quotes.quote,
      quoteService: quotes.quoteService,
      createShipment: shipments.createShipment,
      editShipment: actions.editShipment,
      cancelOrder: actions.cancelOrder,
      cancelShipment: actions.cancelShipment,
      getShipment: lookups.getShipment,
      findByReference: lookups.findByReference,
      statusHistory: lookups.statusHistory,
      labels: actions.labels,
      labelUrl: actions.labelUrl,
      verifyWebhook: webhooks.verifyWebhook,
      parseWebhookBatch: webhooks.parseWebhookBatch,
      parseWebhookEvents: webhooks.parseWebhookEvents,
      parseWebhook: webhooks.parseWebhook,
      receiveWebhook: webhooks.receiveWebhook,
      receiveWebhookEvents: webhooks.receiveWebhookEvents,
      findShipment: lookups.findShipment,
      journeyStage: (rawStatus) => vnpostStage(normaliseStatusCode(rawStatus)),
      applyEvent: (event) => state.apply(event.reference, updateOf(event)),
      async shipmentRecord(reference) {
        const record = await state.get(reference);
        // Records written before `status` followed the carrier status read the same as new ones.
        return record ? following(record) : undefined;
      },
      pendingShipments: () => state.pending(),
      pendingCreateSettled: lostCreates.pendingCreateSettled,
      refreshShipments: polling.refreshShipments,
      async close() {
        await http.close();
      },
    },
    VNPOST_METHODS,
  );
}
