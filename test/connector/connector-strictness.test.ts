/**
 * #18 (helper C): the connector and the model are strict with what a program gives them.
 * - a product field the model does not know (`category`, `priceVND`, a variant's `prize`, a producer's
 *   `adress`) is refused — a bilingual ValidationError naming the SKU, row, path and the nearest known
 *   field — and nothing is sent (it was dropped without a word: the listing went out without it);
 * - the publish refusal of a row lists each field and its reason in both languages, no English inside
 *   the Vietnamese;
 * - a method called after close() with bad options is refused as closed, not for its options;
 * - setStockCount shows the count as given (NaN, Infinity), not `null`.
 */
import { describe, expect, it } from 'vitest';
import {
  type Connector,
  ConnectorClosedError,
  InvalidRecordError,
  ValidationError,
  validateCatalog,
  validateProduct,
} from '../../src/index.js';
import { failure } from '../core/helpers/failure.js';
import { sandboxTraffic as trafficOf, useSandboxConnector } from '../support/connector.js';
import { makeJpeg, makeProduct, type Platforms } from '../sync/helpers.js';

let platforms: Platforms;
let connector: Connector;
useSandboxConnector((made) => {
  ({ platforms, connector } = made);
});

const sandboxTraffic = () => trafficOf(platforms);

/** Vietnamese text with no English sentence inside it (identifiers, quoted paths and SKUs aside). */
function noEnglishIn(vi: string): void {
  const words = vi
    .replace(/"[^"]*"/g, '')
    .replace(/[\w.]+:/g, '')
    .replace(/SKU [\w-]+/g, '');
  expect(words).not.toMatch(/\b(does|not|match|the|product|model|field|row|is|part|of|did|you|mean)\b/i);
}

describe('unknown product fields (MEDIUM: fail loud)', () => {
  it('publish refuses `category` and `priceVND` with the nearest known field; nothing is sent', async () => {
    const product = { ...makeProduct(1, [await makeJpeg(1)]), category: 'mat-ong', priceVND: 150_000 };
    const report = await connector.publish([product as never]);
    expect(report.items.map((i) => i.outcome)).toEqual(['invalid', 'invalid']);
    const error = report.items[0]?.error;
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'category',
        sku: 'OCOP-00001',
        row: 1,
        code: 'generic.unknown_field',
        messageVi: 'Trường "category" không có trong mô hình sản phẩm.',
      }),
      expect.objectContaining({
        path: 'priceVND',
        sku: 'OCOP-00001',
        row: 1,
        messageVi: 'Trường "priceVND" không có trong mô hình sản phẩm. Có phải ý bạn là "priceVnd"?',
        messageEn: 'Field "priceVND" is not part of the product model. Did you mean "priceVnd"?',
      }),
    ]);
    expect(sandboxTraffic()).toEqual({ requests: 0, listings: 0 });
  });

  it('nested objects too: a variant `prize`, a producer `adress`, an OCOP `certificatNo`', () => {
    const product = makeProduct(2, [], {
      priceVnd: undefined,
      stock: undefined,
      weightGrams: undefined,
      variants: [
        { sku: 'V-1', options: { Loại: 'A' }, priceVnd: 1000, stock: 1, weightGrams: 1, prize: 5 } as never,
      ],
    });
    const input = {
      ...product,
      producer: { ...product.producer, adress: 'x' },
      ocop: { ...product.ocop, certificatNo: 'y' },
    };
    const result = validateProduct(input, { row: 7 });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((i) => [i.path, i.row, i.sku, i.messageEn])).toEqual([
      [
        'producer.adress',
        7,
        'OCOP-00002',
        'Field "producer.adress" is not part of the product model. Did you mean "address"?',
      ],
      [
        'ocop.certificatNo',
        7,
        'OCOP-00002',
        'Field "ocop.certificatNo" is not part of the product model. Did you mean "certificateNo"?',
      ],
      ['variants.0.prize', 7, 'OCOP-00002', 'Field "variants.0.prize" is not part of the product model.'],
    ]);
  });

  it('validateCatalog and a dry run refuse them too; free-key records (attributes, options) stay free', async () => {
    const good = makeProduct(3, [], { attributes: { brand_origin: 'Việt Nam' } });
    const bad = { ...makeProduct(4), satus: 'inactive' };
    const checked = validateCatalog([good, bad]);
    expect(checked.products.map((p) => p.sku)).toEqual(['OCOP-00003']);
    expect(checked.invalidIndexes).toEqual([1]);
    expect(checked.issues[0]?.messageVi).toContain('Có phải ý bạn là "status"?');
    const report = await connector.publish([bad as never], { dryRun: true });
    expect(report.items.every((i) => i.outcome === 'invalid')).toBe(true);
    expect(sandboxTraffic().listings).toBe(0);
  });
});

