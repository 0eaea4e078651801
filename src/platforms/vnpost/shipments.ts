import { ConflictError, OutcomeUnknownError, ServerError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { Shipment } from '../../model/shipment.js';
import { type ShipmentStatus, ShipmentStatusSchema } from '../../model/status.js';
import { assertSameRequest, requestFingerprint } from '../carrier-request.js';
import type { CreateShipmentOptions, ShipmentRequest } from '../types.js';
import { nowIso, resolveBoth, type VnpostContext } from './context.js';
import { VNPOST, VnpostReferenceSpentError } from './errors.js';
import type { createLostCreates } from './lost-create.js';
import { API_PREFIX } from './options.js';
import type { VnpostOrderLookups } from './order-lookups.js';
import { assertReference, createOrderBody } from './order-payload.js';
import { validShipmentRequest } from './request-validation.js';
import { detailFromRecord, orderRecord } from './response-mapping.js';
import type { WireRecord } from './wire.js';

const CARRIER = { platform: VNPOST, label: 'VNPost' };

/**
 * CreateOrder with our reference as `saleOrderCode`, made safe without an idempotency key: the store's
 * intent, a lookup by reference before any second send, and single-flight per reference.
 */
export function createShipments(
  ctx: VnpostContext,
  lookups: Pick<VnpostOrderLookups, 'findRecordByReference'>,
  lost: ReturnType<typeof createLostCreates>,
) {
  const { http, logger, options, state, account } = ctx;

  function shipmentFromRecord(
    record: WireRecord,
    request: ShipmentRequest,
    reference: string,
    recovered: boolean,
  ): Shipment {
    const detail = detailFromRecord(record, 'createOrder');
    const at = nowIso(ctx);
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

  async function adopt(record: WireRecord, request: ShipmentRequest, reference: string, recovered: boolean) {
    const shipment = shipmentFromRecord(record, request, reference, recovered);
    await state.recordCreated(reference, {
      waybill: shipment.trackingNumber!,
      status: shipment.status,
      rawStatus: String(shipment.rawStatus ?? ''),
    });
    return shipment;
  }

  const inFlight = new Map<string, { fingerprint: string; attempt: Promise<Shipment> }>();

  /**
   * One create attempt for `reference`. The send is preceded by an atomic claim in the store
   * (`markSending` compares what was read here): when another process claimed the reference in
   * between, nothing is sent — its parcel is answered when it already has a waybill, else a
   * ConflictError says a create is in flight.
   */
  async function createOnce(
    request: ShipmentRequest,
    reference: string,
    fingerprint: string,
    call: CallOptions,
    afterLostClaim = false,
  ): Promise<Shipment> {
    const known = await state.get(reference);
    // Another carrier's or account's parcel under this reference: refused before anything is sent, its
    // record left as it is (the same check as ViettelPost's).
    state.assertOwner(known, reference);
    const ours = known !== undefined && (known.carrier === undefined || known.carrier === VNPOST);
    // The same reference with other content (COD, receiver …): the stored parcel is not this request's.
    if (ours) assertSameRequest(known, fingerprint, reference, CARRIER);
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
    const [sender, receiver] = await resolveBoth(ctx, request.sender.address, request.receiver.address, call);
    if (ours && known.pendingSince !== undefined) {
      // A create for this reference may already have reached VNPost (an earlier run lost its answer).
      let found: WireRecord | undefined;
      try {
        found = await lookups.findRecordByReference(reference, call);
      } catch (error) {
        throw new OutcomeUnknownError(
          {
            vi: `VNPost: lệnh tạo cho mã tham chiếu ${reference} có thể đã được gửi trước đó và việc tra cứu thất bại; lần này chưa gửi gì`,
            en: `VNPost: a create for reference ${reference} may have been sent before, and looking it up failed; nothing was sent now`,
          },
          { platform: VNPOST, operation: 'createOrder', cause: error },
        );
      }
      if (found) return adopt(found, request, reference, true);
      // Not listed (yet): VNPost may commit late and its list lags. Only after the settle horizon
      // does "not listed" mean "never created".
      const settledAt = lost.settleTime(known.pendingSince);
      if (settledAt !== undefined && options.now() < settledAt) {
        throw lost.unsettled(reference, known.pendingSince, settledAt, {
          vi: 'đã tra cứu lại',
          en: 'looked up again',
        });
      }
      logger.warn(
        { event: 'createShipment.resend', reference, pendingSince: known.pendingSince },
        'a create whose answer was lost is still not listed by VNPost after the settle horizon: sending it again',
      );
    } else if (!options.store) {
      // No store: nothing here remembers an earlier create (another process, a restart). VNPost is
      // asked first, so a reference it already holds is adopted rather than created twice.
      const found = await lookups.findRecordByReference(reference, call);
      if (found) return adopt(found, request, reference, true);
    }
    const claimed = await state.markSending(reference, nowIso(ctx), known, fingerprint);
    if (!claimed) {
      const now = await state.get(reference);
      if (!afterLostClaim && now?.waybill && (now.carrier === undefined || now.carrier === VNPOST)) {
        return createOnce(request, reference, fingerprint, call, true);
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
      const found = await lost.lookupAfterLoss(reference, error, call);
      return adopt(found, request, reference, true);
    }
    return adopt(orderRecord(response.data, 'createOrder'), request, reference, false);
  }

  async function createShipment(
    input: ShipmentRequest,
    createOptions: CreateShipmentOptions,
  ): Promise<Shipment> {
    const { reference, ...call } = createOptions;
    assertReference(reference);
    const request = validShipmentRequest(input, 'createOrder', options.extraServices);
    const fingerprint = requestFingerprint(request);
    // Single-flight per reference in this adapter: concurrent callers share one attempt and its result.
    const running = inFlight.get(reference);
    if (running) {
      assertSameRequest({ requestFingerprint: running.fingerprint }, fingerprint, reference, CARRIER);
      return running.attempt;
    }
    const attempt = createOnce(request, reference, fingerprint, call).finally(() =>
      inFlight.delete(reference),
    );
    inFlight.set(reference, { fingerprint, attempt });
    return attempt;
  }

  return { createShipment };
}
