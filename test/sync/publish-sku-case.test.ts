import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProductInput } from '../../src/model/product.js';
import { postmart } from '../../src/platforms/postmart/index.js';
import { shopee } from '../../src/platforms/shopee/index.js';
import type { MarketplaceAdapter } from '../../src/platforms/types.js';
import { voso } from '../../src/platforms/voso/index.js';
import {
  SANDBOX_CATEGORIES,
  startPostmartSandbox,
  startShopeeSandbox,
  startVosoSandbox,
} from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { type PublishReport, publish } from '../../src/sync/index.js';
import { MARKETPLACES, type MarketplaceName } from '../support/marketplace-adapters.js';
import { createImagePreparer, loadSeedCatalog } from './helpers.js';

/** What the tests read of a sandbox, whichever marketplace it plays. */
interface Sandbox {
  readonly stats: {
    readonly writes: number;
    readonly requests: Readonly<Record<string, number | undefined>>;
  };
  readonly state: { listings(): readonly unknown[] };
  resetStats(): void;
  close(): Promise<void>;
}

async function start(name: MarketplaceName): Promise<{ sandbox: Sandbox; adapter: MarketplaceAdapter }> {
  if (name === 'shopee') {
    const s = await startShopeeSandbox({ rateLimitRps: false });
    return { sandbox: s, adapter: shopee({ credentials: s.credentials, baseUrl: s.baseUrl }) };
  }
  const s = name === 'voso' ? await startVosoSandbox() : await startPostmartSandbox();
  const { username, password, customerCode } = s.credentials;
  const adapter =
    name === 'voso'
      ? voso({ credentials: { username, password }, baseUrl: s.baseUrl })
      : postmart({ credentials: { username, password, customerCode: customerCode! }, baseUrl: s.baseUrl });
  return { sandbox: s, adapter };
}

/** A write request other than the login (Shopee's token refresh is a POST). */
const writeRequests = (requests: Readonly<Record<string, number | undefined>>) =>
  Object.entries(requests).filter(
    ([op, n]) =>
      op !== 'login' && (n ?? 0) > 0 && /create|update|set|upload|add|init|delete|unlist/i.test(op),
  );

/**
 * #18 trial H4: a SKU clash got through the publish *update* path — a variant taking another product's
 * SKU in another letter case, or a variant renamed in letter case only, was `updated` on Voso/Postmart
 * (and `invalid` on Shopee). Every marketplace now refuses both before anything is sent.
 */