describe('the publish refusal names every field in both languages', () => {
  it('row, SKU, each path and reason — no English inside the Vietnamese', async () => {
    const product = { ...makeProduct(5), priceVnd: -1, category: 'x' };
    const report = await connector.publish([product as never], { dryRun: true });
    const error = report.items[0]?.error as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.messageVi).toBe(
      'Dòng 1 (SKU OCOP-00005) không khớp mô hình sản phẩm, không gửi gì: priceVnd: Giá phải là số nguyên dương (VND); category: Trường "category" không có trong mô hình sản phẩm.',
    );
    expect(error.messageEn).toBe(
      'Row 1 (SKU OCOP-00005) does not match the product model, nothing sent: priceVnd: Price must be a positive whole number of VND; category: Field "category" is not part of the product model.',
    );
    noEnglishIn(error.messageVi);
    // Read-only: a getter, assignment throws (ES modules are strict).
    expect(() => {
      (error as unknown as { messageVi: string }).messageVi = 'x';
    }).toThrow(TypeError);
  });
});

describe('closed wins over bad options (every method)', () => {
  it('each method after close() with bad options or arguments throws ConnectorClosedError', async () => {
    await connector.close();
    const calls: Record<string, () => unknown> = {
      publish: () => connector.publish([], { dryrun: 1 } as never),
      pullOrders: () => connector.pullOrders({ sinse: 1 } as never),
      syncInventory: () => connector.syncInventory({ dryrun: 1 } as never),
      fulfil: () => connector.fulfil(5 as never, { x: 1 } as never),
      fulfilPending: () => connector.fulfilPending({ x: 1 } as never),
      setStockCount: () => connector.setStockCount(5 as never, Number.NaN),
      cancelOrder: () => connector.cancelOrder(5 as never, 5 as never),
      resolveOversells: () => connector.resolveOversells({ x: 1 } as never),
      handleWebhook: () => connector.handleWebhook(5 as never, 5 as never, 5 as never),
      webhookHandler: () => connector.webhookHandler({ x: 1 } as never),
      catchUpWebhooks: () => connector.catchUpWebhooks({ x: 1 } as never),
      matchListings: () => connector.matchListings(5 as never, { x: 1 } as never),
      linkListings: () => connector.linkListings(5 as never, { x: 1 } as never),
      exportCatalog: () => connector.exportCatalog(5 as never, 5 as never),
    };
    // Every method of the connector is tried (a new one must be added here).
    const methods = Object.keys(connector).filter(
      (k) => typeof (connector as unknown as Record<string, unknown>)[k] === 'function' && k !== 'close',
    );
    expect(methods.sort()).toEqual(Object.keys(calls).sort());
    const wrong: string[] = [];
    for (const [name, call] of Object.entries(calls)) {
      const error = await failure(call);
      if (!(error instanceof ConnectorClosedError))
        wrong.push(`${name}: ${(error as Error).constructor.name}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('setStockCount shows the count as given', () => {
  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [-1, '-1'],
    [1.5, '1.5'],
    ['5', '"5"'],
  ])('%s → "nhận được %s", naming count', async (count, shown) => {
    const error = await failure(() => connector.setStockCount('OCOP-00001', count as number));
    expect(error).toBeInstanceOf(InvalidRecordError);
    const e = error as InvalidRecordError;
    expect(e.messageVi).toContain(`count phải là số nguyên ≥ 0`);
    expect(e.messageVi).toContain(`(nhận được ${shown})`);
    expect(e.messageEn).toContain(`count must be an integer ≥ 0`);
    expect(e.messageEn).toContain(`(got ${shown})`);
    expect(e.messageVi).not.toContain('null');
    expect(e.issues[0]).toMatchObject({ path: 'count' });
  });
});
