import {
  A_BOOLEAN_OR_NOTHING,
  A_TEXT,
  A_TEXT_OR_NOTHING,
  AN_OBJECT,
  OWN_RULES,
  oneOfNames,
} from '../../core/argument-guards.js';
import {
  A_LABEL_SIZE,
  A_NUMBER_OR_NOTHING,
  AN_ID,
  ANY_TEXT_OR_NOTHING,
  carrierMethods,
  data,
  fields,
  type MethodRule,
  options,
  WAYBILL,
  WAYBILLS,
} from '../carrier-arguments.js';
import { ORDER_ACTIONS } from './order-actions.js';

const STATUS_OPTIONS = { currentStatus: A_NUMBER_OR_NOTHING };
const ACTIONS = Object.keys(ORDER_ACTIONS) as [string, ...string[]];
const AN_ACTION = oneOfNames(ACTIONS, {
  vi: `một thao tác: ${ACTIONS.join(', ')}`,
  en: `an action: ${ACTIONS.join(', ')}`,
});
const ANY_TEXT = ANY_TEXT_OR_NOTHING;

/**
 * ViettelPost's public methods and what each argument must be, checked before anything is sent (the
 * adapter's type checks that none is left out).
 */
export const VIETTELPOST_METHODS = {
  // The reference is data: checked (text, no control characters …) by createShipment itself.
  ...carrierMethods('viettelpost', {
    reference: OWN_RULES,
    groupAddressId: A_NUMBER_OR_NOTHING,
    customerId: A_NUMBER_OR_NOTHING,
  }),
  editShipment: {
    args: [
      WAYBILL,
      data('request', AN_OBJECT),
      options('viettelpost.editShipment', { ...STATUS_OPTIONS, reference: A_TEXT_OR_NOTHING }),
    ],
  },
  updateOrder: {
    args: [
      WAYBILL,
      data('action', AN_ACTION),
      options('viettelpost.updateOrder', { ...STATUS_OPTIONS, note: ANY_TEXT, date: ANY_TEXT }),
    ],
  },
  cancelShipment: {
    args: [WAYBILL, data('reason', ANY_TEXT), options('viettelpost.cancelShipment', STATUS_OPTIONS)],
  },
  labelUrl: {
    args: [
      data('trackingNumbers', WAYBILLS),
      data('size', A_LABEL_SIZE),
      options('viettelpost.labelUrl', { showPostage: A_BOOLEAN_OR_NOTHING }),
    ],
  },
  approveShipment: { args: [WAYBILL, options('viettelpost.approveShipment', STATUS_OPTIONS)] },
  resendEvents: { args: [WAYBILL, options('viettelpost.resendEvents')] },
  registerOrderHook: { args: [WAYBILL, data('message', ANY_TEXT), options('viettelpost.registerOrderHook')] },
  listWarehouses: { args: [options('viettelpost.listWarehouses')] },
  registerWarehouse: {
    args: [
      fields('warehouse', { name: A_TEXT, phone: A_TEXT, address: AN_OBJECT }),
      options('viettelpost.registerWarehouse'),
    ],
  },
  lastKnownStatus: { args: [WAYBILL] },
} satisfies Readonly<Record<string, MethodRule>>;

/** The catalog reads: a province or district id, a service code, call options. */
export const VIETTELPOST_CATALOG_METHODS = {
  provinces: { args: [options('viettelpost.catalogs.provinces')] },
  districts: { args: [data('provinceId', AN_ID), options('viettelpost.catalogs.districts')] },
  wards: { args: [data('districtId', AN_ID), options('viettelpost.catalogs.wards')] },
  provincesNew: { args: [options('viettelpost.catalogs.provincesNew')] },
  wardsNew: { args: [data('provinceId', AN_ID), options('viettelpost.catalogs.wardsNew')] },
  services: { args: [options('viettelpost.catalogs.services')] },
  extraServices: { args: [data('serviceCode', A_TEXT), options('viettelpost.catalogs.extraServices')] },
  postOffices: { args: [options('viettelpost.catalogs.postOffices')] },
} satisfies Readonly<Record<string, MethodRule>>;
