import { ContractViolationError, ValidationError } from '../../core/errors.js';
import { createPlatformClient } from '../../core/platform-client.js';
import type { CallOptions, PlatformClient, PlatformClientEventEmitter } from '../../core/types.js';
import type { Address } from '../../model/address.js';
import type { Quote, Shipment } from '../../model/shipment.js';
import type {
  CarrierAdapter,
  CarrierCapabilities,
  CreateShipmentOptions,
  HeaderBag,
  LabelSize,
  QuoteRequest,
  ResolvedAddress,
  ShipmentRequest,
} from '../types.js';
import { AddressResolutionError, ViettelPostAddressResolver } from './address-resolver.js';
import { createViettelPostAuth, type ViettelPostAuth } from './auth.js';
import { ViettelPostCatalog } from './catalog.js';
import {
  DuplicateReferenceError,
  mapViettelPostError,
  OrderActionNotAllowedError,
  OrderStatusConflictError,
  VIETTELPOST,
} from './errors.js';
import { MAX_WAYBILLS_PER_LABEL, resolveViettelPostOptions, type ViettelPostOptions } from './options.js';
import { editAllowedIn, ORDER_ACTIONS, type OrderAction } from './order-actions.js';
import {
  assertReference,
  buildOrderBody,
  clip,
  fullAddressText,
  idFields,
  parcelPricingFields,
  wirePhone,
} from './order-payload.js';
import { feesFrom, kpiHours, priceAllRows, quoteFromPriceAllRow, sortQuotes } from './response-mapping.js';
import { classifyViettelPostStatus } from './status-table.js';
import { type ViettelPostWarehouse, warehouseFromRow } from './warehouses.js';
import {
  parseViettelPostWebhook,
  type ViettelPostShipmentEvent,
  verifyViettelPostWebhook,
} from './webhook.js';
import { envelopeArray, envelopeObject, readInt, readString } from './wire.js';

/** `type` parameter of the label page per paper size (contract §8.4). */
export const LABEL_TYPES: Readonly<Record<LabelSize, string>> = { A5: '1', A6: '2', A7: '100' };

/** DOMESTIC price table: 1 in both `TYPE` (getPriceAll) and `NATIONAL_TYPE` (getPrice). 0 = international. */
export const DOMESTIC_PRICE_TABLE = 1;

export interface ViettelPostServiceQuote extends Quote {
  fees: NonNullable<Shipment['fees']>;
}

export interface CreateViettelPostShipmentOptions extends CreateShipmentOptions {
  /** Sender warehouse from `listWarehouses()` (`GROUPADDRESS_ID`). @default 0 (sender from SENDER_* fields) */
  groupAddressId?: number;
  /** `CUS_ID` from `listWarehouses()`. @default 0 */
  customerId?: number;
}

export interface OrderStatusOptions extends CallOptions {
  /**
   * The order's current raw ORDER_STATUS, when the caller knows it (e.g. persisted from webhooks).
   * @default the last status this adapter parsed from a webhook for the waybill, if any
   */
  currentStatus?: number;
}

export interface UpdateOrderOptions extends OrderStatusOptions {
  /** Reason (≤ 150 bytes, clipped). */
  note?: string;
  /** UpdateOrder `DATE` (undocumented; likely the re-delivery date), sent as given. */
  date?: string;
}

export interface UpdateOrderResult {
  trackingNumber: string;
  action: OrderAction;
  /** VTP's message, e.g. "Hủy đơn hàng thành công". */
  message: string;
  /** VTP answered "Order status already exists on the system": the order was already in that state. */
  alreadyApplied: boolean;
}

export interface EditShipmentOptions extends OrderStatusOptions {
  /** Our reference, echoed in the returned Shipment. @default the one this adapter created it with, else the waybill */
  reference?: string;
}

export interface LabelOptions extends CallOptions {
  /** Print the postage on the label. @default false */
  showPostage?: boolean;
}

