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
  const doneTo = num(value.doneTo);
  const from = num(value.from);
  return {
    ...(doneTo !== undefined ? { doneTo } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(typeof value.cursor === 'string' ? { cursor: value.cursor } : {}),
  };
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
