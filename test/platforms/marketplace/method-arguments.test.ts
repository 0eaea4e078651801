/**
 * Issue #18 (trial 5, items 3, 4, 5, 11, 12, 13): every public method of the Voso, Postmart and Shopee
 * adapters, called through their public entries against their sandboxes with bad arguments (undefined,
 * null, 5, '', {}, {x:1}, NaN in each position), is refused with an error of the library's tree — a
 * ValidationError for data, a ConfigurationError for options — whose messageVi and messageEn name the
 * argument, and nothing reaches the sandbox. Methods that return an AsyncIterable (listOrders,
 * listListings, downloadListings) refuse when called, not at the first next().
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, OcopConnectError, ValidationError } from '../../../src/index.js';
import { honeyProduct } from '../../../src/testing/index.js';
import { MARKETPLACES, useMarketplaceAdapters } from '../../support/marketplace-adapters.js';

const X1 = { x: 1 };
const EMPTY = {};
const BAD: readonly unknown[] = [undefined, null, 5, '', EMPTY, X1, Number.NaN];
const except = (...valid: unknown[]) => BAD.filter((value) => !valid.includes(value));

/** One argument: where it is, its name in the messages, the values that must be refused. */
interface Position {
  readonly at: number;
  readonly name: string;
  readonly bad: readonly unknown[];
}
const required = (at: number, name: string): Position => ({ at, name, bad: BAD });
/** An id: blank ('   ') and padded (' 1') ids are refused too, never sent ("no order   "). */
const id = (at: number, name: string): Position => ({ at, name, bad: [...BAD, '   ', ' 1'] });
/** Options: left out and {} are fine; `{ x: 1 }` is refused naming `x` (see below). */
const options = (at: number): Position => ({ at, name: 'options', bad: except(undefined, EMPTY) });

const product = honeyProduct('FZ');
const draft = { product, categoryId: '1', attributes: {}, imageIds: ['img-1'] };
const window = { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-02T00:00:00Z') };
/** A JPEG's start and end markers: what the upload check reads (it decodes nothing). */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xff, 0xd9]);
const image = { bytes: JPEG, contentType: 'image/jpeg', contentHash: 'ab'.repeat(32) };

/** Every public method: good arguments, and the positions to spoil one at a time. */
const METHODS: Record<string, { args: unknown[]; positions: Position[]; iterable?: boolean }> = {
  checkListing: {
    args: [product, undefined],
    positions: [required(0, 'product'), { at: 1, name: 'mapping', bad: except(undefined) }],
  },
  resolveAttributes: {
    args: [product, undefined],
    positions: [required(0, 'product'), { at: 1, name: 'mapping', bad: except(undefined) }],
  },
  getCategories: { args: [undefined], positions: [options(0)] },
  getCategoryAttributes: { args: ['1', undefined], positions: [required(0, 'categoryId'), options(1)] },
  uploadImage: { args: [image, undefined], positions: [required(0, 'image'), options(1)] },
  findListingBySku: { args: ['FZ-1', undefined], positions: [required(0, 'sku'), options(1)] },
  createListing: { args: [draft, undefined], positions: [required(0, 'draft'), options(1)] },
  updateListing: {
    args: ['100001', draft, undefined],
    positions: [required(0, 'remoteId'), required(1, 'draft'), options(2)],
  },
  listListings: { args: [undefined], positions: [options(0)], iterable: true },
  downloadListings: { args: [undefined], positions: [options(0)], iterable: true },
  setListingSkus: {
    args: ['100001', { sku: 'FZ', variants: [] }, undefined],
    positions: [required(0, 'remoteId'), required(1, 'skus'), options(2)],
  },
  setStock: {
    args: [[{ sku: 'FZ', quantity: 1 }], undefined],
    positions: [required(0, 'updates'), options(1)],
  },
  setPrice: {
    args: [[{ sku: 'FZ', priceVnd: 1000 }], undefined],
    positions: [required(0, 'updates'), options(1)],
  },
  listOrders: { args: [window, undefined], positions: [required(0, 'window'), options(1)], iterable: true },
  getOrder: { args: ['1', undefined], positions: [id(0, 'orderId'), options(1)] },
  confirmOrder: { args: ['1', undefined], positions: [id(0, 'orderId'), options(1)] },
  cancelOrder: {
    args: ['1', 'OUT_OF_STOCK', undefined],
    positions: [id(0, 'orderId'), required(1, 'reason'), options(2)],
  },
  markShipped: {
    args: ['1', { carrier: 'viettelpost', trackingNumber: 'VTP123456' }, undefined],
    positions: [id(0, 'orderId'), required(1, 'shipped'), options(2)],
  },
  // '' is a body (an empty one), {} and { x: 1 } are headers.
  verifyWebhook: {
    args: ['{}', {}],
    positions: [
      { at: 0, name: 'rawBody', bad: except('') },
      { at: 1, name: 'headers', bad: except(EMPTY, X1) },
    ],
  },
  parseWebhook: { args: ['{}'], positions: [{ at: 0, name: 'rawBody', bad: except('') }] },
  close: { args: [], positions: [] },
};

const adapters = useMarketplaceAdapters();

