/**
 * What a valid stored record is: each `put…` input checked field by field (a corrupt or mistyped
 * record fails loud, naming the field) and stamped with the time of the write.
 */

import { describeValue } from '../model/argument-check.js';
import type { CarrierShipmentRecord, CarrierShipmentRecordInput } from '../platforms/carrier-state.js';
import type { MarketplaceShipmentInput, MarketplaceShipmentRecord } from '../platforms/marketplace-state.js';
import { InvalidRecordError } from './errors.js';
import type {
  ImageUploadInput,
  ImageUploadRecord,
  LedgerStateInput,
  LedgerStateRecord,
  LinkProposalInput,
  LinkProposalRecord,
  ListingInput,
  ListingRecord,
  OrderCheckpoint,
  OrderCheckpointInput,
  OrderStateInput,
  OrderStateRecord,
  PublishIntent,
  PublishIntentInput,
  StockEntry,
  StockEntryInput,
} from './state-store.js';

/**
 * A refused value as given, for a message: NaN and Infinity as such (JSON would say `null`), a string
 * with its quotes, an object as JSON — or its type when it has no JSON (a BigInt, a cycle).
 */
export function givenValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return describeValue(value);
  }
}

/** The store's refusal of `value` for `field`, in both languages. */
export function invalidRecord(field: string, value: unknown, vi: string, en: string): InvalidRecordError {
  const got = givenValue(value);
  return new InvalidRecordError({
    path: field,
    value,
    messageVi: `${field} ${vi} (nhận được ${got}).`,
    messageEn: `${field} ${en} (got ${got}).`,
  });
}

export function requireText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidRecord(field, value, 'phải là chuỗi không rỗng', 'must be a non-empty string');
  }
  return value;
}

function requireCount(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidRecord(field, value, 'phải là số nguyên ≥ 0', 'must be an integer ≥ 0');
  }
  return value;
}

function requireObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRecord(field, value, 'phải là một đối tượng JSON', 'must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function optionalText(field: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireText(field, value);
}

/** An ISO-8601 UTC instant as the store writes them (`2026-01-02T03:04:05.000Z`). */
function optionalInstant(field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = requireText(field, value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw invalidRecord(field, value, 'phải là thời điểm ISO-8601 UTC', 'must be an ISO-8601 UTC instant');
  }
  return text;
}

/** Stored only when true: `false` and absent mean the same. */
function optionalFlag(field: string, value: unknown): true | undefined {
  if (value === undefined || value === false) return undefined;
  if (value !== true) throw invalidRecord(field, value, 'phải là true hoặc false', 'must be a boolean');
  return true;
}

/** The named fields of a record, in that order, each a non-empty string. */
function requireTexts<K extends string>(
  input: { [key in K]?: unknown },
  fields: readonly K[],
): Record<K, string> {
  return Object.fromEntries(fields.map((field) => [field, requireText(field, input[field])])) as Record<
    K,
    string
  >;
}

function withoutUndefined<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}

export function listingRecord(input: ListingInput, now: string): ListingRecord {
  const variantRemoteIds: Record<string, string> = {};
  const given = input.variantRemoteIds ?? {};
  // A string or an array would be read as its characters or positions: refused, named.
  requireObject('variantRemoteIds', given);
  for (const [sku, remoteId] of Object.entries(given)) {
    variantRemoteIds[requireText('variantRemoteIds key', sku)] = requireText(
      `variantRemoteIds[${sku}]`,
      remoteId,
    );
  }
  return {
    ...requireTexts(input, ['platform', 'account', 'sku', 'remoteListingId']),
    variantRemoteIds,
    contentHash: requireText('contentHash', input.contentHash),
    updatedAt: now,
  };
}

export function imageUploadRecord(input: ImageUploadInput, now: string): ImageUploadRecord {
  return withoutUndefined({
    ...requireTexts(input, ['platform', 'account', 'contentHash', 'remoteImageId']),
    url: optionalText('url', input.url),
    uploadedAt: now,
  });
}

