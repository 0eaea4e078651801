import { A_TEXT, AN_OBJECT, checkArgument, TEXT_LIST } from '../../core/argument-guards.js';
import { ContractViolationError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { Address } from '../../model/address.js';
import type { LabelSize } from '../types.js';
import { nowIso, type ViettelPostContext } from './context.js';
import { OrderActionNotAllowedError, OrderStatusConflictError, VIETTELPOST } from './errors.js';
import { MAX_WAYBILLS_PER_LABEL } from './options.js';
import { ORDER_ACTIONS, type OrderAction } from './order-actions.js';
import { clip, fullAddressText, wirePhone } from './order-payload.js';
import type { OrderStatusOptions } from './shipments.js';
import { type ViettelPostWarehouse, warehouseFromRow } from './warehouses.js';
import { envelopeArray, readString } from './wire.js';

/** `type` parameter of the label page per paper size (contract §8.4). */
export const LABEL_TYPES: Readonly<Record<LabelSize, string>> = { A5: '1', A6: '2', A7: '100' };

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

export interface LabelOptions extends CallOptions {
  /** Print the postage on the label. @default false */
  showPostage?: boolean;
}

export interface RegisterWarehouseInput {
  name: string;
  phone: string;
  address: Address;
}

const CANCELLED_CODE = 107;

/** UpdateOrder (approve, return, re-deliver, cancel, delete), labels, re-sent journeys and warehouses. */
export function createOrderUpdates(
  ctx: ViettelPostContext,
  storedStatus: (trackingNumber: string) => Promise<number | undefined>,
) {
  const { http, state, options, resolver } = ctx;

  /** Our own successful cancel is a status change too: the reference is spent from now on. */
  async function recordCancelled(trackingNumber: string): Promise<void> {
    const record = await state.byWaybill(trackingNumber);
    await state.apply(record?.reference, {
      status: 'CANCELLED',
      rawStatus: CANCELLED_CODE,
      at: nowIso(ctx),
      waybill: trackingNumber,
    });
  }

  async function updateOrder(
    trackingNumber: string,
    action: OrderAction,
    updateOptions: UpdateOrderOptions = {},
  ): Promise<UpdateOrderResult> {
    checkArgument(trackingNumber, 'trackingNumber', A_TEXT);
    checkArgument(updateOptions, 'options', AN_OBJECT);
    const { currentStatus, note, date, ...callOptions } = updateOptions;
    const rule = ORDER_ACTIONS[action];
    const code = currentStatus ?? (await storedStatus(trackingNumber));
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
      if (action === 'cancel') await recordCancelled(trackingNumber);
      const message = readString((response.data as { message?: unknown } | undefined)?.message) ?? '';
      return { trackingNumber, action, message, alreadyApplied: false };
    } catch (error) {
      // The order is already where the caller wants it (e.g. our first cancel's response was lost).
      if (error instanceof OrderStatusConflictError) {
        if (action === 'cancel') await recordCancelled(trackingNumber);
        return { trackingNumber, action, message: error.platformMessage ?? '', alreadyApplied: true };
      }
      throw error;
    }
  }

  async function cancelShipment(
    trackingNumber: string,
    reason?: string,
    cancelOptions: OrderStatusOptions = {},
  ): Promise<void> {
    await updateOrder(trackingNumber, 'cancel', { ...cancelOptions, ...(reason ? { note: reason } : {}) });
  }

  async function labelUrl(
    trackingNumbers: readonly string[],
    size: LabelSize = 'A6',
    labelOptions: LabelOptions = {},
  ): Promise<string> {
    checkArgument(trackingNumbers, 'trackingNumbers', TEXT_LIST);
    checkArgument(labelOptions, 'options', AN_OBJECT);
    const { showPostage, ...callOptions } = labelOptions;
    if (trackingNumbers.length === 0 || trackingNumbers.length > MAX_WAYBILLS_PER_LABEL) {
      throw new ValidationError(
        {
          vi: `trackingNumbers: một lần in nhãn cần 1–${MAX_WAYBILLS_PER_LABEL} mã vận đơn, nhận được ${trackingNumbers.length}`,
          en: `trackingNumbers: a label needs 1–${MAX_WAYBILLS_PER_LABEL} waybill numbers, got ${trackingNumbers.length}`,
        },
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
        body: { EXPIRY_TIME: ctx.now().getTime() + options.labelExpiryMs, ORDER_ARRAY: [...trackingNumbers] },
        trafficClass: 'read',
        idempotent: true,
      },
      callOptions,
    );
    // The print code comes back in `message`, not `data` (contract §8.4).
    const code = readString((response.data as { message?: unknown } | undefined)?.message);
    if (!code) {
      throw new ContractViolationError(
        {
          vi: 'ViettelPost printing-code: câu trả lời không có mã in trong `message`',
          en: 'ViettelPost printing-code returned no print code in `message`',
        },
        {
          platform: VIETTELPOST,
          operation: 'printingCode',
        },
      );
    }
    const query = new URLSearchParams({
      type: LABEL_TYPES[size],
      bill: code,
      showPostage: showPostage ? '1' : '0',
    });
    // URLSearchParams encodes `+`, `/` and `=` of the base64-like code.
    return `${options.labelOrigin}/DigitalizePrint/report.do?${query.toString()}`;
  }

  async function registerOrderHook(
    trackingNumber: string,
    message = '',
    callOptions?: CallOptions,
  ): Promise<void> {
    checkArgument(trackingNumber, 'trackingNumber', A_TEXT);
    await http.request(
      {
        operation: 'registerOrderHook',
        method: 'GET',
        path: '/v2/order/registerOrderHook',
        query: { oid: trackingNumber, mes: clip(message) },
      },
      callOptions,
    );
  }

  async function listWarehouses(callOptions?: CallOptions): Promise<ViettelPostWarehouse[]> {
    const response = await http.request(
      { operation: 'listInventory', method: 'GET', path: '/v2/user/listInventory' },
      callOptions,
    );
    return envelopeArray(response.data, 'listInventory')
      .map(warehouseFromRow)
      .filter((w): w is ViettelPostWarehouse => w !== undefined);
  }

  async function registerWarehouse(
    warehouse: RegisterWarehouseInput,
    callOptions?: CallOptions,
  ): Promise<ViettelPostWarehouse[]> {
    checkArgument(warehouse, 'warehouse', AN_OBJECT);
    const ids = await resolver.resolve(warehouse.address, callOptions);
    const phone = wirePhone(warehouse.phone);
    const name = clip(warehouse.name);
    const response = await http.request(
      {
        operation: 'registerInventory',
        method: 'POST',
        path: '/v2/user/registerInventory',
        body: { PHONE: phone, NAME: name, ADDRESS: fullAddressText(warehouse.address), WARDS_ID: ids.wardId },
        trafficClass: 'write',
        // Not idempotent on VTP's side: after a lost response, look for it before registering again.
        recover: async () => {
          const list = await listWarehouses(callOptions);
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
  }

  return { updateOrder, cancelShipment, labelUrl, registerOrderHook, listWarehouses, registerWarehouse };
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