const show = (value: unknown) =>
  typeof value === 'number' || value === undefined ? String(value) : JSON.stringify(value);

/** The call's refusal: thrown when it is made (`sync`), or the promise's rejection. */
async function refusal(run: () => unknown): Promise<{ error: unknown; sync: boolean }> {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    return { error, sync: true };
  }
  if (result instanceof Promise) {
    try {
      await result;
    } catch (error) {
      return { error, sync: false };
    }
  }
  return { error: undefined, sync: false };
}

describe.each(MARKETPLACES)('%s adapter: bad arguments to every method', (platform) => {
  it('the table of methods here is every public method of the adapter', () => {
    const { adapter } = adapters[platform]!;
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(adapter)).filter(
      (name) =>
        name !== 'constructor' && typeof (adapter as unknown as Record<string, unknown>)[name] === 'function',
    );
    expect(methods.sort()).toEqual(Object.keys(METHODS).sort());
  });

  it('each bad argument is a bilingual error of the tree naming it, thrown when called; nothing is sent', async () => {
    const { adapter, requests } = adapters[platform]!;
    const before = requests();
    const wrong: string[] = [];
    for (const [method, { args, positions, iterable }] of Object.entries(METHODS)) {
      const run = (adapter as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!;
      for (const { at, name, bad } of positions) {
        for (const value of bad) {
          const given = args.map((arg, i) => (i === at ? value : arg));
          const call = `${platform}.${method}(${given.map(show).join(', ')})`;
          const { error, sync } = await refusal(() => run.apply(adapter, given));
          if (!(error instanceof OcopConnectError)) {
            wrong.push(`${call}: ${error === undefined ? 'accepted' : String(error)}`);
            continue;
          }
          const named = value === X1 && name === 'options' ? 'x' : name;
          // The cancel reason is named in each language's words.
          const namedVi = name === 'reason' ? 'Lý do hủy' : named;
          const expectedClass = name === 'options' ? ConfigurationError : ValidationError;
          if (!(error instanceof expectedClass)) wrong.push(`${call}: ${error.constructor.name}`);
          if (!error.messageVi.includes(namedVi) || !error.messageEn.includes(named))
            wrong.push(`${call}: does not name ${named}: ${error.messageVi} | ${error.messageEn}`);
          // Vietnamese without the English the old checks left in it.
          if (/\b(must|got|updates must|Unknown|invalid update)\b/.test(error.messageVi))
            wrong.push(`${call}: English in messageVi: ${error.messageVi}`);
          if (iterable && !sync) wrong.push(`${call}: refused only when iterated`);
          expect(() => {
            (error as unknown as { messageVi: string }).messageVi = 'x';
          }).toThrow(TypeError);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(requests()).toBe(before);
  });

  it('the trial calls: a mark-shipped without a tracking number, a text date, a misspelt window key', async () => {
    const { adapter, requests } = adapters[platform]!;
    const before = requests();
    const shipped = await refusal(() => adapter.markShipped('1', { carrier: 'viettelpost' } as never));
    expect(shipped.error).toBeInstanceOf(ValidationError);
    expect((shipped.error as ValidationError).issues.map((i) => i.path)).toEqual(['shipped.trackingNumber']);
    const text = await refusal(() => adapter.listOrders({ from: 'hôm qua', to: new Date() } as never));
    expect(text.sync).toBe(true);
    expect((text.error as ValidationError).messageVi).toContain(
      'window.from: phải là một Date hợp lệ (nhận được string)',
    );
    expect((text.error as ValidationError).messageEn).toContain(
      'window.from: must be a valid Date (got string)',
    );
    // An Invalid Date is named as such, not as "object" (the shared guard: every date argument).
    const invalid = await refusal(() => adapter.listOrders({ from: new Date('x'), to: new Date() }));
    expect((invalid.error as ValidationError).messageVi).toContain(
      'window.from: phải là một Date hợp lệ (nhận được một ngày giờ không hợp lệ (thời gian là NaN))',
    );
    expect((invalid.error as ValidationError).messageEn).toContain(
      'window.from: must be a valid Date (got an invalid date (Invalid Date))',
    );
    const misspelt = await refusal(() => adapter.listOrders({ form: window.from, to: window.to } as never));
    expect((misspelt.error as ValidationError).messageVi).toContain(
      'window.form: không có trường này (có phải "window.from"?)',
    );
    expect((misspelt.error as ValidationError).messageEn).toContain(
      'window.form: no such field (did you mean "window.from"?)',
    );
    const option = await refusal(() => adapter.getCategories({ timeout: 5 } as never));
    expect(option.error).toBeInstanceOf(ConfigurationError);
    expect((option.error as ConfigurationError).messageEn).toContain(
      `${platform}.getCategories: invalid options: timeout: no such option (did you mean "timeoutMs"?)`,
    );
    const stock = await refusal(() => adapter.setStock('' as never));
    expect((stock.error as ValidationError).messageVi).toBe(
      'setStock: updates phải là một mảng { sku, quantity } (nhận được chuỗi ""): Dữ liệu cập nhật phải là danh sách { sku, quantity }, nhận được chuỗi ""',
    );
    expect(requests()).toBe(before);
  });
});
