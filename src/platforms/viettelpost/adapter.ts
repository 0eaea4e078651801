import type { CallOptions, PlatformClient, PlatformClientEventEmitter } from '../../core/types.js';
import type { Quote, ShipmentEvent } from '../../model/shipment.js';
import { withArgumentChecks } from '../carrier-arguments.js';
import { createCarrierClient } from '../carrier-client.js';
import { type CarrierShipmentRecord, createMemoryShipmentStore } from '../carrier-state.js';
import type {
  CarrierAdapter,
  CarrierCapabilities,
  LabelSize,
  QuoteRequest,
  ShipmentRequest,
} from '../types.js';
import { ViettelPostAddressResolver } from './address-resolver.js';
import { createViettelPostAuth, type ViettelPostAuth } from './auth.js';
import { ViettelPostCatalog } from './catalog.js';
import type { ViettelPostContext } from './context.js';
import { Endpoints } from './endpoints.js';
import { mapViettelPostError, VIETTELPOST } from './errors.js';
import { VIETTELPOST_CATALOG_METHODS, VIETTELPOST_METHODS } from './method-arguments.js';
import { resolveViettelPostOptions, type ViettelPostOptions } from './options.js';
import type { OrderAction } from './order-actions.js';
import {
  createOrderUpdates,
  type LabelOptions,
  type RegisterWarehouseInput,
  type UpdateOrderOptions,
  type UpdateOrderResult,
} from './order-updates.js';
import { createQuotes, type ViettelPostServiceQuote } from './quotes.js';
import { ViettelPostShipmentState } from './shipment-state.js';
import {
  type CreateViettelPostShipmentOptions,
  createShipments,
  type EditShipmentOptions,
  type OrderStatusOptions,
  type ViettelPostShipment,
} from './shipments.js';
import type { ViettelPostWarehouse } from './warehouses.js';
import { parseViettelPostWebhook, type ViettelPostShipmentEvent } from './webhook.js';
import { createWebhookHandling, type ViettelPostWebhookOutcome } from './webhook-handling.js';

export interface ViettelPostCatalogs {
  provinces: ViettelPostCatalog['provinces'];
  districts: ViettelPostCatalog['districts'];
  wards: ViettelPostCatalog['wards'];
  provincesNew: ViettelPostCatalog['provincesNew'];
  wardsNew: ViettelPostCatalog['wardsNew'];
  services: ViettelPostCatalog['services'];
  extraServices: ViettelPostCatalog['extraServices'];
  postOffices: ViettelPostCatalog['postOffices'];
}