export interface RegisterWarehouseInput {
  name: string;
  phone: string;
  address: Address;
}

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
  /** Price every service for a route (getPriceAll), cheapest first. */
  quote(request: QuoteRequest, options?: CallOptions): Promise<Quote[]>;
  /** Price one service with its fee breakdown (getPrice). */
  quoteService(
    request: QuoteRequest,
    serviceCode: string,
    options?: CallOptions,
  ): Promise<ViettelPostServiceQuote>;
  createShipment(request: ShipmentRequest, options: CreateViettelPostShipmentOptions): Promise<Shipment>;
  editShipment(
    trackingNumber: string,
    request: ShipmentRequest,
    options?: EditShipmentOptions,
  ): Promise<Shipment>;
  updateOrder(
    trackingNumber: string,
    action: OrderAction,
    options?: UpdateOrderOptions,
  ): Promise<UpdateOrderResult>;
  cancelShipment(trackingNumber: string, reason?: string, options?: OrderStatusOptions): Promise<void>;
  labelUrl(trackingNumbers: readonly string[], size?: LabelSize, options?: LabelOptions): Promise<string>;
  /** Ask VTP to re-send the whole journey of a waybill to the webhook. */
  registerOrderHook(trackingNumber: string, message?: string, options?: CallOptions): Promise<void>;
  listWarehouses(options?: CallOptions): Promise<ViettelPostWarehouse[]>;
  /** Registers a sender warehouse; returns the updated list. */
  registerWarehouse(input: RegisterWarehouseInput, options?: CallOptions): Promise<ViettelPostWarehouse[]>;
  parseWebhook(rawBody: string | Buffer): ViettelPostShipmentEvent;
  /** Last ORDER_STATUS this adapter saw for a waybill (from parsed webhooks or its own cancel). */
  lastKnownStatus(trackingNumber: string): number | undefined;
}

const CAPABILITIES: CarrierCapabilities = {
  twoLevelAddresses: true,
  idempotentCreate: true,
  labels: true,
  webhooks: true,
  cashOnDelivery: true,
};

type Endpoints = { sender?: ResolvedAddress; receiver?: ResolvedAddress };

