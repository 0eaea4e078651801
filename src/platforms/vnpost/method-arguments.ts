import { AN_OBJECT, OWN_RULES, orNothing, TEXT_LIST } from '../../core/argument-guards.js';
import {
  A_LABEL_SIZE,
  A_STATUS_CODE,
  ANY_TEXT_OR_NOTHING,
  carrierMethods,
  data,
  type MethodRule,
  options,
  RAW_BODY,
  REFERENCE,
  WAYBILL,
  WAYBILLS,
  WEBHOOK_DELIVERY,
} from '../carrier-arguments.js';

/**
 * VNPost's public methods and what each argument must be, checked before anything is sent (the
 * adapter's type checks that none is left out).
 */
export const VNPOST_METHODS = {
  // The reference is data: checked (text, A–Z a–z 0–9 _ -, ≤ 50) by createShipment itself.
  ...carrierMethods('vnpost', { reference: OWN_RULES }),
  editShipment: { args: [WAYBILL, data('request', AN_OBJECT), options('vnpost.editShipment')] },
  cancelOrder: { args: [WAYBILL, options('vnpost.cancelOrder')] },
  cancelShipment: { args: [WAYBILL, data('reason', ANY_TEXT_OR_NOTHING), options('vnpost.cancelShipment')] },
  getShipment: { args: [WAYBILL, options('vnpost.getShipment')] },
  findByReference: { args: [REFERENCE, options('vnpost.findByReference')] },
  statusHistory: { args: [WAYBILL, options('vnpost.statusHistory')] },
  labels: { args: [data('trackingNumbers', WAYBILLS), options('vnpost.labels')] },
  labelUrl: {
    args: [data('trackingNumbers', WAYBILLS), data('size', A_LABEL_SIZE), options('vnpost.labelUrl')],
  },
  parseWebhookBatch: { args: [RAW_BODY], sync: true },
  parseWebhookEvents: { args: [RAW_BODY], sync: true },
  receiveWebhookEvents: { args: WEBHOOK_DELIVERY },
  pendingCreateSettled: { args: [REFERENCE] },
  refreshShipments: {
    args: [options('vnpost.refreshShipments', { references: orNothing(TEXT_LIST) })],
  },
  findShipment: { args: [REFERENCE, options('vnpost.findShipment')] },
  journeyStage: { args: [data('rawStatus', A_STATUS_CODE)], sync: true },
} satisfies Readonly<Record<string, MethodRule>>;

/** The catalog reads: call options only. */
export const VNPOST_CATALOG_METHODS = {
  provinces: { args: [options('vnpost.catalogs.provinces')] },
  districts: { args: [options('vnpost.catalogs.districts')] },
  communes: { args: [options('vnpost.catalogs.communes')] },
  provincesNew: { args: [options('vnpost.catalogs.provincesNew')] },
  communesNew: { args: [options('vnpost.catalogs.communesNew')] },
} satisfies Readonly<Record<string, MethodRule>>;
