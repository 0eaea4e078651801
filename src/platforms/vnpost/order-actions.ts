import { ContractViolationError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import { platformErrorText } from '../../model/platform-error-text.js';
import type { CancelShipmentOutcome, LabelSize, ShipmentRequest } from '../types.js';
import { nowIso, resolveBoth, type VnpostContext } from './context.js';
import { VNPOST, VnpostCaseRefusedError } from './errors.js';
import { API_PREFIX, MAX_ITEMS_PER_LABEL } from './options.js';
import type { VnpostOrderLookups } from './order-lookups.js';
import { correctionBody } from './order-payload.js';
import { validShipmentRequest } from './request-validation.js';
import { type CaseAnswer, caseAnswer } from './response-mapping.js';

/** Cancel / correction answer `Type`: accepted now, or waiting for VNPost's approval. */
export const CASE_ACCEPTED = '00';
export const CASE_PENDING = '02';
/** A parcel VNPost can still cancel (not picked up yet). */
const BEFORE_PICKUP: ReadonlySet<string> = new Set(['WAYBILL_PENDING', 'CREATED', 'PENDING_PICKUP']);

export interface CaseResult {
  /** Accepted at once ("00"), or waiting for VNPost's approval ("02"; `refreshShipments` follows it up). */
  state: 'accepted' | 'pending';
  caseId?: string;
  message: string;
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
    platformErrorText({
      name: 'MyVNPost',
      kind: 'conflict',
      head: {
        vi: `MyVNPost từ chối ${operation} cho vận đơn ${trackingNumber}`,
        en: `MyVNPost ${operation} of ${trackingNumber} refused`,
      },
      platformCode: answer.type,
      platformMessage: answer.message,
    }),
    answer.type,
    { platform: VNPOST, operation, platformCode: answer.type, platformMessage: answer.message },
  );
}

function assertLabelBatch(trackingNumbers: readonly string[]): void {
  if (trackingNumbers.length >= 1 && trackingNumbers.length <= MAX_ITEMS_PER_LABEL) return;
  throw new ValidationError(
    {
      vi: `trackingNumbers: một lần in nhãn VNPost cần 1–${MAX_ITEMS_PER_LABEL} mã vận đơn, nhận được ${trackingNumbers.length}`,
      en: `trackingNumbers: a VNPost label call needs 1–${MAX_ITEMS_PER_LABEL} tracking numbers, got ${trackingNumbers.length}`,
    },
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

/** What can be done to an existing order: orderCorrection, orderCancel, exportListReport (labels). */
export function createOrderActions(
  ctx: VnpostContext,
  lookups: Pick<VnpostOrderLookups, 'getShipment' | 'orderOf'>,
) {
  const { http, logger, options, state, account } = ctx;

  async function editShipment(
    trackingNumber: string,
    input: ShipmentRequest,
    call?: CallOptions,
  ): Promise<CaseResult> {
    const request = validShipmentRequest(input, 'orderCorrection', options.extraServices);
    const order = await lookups.orderOf(trackingNumber, call);
    const [sender, receiver] = await resolveBoth(ctx, request.sender.address, request.receiver.address, call);
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
  }

  async function cancelOrder(trackingNumber: string, call?: CallOptions): Promise<CaseResult> {
    const held = await state.byWaybill(trackingNumber);
    if (held?.cancelPendingSince) {
      // A case waits for VNPost's approval: never a second one. Its decision shows in the parcel.
      const detail = await lookups.getShipment(trackingNumber, call);
      if (detail?.status === 'CANCELLED') {
        await state.recordCancelled(held.reference, nowIso(ctx));
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
    const { originalId } = await lookups.orderOf(trackingNumber, call);
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
      if (record) await state.recordCancelled(record.reference, nowIso(ctx));
    } else {
      const record = await state.byWaybill(trackingNumber);
      if (record) await state.recordCancelPending(record.reference, nowIso(ctx), result.caseId);
      logger.info(
        { event: 'orderCancel.pending', trackingNumber, caseId: result.caseId },
        'VNPost cancel waits for approval (Type 02): refreshShipments() or the webhook records the outcome',
      );
    }
    return result;
  }

  async function cancelShipment(
    trackingNumber: string,
    _reason?: string,
    call?: CallOptions,
  ): Promise<CancelShipmentOutcome> {
    // "02" is not done: VNPost must approve it first (refreshShipments / the webhook tell its fate).
    const result = await cancelOrder(trackingNumber, call);
    return result.state === 'pending'
      ? { state: 'pending', ...(result.caseId ? { caseId: result.caseId } : {}) }
      : { state: 'cancelled' };
  }

  async function labels(trackingNumbers: readonly string[], call?: CallOptions): Promise<Buffer[]> {
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
      throw new ContractViolationError(
        {
          vi: 'MyVNPost exportListReport: câu trả lời không có tệp base64',
          en: 'MyVNPost exportListReport returned no base64 file',
        },
        {
          platform: VNPOST,
          operation: 'exportListReport',
        },
      );
    }
    return files;
  }

  async function labelUrl(
    trackingNumbers: readonly string[],
    _size?: LabelSize,
    call?: CallOptions,
  ): Promise<string> {
    const [first] = await labels(trackingNumbers, call);
    return `data:application/pdf;base64,${first!.toString('base64')}`;
  }

  return { editShipment, cancelOrder, cancelShipment, labels, labelUrl };
}
