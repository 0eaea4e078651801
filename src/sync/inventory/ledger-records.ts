import type { StoreOperations } from '../../store/state-store.js';
import type { OrderStockEffect } from './types.js';

/*
 * The inventory engine's own records live in the StateStore's checkpoint namespace under reserved
 * `platform` names, so the StateStore interface stays as it is. The names contain a dot, which no
 * marketplace name has, so they cannot collide with an adapter's own checkpoints. `cursor` holds JSON.
 */

/** Order-read progress per marketplace account: account = "<platform>/<account>". */
export const ORDER_CHECKPOINT_NAMESPACE = 'inventory.orders';
/** What one order does to the ledger: account = "<platform>:<externalId>". */
export const ORDER_RECORD_NAMESPACE = 'inventory.order';
/** Last quantity a marketplace acknowledged per SKU: account = "<platform>/<account>/<sku>". */
export const PUSHED_NAMESPACE = 'inventory.pushed';

export interface OrderReadProgress {
  /** End (epoch ms) of the last window read completely. */
  doneTo?: number;
  /** Start of the window being read when the run stopped mid-way. */
  from?: number;
  /** The adapter's resume token inside that window (written only after a page was fully applied). */
  cursor?: string;
}

export interface OrderRecord {
  effect: OrderStockEffect;
  /** Tracked SKU → units held by this order. */
  lines: Record<string, number>;
  /** ISO time the order was created on the platform (first come, first served on an oversell). */
  createdAt: string;
  /** ISO time of the order snapshot applied; an older snapshot read later is ignored. */
  updatedAt: string;
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

const EFFECTS: readonly string[] = ['reserved', 'consumed', 'released'];

export function decodeOrderRecord(cursor: string): OrderRecord | undefined {
  const value = parse(cursor);
  if (!value || typeof value.effect !== 'string' || !EFFECTS.includes(value.effect)) return undefined;
  const lines: Record<string, number> = {};
  if (value.lines && typeof value.lines === 'object') {
    for (const [sku, q] of Object.entries(value.lines as Record<string, unknown>)) {
      const n = num(q);
      if (n !== undefined) lines[sku] = n;
    }
  }
  return {
    effect: value.effect as OrderStockEffect,
    lines,
    createdAt: typeof value.createdAt === 'string' ? value.createdAt : '',
    updatedAt: typeof value.updatedAt === 'string' ? value.updatedAt : '',
  };
}

export function orderRecordAccount(platform: string, externalId: string): string {
  return `${platform}:${externalId}`;
}

export async function readOrderRecord(
  store: StoreOperations,
  platform: string,
  externalId: string,
): Promise<OrderRecord | undefined> {
  const record = await store.getCheckpoint(ORDER_RECORD_NAMESPACE, orderRecordAccount(platform, externalId));
  return record ? decodeOrderRecord(record.cursor) : undefined;
}

export async function writeOrderRecord(
  store: StoreOperations,
  platform: string,
  externalId: string,
  record: OrderRecord,
): Promise<void> {
  await store.putCheckpoint({
    platform: ORDER_RECORD_NAMESPACE,
    account: orderRecordAccount(platform, externalId),
    cursor: JSON.stringify(record),
  });
}

function pushedAccount(platform: string, account: string, sku: string): string {
  return `${platform}/${account}/${sku}`;
}

export async function readPushed(
  store: StoreOperations,
  platform: string,
  account: string,
  sku: string,
): Promise<number | undefined> {
  const record = await store.getCheckpoint(PUSHED_NAMESPACE, pushedAccount(platform, account, sku));
  if (!record) return undefined;
  const n = Number(record.cursor);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export async function writePushed(
  store: StoreOperations,
  platform: string,
  account: string,
  sku: string,
  quantity: number,
): Promise<void> {
  await store.putCheckpoint({
    platform: PUSHED_NAMESPACE,
    account: pushedAccount(platform, account, sku),
    cursor: String(quantity),
  });
}
