import { StoreCorruptError } from '../../store/errors.js';
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

const NUMBER_FIELDS = ['doneTo', 'from', 'settledTo', 'freshMs', 'to', 'settleTo'] as const;

/**
 * Reads an account's order-read progress. A record that does not fit (a damaged file, a hand edit) is a
 * StoreCorruptError naming it and the field — never "no progress", which would silently re-read 30 days.
 */
export async function readProgress(
  store: StoreOperations,
  platform: string,
  account: string,
): Promise<OrderReadProgress> {
  const key = `${platform}/${account}`;
  const record = await store.getCheckpoint(ORDER_CHECKPOINT_NAMESPACE, key);
  if (!record) return {};
  const corrupt = (vi: string, en: string, cause?: unknown) =>
    new StoreCorruptError(
      `checkpoint[${ORDER_CHECKPOINT_NAMESPACE}/${key}]`,
      { vi: `${vi} (tiến độ đọc đơn hàng hỏng)`, en: `${en} (order-read progress is damaged)` },
      cause,
    );
  let value: unknown;
  try {
    value = JSON.parse(record.cursor);
  } catch (error) {
    throw corrupt('không phải JSON', 'not JSON', error);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw corrupt('không phải một đối tượng JSON', 'not a JSON object');
  const fields = value as Record<string, unknown>;
  const progress: OrderReadProgress = {};
  for (const [name, field] of Object.entries(fields)) {
    if ((NUMBER_FIELDS as readonly string[]).includes(name)) {
      if (typeof field !== 'number' || !Number.isFinite(field))
        throw corrupt(`trường "${name}" không phải là số`, `field "${name}" is not a number`);
      progress[name as (typeof NUMBER_FIELDS)[number]] = field;
    } else if (name === 'cursor') {
      if (typeof field !== 'string')
        throw corrupt('trường "cursor" không phải là chuỗi', 'field "cursor" is not text');
      progress.cursor = field;
    } else if (name === 'sweep') {
      if (field !== true) throw corrupt('trường "sweep" không phải là true', 'field "sweep" is not true');
      progress.sweep = true;
    } else {
      throw corrupt(`trường không xác định "${name}"`, `unknown field "${name}"`);
    }
  }
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
