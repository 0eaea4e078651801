/**
 * The arguments of every store operation, checked in one place for every store (memory, file,
 * PostgreSQL, and any driver built on TransactionalStore): a key that is not an object, a record that
 * is not an object, a SKU that is not a string, an updater that is not a function is refused with an
 * InvalidRecordError naming the argument (both languages) before anything is read, sent or written —
 * never a TypeError from inside. The record's own fields are then checked by store-records.ts.
 */
import { unknownNames } from '../core/argument-guards.js';
import { isPlainObject } from '../model/argument-check.js';
import { InvalidRecordError } from './errors.js';
import type { StoreOperations } from './state-store.js';
import { invalidRecord } from './store-records.js';

type ArgumentCheck = (value: unknown) => void;

function aString(name: string): ArgumentCheck {
  return (value) => {
    if (typeof value !== 'string') throw invalidRecord(name, value, 'phải là một chuỗi', 'must be a string');
  };
}

function anObject(name: string, vi = 'phải là một đối tượng', en = 'must be an object'): ArgumentCheck {
  return (value) => {
    if (!isPlainObject(value)) throw invalidRecord(name, value, vi, en);
  };
}

/** A key object: an object whose named fields are strings (`key.platform` named when one is not). */
function aKey(...fields: readonly string[]): ArgumentCheck {
  const object = anObject(
    'key',
    `phải là một đối tượng { ${fields.join(', ')} }`,
    `must be an object { ${fields.join(', ')} }`,
  );
  const parts = fields.map((field) => [field, aString(`key.${field}`)] as const);
  return (value) => {
    object(value);
    for (const [field, check] of parts) check((value as Record<string, unknown>)[field]);
  };
}

/** A record to write: an object (its fields are store-records.ts's to check). */
const INPUT = anObject('input');
const LISTING_KEY = aKey('platform', 'account', 'sku');
const IMAGE_KEY = aKey('platform', 'account', 'contentHash');
const PLATFORM = aString('platform');
const ACCOUNT = aString('account');
const SKU = aString('sku');
const REFERENCE = aString('reference');
const WEBHOOK_KEY = aString('key');
const UPDATE: ArgumentCheck = (value) => {
  if (typeof value !== 'function')
    throw invalidRecord('update', value, 'phải là một hàm', 'must be a function');
};

function orNothing(name: string): ArgumentCheck {
  const object = anObject(name, 'phải là một đối tượng (hoặc bỏ trống)', 'must be an object (or left out)');
  return (value) => {
    if (value !== undefined) object(value);
  };
}

/** An options object (or nothing) whose names are all `known`: `ttlms` is named, with "ttlMs" suggested. */
function optionsOf(...known: readonly string[]): ArgumentCheck {
  const object = orNothing('options');
  return (value) => {
    object(value);
    if (value === undefined) return;
    const [unknown] = unknownNames(value as Record<string, unknown>, known, 'options.');
    if (unknown)
      throw new InvalidRecordError({
        path: unknown.path,
        messageVi: `${unknown.vi}.`,
        messageEn: `${unknown.en}.`,
      });
  };
}

/**
 * Each operation's arguments in order. The type lists every operation, so a new one cannot be added
 * to the contract without saying what its arguments must be.
 */
const OPERATION_ARGUMENTS: Readonly<Record<keyof StoreOperations, readonly ArgumentCheck[]>> = {
  getListing: [LISTING_KEY],
  putListing: [INPUT],
  deleteListing: [LISTING_KEY],
  listListings: [PLATFORM, ACCOUNT],
  getImageUpload: [IMAGE_KEY],
  putImageUpload: [INPUT],
  deleteImageUpload: [IMAGE_KEY],
  listImageUploads: [PLATFORM, ACCOUNT],
  getIntent: [LISTING_KEY],
  putIntent: [INPUT],
  clearIntent: [LISTING_KEY],
  listIntents: [orNothing('filter')],
  getCheckpoint: [PLATFORM, ACCOUNT],
  putCheckpoint: [INPUT],
  deleteCheckpoint: [PLATFORM, ACCOUNT],
  listCheckpoints: [],
  getStock: [SKU],
  putStock: [INPUT],
  deleteStock: [SKU],
  listStock: [],
  updateStock: [SKU, UPDATE],
  getShipment: [REFERENCE],
  putShipment: [INPUT],
  deleteShipment: [REFERENCE],
  listShipments: [],
  updateShipment: [REFERENCE, UPDATE],
  getMarketplaceShipment: [aKey('platform', 'account', 'orderId')],
  putMarketplaceShipment: [INPUT],
  deleteMarketplaceShipment: [aKey('platform', 'account', 'orderId')],
  getOrderState: [aKey('platform', 'account', 'externalId')],
  putOrderState: [INPUT],
  deleteOrderState: [aKey('platform', 'account', 'externalId')],
  listOrderStates: [orNothing('filter')],
  getLedgerState: [SKU],
  putLedgerState: [INPUT],
  deleteLedgerState: [SKU],
  listLedgerStates: [],
  getLinkProposal: [LISTING_KEY],
  putLinkProposal: [INPUT],
  deleteLinkProposal: [LISTING_KEY],
  listLinkProposals: [PLATFORM, ACCOUNT],
  claimWebhook: [WEBHOOK_KEY, optionsOf('ttlMs')],
  hasWebhook: [WEBHOOK_KEY],
  releaseWebhook: [WEBHOOK_KEY],
};

/** Throws the InvalidRecordError of the first wrong argument of `operation(...args)`. */
export function checkOperationArguments(operation: keyof StoreOperations, args: readonly unknown[]): void {
  OPERATION_ARGUMENTS[operation].forEach((check, index) => {
    check(args[index]);
  });
}

/**
 * Installs the checks on an implementation of the operations (a transaction's `tx`): each method
 * first checks its arguments, then runs as before (a rejected promise, like the method's own errors).
 */
export function checkArgumentsOf(prototype: StoreOperations): void {
  for (const operation of Object.keys(OPERATION_ARGUMENTS) as (keyof StoreOperations)[]) {
    const method = prototype[operation] as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(prototype, operation, {
      // Synchronous up to the method's own body: a plain read still reads in the same tick.
      async value(this: StoreOperations, ...args: unknown[]): Promise<unknown> {
        checkOperationArguments(operation, args);
        return method.apply(this, args);
      },
      writable: true,
      configurable: true,
    });
  }
}