export interface ViettelPostAdapter extends CarrierAdapter {
  readonly carrier: 'viettelpost';
  /** Cached catalog reads (TTL `catalogTtlMs`). */
  readonly catalogs: ViettelPostCatalogs;
  /** Pipeline events: request, retry, rateLimited, auth. */
  readonly events: PlatformClientEventEmitter;
  /** Drops every cached catalog. */
  refreshCatalogs(): void;
  /** Price every service for a route (getPriceAll), cheapest first. The parcel is validated first. */
  quote(request: QuoteRequest, options?: CallOptions): Promise<Quote[]>;
  /** Price one service with its fee breakdown (getPrice). */
  quoteService(
    request: QuoteRequest,
    serviceCode: string,
    options?: CallOptions,
  ): Promise<ViettelPostServiceQuote>;
  /**
   * Creates the waybill once per reference (see the store option): a known reference is answered from
   * the store, a spent one fails with ReferenceSpentError, a lost answer gives WAYBILL_PENDING.
   */
  createShipment(
    request: ShipmentRequest,
    options: CreateViettelPostShipmentOptions,
  ): Promise<ViettelPostShipment>;
  editShipment(
    trackingNumber: string,
    request: ShipmentRequest,
    options?: EditShipmentOptions,
  ): Promise<ViettelPostShipment>;
  updateOrder(
    trackingNumber: string,
    action: OrderAction,
    options?: UpdateOrderOptions,
  ): Promise<UpdateOrderResult>;
  cancelShipment(trackingNumber: string, reason?: string, options?: OrderStatusOptions): Promise<void>;
  labelUrl(trackingNumbers: readonly string[], size?: LabelSize, options?: LabelOptions): Promise<string>;
  /** Approves a created (-100) order so a courier comes (UpdateOrder TYPE 1). */
  approveShipment(trackingNumber: string, options?: OrderStatusOptions): Promise<void>;
  /** `registerOrderHook` without a message: the journey is sent to the webhook again. */
  resendEvents(trackingNumber: string, options?: CallOptions): Promise<void>;
  /** Ask VTP to re-send the whole journey of a waybill to the webhook. */
  registerOrderHook(trackingNumber: string, message?: string, options?: CallOptions): Promise<void>;
  listWarehouses(options?: CallOptions): Promise<ViettelPostWarehouse[]>;
  /** Registers a sender warehouse; returns the updated list. */
  registerWarehouse(input: RegisterWarehouseInput, options?: CallOptions): Promise<ViettelPostWarehouse[]>;
  /** Pure: body → event. Changes nothing (state changes only through `receiveWebhook` / `applyEvent`). */
  parseWebhook(rawBody: string | Buffer): ViettelPostShipmentEvent;
  /** Verify (per `webhookVerify`, failures logged), parse, apply to the store. */
  receiveWebhook(
    rawBody: string | Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<ViettelPostWebhookOutcome>;
  /** Folds an already verified event into the store (reference ↔ waybill, carrier status, spent). */
  applyEvent(event: ShipmentEvent): Promise<CarrierShipmentRecord | undefined>;
  /** The stored record of a reference (undefined when unknown to the store). */
  shipmentRecord(reference: string): Promise<CarrierShipmentRecord | undefined>;
  /** References whose create is pending (answer lost, waybill not yet known), oldest first. */
  pendingShipments(): Promise<CarrierShipmentRecord[]>;
  /** Last ORDER_STATUS recorded in the store for a waybill (webhooks, our own cancel). */
  lastKnownStatus(trackingNumber: string): Promise<number | undefined>;
}

const CAPABILITIES: CarrierCapabilities = {
  twoLevelAddresses: true,
  idempotentCreate: true,
  labels: true,
  webhooks: true,
  cashOnDelivery: true,
};

/** Creates a ViettelPost adapter. Options are validated here; a ConfigurationError lists every problem. */
export function viettelpost(input: ViettelPostOptions): ViettelPostAdapter {
  const options = resolveViettelPostOptions(input);
  let client: PlatformClient | undefined;
  // One clock for everything: token age, catalog TTL, DELIVERY_DATE, label expiry, stored timestamps.
  const nowMs = () => options.now().getTime();
  const auth: ViettelPostAuth = createViettelPostAuth(options, () => client!, nowMs);
  client = createCarrierClient(options, {
    platform: VIETTELPOST,
    mapError: mapViettelPostError,
    auth: auth.strategy,
    // VTP's credential fields are upper case (PASSWORD in Login/ownerconnect, TOKEN in webhooks and
    // LoginVTP); named explicitly so redaction never depends on case-folding of the defaults.
    redaction: { bodyFields: ['PASSWORD', 'TOKEN'] },
  });
  const http: PlatformClient = client;
  const catalog = new ViettelPostCatalog(http, options.catalogTtlMs, nowMs);
  const resolver = new ViettelPostAddressResolver(catalog);
  const logger = http.logger;
  // Without a store of the caller's, a private in-memory one: one code path, state per instance.
  const store = options.store ?? createMemoryShipmentStore(nowMs);
  const ctx: ViettelPostContext = {
    options,
    http,
    catalog,
    resolver,
    endpoints: new Endpoints(resolver, logger, options.nlpFallback),
    logger,
    state: new ViettelPostShipmentState(store, options.account),
    now: options.now,
    serviceNames: new Map(),
  };
  const quotes = createQuotes(ctx);
  const shipments = createShipments(ctx);
  const updates = createOrderUpdates(ctx, shipments.storedStatus);
  const webhooks = createWebhookHandling(ctx);

  return withArgumentChecks<ViettelPostAdapter>(
    {
      carrier: VIETTELPOST,
      account: options.account,
      capabilities: CAPABILITIES,
      events: http.events,
      catalogs: withArgumentChecks<ViettelPostCatalogs>(
        {
          provinces: (o) => catalog.provinces(o),
          districts: (id, o) => catalog.districts(id, o),
          wards: (id, o) => catalog.wards(id, o),
          provincesNew: (o) => catalog.provincesNew(o),
          wardsNew: (id, o) => catalog.wardsNew(id, o),
          services: async (o) => {
            const services = await catalog.services(o);
            for (const service of services) ctx.serviceNames.set(service.code, service.name);
            return services;
          },
          extraServices: (code, o) => catalog.extraServices(code, o),
          postOffices: (o) => catalog.postOffices(o),
        },
        VIETTELPOST_CATALOG_METHODS,
      ),
      refreshCatalogs: () => catalog.refresh(),
      resolveAddress: (address, callOptions) => ctx.endpoints.resolve(address, callOptions),
      quote: quotes.quote,
      quoteService: quotes.quoteService,
      createShipment: shipments.createShipment,
      editShipment: shipments.editShipment,
      updateOrder: updates.updateOrder,
      cancelShipment: updates.cancelShipment,
      labelUrl: updates.labelUrl,
      registerOrderHook: updates.registerOrderHook,
      approveShipment: async (trackingNumber, callOptions = {}) => {
        await updates.updateOrder(trackingNumber, 'approve', callOptions);
      },
      resendEvents: (trackingNumber, callOptions) =>
        updates.registerOrderHook(trackingNumber, '', callOptions),
      listWarehouses: updates.listWarehouses,
      registerWarehouse: updates.registerWarehouse,
      verifyWebhook: webhooks.verifyWebhook,
      parseWebhook: (rawBody) => parseViettelPostWebhook(rawBody, ctx.now().getTime()),
      receiveWebhook: webhooks.receiveWebhook,
      applyEvent: webhooks.applyEvent,
      shipmentRecord: shipments.shipmentOf,
      pendingShipments: () => ctx.state.pending(),
      lastKnownStatus: shipments.storedStatus,
      async close() {
        // A store passed in belongs to the caller: never closed here.
        await http.close();
      },
    },
    VIETTELPOST_METHODS,
  );
}
