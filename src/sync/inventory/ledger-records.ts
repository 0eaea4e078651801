import type { StoreOperations } from '../../store/state-store.js';

/*
 * Order-read progress lives in the StateStore's checkpoint namespace under a reserved `platform` name
 * (with a dot, which no marketplace name has). Orders and per-SKU ledger states have their own records
 * (src/sync/orders/order-state.ts).
 */

/** Order-read progress per marketplace account: account = "<platform>/<account>". */
export const ORDER_CHECKPOINT_NAMESPACE = 'inventory.orders';

export interface OrderReadProgress {
  /** End (epoch ms) of the last window read completely. */
  doneTo?: number;
  /** Start of the window being read when the run stopped mid-way. */
  from?: number;
  /** The adapter's resume token inside that window (written only after a page was fully applied). */
  cursor?: string;
  /** Orders updated before it were all read at least `overlapMs` after their update time (order-windows.ts). */
  settledTo?: number;
  /** The fresh overlap learned from orders seen late (ms). */
  freshMs?: number;
  /** The window being read is a settle sweep (its end is `to`, fixed). */
  sweep?: boolean;
  /** End of the sweep window being read. */
  to?: number;
  /** Where `settledTo` moves when the window being read completes. */
  settleTo?: number;
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export async function readProgress(
  store: StoreOperations,
  platform: string,
  account: string,
): Promise<OrderReadProgress> {
  const record = await store.getCheckpoint(ORDER_CHECKPOINT_NAMESPACE, `${platform}/${account}`);
  const value = record ? parse(record.cursor) : undefined;
  if (!value) return {};
  const progress: OrderReadProgress = {};
  for (const key of ['doneTo', 'from', 'settledTo', 'freshMs', 'to', 'settleTo'] as const) {
    const n = num(value[key]);
    if (n !== undefined) progress[key] = n;
  }
  if (typeof value.cursor === 'string') progress.cursor = value.cursor;
  if (value.sweep === true) progress.sweep = true;
  return progress;
}

export async function writeProgress(
  store: StoreOperations,
  platform: string,
  account: string,
  progress: OrderReadProgress,
): Promise<void> {
  await store.putCheckpoint({
    platform: ORDER_CHECKPOINT_NAMESPACE,
    account: `${platform}/${account}`,
    cursor: JSON.stringify(progress),
  });
}
