import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type CooperativeConfig, createHub, type Hub } from '../../src/hub/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox, SandboxHandMadeListing } from '../../src/sandbox/marketplace/types.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import type { StateStore } from '../../src/store/state-store.js';
import { serviceAvailable, TEST_DATABASE_URL } from '../support/services.js';
import { CATEGORIES, makeJpeg, makeProduct } from '../sync/helpers.js';

/**
 * Two cooperatives of one hub sharing one Voso account (#17: in the scale bench the second one's
 * whole catalog was held as "the shop already has listings nobody matched" — the first one's).
 */
const available = await serviceAvailable('PostgreSQL');
const RUN = `test-shared-acct-${randomUUID().slice(0, 8)}`;

const sharedAccount = (box: MarketplaceSandbox) => ({
  platform: 'voso' as const,
  account: 'shop-chung',
  baseUrl: box.baseUrl,
  credentials: { username: box.credentials.username, password: box.credentials.password },
  retry: { initialDelayMs: 5 },
});

const handMadeHoney: SandboxHandMadeListing = {
  sellerSku: 'TAY-MAT-ONG',
  title: 'Mật ong rừng nhà làm',
  description: 'Mật ong rừng nhà làm, chai 500 ml.',
  category: 'Mật ong',
  weightGrams: 600,
  variants: [{ priceVnd: 150_000, stock: 3 }],
};

