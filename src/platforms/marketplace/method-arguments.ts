/**
 * Every public method of a marketplace adapter (Voso, Postmart, Shopee and any profile-built one), with
 * what its arguments must be: one table, applied in one place (`guardAdapterMethods`, when the adapter is
 * built) before the method runs — so a wrong argument is a bilingual ValidationError (data) or
 * ConfigurationError (options) naming it, never a TypeError from deep inside, and nothing is sent.
 * Options left out or `undefined` are no options; `null` is refused, as the connector's methods do.
 */
import { z } from 'zod';
import {
  A_DATE,
  A_FILLED_TEXT,
  A_FUNCTION_OR_NOTHING,
  A_RAW_BODY,
  A_TEXT,
  A_TEXT_OR_NOTHING,
  AN_ID_TEXT,
  AN_OBJECT,
  CALL_OPTIONS,
  checkArgument,
  checkArgumentFields,
  checkOptions,
  type Expected,
  TEXT_LIST,
} from '../../core/argument-guards.js';
import { ValidationError } from '../../core/errors.js';
import { imageBytesProblem } from '../../images/upload-check.js';
import { isPlainObject } from '../../model/argument-check.js';
import type { MarketplaceAdapter } from '../types.js';
import { assertBulkInput } from './bulk-input.js';
import type { TrackingNumberRule } from './profile-schema.js';
import { checkTrackingNumber, trackingRuleOf } from './tracking-number.js';

/**
 * A carrier's waybill as the marketplaces store it: ViettelPost 158781800120, VNPost EB000100001VN, GHN codes.
 * Its type here; its length and characters (the profile's rules.trackingNumber) in tracking-number.ts, with the reason
 * (Shopee's API would keep a 5,000-character number on the order and refuse the right one afterwards).
 */
const A_TRACKING_NUMBER_TEXT: Expected = {
  schema: z.string(),
  vi: 'một mã vận đơn (chuỗi)',
  en: 'a tracking number (text)',
};

/** Where a check runs: the adapter's platform and the method, for the errors' heads. */
interface At {
  readonly platform: string;
  readonly method: string;
  /** The resolved profile's tracking-number rule (markShipped); undefined = the general rule. */
  readonly trackingNumber?: TrackingNumberRule | undefined;
}

/** One argument's check: throws a typed, bilingual error when `value` is not what it must be. */
type ArgumentCheck = (value: unknown, at: At) => void;

interface MethodRule {
  /** The checks of the arguments, in order (an argument past the list is not read). */
  readonly args: readonly ArgumentCheck[];
  /** The method returns a promise: a refusal is a rejected promise, not a throw. */
  readonly async: boolean;
}

const data =
  (name: string, expected: Expected): ArgumentCheck =>
  (value) =>
    checkArgument(value, name, expected);

const fields =
  (name: string, table: Readonly<Record<string, Expected>>, refuseUnknown = false): ArgumentCheck =>
  (value) =>
    checkArgumentFields(value, name, table, { refuseUnknown });

const options =
  (table: Readonly<Record<string, Expected>>): ArgumentCheck =>
  (value, at) =>
    checkOptions(value, table, `${at.platform}.${at.method}`);

const A_MIME_IMAGE: Expected = {
  schema: z.string().regex(/^image\/[\w.+-]+$/),
  vi: 'kiểu ảnh dạng "image/…" (image/jpeg, image/png…)',
  en: 'an image type "image/…" (image/jpeg, image/png…)',
};
const SOME_BYTES: Expected = {
  schema: z.custom((v) => v instanceof Uint8Array && v.length > 0),
  vi: 'một Buffer có nội dung (byte của ảnh)',
  en: 'a non-empty Buffer (the image bytes)',
};
const TEXT_RECORD: Expected = {
  schema: z.record(z.string(), z.string()),
  vi: 'một đối tượng { mã: giá trị chuỗi }',
  en: 'an object of { code: text value }',
};
const VARIANT_SKUS: Expected = {
  schema: z.array(z.object({ remoteId: z.string().min(1), sku: z.string().min(1) })),
  vi: 'một mảng { remoteId, sku } (chuỗi không rỗng)',
  en: 'an array of { remoteId, sku } (non-empty strings)',
};
const A_WINDOW_FILTER: Expected = {
  schema: z.enum(['updated', 'created']).optional(),
  vi: '"updated" hoặc "created" (hoặc bỏ trống)',
  en: '"updated" or "created" (or left out)',
};
const A_MAPPING_OR_NOTHING: Expected = {
  schema: z.custom(
    (v) => v === undefined || (isPlainObject(v) && typeof v.categoryId === 'string' && v.categoryId !== ''),
  ),
  vi: 'một đối tượng { categoryId, attributes? } (hoặc bỏ trống)',
  en: 'an object { categoryId, attributes? } (or left out)',
};

/** The bytes of an upload are a whole image of their `contentType` (not a text file named .jpg). */
const WHOLE_IMAGE: ArgumentCheck = (value) => {
  const { bytes, contentType } = value as { bytes: Uint8Array; contentType: string };
  const problem = imageBytesProblem(bytes, contentType);
  if (!problem) return;
  throw new ValidationError({ vi: 'image không hợp lệ', en: 'image is invalid' }, [
    {
      path: 'image.bytes',
      code: 'invalid_argument',
      messageVi: `image.bytes: ${problem.vi}`,
      messageEn: `image.bytes: ${problem.en}`,
    },
  ]);
};

