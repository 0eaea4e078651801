import { ContractViolationError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { CarrierShipmentMatch } from '../types.js';
import type { VnpostContext } from './context.js';
import { VNPOST } from './errors.js';
import { API_PREFIX, MAX_LIST_PAGE_SIZE } from './options.js';
import { ORDER_TYPE_SEND } from './order-payload.js';
import {
  detailFromRecord,
  flattenResults,
  historyFrom,
  type VnpostOrderDetail,
  type VnpostStatusStep,
} from './response-mapping.js';
import { classifyVnpostStatus, normaliseStatusCode } from './status-table.js';
import { formatVnpostDay } from './vietnam-time.js';
import { readString, type WireRecord } from './wire.js';

/** getOrder / GetStatusHistoryOrder `type`: look the order up by its tracking number (itemCode). */
export const LOOKUP_BY_ITEM_CODE = '1';
/** Most pages of GetListOrder read while looking for a lost create. */
const MAX_LOOKUP_PAGES = 20;

/** Reading orders back from VNPost: getOrder, GetListOrder (by our reference), GetStatusHistoryOrder. */
export function createOrderLookups(ctx: VnpostContext) {
  const { http, logger, options } = ctx;

  /** A GET that looks one order up by its tracking number (getOrder, GetStatusHistoryOrder). */
  function byItemCode(operation: string, endpoint: string, trackingNumber: string, call?: CallOptions) {
    return http.request(
      {
        operation,
        method: 'GET',
        path: `${API_PREFIX}/${endpoint}`,
        query: { type: LOOKUP_BY_ITEM_CODE, code: trackingNumber },
      },
      call,
    );
  }

  /** getOrder by tracking number; undefined when VNPost has no such order. */
  async function getShipment(
    trackingNumber: string,
    call?: CallOptions,
  ): Promise<VnpostOrderDetail | undefined> {
    const response = await byItemCode('getOrder', 'getOrder', trackingNumber, call);
    const record = flattenResults(response.data).find(
      (r) => readString(r.itemCode)?.trim() === trackingNumber,
    );
    return record ? detailFromRecord(record, 'getOrder') : undefined;
  }

  async function statusHistory(trackingNumber: string, call?: CallOptions): Promise<VnpostStatusStep[]> {
    const response = await byItemCode('getStatusHistoryOrder', 'GetStatusHistoryOrder', trackingNumber, call);
    return historyFrom(response.data, 'getStatusHistoryOrder');
  }

  /** GetListOrder over the lookup window: the live order carrying `reference` as `saleOrderCode`. */
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

  async function findByReference(
    reference: string,
    call?: CallOptions,
  ): Promise<VnpostOrderDetail | undefined> {
    const record = await findRecordByReference(reference, call);
    return record ? detailFromRecord(record, 'getListOrder') : undefined;
  }

  /** `findByReference` as a carrier-neutral match (the connector completes lost creates with it). */
  async function findShipment(
    reference: string,
    call?: CallOptions,
  ): Promise<CarrierShipmentMatch | undefined> {
    const found = await findByReference(reference, call);
    if (!found) return undefined;
    return {
      reference,
      trackingNumber: found.itemCode,
      ...(found.status ? { status: found.status } : {}),
      ...(found.rawStatus !== undefined ? { rawStatus: found.rawStatus } : {}),
    };
  }

  /** The order of a tracking number with its originalID (cancel and correction need it). */
  async function orderOf(
    trackingNumber: string,
    call?: CallOptions,
  ): Promise<VnpostOrderDetail & { originalId: string }> {
    const detail = await getShipment(trackingNumber, call);
    if (!detail) {
      throw new ValidationError(
        { vi: `VNPost không có đơn ${trackingNumber}`, en: `VNPost has no order ${trackingNumber}` },
        [
          {
            path: 'trackingNumber',
            value: trackingNumber,
            code: 'vnpost.order_unknown',
            messageVi: `VNPost không có đơn ${trackingNumber}`,
            messageEn: `VNPost has no order ${trackingNumber}`,
            platform: VNPOST,
          },
        ],
      );
    }
    if (!detail.originalId)
      throw new ContractViolationError(
        {
          vi: `MyVNPost getOrder: ${trackingNumber} không có originalID`,
          en: `MyVNPost getOrder: ${trackingNumber} has no originalID`,
        },
        {
          platform: VNPOST,
          operation: 'getOrder',
        },
      );
    return { ...detail, originalId: detail.originalId };
  }

  return { getShipment, statusHistory, findRecordByReference, findByReference, findShipment, orderOf };
}

export type VnpostOrderLookups = ReturnType<typeof createOrderLookups>;