describe.runIf(available)('hub: two cooperatives sharing one marketplace account (PostgreSQL stores)', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
  });

  async function start({
    handMade = [],
    latencyMs = 0,
  }: {
    handMade?: SandboxHandMadeListing[];
    latencyMs?: number;
  } = {}) {
    const box = await startVosoSandbox({
      rateLimitRps: false,
      ...(handMade.length > 0 ? { handMadeListings: handMade } : {}),
      ...(latencyMs > 0 ? { faults: { latencyMs } } : {}),
    });
    open.push(box);
    const run = `${RUN}-${randomUUID().slice(0, 8)}`;
    const stores = new Map<string, StateStore>();
    const cooperatives: CooperativeConfig[] = [
      { id: `${run}-htx-3`, marketplaces: [sharedAccount(box)], categories: CATEGORIES },
      { id: `${run}-htx-4`, marketplaces: [sharedAccount(box)], categories: CATEGORIES },
    ];
    const hub: Hub = createHub({
      cooperatives,
      store: async (id) => {
        const store = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: id });
        stores.set(id, store);
        return store;
      },
    });
    open.push(hub);
    const [three, four] = cooperatives.map((c) => c.id) as [string, string];
    return { box, hub, stores, three, four };
  }

  const catalog = async (from: number, count: number) =>
    Promise.all(
      Array.from({ length: count }, async (_, i) => makeProduct(from + i, [await makeJpeg(from + i, 500)])),
    );

  it('lists both catalogs one after the other: no hold, no duplicate, each record in its own scope', async () => {
    const { box, hub, stores, three, four } = await start();
    const catalog3 = await catalog(300, 4);
    const catalog4 = await catalog(400, 4);

    const report3 = await (await hub.connector(three)).publish(catalog3);
    expect(report3.items.map((i) => i.outcome)).toEqual(['created', 'created', 'created', 'created']);
    // Before #17's fix every one of these was `held` (link.not_matched: "already has 4 listings").
    const report4 = await (await hub.connector(four)).publish(catalog4);
    expect(report4.items.map((i) => [i.sku, i.outcome, i.issues?.map((x) => x.code)])).toEqual(
      catalog4.map((p) => [p.sku, 'created', undefined]),
    );

    const skus = box.state.listings().map((l) => l.sellerSku);
    expect(skus.sort()).toEqual([...catalog3, ...catalog4].map((p) => p.sku).sort());
    // Each cooperative's store names its own listings only.
    expect((await stores.get(three)!.listListings('voso', 'shop-chung')).map((l) => l.sku).sort()).toEqual(
      catalog3.map((p) => p.sku).sort(),
    );
    expect((await stores.get(four)!.listListings('voso', 'shop-chung')).map((l) => l.sku).sort()).toEqual(
      catalog4.map((p) => p.sku).sort(),
    );

    // A rerun of either changes nothing (still no hold, no second listing).
    const again4 = await (await hub.connector(four)).publish(catalog4);
    expect(again4.items.map((i) => i.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(box.state.listings()).toHaveLength(8);
  });

  it('lists both catalogs when the second starts while the first is still creating (its listings and creates in flight are not hand-made)', async () => {
    const { box, hub, three, four } = await start({ latencyMs: 60 });
    const catalog3 = await catalog(330, 10);
    const catalog4 = await catalog(430, 4);
    const first = (await hub.connector(three)).publish(catalog3, { concurrency: 2 });
    // Cooperative 4's guard reads the shop once cooperative 3 has listings there, and more on the way.
    for (let i = 0; i < 400 && box.state.listings().length < 3; i += 1)
      await new Promise((r) => setTimeout(r, 10));
    expect(box.state.listings().length).toBeGreaterThanOrEqual(3);
    expect(box.state.listings().length).toBeLessThan(10);
    const second = await (await hub.connector(four)).publish(catalog4);
    const report3 = await first;
    expect(report3.items.every((i) => i.outcome === 'created')).toBe(true);
    expect(second.items.map((i) => i.outcome)).toEqual(['created', 'created', 'created', 'created']);
    const skus = box.state.listings().map((l) => l.sellerSku);
    expect(skus.sort()).toEqual([...catalog3, ...catalog4].map((p) => p.sku).sort());
  });

  it('still holds creates for a listing typed by hand, and counts only that one', async () => {
    const { box, hub, three, four } = await start({ handMade: [handMadeHoney] });
    const catalog3 = await catalog(310, 3);
    // The operator told cooperative 3's run that none of the shop's listings is one of its products.
    const report3 = await (await hub.connector(three)).publish(catalog3, { assumeNoExistingListings: true });
    expect(report3.items.map((i) => i.outcome)).toEqual(['created', 'created', 'created']);

    const catalog4 = await catalog(410, 2);
    const report4 = await (await hub.connector(four)).publish(catalog4);
    expect(report4.items.map((i) => i.outcome)).toEqual(['held', 'held']);
    const issue = report4.items[0]!.issues![0]!;
    expect(issue.code).toBe('link.not_matched');
    // The hand-made listing alone: cooperative 3's three listings are not counted as hand-made.
    expect(issue.messageEn).toContain('already has 1 listings');
    expect(issue.messageVi).toContain('đã có 1 tin đăng');
    expect(box.state.listings()).toHaveLength(4);
  });

  it("match leaves the other cooperative's listings out: never proposed for this cooperative's products", async () => {
    const { hub, three, four } = await start({ handMade: [handMadeHoney] });
    const catalog3 = await catalog(350, 2);
    await (await hub.connector(three)).publish(catalog3, { assumeNoExistingListings: true });
    // Cooperative 4 sells a product of the same name under its own SKU: the matcher would propose
    // cooperative 3's listing for it (a name match), and a link would have both write one listing.
    const lookalike = { ...catalog3[0]!, sku: 'HTX4-LOOKALIKE' };
    const result = await (await hub.connector(four)).matchListings([lookalike]);
    expect(result.matches.map((m) => m.listing.sku)).toEqual(['TAY-MAT-ONG']);
    expect(result.matches.some((m) => m.productSku === 'HTX4-LOOKALIKE')).toBe(false);
    expect(result.platforms).toEqual([
      { platform: 'voso', account: 'shop-chung', listings: 1, otherCooperatives: 2 },
    ]);
  });

  it("link refuses the other cooperative's listing, saying whose it is not and what to do", async () => {
    const { box, hub, stores, three, four } = await start();
    const catalog3 = await catalog(360, 1);
    await (await hub.connector(three)).publish(catalog3);
    const theirs = box.state.listings()[0]!;
    const lookalike = { ...catalog3[0]!, sku: 'HTX4-LOOKALIKE' };
    const result = await (await hub.connector(four)).linkListings(
      [{ platform: 'voso', remoteId: String(theirs.id), accept: true, productSku: 'HTX4-LOOKALIKE' }],
      { catalog: [lookalike] },
    );
    expect(result.items.map((i) => i.outcome)).toEqual(['failed']);
    expect(result.items[0]!.message).toContain(
      `listing ${theirs.id} on the shared account voso/shop-chung belongs to another cooperative of this hub`,
    );
    expect(result.items[0]!.messageVi).toContain('là của một HTX khác của hub');
    expect(result.items[0]!.message).not.toContain(three);
    expect(await stores.get(four)!.listListings('voso', 'shop-chung')).toEqual([]);
    expect(box.state.listings().map((l) => l.sellerSku)).toEqual([catalog3[0]!.sku]);
  });

  it("link of the other cooperative's listing under the same SKU advises changing the SKU, not a new listing that would be held (#17 re-trial LOW 5)", async () => {
    const { box, hub, three, four } = await start();
    const catalog3 = await catalog(370, 1);
    await (await hub.connector(three)).publish(catalog3);
    const theirs = box.state.listings()[0]!;
    const result = await (await hub.connector(four)).linkListings(
      [{ platform: 'voso', remoteId: String(theirs.id), accept: true, productSku: catalog3[0]!.sku }],
      { catalog: catalog3 },
    );
    expect(result.items.map((i) => i.outcome)).toEqual(['failed']);
    expect(result.items[0]!.message).toContain('change the SKU (đổi mã SKU');
    expect(result.items[0]!.messageVi).toContain('đổi mã SKU');
    expect(result.items[0]!.message).not.toContain(three);
  });

  it('holds a SKU the other cooperative already lists on the shared account, without naming it or reading its data', async () => {
    const { box, hub, three, four } = await start();
    const [shared] = await catalog(320, 1);
    await (await hub.connector(three)).publish([shared!]);
    const report4 = await (await hub.connector(four)).publish([
      { ...shared!, name: `${shared!.name} HTX 4` },
    ]);
    expect(report4.items.map((i) => i.outcome)).toEqual(['held']);
    const issue = report4.items[0]!.issues![0]!;
    expect(issue.code).toBe('link.other_cooperative');
    expect(issue.messageEn).toContain(
      `${shared!.sku} is already listed on voso/shop-chung by another cooperative`,
    );
    expect(issue.messageVi).toContain('HTX khác');
    expect(issue.messageEn).not.toContain(three);
    expect(box.state.listings()).toHaveLength(1);
    expect(box.state.listings()[0]!.title).not.toContain('HTX 4');
  });
});

