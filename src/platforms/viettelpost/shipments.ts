import { A_TEXT, AN_OBJECT, checkArgument } from '../../core/argument-guards.js';
import { ConflictError, ContractViolationError, OcopConnectError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import { normaliseServiceCode, type Shipment } from '../../model/shipment.js';
import type { ShipmentStatus } from '../../model/status.js';
import { contactIssues } from '../carrier-contacts.js';
import { assertSameRequest, requestFingerprint } from '../carrier-request.js';
import { knownServiceCode } from '../carrier-service-code.js';
import { carrierStatusOf } from '../carrier-shipment-state.js';
import type { CarrierShipmentRecord } from '../carrier-state.js';
import type { CreateShipmentOptions, ShipmentRequest } from '../types.js';
import { nowIso, type ViettelPostContext } from './context.js';
import { orderEndpoint } from './endpoints.js';
import {
  CreateOutcomeUnknownError,
  DuplicateReferenceError,
  OrderActionNotAllowedError,
  ReferenceSpentError,
  VIETTELPOST,
} from './errors.js';
import { EDIT_RULE, editAllowedIn } from './order-actions.js';
import { buildOrderBody } from './order-payload.js';
import { assertReference, validParcelAndCod } from './request-validation.js';
import { feesFrom, kpiHours } from './response-mapping.js';
import { classifyViettelPostStatus } from './status-table.js';
import { envelopeObject, readInt, readString, readWholeInt, type WireRecord } from './wire.js';

/** A ViettelPost shipment: the canonical one, with goods COD and fees kept apart. */
export interface ViettelPostShipment extends Shipment {
  /**
   * MONEY_COLLECTION of the create answer: everything the postman collects from the receiver — the
   * goods money (`codAmountVnd`) plus the freight when the receiver pays it. Not goods money.
   */
  collectFromReceiverVnd?: number;
  /** WAYBILL_PENDING only: since when (ISO) an order under this reference may exist without a known waybill. */
  pendingSince?: string;
}

export interface CreateViettelPostShipmentOptions extends CreateShipmentOptions {
  /** Sender warehouse from `listWarehouses()` (`GROUPADDRESS_ID`). @default 0 (sender from SENDER_* fields) */
  groupAddressId?: number;
  /** `CUS_ID` from `listWarehouses()`. @default 0 */
  customerId?: number;
}

export interface OrderStatusOptions extends CallOptions {
  /**
   * The order's current raw ORDER_STATUS, when the caller knows it.
   * @default the last status recorded in the store for the waybill (webhooks, our own cancel), if any
   */
  currentStatus?: number;
}

export interface EditShipmentOptions extends OrderStatusOptions {
  /** Our reference, echoed in the returned Shipment. @default the one stored for the waybill, else the waybill */
  reference?: string;
}

const CARRIER = { platform: VIETTELPOST, label: 'ViettelPost' };

/** Kinds of VTP refusal that are about our input, never about a duplicate ORDER_NUMBER. */
const INPUT_REFUSAL_KINDS: ReadonlySet<string> = new Set(['validation', 'authentication', 'permission']);

/** VTP answered (an error envelope), as opposed to a lost or failed exchange. */
const isRefusal = (error: unknown): error is OcopConnectError =>
  error instanceof OcopConnectError && error.platformMessage !== undefined && !error.retriable;

export function createShipments(ctx: ViettelPostContext) {
  const { http, endpoints, state, options, logger } = ctx;

  function fromAnswer(
    data: WireRecord,
    request: ShipmentRequest,
    reference: string,
    operation: string,
  ): ViettelPostShipment {
    const trackingNumber = readString(data.ORDER_NUMBER)?.trim();
    if (!trackingNumber) {
      throw new ContractViolationError(
        {
          vi: `ViettelPost ${operation}: câu trả lời không có mã vận đơn (ORDER_NUMBER)`,
          en: `ViettelPost ${operation} returned no waybill number (ORDER_NUMBER)`,
        },
        {
          platform: VIETTELPOST,
          operation,
        },
      );
    }
    const at = nowIso(ctx);
    const fees = feesFrom(data);
    const chargeable = readInt(data.EXCHANGE_WEIGHT ?? data.PRODUCT_WEIGHT);
    const hours = kpiHours(data);
    const sortCode = readString(data.SORT_CODE);
    const collected = readInt(data.MONEY_COLLECTION ?? data.MONEY_COLLECTTION);
    return {
      carrier: VIETTELPOST,
      reference,
      trackingNumber,
      status: 'CREATED',
      serviceCode: request.serviceCode,
      ...(fees ? { fees } : {}),
      // Goods money only: MONEY_COLLECTION adds the freight when the receiver pays it (ORDER_PAYMENT 2)
      // and is the freight alone with ORDER_PAYMENT 4 — it is reported apart, below.
      codAmountVnd: request.codAmountVnd ?? 0,
      ...(collected !== undefined && collected >= 0 ? { collectFromReceiverVnd: collected } : {}),
      ...(chargeable !== undefined && chargeable >= 0 ? { chargeableWeightGrams: chargeable } : {}),
      ...(hours !== undefined ? { estimatedDeliveryHours: hours } : {}),
      ...(sortCode ? { sortCode } : {}),
      createdAt: at,
      updatedAt: at,
      externalIds: { [VIETTELPOST]: trackingNumber },
    };
  }

  /** A shipment as the store knows it (no request sent). */
  function fromRecord(record: CarrierShipmentRecord, request: ShipmentRequest): ViettelPostShipment {
    const at = record.lastEventAt ?? record.updatedAt;
    const base = {
      carrier: VIETTELPOST,
      reference: record.reference,
      serviceCode: request.serviceCode,
      codAmountVnd: request.codAmountVnd ?? 0,
      createdAt: record.pendingSince ?? at,
      updatedAt: record.updatedAt > at ? record.updatedAt : at,
    };
    if (!record.waybill) {
      return {
        ...base,
        status: 'WAYBILL_PENDING',
        ...(record.pendingSince ? { pendingSince: record.pendingSince } : {}),
        externalIds: {},
      };
    }
    const raw = record.rawStatus !== undefined ? readWholeInt(record.rawStatus) : undefined;
    const status: ShipmentStatus = carrierStatusOf(record) ?? 'CREATED';
    return {
      ...base,
      trackingNumber: record.waybill,
      status: status === 'WAYBILL_PENDING' ? 'CREATED' : status,
      ...(raw !== undefined
        ? { rawStatus: raw, rawStatusLabel: classifyViettelPostStatus(raw).labelVi }
        : {}),
      externalIds: { [VIETTELPOST]: record.waybill },
    };
  }

  async function storedStatus(trackingNumber: string): Promise<number | undefined> {
    const record = await state.byWaybill(trackingNumber);
    return record?.rawStatus !== undefined ? readWholeInt(record.rawStatus) : undefined;
  }

  /**
   * Idempotency: ORDER_NUMBER = our deterministic reference with CHECK_UNIQUE true, so VTP refuses a
   * second order with the same reference, and the store (not adapter memory) remembers the reference:
   * - known waybill → returned from the store, nothing sent;
   * - spent reference (its order was cancelled/rejected) → ReferenceSpentError, nothing sent;
   * - otherwise `pendingSince` is written (durably) BEFORE the create is sent, then the create is sent
   *   (the pipeline retries it after a lost answer). A refusal as duplicate leaves the reference
   *   WAYBILL_PENDING: the journey webhook (ORDER_REFERENCE), applied by any process sharing the store,
   *   completes it. A refusal we cannot read while an earlier attempt may have committed fails with
   *   CreateOutcomeUnknownError — never a second order.
   */
  const inFlight = new Map<string, { fingerprint: string; attempt: Promise<ViettelPostShipment> }>();

  /** Single-flight per reference in this adapter: concurrent callers share one attempt and its result. */
  async function createShipment(
    input: ShipmentRequest,
    createOptions: CreateViettelPostShipmentOptions,
  ): Promise<ViettelPostShipment> {
    checkArgument(input, 'request', AN_OBJECT);
    checkArgument(createOptions, 'options', AN_OBJECT);
    assertReference(createOptions.reference);
    const { reference, groupAddressId, customerId } = createOptions;
    const request = checkedRequest(input);
    // The content of this create (the warehouse options change the parcel's sender too).
    const fingerprint = requestFingerprint(request, { groupAddressId, customerId });
    const running = inFlight.get(reference);
    if (running) {
      assertSameRequest({ requestFingerprint: running.fingerprint }, fingerprint, reference, CARRIER);
      return running.attempt;
    }
    const attempt = createOnce(request, fingerprint, createOptions).finally(() => inFlight.delete(reference));
    inFlight.set(reference, { fingerprint, attempt });
    return attempt;
  }

  /**
   * The request as sent on create and edit: service code normalised; sender and receiver (phones against
   * the numbering plan), parcel and COD checked — every problem in one ValidationError, nothing sent.
   */
  function checkedRequest(input: ShipmentRequest): ShipmentRequest {
    const { parcel, codAmountVnd } = validParcelAndCod(input, contactIssues(input, VIETTELPOST), 'shipment');
    return {
      ...input,
      ...(typeof input.serviceCode === 'string'
        ? { serviceCode: normaliseServiceCode(input.serviceCode) }
        : {}),
      parcel,
      codAmountVnd,
    };
  }

  /** Against the codes quoted so far, else ViettelPost's service list (read once, cached). */
  async function checkServiceCode(serviceCode: unknown, call: CallOptions): Promise<void> {
    if (typeof serviceCode === 'string' && ctx.serviceNames.has(serviceCode)) return;
    const listed = (await ctx.catalog.services(call)).map((service) => service.code);
    knownServiceCode({ platform: VIETTELPOST, label: 'ViettelPost' }, serviceCode, [
      ...new Set([...ctx.serviceNames.keys(), ...listed]),
    ]);
  }

  async function createOnce(
    request: ShipmentRequest,
    fingerprint: string,
    createOptions: CreateViettelPostShipmentOptions,
  ): Promise<ViettelPostShipment> {
    const { reference, groupAddressId, customerId, ...callOptions } = createOptions;
    const record = await state.get(reference);
    // Another carrier's or account's parcel under this reference: refused, its record left as it is.
    state.assertOwner(record, reference);
    // The same reference with other content (COD, receiver …): the stored parcel is not this request's.
    assertSameRequest(record, fingerprint, reference, CARRIER);
    if (record?.spent) throw new ReferenceSpentError(reference, record.waybill, { operation: 'createOrder' });
    if (record?.waybill) return fromRecord(record, request);
    const hadPending = record?.pendingSince !== undefined;
    // The service code, then the addresses: an unknown code ('VCNN', 'cheapest') or commune fails here
    // with nothing sent and nothing marked pending.
    await checkServiceCode(request.serviceCode, callOptions);
    const resolved = await endpoints.resolveBoth(
      request.sender.address,
      request.receiver.address,
      callOptions,
    );
    if (!(await state.markSending(reference, nowIso(ctx), record, fingerprint))) {
      // Another caller sharing the store claimed the reference after we read it: never a second send.
      const now = await state.get(reference);
      state.assertOwner(now, reference);
      assertSameRequest(now, fingerprint, reference, CARRIER);
      if (now?.spent) throw new ReferenceSpentError(reference, now.waybill, { operation: 'createOrder' });
      if (now?.waybill) return fromRecord(now, request);
      throw new ConflictError(
        `ViettelPost: another create for reference ${reference} is in flight (claimed by another caller sharing this store); nothing was sent by this call. Retry later: the store then answers with its waybill, or the journey webhook completes it. / Một lệnh tạo đơn khác cho mã ${reference} đang được xử lý (một tiến trình khác dùng chung kho dữ liệu); lệnh này không gửi gì. Thử lại sau.`,
        { platform: VIETTELPOST, operation: 'createOrder' },
      );
    }
    try {
      const shipment = await endpoints.send(resolved, async (pair) => {
        const { operation, path } = orderEndpoint(pair, 'createOrder');
        const response = await http.request(
          {
            operation,
            method: 'POST',
            path,
            body: buildOrderBody({
              request,
              orderNumber: reference,
              purpose: 'create',
              ...pair,
              enableSortCode: options.enableSortCode,
              ...(groupAddressId !== undefined ? { groupAddressId } : {}),
              ...(customerId !== undefined ? { customerId } : {}),
              now: ctx.now(),
            }),
            trafficClass: 'write',
            idempotent: true,
          },
          callOptions,
        );
        return fromAnswer(envelopeObject(response.data, operation), request, reference, operation);
      });
      await state.recordCreated(reference, shipment.trackingNumber!);
      return shipment;
    } catch (error) {
      if (error instanceof DuplicateReferenceError) {
        logger.warn(
          { event: 'createShipment.duplicate', reference },
          'ViettelPost already holds an order with this reference; its waybill arrives with the journey webhook',
        );
        const now = await state.get(reference);
        if (now?.spent) throw new ReferenceSpentError(reference, now.waybill, { operation: 'createOrder' });
        return now
          ? fromRecord(now, request)
          : fromRecord({ reference, status: 'WAYBILL_PENDING', updatedAt: nowIso(ctx) }, request);
      }
      if (isRefusal(error)) {
        const retried = (error.request?.attempt ?? 1) > 1;
        if ((hadPending || retried) && !INPUT_REFUSAL_KINDS.has(error.kind)) {
          logger.error(
            { event: 'createShipment.outcomeUnknown', reference, platformMessage: error.platformMessage },
            'ViettelPost refused a create that an earlier attempt may have committed; not creating another',
          );
          throw new CreateOutcomeUnknownError(reference, {
            operation: error.operation ?? 'createOrder',
            platformMessage: error.platformMessage ?? '',
            cause: error,
          });
        }
        // VTP read our request and refused it: nothing was created by this call.
        if (!retried && !hadPending) await state.restore(reference, record);
      }
      throw error;
    }
  }

  async function editShipment(
    trackingNumber: string,
    input: ShipmentRequest,
    editOptions: EditShipmentOptions = {},
  ): Promise<ViettelPostShipment> {
    checkArgument(trackingNumber, 'trackingNumber', A_TEXT);
    checkArgument(input, 'request', AN_OBJECT);
    checkArgument(editOptions, 'options', AN_OBJECT);
    const { currentStatus, reference, ...callOptions } = editOptions;
    const request = checkedRequest(input);
    const code = currentStatus ?? (await storedStatus(trackingNumber));
    if (code !== undefined && !editAllowedIn(code)) {
      throw new OrderActionNotAllowedError(
        `ViettelPost order ${trackingNumber} can no longer be edited (status ${code}): ${EDIT_RULE.ruleEn}`,
        { platform: VIETTELPOST, operation: 'editOrder', action: 'edit', currentStatus: code },
      );
    }
    // order/edit has no free-text twin: ids are required, so no Nlp fallback here.
    const [sender, receiver] = await Promise.all([
      endpoints.resolve(request.sender.address, callOptions),
      endpoints.resolve(request.receiver.address, callOptions),
    ]);
    return endpoints.send({ sender, receiver }, async (pair) => {
      const response = await http.request(
        {
          operation: 'editOrder',
          method: 'POST',
          path: '/v2/order/edit',
          // ORDER_NUMBER here is VTP's waybill number, not our reference (contract §10.5).
          body: buildOrderBody({
            request,
            orderNumber: trackingNumber,
            purpose: 'edit',
            ...pair,
            enableSortCode: options.enableSortCode,
            now: ctx.now(),
          }),
          trafficClass: 'write',
          idempotent: true,
        },
        callOptions,
      );
      const data = envelopeObject(response.data, 'editOrder');
      const ref = reference ?? (await state.byWaybill(trackingNumber))?.reference ?? trackingNumber;
      return fromAnswer({ ORDER_NUMBER: trackingNumber, ...data }, request, ref, 'editOrder');
    });
  }

  /** The shipment of a reference as the store knows it (undefined when never created through this store). */
  async function shipmentOf(reference: string): Promise<CarrierShipmentRecord | undefined> {
    const record = await state.get(reference);
    return record?.carrier === undefined || record.carrier === VIETTELPOST ? record : undefined;
  }

  return { createShipment, editShipment, storedStatus, shipmentOf };
}
