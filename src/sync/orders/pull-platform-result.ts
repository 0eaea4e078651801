import type { OcopConnectError } from '../../core/errors.js';

/** What reading one marketplace account's orders did: by `pullOrders`, and as the first half of `syncInventory`. */
export interface PullPlatformResult {
  platform: string;
  account: string;
  ordersRead: number;
  /** Orders new or changed. */
  ordersApplied: number;
  /** The order checkpoint moved forward (false when the read failed before its first page). */
  checkpointAdvanced: boolean;
  /** The whole order read completed up to the window end. */
  ordersComplete: boolean;
  /** Set when reading orders failed; everything read before it is kept. */
  error?: OcopConnectError;
}