/** Re-recording the same intent (e.g. marking it done) keeps when it was first recorded. */
export function intentRecord(
  input: PublishIntentInput,
  existing: PublishIntent | undefined,
  now: string,
): PublishIntent {
  const status = input.status ?? 'pending';
  const operation = input.operation ?? 'create';
  if (status !== 'pending' && status !== 'done') {
    throw invalidRecord('status', status, "phải là 'pending' hoặc 'done'", "must be 'pending' or 'done'");
  }
  if (operation !== 'create' && operation !== 'update') {
    throw invalidRecord(
      'operation',
      operation,
      "phải là 'create' hoặc 'update'",
      "must be 'create' or 'update'",
    );
  }
  return {
    ...requireTexts(input, ['platform', 'account', 'sku', 'intentId']),
    status,
    operation,
    // Re-recording the same intent (e.g. marking it done) keeps when it was first recorded.
    createdAt: existing?.intentId === input.intentId ? existing.createdAt : now,
  };
}

export function checkpointRecord(input: OrderCheckpointInput, now: string): OrderCheckpoint {
  return {
    ...requireTexts(input, ['platform', 'account', 'cursor']),
    updatedAt: now,
  };
}

export function stockRecord(input: StockEntryInput, now: string): StockEntry {
  return {
    sku: requireText('sku', input.sku),
    onHand: requireCount('onHand', input.onHand),
    reserved: requireCount('reserved', input.reserved),
    updatedAt: now,
  };
}

export function shipmentRecord(input: CarrierShipmentRecordInput, now: string): CarrierShipmentRecord {
  return withoutUndefined({
    reference: requireText('reference', input.reference),
    carrier: optionalText('carrier', input.carrier),
    account: optionalText('account', input.account),
    waybill: optionalText('waybill', input.waybill),
    status: requireText('status', input.status),
    carrierStatus: optionalText('carrierStatus', input.carrierStatus),
    rawStatus: optionalText('rawStatus', input.rawStatus),
    lastEventAt: optionalInstant('lastEventAt', input.lastEventAt),
    lastEventClamped: optionalFlag('lastEventClamped', input.lastEventClamped),
    pendingSince: optionalInstant('pendingSince', input.pendingSince),
    spent: optionalFlag('spent', input.spent),
    cancelPendingSince: optionalInstant('cancelPendingSince', input.cancelPendingSince),
    cancelCaseId: optionalText('cancelCaseId', input.cancelCaseId),
    carrierChoice: optionalText('carrierChoice', input.carrierChoice),
    carrierService: optionalText('carrierService', input.carrierService),
    requestFingerprint: optionalText('requestFingerprint', input.requestFingerprint),
    updatedAt: now,
  });
}

export function marketplaceShipmentRecord(
  input: MarketplaceShipmentInput,
  now: string,
): MarketplaceShipmentRecord {
  return {
    ...requireTexts(input, ['platform', 'account', 'orderId', 'carrier', 'trackingNumber']),
    updatedAt: now,
  };
}

export function orderStateRecord(input: OrderStateInput, now: string): OrderStateRecord {
  return {
    ...requireTexts(input, ['platform', 'account', 'externalId']),
    state: requireObject('state', input.state),
    updatedAt: now,
  };
}

export function ledgerStateRecord(input: LedgerStateInput, now: string): LedgerStateRecord {
  return {
    sku: requireText('sku', input.sku),
    state: requireObject('state', input.state),
    updatedAt: now,
  };
}

export function linkProposalRecord(input: LinkProposalInput, now: string): LinkProposalRecord {
  if (!Array.isArray(input.pending) || !Array.isArray(input.rejected))
    throw invalidRecord(
      'pending/rejected',
      Array.isArray(input.pending) ? input.rejected : input.pending,
      'phải là mảng',
      'must be arrays',
    );
  return {
    ...requireTexts(input, ['platform', 'account', 'sku']),
    pending: input.pending.map((p, i) => {
      const confidence = p?.confidence;
      if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1))
        throw invalidRecord(
          `pending[${i}].confidence`,
          confidence,
          'phải là số từ 0 đến 1',
          'must be a number from 0 to 1',
        );
      return {
        remoteId: requireText(`pending[${i}].remoteId`, p.remoteId),
        title: typeof p.title === 'string' ? p.title : '',
        confidence,
        ...(p.belowThreshold === true ? { belowThreshold: true } : {}),
      };
    }),
    rejected: input.rejected.map((id, i) => requireText(`rejected[${i}]`, id)),
    updatedAt: now,
  };
}
