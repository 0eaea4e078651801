import { afterEach, describe, expect, it } from 'vitest';
import { ContractViolationError } from '../../../src/core/errors.js';
import type {
  MarketplaceProfileOverride,
  ProfileMarketplaceAdapter,
} from '../../../src/platforms/marketplace/index.js';
import { postmart } from '../../../src/platforms/postmart/index.js';
import { voso } from '../../../src/platforms/voso/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';
import { honeyProduct, jpegUpload } from '../../contract/fixtures.js';

/**
 * Cursor paging read strictly by the engine: a mistyped next-cursor or more-flag path must not end the
 * paging after the first page (and move the order checkpoint past orders never read).
 */
const retry = { initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 1000 };
const DAY = 86_400_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

type Platform = 'voso' | 'postmart';

async function shopWithOrders(platform: Platform, count: number) {
  const sandbox = platform === 'voso' ? await startVosoSandbox() : await startPostmartSandbox();
  closers.push(() => sandbox.close());
  const make = (profile?: MarketplaceProfileOverride): ProfileMarketplaceAdapter => {
    const credentials = {
      username: sandbox.credentials.username,
      password: sandbox.credentials.password,
      ...(platform === 'postmart' ? { customerCode: sandbox.credentials.customerCode! } : {}),
    };
    const options = { credentials, baseUrl: sandbox.baseUrl, retry, ...(profile ? { profile } : {}) };
    const adapter = platform === 'voso' ? voso(options) : postmart(options);
    closers.push(() => adapter.close());
    return adapter;
  };
  const adapter = make();
  const product = honeyProduct('PG');
  const categoryId = platform === 'voso' ? '1001' : '2001';
  const image = await adapter.uploadImage(await jpegUpload());
  await adapter.createListing({
    product,
    categoryId,
    attributes: adapter.resolveAttributes(product, { categoryId }),
    imageIds: [image.imageId],
  });
  for (let i = 0; i < count; i++) expect(sandbox.buyers.placeOrder({ sku: 'PG-MO-250' }).ok).toBe(true);
  return { make };
}

async function read(adapter: ProfileMarketplaceAdapter) {
  const now = Date.now();
  const checkpoints: unknown[] = [];
  const ids: string[] = [];
  const error = await (async () => {
    for await (const order of adapter.listOrders(
      { from: new Date(now - DAY), to: new Date(now + 60_000) },
      { onCheckpoint: (c) => void checkpoints.push(c) },
    ))
      ids.push(order.externalId);
  })().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ids, checkpoints, error };
}

describe('cursor paging paths are read strictly', () => {
  it.each([
    ['voso', { nextCursorPath: 'NEXT' }, '"NEXT"'],
    ['voso', { hasMorePath: 'MORE' }, '"MORE"'],
    ['postmart', { nextCursorPath: 'next' }, '"next"'],
  ] as const)('%s: a mistyped %o fails the page, naming the path; nothing is checkpointed', async (platform, typo, named) => {
    const { make } = await shopWithOrders(platform, 3);
    // The right paths read every order over two pages of 2.
    const right = await read(make({ pagination: { orders: { pageSize: 2 } } }));
    expect(right.error).toBeUndefined();
    expect(right.ids).toHaveLength(3);

    const wrong = await read(make({ pagination: { orders: { pageSize: 2, ...typo } } }));
    expect(wrong.error).toBeInstanceOf(ContractViolationError);
    expect((wrong.error as Error).message).toContain(named);
    // The first page was never handed out as complete: no checkpoint past it.
    expect(wrong.checkpoints).toEqual([]);
  });
});
