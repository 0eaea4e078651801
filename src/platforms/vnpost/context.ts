import type { Logger } from 'pino';
import type { CallOptions, PlatformClient } from '../../core/types.js';
import type { Address } from '../../model/address.js';
import { resolveVnpostAddress, type VnpostCatalog } from './catalog.js';
import type { ResolvedVnpostOptions } from './options.js';
import type { VnpostShipmentState } from './shipment-state.js';

/** What the adapter's parts share: options, the HTTP pipeline, catalogs, the account and the store-backed state. */
export interface VnpostContext {
  options: ResolvedVnpostOptions;
  http: PlatformClient;
  logger: Logger;
  catalog: VnpostCatalog;
  /** The customer (and contract) codes sent with quotes, orders and corrections. */
  account: { customerCode: string; contractCode?: string };
  state: VnpostShipmentState;
}

/** The injected clock (`now` option) as an ISO-8601 instant. */
export const nowIso = (context: Pick<VnpostContext, 'options'>): string =>
  new Date(context.options.now()).toISOString();

/** Both ends of a route as MyVNPost codes (the catalogs are read once for both). */
export function resolveBoth(context: VnpostContext, from: Address, to: Address, call?: CallOptions) {
  return Promise.all([
    resolveVnpostAddress(context.catalog, from, call),
    resolveVnpostAddress(context.catalog, to, call),
  ]);
}
