/**
 * Trial 2, defect 1: a marketplace adapter's checkListing / resolveAttributes given something that is not
 * a Product (a partial object, wrong-typed fields) answer with a bilingual ValidationError whose issues
 * name the fields (the product model's own issues) — never a TypeError from inside the listing rules.
 * Nothing is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketplaceAdapter, OcopConnectError } from '../../../src/index.js';
import { ValidationError } from '../../../src/index.js';
import { postmart } from '../../../src/platforms/postmart/index.js';
import { shopee } from '../../../src/platforms/shopee/index.js';
import { voso } from '../../../src/platforms/voso/index.js';
import { startPostmartSandbox, startShopeeSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';
import { honeyProduct } from '../../../src/testing/index.js';

interface Box {
  close(): Promise<void>;
  stats: { requests: Record<string, number | undefined> };
}

const adapters: [string, () => Promise<{ box: Box; adapter: MarketplaceAdapter }>][] = [
  [
    'voso',
    async () => {
      const box = await startVosoSandbox({ rateLimitRps: false });
      return { box, adapter: voso({ baseUrl: box.baseUrl, credentials: { ...box.credentials } }) };
    },
  ],
  [
    'postmart',
    async () => {
      const box = await startPostmartSandbox({ rateLimitRps: false });
      const credentials = { ...box.credentials, customerCode: box.credentials.customerCode ?? '' };
      return { box, adapter: postmart({ baseUrl: box.baseUrl, credentials }) };
    },
  ],
  [
    'shopee',
    async () => {
      const box = await startShopeeSandbox({ rateLimitRps: false });
      return { box, adapter: shopee({ baseUrl: box.baseUrl, credentials: box.credentials }) };
    },
  ],
];

function refusal(run: () => unknown): ValidationError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  return thrown as ValidationError;
}

describe.each(adapters)('%s: checkListing refuses a value that is not a Product', (_platform, start) => {
  let box: Box;
  let adapter: MarketplaceAdapter;
  beforeAll(async () => {
    ({ box, adapter } = await start());
  });
  afterAll(async () => {
    await adapter.close();
    await box.close();
  });
  const sent = () => Object.values(box.stats.requests).reduce<number>((a, b) => a + (b ?? 0), 0);

  it('a partial object ({ sku }) → ValidationError naming the missing fields, both languages', () => {
    const before = sent();
    const error = refusal(() => adapter.checkListing({ sku: 'X' } as never));
    expect((error as OcopConnectError).kind).toBe('validation');
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).toContain('name');
    expect(error.issues.every((issue) => issue.messageVi && issue.messageEn)).toBe(true);
    expect(error.messageVi).toMatch(/^product: không khớp mô hình sản phẩm/);
    expect(error.messageEn).toMatch(/^product: does not match the product model/);
    expect(sent()).toBe(before);
  });

  it('wrong-typed fields of an otherwise whole product are named', () => {
    const product = { ...honeyProduct('TY'), name: 5, priceVnd: 'many', description: ['x'] };
    const error = refusal(() => adapter.checkListing(product as never));
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'priceVnd', 'description']));
    expect(error.issues.find((issue) => issue.path === 'name')?.value).toBe(5);
  });

  it('resolveAttributes refuses the same way', () => {
    const error = refusal(() => adapter.resolveAttributes({ sku: 'X', name: 7 } as never));
    expect(error.issues.map((issue) => issue.path)).toContain('name');
  });

  it('a whole product is still checked against the rules (no issue for the fixture)', () => {
    expect(adapter.checkListing(honeyProduct('OK'))).toEqual([]);
  });
});