describe.runIf(available)(
  'hub: two processes publish the same SKUs on one shared account at once (#17 re-trial HIGH 1)',
  () => {
    const open: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      for (const x of open.splice(0).reverse()) await x.close();
    });

    it('every remote listing is recorded in exactly one scope, the other side is held, the shop has no duplicate SKU', async () => {
      const box = await startVosoSandbox({ rateLimitRps: false, faults: { latencyMs: 30 } });
      open.push(box);
      const run = `${RUN}-race-${randomUUID().slice(0, 8)}`;
      const cooperatives: CooperativeConfig[] = [
        { id: `${run}-htx-a`, marketplaces: [sharedAccount(box)], categories: CATEGORIES },
        { id: `${run}-htx-b`, marketplaces: [sharedAccount(box)], categories: CATEGORIES },
      ];
      const [a, b] = cooperatives.map((c) => c.id) as [string, string];
      // Two hubs, each with its own PostgreSQL connections: what two worker processes have.
      const stores: StateStore[] = [];
      const hubOf = () => {
        const hub = createHub({
          cooperatives,
          store: async (id) => {
            const store = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: id });
            stores.push(store);
            return store;
          },
        });
        open.push(hub);
        return hub;
      };
      const [hub1, hub2] = [hubOf(), hubOf()];
      const same = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => makeProduct(700 + i, [await makeJpeg(700 + i, 500)])),
      );
      const [reportA, reportB] = await Promise.all([
        (await hub1.connector(a)).publish(same, { concurrency: 4 }),
        (await hub2.connector(b)).publish(same, { concurrency: 4 }),
      ]);

      const listings = box.state.listings();
      const skus = listings.map((l) => l.sellerSku);
      expect(new Set(skus).size).toBe(skus.length);
      expect([...skus].sort()).toEqual(same.map((p) => p.sku).sort());

      // Read each scope afresh (a third process).
      const recordsOf = async (id: string) => {
        const store = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: id });
        open.push(store);
        return store.listListings('voso', 'shop-chung');
      };
      const [recA, recB] = [await recordsOf(a), await recordsOf(b)];
      for (const listing of listings) {
        const owners = [recA, recB].filter((rs) => rs.some((r) => r.remoteListingId === String(listing.id)));
        expect(owners, `listing ${listing.id} (${listing.sellerSku})`).toHaveLength(1);
      }
      // Per SKU: one cooperative created it, the other was held (link.other_cooperative), never both.
      for (const product of same) {
        const outcomes = [reportA, reportB].map((r) => r.items.find((i) => i.sku === product.sku)!);
        expect(outcomes.map((o) => o.outcome).sort(), product.sku).toEqual(['created', 'held']);
        const held = outcomes.find((o) => o.outcome === 'held')!;
        expect(held.issues?.map((x) => x.code)).toEqual(['link.other_cooperative']);
      }
      expect(stores.length).toBeGreaterThan(0);
    });
  },
);