/** A window whose `from` is after its `to` reads nothing: refused when called, naming both ends. */
const ORDERED_WINDOW: ArgumentCheck = (value) => {
  const { from, to } = value as { from: Date; to: Date };
  if (from.getTime() <= to.getTime()) return;
  const ends = `window.from (${from.toISOString()}) / window.to (${to.toISOString()})`;
  throw new ValidationError({ vi: 'window không hợp lệ', en: 'window is invalid' }, [
    {
      path: 'window.from',
      value: from,
      code: 'invalid_argument',
      messageVi: `${ends}: window.from không được muộn hơn window.to (khoảng thời gian bị đảo ngược, sẽ không đọc được đơn nào)`,
      messageEn: `${ends}: window.from must not be after window.to (the window is reversed and would read no order)`,
    },
  ]);
};

const CALL = options(CALL_OPTIONS);
const LIST_ORDERS = options({
  ...CALL_OPTIONS,
  cursor: A_TEXT_OR_NOTHING,
  onCheckpoint: A_FUNCTION_OR_NOTHING,
});
const DRAFT = fields('draft', {
  product: AN_OBJECT,
  categoryId: A_TEXT,
  attributes: TEXT_RECORD,
  imageIds: TEXT_LIST,
});
const ID = (name: string) => data(name, AN_ID_TEXT);
const bulk =
  (kind: 'setStock' | 'setPrice'): ArgumentCheck =>
  (value, at) =>
    assertBulkInput(kind, at.platform, value);

type MethodName = {
  [K in keyof MarketplaceAdapter]-?: NonNullable<MarketplaceAdapter[K]> extends (...args: never[]) => unknown
    ? K
    : never;
}[keyof MarketplaceAdapter];

/** The public methods and their arguments (a method missing here fails the architecture test). */
export const MARKETPLACE_METHOD_ARGUMENTS: Readonly<Record<MethodName, MethodRule>> = {
  checkListing: { args: [data('product', AN_OBJECT), data('mapping', A_MAPPING_OR_NOTHING)], async: false },
  resolveAttributes: {
    args: [data('product', AN_OBJECT), data('mapping', A_MAPPING_OR_NOTHING)],
    async: false,
  },
  getCategories: { args: [CALL], async: true },
  getCategoryAttributes: { args: [ID('categoryId'), CALL], async: true },
  uploadImage: {
    args: [
      (value, at) => {
        fields('image', { bytes: SOME_BYTES, contentType: A_MIME_IMAGE, contentHash: A_TEXT })(value, at);
        WHOLE_IMAGE(value, at);
      },
      CALL,
    ],
    async: true,
  },
  findListingBySku: { args: [ID('sku'), CALL], async: true },
  createListing: { args: [DRAFT, CALL], async: true },
  updateListing: { args: [ID('remoteId'), DRAFT, CALL], async: true },
  listListings: { args: [CALL], async: false },
  downloadListings: { args: [CALL], async: false },
  setListingSkus: {
    args: [ID('remoteId'), fields('skus', { sku: A_TEXT, variants: VARIANT_SKUS }), CALL],
    async: true,
  },
  setStock: { args: [bulk('setStock'), CALL], async: true },
  setPrice: { args: [bulk('setPrice'), CALL], async: true },
  listOrders: {
    args: [
      (value, at) => {
        fields('window', { from: A_DATE, to: A_DATE, by: A_WINDOW_FILTER }, true)(value, at);
        ORDERED_WINDOW(value, at);
      },
      LIST_ORDERS,
    ],
    async: false,
  },
  getOrder: { args: [ID('orderId'), CALL], async: true },
  confirmOrder: { args: [ID('orderId'), CALL], async: true },
  // The reason's own check (encodeCancel) names the accepted reasons and the platform's.
  cancelOrder: { args: [ID('orderId'), () => undefined, CALL], async: true },
  markShipped: {
    args: [
      ID('orderId'),
      (value, at) => {
        fields('shipped', { carrier: A_FILLED_TEXT, trackingNumber: A_TRACKING_NUMBER_TEXT })(value, at);
        checkTrackingNumber(
          (value as { trackingNumber: unknown }).trackingNumber,
          at.platform,
          at.trackingNumber,
        );
      },
      CALL,
    ],
    async: true,
  },
  verifyWebhook: { args: [data('rawBody', A_RAW_BODY), data('headers', AN_OBJECT)], async: false },
  parseWebhook: { args: [data('rawBody', A_RAW_BODY)], async: false },
  close: { args: [], async: true },
};

/**
 * Puts the table's checks in front of each method of an adapter class's `prototype` (once, when the
 * module loads): the one place the arguments are checked. The class's own method runs, with the same
 * `this`, once they pass.
 */
export function guardAdapterMethods(prototype: object): void {
  const methods = prototype as Record<string, unknown>;
  for (const [method, rule] of Object.entries(MARKETPLACE_METHOD_ARGUMENTS) as [string, MethodRule][]) {
    const run = methods[method];
    if (typeof run !== 'function') continue;
    const check = (adapter: MarketplaceAdapter, args: readonly unknown[]) => {
      const at = { platform: adapter.platform, method, trackingNumber: trackingRuleOf(adapter) };
      for (const [i, argument] of rule.args.entries()) argument(args[i], at);
    };
    const guarded = rule.async
      ? function (this: MarketplaceAdapter, ...args: unknown[]): unknown {
          try {
            check(this, args);
          } catch (error) {
            return Promise.reject(error);
          }
          return run.apply(this, args);
        }
      : function (this: MarketplaceAdapter, ...args: unknown[]): unknown {
          check(this, args);
          return run.apply(this, args);
        };
    Object.defineProperty(prototype, method, { value: guarded, writable: true, configurable: true });
  }
}
