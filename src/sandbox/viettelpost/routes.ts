import { login, loginVtp, ownerConnect } from './auth-handlers.js';
import {
  listDistricts,
  listPostOffices,
  listProvinces,
  listProvincesNew,
  listServiceExtras,
  listServices,
  listWards,
  listWardsNew,
} from './catalog-handlers.js';
import type { ViettelPostOperation } from './faults.js';
import {
  createOrder,
  createOrderNlp,
  editOrder,
  listInventory,
  printingCode,
  printLabel,
  registerInventory,
  registerOrderHook,
  updateOrder,
} from './order-handlers.js';
import { getPrice, getPriceAll, getPriceAllNlp, getPriceNlp } from './pricing-handlers.js';
import type { HandlerResult, RequestContext } from './request-context.js';

export interface Route {
  operation: ViettelPostOperation;
  method: 'GET' | 'POST';
  /** Returns JSON to send as is (envelope or bare), or a HandlerResult for HTML pages. */
  handle: (ctx: RequestContext) => unknown;
  /** HTML result (label page) rather than JSON. */
  html?: boolean;
}

const route = (operation: ViettelPostOperation, method: 'GET' | 'POST', handle: Route['handle']): Route => ({
  operation,
  method,
  handle,
});

/** Keyed by lower-cased path: the server treats paths case-insensitively (/v2/user/login works). */
export const ROUTES: ReadonlyMap<string, Route> = new Map(
  (
    [
      ['/v2/user/login', route('login', 'POST', login)],
      ['/v2/user/ownerconnect', route('ownerConnect', 'POST', ownerConnect)],
      ['/v2/user/loginvtp', route('loginVtp', 'POST', loginVtp)],
      ['/v2/categories/listprovincebyid', route('listProvinceById', 'GET', listProvinces)],
      ['/v2/categories/listprovince', route('listProvince', 'GET', listProvinces)],
      ['/v2/categories/listdistrict', route('listDistrict', 'GET', listDistricts)],
      ['/v2/categories/listwards', route('listWards', 'GET', listWards)],
      ['/v3/categories/listprovincenew', route('listProvinceNew', 'GET', listProvincesNew)],
      ['/v3/categories/listwardsnew', route('listWardsNew', 'GET', listWardsNew)],
      ['/v2/categories/listservice', route('listService', 'POST', listServices)],
      ['/v2/categories/listserviceextra', route('listServiceExtra', 'GET', listServiceExtras)],
      ['/v2/categories/listbuucucvtp', route('listBuuCucVTP', 'GET', listPostOffices)],
      ['/v2/user/listinventory', route('listInventory', 'GET', listInventory)],
      ['/v2/user/registerinventory', route('registerInventory', 'POST', registerInventory)],
      ['/v2/order/getprice', route('getPrice', 'POST', getPrice)],
      ['/v2/order/getpricenlp', route('getPriceNlp', 'POST', getPriceNlp)],
      ['/v2/order/getpriceall', route('getPriceAll', 'POST', getPriceAll)],
      ['/v2/order/getpriceallnlp', route('getPriceAllNlp', 'POST', getPriceAllNlp)],
      ['/v2/order/createorder', route('createOrder', 'POST', createOrder)],
      ['/v2/order/createordernlp', route('createOrderNlp', 'POST', createOrderNlp)],
      ['/v2/order/edit', route('editOrder', 'POST', editOrder)],
      ['/v2/order/updateorder', route('updateOrder', 'POST', updateOrder)],
      ['/v2/order/printing-code', route('printingCode', 'POST', printingCode)],
      ['/v2/order/registerorderhook', route('registerOrderHook', 'GET', registerOrderHook)],
      ['/digitalizeprint/report.do', { ...route('printLabel', 'GET', printLabel), html: true }],
    ] as const
  ).map(([path, r]) => [path, r]),
);

/** Operations that write state (eligible for dropResponseAfterCommit). */
export const WRITE_OPERATIONS: ReadonlySet<ViettelPostOperation> = new Set([
  'createOrder',
  'createOrderNlp',
  'editOrder',
  'updateOrder',
  'registerInventory',
  'printingCode',
]);

export type { HandlerResult };
