import type { Logger } from 'pino';
import type { PlatformClient } from '../../core/types.js';
import type { ViettelPostAddressResolver } from './address-resolver.js';
import type { ViettelPostCatalog } from './catalog.js';
import type { Endpoints } from './endpoints.js';
import type { ResolvedViettelPostOptions } from './options.js';
import type { ViettelPostShipmentState } from './shipment-state.js';

/** What the adapter's parts share: options, the HTTP pipeline, catalogs, the clock and the store-backed state. */
export interface ViettelPostContext {
  options: ResolvedViettelPostOptions;
  http: PlatformClient;
  catalog: ViettelPostCatalog;
  resolver: ViettelPostAddressResolver;
  endpoints: Endpoints;
  logger: Logger;
  state: ViettelPostShipmentState;
  /** The injected clock (`now` option). */
  now: () => Date;
  /** Service code → name, learnt from getPriceAll / listService (bounded by VTP's service list). */
  serviceNames: Map<string, string>;
}

export const nowIso = (context: Pick<ViettelPostContext, 'now'>): string => context.now().toISOString();