describe.each(MARKETPLACES)('publish updates whose SKUs clash in letter case (%s)', (name) => {
  let sandbox: Sandbox;
  let adapter: MarketplaceAdapter;
  let store: MemoryStore;
  const run = (catalog: readonly ProductInput[]): Promise<PublishReport> =>
    publish(catalog, { to: [adapter], store, categories: SANDBOX_CATEGORIES, images: createImagePreparer() });
  const item = (report: PublishReport, sku: string) => report.items.find((i) => i.sku === sku)!;
  const listings = () => JSON.stringify(sandbox.state.listings());

  beforeEach(async () => {
    ({ sandbox, adapter } = await start(name));
    store = createMemoryStore();
    const seeds = loadSeedCatalog().filter((p) => p.sku === 'VL-TBN' || p.sku === 'VL-BDX');
    const first = await run(seeds);
    expect(first.items.map((i) => [i.sku, i.outcome])).toEqual([
      ['VL-TBN', 'created'],
      ['VL-BDX', 'created'],
    ]);
    sandbox.resetStats();
  });
  afterEach(async () => {
    await adapter.close();
    await sandbox.close();
  });

  it("a variant taking another product's SKU in another case (that product not in the run): invalid, both named, nothing sent", async () => {
    const bdx = loadSeedCatalog().find((p) => p.sku === 'VL-BDX')!;
    const clashing = {
      ...bdx,
      variants: bdx.variants!.map((v, i) => (i === 0 ? { ...v, sku: 'vl-tbn-500' } : v)),
    };
    const before = listings();

    const report = await run([clashing]);

    expect(report.items).toHaveLength(1);
    const refused = item(report, 'VL-BDX');
    expect(refused.outcome).toBe('invalid');
    expect(refused.issues).toEqual([
      expect.objectContaining({
        code: 'sku.duplicate',
        path: 'variants.sku',
        value: 'vl-tbn-500',
        platform: name,
      }),
    ]);
    expect(refused.error?.messageEn).toContain(
      `SKU vl-tbn-500 equals, ignoring letter case, VL-TBN-500, which another listing (VL-TBN) on ${name} holds: VL-BDX not updated`,
    );
    expect(refused.error?.messageVi).toContain(
      `Mã SKU vl-tbn-500 trùng (chỉ khác chữ hoa/chữ thường) với mã VL-TBN-500 mà tin đăng khác (sản phẩm VL-TBN) trên ${name} đang giữ: không cập nhật VL-BDX`,
    );
    expect(listings()).toBe(before);
    expect(sandbox.stats.writes - (sandbox.stats.requests.login ?? 0)).toBe(0);
    expect(writeRequests(sandbox.stats.requests)).toEqual([]);
  });

  it('the same SKU spelt exactly as another product holds it is refused too', async () => {
    const bdx = loadSeedCatalog().find((p) => p.sku === 'VL-BDX')!;
    const clashing = {
      ...bdx,
      variants: bdx.variants!.map((v, i) => (i === 0 ? { ...v, sku: 'VL-TBN-500' } : v)),
    };
    const before = listings();

    const report = await run([clashing]);

    expect(item(report, 'VL-BDX').outcome).toBe('invalid');
    expect(item(report, 'VL-BDX').error?.messageEn).toContain(
      `SKU VL-TBN-500 equals VL-TBN-500, which another listing (VL-TBN) on ${name} holds: VL-BDX not updated`,
    );
    expect(listings()).toBe(before);
    expect(sandbox.stats.writes - (sandbox.stats.requests.login ?? 0)).toBe(0);
  });

  it('a variant renamed in letter case only: invalid, both spellings named, nothing sent; the listing keeps selling VL-TBN-100', async () => {
    const tbn = loadSeedCatalog().find((p) => p.sku === 'VL-TBN')!;
    const renamed = {
      ...tbn,
      variants: tbn.variants!.map((v) => (v.sku === 'VL-TBN-100' ? { ...v, sku: 'vl-tbn-100' } : v)),
    };
    const before = listings();

    const report = await run([renamed]);

    const refused = item(report, 'VL-TBN');
    expect(refused.outcome).toBe('invalid');
    expect(refused.issues).toEqual([
      expect.objectContaining({
        code: 'sku.duplicate',
        path: 'variants.sku',
        value: 'vl-tbn-100',
        platform: name,
      }),
    ]);
    expect(refused.error?.messageEn).toContain(
      `SKU vl-tbn-100 differs only in letter case from VL-TBN-100, which the listing of VL-TBN on ${name} holds: the platform keeps SKUs case-sensitively`,
    );
    expect(refused.error?.messageVi).toContain(
      `Mã SKU vl-tbn-100 chỉ khác chữ hoa/chữ thường với mã VL-TBN-100 mà tin đăng của VL-TBN trên ${name} đang giữ`,
    );
    expect(listings()).toBe(before);
    expect(listings()).toContain('"VL-TBN-100"');
    expect(listings()).not.toContain('vl-tbn-100');
    expect(sandbox.stats.writes - (sandbox.stats.requests.login ?? 0)).toBe(0);
    expect(writeRequests(sandbox.stats.requests)).toEqual([]);
  });

  it('an ordinary update of the same products still goes through', async () => {
    const seeds = loadSeedCatalog().filter((p) => p.sku === 'VL-TBN' || p.sku === 'VL-BDX');
    const changed = seeds.map((p) => (p.sku === 'VL-BDX' ? { ...p, name: `${p.name} (mới)` } : p));
    const report = await run(changed);
    expect(report.items.map((i) => [i.sku, i.outcome])).toEqual([
      ['VL-TBN', 'unchanged'],
      ['VL-BDX', 'updated'],
    ]);
  });
});