/** Creates a ViettelPost adapter. Options are validated here; a ConfigurationError lists every problem. */
export function viettelpost(input: ViettelPostOptions): ViettelPostAdapter {
  const options = resolveViettelPostOptions(input);
  let client: PlatformClient | undefined;
  const auth: ViettelPostAuth = createViettelPostAuth(options, () => client!);
  client = createPlatformClient({
    platform: VIETTELPOST,
    account: options.account,
    baseUrl: options.baseUrl,
    mapError: mapViettelPostError,
    auth: auth.strategy,
    rateLimits: options.rateLimits,
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    // VTP's credential fields are upper case (PASSWORD in Login/ownerconnect, TOKEN in webhooks and
    // LoginVTP); named explicitly so redaction never depends on case-folding of the defaults.
    redaction: { bodyFields: ['PASSWORD', 'TOKEN'] },
  });
  const http: PlatformClient = client;
  const catalog = new ViettelPostCatalog(http, options.catalogTtlMs);
  const resolver = new ViettelPostAddressResolver(catalog);
  const logger = http.logger;

  /** Waybill → last raw ORDER_STATUS and when (out-of-order webhooks must not roll it back). */
  const lastStatus = new Map<string, { code: number; at: string }>();
  /** Our reference → shipment created by this adapter (repeat calls return it, no second create). */
  const createdByReference = new Map<string, Shipment>();
  const referenceByWaybill = new Map<string, string>();
  /** Our reference → VTP waybill, learnt from webhooks (ORDER_REFERENCE) — completes a WAYBILL_PENDING. */
  const waybillByReference = new Map<string, string>();
  const serviceNames = new Map<string, string>();

  async function resolveBoth(from: Address, to: Address, callOptions?: CallOptions): Promise<Endpoints> {
    try {
      const [sender, receiver] = await Promise.all([
        resolver.resolve(from, callOptions),
        resolver.resolve(to, callOptions),
      ]);
      return { sender, receiver };
    } catch (error) {
      // Free-text fallback: VTP geocodes the full address itself (opt-in: it may pick the wrong commune).
      if (error instanceof AddressResolutionError && options.nlpFallback) {
        logger.warn(
          { event: 'address.nlpFallback', part: error.part },
          'address not resolved to ViettelPost ids; using the free-text endpoint',
        );
        return {};
      }
      throw error;
    }
  }

  function pricingBody(request: QuoteRequest, endpoints: Endpoints): Record<string, unknown> {
    const parcelFields = parcelPricingFields(request.parcel, request.codAmountVnd ?? 0);
    if (endpoints.sender && endpoints.receiver) {
      return {
        ...idFields('SENDER', endpoints.sender),
        ...idFields('RECEIVER', endpoints.receiver),
        ...parcelFields,
      };
    }
    return {
      SENDER_ADDRESS: fullAddressText(request.from),
      RECEIVER_ADDRESS: fullAddressText(request.to),
      ...parcelFields,
    };
  }

  function knownStatus(trackingNumber: string, given: number | undefined): number | undefined {
    return given ?? lastStatus.get(trackingNumber)?.code;
  }

  function shipmentFrom(
    data: Record<string, unknown>,
    request: ShipmentRequest,
    reference: string,
    operation: string,
  ): Shipment {
    const trackingNumber = readString(data.ORDER_NUMBER)?.trim();
    if (!trackingNumber) {
      throw new ContractViolationError(`ViettelPost ${operation} returned no waybill number (ORDER_NUMBER)`, {
        platform: VIETTELPOST,
        operation,
      });
    }
    const now = new Date().toISOString();
    const fees = feesFrom(data);
    const chargeable = readInt(data.EXCHANGE_WEIGHT ?? data.PRODUCT_WEIGHT);
    const hours = kpiHours(data);
    const sortCode = readString(data.SORT_CODE);
    const cod = readInt(data.MONEY_COLLECTION ?? data.MONEY_COLLECTTION);
    return {
      carrier: VIETTELPOST,
      reference,
      trackingNumber,
      status: 'CREATED',
      serviceCode: request.serviceCode,
      ...(fees ? { fees } : {}),
      codAmountVnd: cod !== undefined && cod >= 0 ? cod : (request.codAmountVnd ?? 0),
      ...(chargeable !== undefined && chargeable >= 0 ? { chargeableWeightGrams: chargeable } : {}),
      ...(hours !== undefined ? { estimatedDeliveryHours: hours } : {}),
      ...(sortCode ? { sortCode } : {}),
      createdAt: now,
      updatedAt: now,
      externalIds: { [VIETTELPOST]: trackingNumber },
    };
  }

  /**
   * The order exists at VTP under our reference but we hold no create answer. If a webhook already
   * told us its waybill, report it with the last status seen; otherwise WAYBILL_PENDING.
   */
  function knownOrPendingShipment(request: ShipmentRequest, reference: string): Shipment {
    const now = new Date().toISOString();
    const waybill = waybillByReference.get(reference);
    const last = waybill ? lastStatus.get(waybill) : undefined;
    if (waybill && last) {
      const classified = classifyViettelPostStatus(last.code);
      return {
        carrier: VIETTELPOST,
        reference,
        trackingNumber: waybill,
        status: classified.status,
        rawStatus: last.code,
        rawStatusLabel: classified.labelVi,
        serviceCode: request.serviceCode,
        codAmountVnd: request.codAmountVnd ?? 0,
        createdAt: now,
        updatedAt: last.at,
        externalIds: { [VIETTELPOST]: waybill },
      };
    }
    return {
      carrier: VIETTELPOST,
      reference,
      status: 'WAYBILL_PENDING',
      serviceCode: request.serviceCode,
      codAmountVnd: request.codAmountVnd ?? 0,
      createdAt: now,
      updatedAt: now,
      externalIds: {},
    };
  }

  const adapter: ViettelPostAdapter = {
    carrier: VIETTELPOST,
    account: options.account,
    capabilities: CAPABILITIES,
    events: http.events,
    catalogs: {
      provinces: (o) => catalog.provinces(o),
      districts: (id, o) => catalog.districts(id, o),
      wards: (id, o) => catalog.wards(id, o),
      provincesNew: (o) => catalog.provincesNew(o),
      wardsNew: (id, o) => catalog.wardsNew(id, o),
      services: async (o) => {
        const services = await catalog.services(o);
        for (const service of services) serviceNames.set(service.code, service.name);
        return services;
      },
      extraServices: (code, o) => catalog.extraServices(code, o),
      postOffices: (o) => catalog.postOffices(o),
    },

    refreshCatalogs() {
      catalog.refresh();
    },

    resolveAddress(address, callOptions) {
      return resolver.resolve(address, callOptions);
    },

    async quote(request, callOptions) {
      const endpoints = await resolveBoth(request.from, request.to, callOptions);
      const ids = Boolean(endpoints.sender && endpoints.receiver);
      const operation = ids ? 'getPriceAll' : 'getPriceAllNlp';
      const response = await http.request(
        {
          operation,
          method: 'POST',
          path: ids ? '/v2/order/getPriceAll' : '/v2/order/getPriceAllNlp',
          // getPriceAll names the price table TYPE (getPrice calls it NATIONAL_TYPE); 1 = domestic.
          body: { ...pricingBody(request, endpoints), TYPE: DOMESTIC_PRICE_TABLE },
          trafficClass: 'read',
          idempotent: true,
        },
        callOptions,
      );
      const quotes = priceAllRows(response.data, operation)
        .map(quoteFromPriceAllRow)
        .filter((quote): quote is Quote => quote !== undefined);
      for (const quote of quotes) serviceNames.set(quote.serviceCode, quote.serviceName);
      return sortQuotes(quotes);
    },

    async quoteService(request, serviceCode, callOptions) {
      const endpoints = await resolveBoth(request.from, request.to, callOptions);
      const ids = Boolean(endpoints.sender && endpoints.receiver);
      const operation = ids ? 'getPrice' : 'getPriceNlp';
      const response = await http.request(
        {
          operation,
          method: 'POST',
          path: ids ? '/v2/order/getPrice' : '/v2/order/getPriceNlp',
          body: {
            ...pricingBody(request, endpoints),
            ORDER_SERVICE: serviceCode,
            ORDER_SERVICE_ADD: '',
            NATIONAL_TYPE: DOMESTIC_PRICE_TABLE,
          },
          trafficClass: 'read',
          idempotent: true,
        },
        callOptions,
      );
      const data = envelopeObject(response.data, operation);
      const fees = feesFrom(data);
      if (!fees) {
        throw new ContractViolationError(`ViettelPost ${operation} returned no MONEY_TOTAL`, {
          platform: VIETTELPOST,
          operation,
        });
      }
      const hours = kpiHours(data);
      const chargeable = readInt(data.EXCHANGE_WEIGHT);
      return {
        carrier: VIETTELPOST,
        serviceCode,
        serviceName: serviceNames.get(serviceCode) ?? serviceCode,
        totalVnd: fees.totalVnd,
        ...(hours !== undefined ? { deliveryHours: hours } : {}),
        ...(chargeable !== undefined && chargeable >= 0 ? { chargeableWeightGrams: chargeable } : {}),
        extraServices: [],
        fees,
      };
    },

    /**
     * Idempotency: ORDER_NUMBER = our deterministic reference with CHECK_UNIQUE true, so VTP refuses a
     * second order with the same reference. That makes the write safe to repeat, and the request is
     * marked `idempotent` so the pipeline retries it after a lost response (timeout, reset). If the
     * first attempt had in fact been committed, the retry is refused as a duplicate: we then return a
     * WAYBILL_PENDING shipment (reference set, no waybill number yet) instead of failing or creating
     * twice. The journey webhook carries ORDER_REFERENCE = our reference and completes it (see
     * `applyShipmentEvent`); `registerOrderHook` can ask VTP to re-send the journey once the waybill
     * is known.
     */
    async createShipment(request, createOptions) {
      const { reference, groupAddressId, customerId, ...callOptions } = createOptions;
      assertReference(reference);
      const existing = createdByReference.get(reference);
      if (existing) return existing;
      // Lookup before create: a webhook already reported an order with this reference.
      if (waybillByReference.has(reference)) return knownOrPendingShipment(request, reference);
      const endpoints = await resolveBoth(request.sender.address, request.receiver.address, callOptions);
      const ids = Boolean(endpoints.sender && endpoints.receiver);
      const operation = ids ? 'createOrder' : 'createOrderNlp';
      const body = buildOrderBody({
        request,
        orderNumber: reference,
        ...endpoints,
        enableSortCode: options.enableSortCode,
        ...(groupAddressId !== undefined ? { groupAddressId } : {}),
        ...(customerId !== undefined ? { customerId } : {}),
        now: new Date(),
      });
      let data: Record<string, unknown>;
      try {
        const response = await http.request(
          {
            operation,
            method: 'POST',
            path: ids ? '/v2/order/createOrder' : '/v2/order/createOrderNlp',
            body,
            trafficClass: 'write',
            idempotent: true,
          },
          callOptions,
        );
        data = envelopeObject(response.data, operation);
      } catch (error) {
        if (error instanceof DuplicateReferenceError) {
          logger.warn(
            { event: 'createShipment.duplicate', reference },
            'ViettelPost already holds an order with this reference; waybill number will arrive by webhook',
          );
          return knownOrPendingShipment(request, reference);
        }
        throw error;
      }
      const shipment = shipmentFrom(data, request, reference, operation);
      createdByReference.set(reference, shipment);
      if (shipment.trackingNumber) referenceByWaybill.set(shipment.trackingNumber, reference);
      return shipment;
    },

    async editShipment(trackingNumber, request, editOptions = {}) {
      const { currentStatus, reference, ...callOptions } = editOptions;
      const code = knownStatus(trackingNumber, currentStatus);
      if (code !== undefined && !editAllowedIn(code)) {
        throw new OrderActionNotAllowedError(
          `ViettelPost order ${trackingNumber} can no longer be edited (status ${code}): only before the origin post office books it (status below 200)`,
          { platform: VIETTELPOST, operation: 'editOrder', action: 'edit', currentStatus: code },
        );
      }
      // order/edit has no free-text twin: ids are required, so no Nlp fallback here.
      const [sender, receiver] = await Promise.all([
        resolver.resolve(request.sender.address, callOptions),
        resolver.resolve(request.receiver.address, callOptions),
      ]);
      const response = await http.request(
        {
          operation: 'editOrder',
          method: 'POST',
          path: '/v2/order/edit',
          // ORDER_NUMBER here is VTP's waybill number, not our reference (contract §10.5).
          body: buildOrderBody({
            request,
            orderNumber: trackingNumber,
            sender,
            receiver,
            enableSortCode: options.enableSortCode,
            now: new Date(),
          }),
          trafficClass: 'write',
          idempotent: true,
        },
        callOptions,
      );
      const data = envelopeObject(response.data, 'editOrder');
      const ref = reference ?? referenceByWaybill.get(trackingNumber) ?? trackingNumber;
      return shipmentFrom({ ORDER_NUMBER: trackingNumber, ...data }, request, ref, 'editOrder');
    },

    async updateOrder(trackingNumber, action, updateOptions = {}) {
      const { currentStatus, note, date, ...callOptions } = updateOptions;
      const rule = ORDER_ACTIONS[action];
      const code = knownStatus(trackingNumber, currentStatus);
      // Checked before any request: VTP's own refusal is vaguer, and a refused cancel after pickup
      // must be obvious to the person at the counter.
      if (code !== undefined && !rule.allowedIn(code)) {
        throw new OrderActionNotAllowedError(
          `ViettelPost order ${trackingNumber}: "${action}" is not allowed in status ${code}; allowed ${rule.ruleEn}`,
          { platform: VIETTELPOST, operation: 'updateOrder', action, currentStatus: code },
        );
      }
      try {
        const response = await http.request(
          {
            operation: 'updateOrder',
            method: 'POST',
            path: '/v2/order/UpdateOrder',
            body: {
              TYPE: rule.type,
              ORDER_NUMBER: trackingNumber,
              NOTE: clip(note ?? ''),
              ...(date !== undefined ? { DATE: date } : {}),
            },
            trafficClass: 'write',
            // Repeating a status change is refused with "Order status already exists", handled below.
            idempotent: true,
          },
          callOptions,
        );
        if (action === 'cancel') lastStatus.set(trackingNumber, { code: 107, at: new Date().toISOString() });
        const message = readString((response.data as { message?: unknown } | undefined)?.message) ?? '';
        return { trackingNumber, action, message, alreadyApplied: false };
      } catch (error) {
        // The order is already where the caller wants it (e.g. our first cancel's response was lost).
        if (error instanceof OrderStatusConflictError) {
          return { trackingNumber, action, message: error.platformMessage ?? '', alreadyApplied: true };
        }
        throw error;
      }
    },

    async cancelShipment(trackingNumber, reason, cancelOptions = {}) {
      await adapter.updateOrder(trackingNumber, 'cancel', {
        ...cancelOptions,
        ...(reason ? { note: reason } : {}),
      });
    },

    async labelUrl(trackingNumbers, size = 'A6', labelOptions = {}) {
      const { showPostage, ...callOptions } = labelOptions;
      if (trackingNumbers.length === 0 || trackingNumbers.length > MAX_WAYBILLS_PER_LABEL) {
        throw new ValidationError(
          `A label needs 1–${MAX_WAYBILLS_PER_LABEL} waybill numbers, got ${trackingNumbers.length}`,
          [
            {
              path: 'trackingNumbers',
              value: trackingNumbers.length,
              code: 'viettelpost.label_batch_size',
              messageVi: `Mỗi lần in cần từ 1 đến ${MAX_WAYBILLS_PER_LABEL} mã vận đơn`,
              messageEn: `A label needs 1–${MAX_WAYBILLS_PER_LABEL} waybill numbers`,
              platform: VIETTELPOST,
            },
          ],
          { platform: VIETTELPOST },
        );
      }
      const response = await http.request(
        {
          operation: 'printingCode',
          method: 'POST',
          path: '/v2/order/printing-code',
          body: { EXPIRY_TIME: Date.now() + options.labelExpiryMs, ORDER_ARRAY: [...trackingNumbers] },
          trafficClass: 'read',
          idempotent: true,
        },
        callOptions,
      );
      // The print code comes back in `message`, not `data` (contract §8.4).
      const code = readString((response.data as { message?: unknown } | undefined)?.message);
      if (!code) {
        throw new ContractViolationError('ViettelPost printing-code returned no print code in `message`', {
          platform: VIETTELPOST,
          operation: 'printingCode',
        });
      }
      const query = new URLSearchParams({
        type: LABEL_TYPES[size],
        bill: code,
        showPostage: showPostage ? '1' : '0',
      });
      // URLSearchParams encodes `+`, `/` and `=` of the base64-like code.
      return `${options.labelOrigin}/DigitalizePrint/report.do?${query.toString()}`;
    },

    async registerOrderHook(trackingNumber, message = '', callOptions) {
      await http.request(
        {
          operation: 'registerOrderHook',
          method: 'GET',
          path: '/v2/order/registerOrderHook',
          query: { oid: trackingNumber, mes: clip(message) },
        },
        callOptions,
      );
    },

    async listWarehouses(callOptions) {
      const response = await http.request(
        { operation: 'listInventory', method: 'GET', path: '/v2/user/listInventory' },
        callOptions,
      );
      return envelopeArray(response.data, 'listInventory')
        .map(warehouseFromRow)
        .filter((w): w is ViettelPostWarehouse => w !== undefined);
    },

    async registerWarehouse(warehouse, callOptions) {
      const ids = await resolver.resolve(warehouse.address, callOptions);
      const phone = wirePhone(warehouse.phone);
      const name = clip(warehouse.name);
      const response = await http.request(
        {
          operation: 'registerInventory',
          method: 'POST',
          path: '/v2/user/registerInventory',
          body: {
            PHONE: phone,
            NAME: name,
            ADDRESS: fullAddressText(warehouse.address),
            WARDS_ID: ids.wardId,
          },
          trafficClass: 'write',
          // Not idempotent on VTP's side: after a lost response, look for it before registering again.
          recover: async () => {
            const list = await adapter.listWarehouses(callOptions);
            const found = list.some((w) => w.phone === phone && w.name === name && w.wardId === ids.wardId);
            return found
              ? { status: 200, error: false, message: 'OK', data: list.map(toWireWarehouse) }
              : undefined;
          },
        },
        callOptions,
      );
      return envelopeArray(response.data, 'registerInventory')
        .map(warehouseFromRow)
        .filter((w): w is ViettelPostWarehouse => w !== undefined);
    },

    verifyWebhook(rawBody: string | Buffer, headers: HeaderBag) {
      return verifyViettelPostWebhook(rawBody, headers, options.webhookSecret);
    },

    parseWebhook(rawBody) {
      const event = parseViettelPostWebhook(rawBody);
      const previous = lastStatus.get(event.trackingNumber);
      if (!previous || previous.at <= event.occurredAt) {
        lastStatus.set(event.trackingNumber, { code: Number(event.rawStatus), at: event.occurredAt });
      }
      if (event.reference) {
        referenceByWaybill.set(event.trackingNumber, event.reference);
        waybillByReference.set(event.reference, event.trackingNumber);
      }
      return event;
    },

    lastKnownStatus(trackingNumber) {
      return lastStatus.get(trackingNumber)?.code;
    },

    async close() {
      await http.close();
    },
  };
  return adapter;
}

function toWireWarehouse(w: ViettelPostWarehouse): Record<string, unknown> {
  return {
    groupaddressId: w.groupAddressId,
    cusId: w.customerId,
    name: w.name,
    phone: w.phone,
    address: w.address,
    provinceId: w.provinceId,
    districtId: w.districtId,
    wardsId: w.wardId,
    postId: w.postId ?? null,
  };
}
