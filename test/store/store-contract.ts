import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import {
  InvalidRecordError,
  type ListingInput,
  NestedTransactionError,
  type StateStore,
  StoreClosedError,
  type StoreOperations,
  type TransactionalStoreOptions,
} from '../../src/store/index.js';

/** A wrong-typed argument, as a caller without TypeScript might pass it. */
const bad = <T>(value?: unknown) => value as T;

/** Builds a fresh, empty store. Options are the ones every implementation must honour. */
export type StoreFactory = (options: TransactionalStoreOptions) => Promise<StateStore>;

const listing = (sku: string, overrides: Record<string, unknown> = {}) => ({
  platform: 'voso',
  account: 'htx-tam-ky',
  sku,
  remoteListingId: `L-${sku}`,
  variantRemoteIds: { [`${sku}-500G`]: `V-${sku}-1` },
  contentHash: `hash-${sku}`,
  ...overrides,
});

/**
 * The behaviour every StateStore implementation must show. Each backend's test file calls this;
 * backend-specific cases (persistence, locking, crashes) live next to the call.
 */
export function runStoreContract(name: string, factory: StoreFactory): void {
  describe(`StateStore contract: ${name}`, () => {
    const opened: StateStore[] = [];
    const open = async (options: TransactionalStoreOptions = {}) => {
      const store = await factory(options);
      opened.push(store);
      return store;
    };

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('stores, lists per platform account and deletes listing mappings', async () => {
      const store = await open({ nowMs: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
      const saved = await store.putListing(listing('NUOC-MAM-01'));
      expect(saved.updatedAt).toBe('2026-01-02T03:04:05.000Z');
      await store.putListing(listing('MAT-ONG-02'));
      await store.putListing(listing('NUOC-MAM-01', { platform: 'postmart', remoteListingId: 'P-1' }));
      await store.putListing(listing('NUOC-MAM-01', { account: 'other' }));

      expect(await store.getListing({ platform: 'voso', account: 'htx-tam-ky', sku: 'NUOC-MAM-01' })).toEqual(
        { ...listing('NUOC-MAM-01'), updatedAt: '2026-01-02T03:04:05.000Z' },
      );
      const voso = await store.listListings('voso', 'htx-tam-ky');
      expect(voso.map((r) => r.sku).sort()).toEqual(['MAT-ONG-02', 'NUOC-MAM-01']);
      expect((await store.listListings('postmart', 'htx-tam-ky')).map((r) => r.remoteListingId)).toEqual([
        'P-1',
      ]);

      expect(await store.deleteListing({ platform: 'voso', account: 'htx-tam-ky', sku: 'MAT-ONG-02' })).toBe(
        true,
      );
      expect(await store.deleteListing({ platform: 'voso', account: 'htx-tam-ky', sku: 'MAT-ONG-02' })).toBe(
        false,
      );
      expect(
        await store.getListing({ platform: 'voso', account: 'htx-tam-ky', sku: 'MAT-ONG-02' }),
      ).toBeUndefined();
      expect(await store.listListings('voso', 'htx-tam-ky')).toHaveLength(1);
    });

    it('replaces a record on put and stamps updatedAt from its clock, ignoring a given one', async () => {
      let now = Date.UTC(2026, 0, 1);
      const store = await open({ nowMs: () => now });
      const first = await store.putListing(listing('A', { contentHash: 'old' }));
      now += 60_000;
      // Spreading the stored record (with its old updatedAt) is the usual way to change one field.
      await store.putListing({ ...first, contentHash: 'new' });
      const record = await store.getListing({ platform: 'voso', account: 'htx-tam-ky', sku: 'A' });
      expect(record?.contentHash).toBe('new');
      expect(record?.updatedAt).toBe('2026-01-01T00:01:00.000Z');
      expect(await store.listListings('voso', 'htx-tam-ky')).toHaveLength(1);

      now += 60_000;
      const stock = await store.putStock({ sku: 'A', onHand: 1, reserved: 0 });
      now += 60_000;
      const updated = await store.updateStock('A', (current) => current && { ...current, reserved: 1 });
      expect(updated?.updatedAt).toBe('2026-01-01T00:03:00.000Z');
      expect(updated?.updatedAt).not.toBe(stock.updatedAt);
    });

    it('returns copies: mutating what it returned or what was given changes nothing stored', async () => {
      const store = await open();
      const input = listing('A');
      const returned = await store.putListing(input);
      input.variantRemoteIds['A-500G'] = 'mutated';
      returned.contentHash = 'mutated';
      const read = await store.getListing({ platform: 'voso', account: 'htx-tam-ky', sku: 'A' });
      expect(read?.contentHash).toBe('hash-A');
      expect(read?.variantRemoteIds).toEqual({ 'A-500G': 'V-A-1' });
      if (read) read.variantRemoteIds['A-500G'] = 'mutated';
      const listed = await store.listListings('voso', 'htx-tam-ky');
      expect(listed[0]?.variantRemoteIds).toEqual({ 'A-500G': 'V-A-1' });
    });

    it('keeps keys apart whatever characters they contain', async () => {
      const store = await open();
      await store.putListing(listing('x', { platform: 'a:b', account: 'c', remoteListingId: '1' }));
      await store.putListing(listing('x', { platform: 'a', account: 'b:c', remoteListingId: '2' }));
      await store.putListing(listing('x"]', { platform: 'a', account: 'b', remoteListingId: '3' }));
      expect((await store.getListing({ platform: 'a:b', account: 'c', sku: 'x' }))?.remoteListingId).toBe(
        '1',
      );
      expect((await store.getListing({ platform: 'a', account: 'b:c', sku: 'x' }))?.remoteListingId).toBe(
        '2',
      );
      expect((await store.getListing({ platform: 'a', account: 'b', sku: 'x"]' }))?.remoteListingId).toBe(
        '3',
      );
    });

    it('rejects invalid records with InvalidRecordError and stores nothing', async () => {
      const store = await open();
      await expect(store.putListing(listing(''))).rejects.toBeInstanceOf(InvalidRecordError);
      await expect(store.putStock({ sku: 'A', onHand: -1, reserved: 0 })).rejects.toBeInstanceOf(
        InvalidRecordError,
      );
      await expect(store.putStock({ sku: 'A', onHand: 1.5, reserved: 0 })).rejects.toBeInstanceOf(
        InvalidRecordError,
      );
      await expect(
        store.putCheckpoint({ platform: 'voso', account: 'a', cursor: '' }),
      ).rejects.toBeInstanceOf(InvalidRecordError);
      expect(await store.listStock()).toEqual([]);
      expect(await store.listListings('voso', 'htx-tam-ky')).toEqual([]);
    });

    it('caches image uploads by platform, account and content hash', async () => {
      const store = await open();
      const key = { platform: 'voso', account: 'a', contentHash: 'f'.repeat(64) };
      expect(await store.getImageUpload(key)).toBeUndefined();
      await store.putImageUpload({ ...key, remoteImageId: 'img-1', url: 'https://cdn.example/img-1.jpg' });
      await store.putImageUpload({ ...key, platform: 'postmart', remoteImageId: 'pm-9' });
      expect(await store.getImageUpload(key)).toMatchObject({
        remoteImageId: 'img-1',
        url: 'https://cdn.example/img-1.jpg',
      });
      const postmart = await store.getImageUpload({ ...key, platform: 'postmart' });
      expect(postmart?.remoteImageId).toBe('pm-9');
      expect(postmart && 'url' in postmart).toBe(false);
      expect(await store.listImageUploads('voso', 'a')).toHaveLength(1);
      expect(await store.deleteImageUpload(key)).toBe(true);
      expect(await store.getImageUpload(key)).toBeUndefined();
    });

    it('records publish intents (pending by default), filters and clears them', async () => {
      const store = await open();
      const key = { platform: 'voso', account: 'a', sku: 'A' };
      const intent = await store.putIntent({ ...key, intentId: 'ocop-voso-a-A-1' });
      expect(intent).toMatchObject({ status: 'pending', operation: 'create', intentId: 'ocop-voso-a-A-1' });
      expect(Date.parse(intent.createdAt)).not.toBeNaN();
      await store.putIntent({ platform: 'postmart', account: 'a', sku: 'B', intentId: 'i2', status: 'done' });
      expect((await store.listIntents({ status: 'pending' })).map((i) => i.sku)).toEqual(['A']);
      expect((await store.listIntents({ platform: 'postmart' })).map((i) => i.sku)).toEqual(['B']);
      expect(await store.listIntents()).toHaveLength(2);
      expect(await store.getIntent(key)).toEqual(intent);
      const done = await store.putIntent({ ...key, intentId: 'ocop-voso-a-A-1', status: 'done' });
      expect(done.createdAt).toBe(intent.createdAt);
      expect(done.status).toBe('done');
      expect(await store.clearIntent(key)).toBe(true);
      expect(await store.clearIntent(key)).toBe(false);
      expect(await store.getIntent(key)).toBeUndefined();
    });

    it('keeps one order checkpoint per platform account', async () => {
      const store = await open();
      await store.putCheckpoint({ platform: 'voso', account: 'a', cursor: '2026-01-01T00:00:00Z' });
      await store.putCheckpoint({ platform: 'voso', account: 'a', cursor: 'page-token-2' });
      await store.putCheckpoint({ platform: 'postmart', account: 'a', cursor: '17' });
      expect((await store.getCheckpoint('voso', 'a'))?.cursor).toBe('page-token-2');
      expect(await store.listCheckpoints()).toHaveLength(2);
      expect(await store.deleteCheckpoint('voso', 'a')).toBe(true);
      expect(await store.getCheckpoint('voso', 'a')).toBeUndefined();
    });

    it('keeps the stock ledger and treats zero as a real value', async () => {
      const store = await open();
      await store.putStock({ sku: 'A', onHand: 0, reserved: 0 });
      expect(await store.getStock('A')).toMatchObject({ sku: 'A', onHand: 0, reserved: 0 });
      await store.putStock({ sku: 'B', onHand: 12, reserved: 3 });
      expect((await store.listStock()).map((s) => s.sku).sort()).toEqual(['A', 'B']);
      expect(await store.deleteStock('A')).toBe(true);
      expect(await store.getStock('A')).toBeUndefined();
    });

    it('updateStock is an atomic read-modify-write under concurrency', async () => {
      const store = await open();
      await store.putStock({ sku: 'A', onHand: 100, reserved: 0 });
      await Promise.all(
        Array.from({ length: 60 }, () =>
          store.updateStock('A', (current) => ({
            sku: 'A',
            onHand: current?.onHand ?? 0,
            reserved: (current?.reserved ?? 0) + 1,
          })),
        ),
      );
      expect(await store.getStock('A')).toMatchObject({ onHand: 100, reserved: 60 });
      expect(await store.updateStock('A', () => undefined)).toBeUndefined();
      expect(await store.getStock('A')).toBeUndefined();
      await expect(
        store.updateStock('B', () => ({ sku: 'C', onHand: 1, reserved: 0 })),
      ).rejects.toBeInstanceOf(InvalidRecordError);
    });

    it('stores shipment references with optional waybill', async () => {
      const store = await open();
      await store.putShipment({ reference: 'ORD-1', status: 'requested' });
      await store.putShipment({
        reference: 'ORD-1',
        carrier: 'viettelpost',
        waybill: '1234567890',
        status: 'created',
      });
      await store.putShipment({ reference: 'ORD-2', status: 'requested' });
      expect(await store.getShipment('ORD-1')).toMatchObject({ waybill: '1234567890', status: 'created' });
      expect(await store.listShipments()).toHaveLength(2);
      expect(await store.deleteShipment('ORD-2')).toBe(true);
      expect(await store.listShipments()).toHaveLength(1);
    });

    it('dedupes webhook deliveries, can release a claim, and forgets keys after their TTL', async () => {
      let now = Date.UTC(2026, 5, 1);
      const store = await open({ nowMs: () => now });
      expect(await store.claimWebhook('vtp:123:200', { ttlMs: 60_000 })).toBe(true);
      expect(await store.claimWebhook('vtp:123:200', { ttlMs: 60_000 })).toBe(false);
      expect(await store.hasWebhook('vtp:123:200')).toBe(true);
      expect(await store.releaseWebhook('vtp:123:200')).toBe(true);
      expect(await store.claimWebhook('vtp:123:200', { ttlMs: 60_000 })).toBe(true);
      now += 59_999;
      expect(await store.claimWebhook('vtp:123:200')).toBe(false);
      now += 1;
      expect(await store.hasWebhook('vtp:123:200')).toBe(false);
      expect(await store.claimWebhook('vtp:123:200')).toBe(true);
    });

    it('bounds the webhook dedupe set, dropping the oldest keys first', async () => {
      const store = await open({ maxWebhookKeys: 20 });
      for (let i = 0; i < 100; i++) expect(await store.claimWebhook(`k${i}`)).toBe(true);
      let remembered = 0;
      for (let i = 0; i < 100; i++) if (await store.hasWebhook(`k${i}`)) remembered++;
      expect(remembered).toBeLessThanOrEqual(20);
      expect(remembered).toBeGreaterThanOrEqual(10);
      expect(await store.hasWebhook('k99')).toBe(true);
      expect(await store.hasWebhook('k0')).toBe(false);
      expect(await store.claimWebhook('k99')).toBe(false);
    });

    it('applies a transaction across namespaces all together, or not at all when it throws', async () => {
      const store = await open();
      await store.putStock({ sku: 'A', onHand: 5, reserved: 0 });
      await expect(
        store.transaction(async (tx) => {
          await tx.putStock({ sku: 'A', onHand: 5, reserved: 5 });
          await tx.putShipment({ reference: 'ORD-1', status: 'requested' });
          expect((await tx.getStock('A'))?.reserved).toBe(5); // reads see own writes
          expect(await tx.listShipments()).toHaveLength(1);
          throw new Error('carrier refused');
        }),
      ).rejects.toThrow('carrier refused');
      expect((await store.getStock('A'))?.reserved).toBe(0);
      expect(await store.getShipment('ORD-1')).toBeUndefined();

      const result = await store.transaction(async (tx) => {
        await tx.putStock({ sku: 'A', onHand: 5, reserved: 5 });
        await tx.putShipment({ reference: 'ORD-1', status: 'requested' });
        await tx.deleteStock('missing');
        return 'ok';
      });
      expect(result).toBe('ok');
      expect((await store.getStock('A'))?.reserved).toBe(5);
      expect(await store.getShipment('ORD-1')).toBeDefined();
    });

    it('runs transactions one at a time even when they await', async () => {
      const store = await open();
      await store.putStock({ sku: 'A', onHand: 10, reserved: 0 });
      const oversold: string[] = [];
      await Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          store.transaction(async (tx) => {
            const entry = await tx.getStock('A');
            await new Promise((resolve) => setImmediate(resolve));
            if (!entry || entry.onHand - entry.reserved < 1) {
              oversold.push(`order-${i}`);
              return;
            }
            await tx.putStock({ ...entry, reserved: entry.reserved + 1 });
          }),
        ),
      );
      expect((await store.getStock('A'))?.reserved).toBe(10);
      expect(oversold).toHaveLength(5);
    });

    it('orders a plain read after a write issued before it, idle or not (#14 read fast path)', async () => {
      const store = await open();
      const key = { platform: 'voso', account: 'a', sku: 'S1' };
      const listing = { ...key, remoteListingId: 'R1', contentHash: 'h1' };
      // Not awaited: the read is issued while the write is still queued, and must see it.
      const written = store.putListing(listing);
      const read = store.getListing(key);
      await written;
      expect((await read)?.remoteListingId).toBe('R1');
      // Idle store: the committed state, a copy the caller may change freely.
      const idle = await store.getListing(key);
      expect(idle?.contentHash).toBe('h1');
      idle!.contentHash = 'changed';
      expect((await store.getListing(key))?.contentHash).toBe('h1');
      // A write issued after a read does not change what that read returns.
      const before = store.getListing(key);
      const rewritten = store.putListing({ ...listing, contentHash: 'h2' });
      expect((await before)?.contentHash).toBe('h1');
      await rewritten;
      expect((await store.getListing(key))?.contentHash).toBe('h2');
    });

    it('refuses the store itself inside its own transaction instead of deadlocking', async () => {
      const store = await open();
      await expect(store.transaction(() => store.getStock('A'))).rejects.toBeInstanceOf(
        NestedTransactionError,
      );
      // The store is still usable afterwards.
      await store.putStock({ sku: 'A', onHand: 1, reserved: 0 });
      expect(await store.getStock('A')).toBeDefined();
    });

    it('refuses a transaction object used after its transaction ended', async () => {
      const store = await open();
      let leaked: Parameters<Parameters<StateStore['transaction']>[0]>[0] | undefined;
      await store.transaction((tx) => {
        leaked = tx;
      });
      await expect(leaked?.putStock({ sku: 'A', onHand: 1, reserved: 0 })).rejects.toBeInstanceOf(
        InvalidRecordError,
      );
      expect(await store.getStock('A')).toBeUndefined();
    });

    it('rejects every call after close()', async () => {
      const store = await factory({});
      await store.putStock({ sku: 'A', onHand: 1, reserved: 0 });
      await store.close();
      await store.close(); // idempotent
      await expect(store.getStock('A')).rejects.toBeInstanceOf(StoreClosedError);
      await expect(
        store.putIntent({ platform: 'v', account: 'a', sku: 'A', intentId: 'i' }),
      ).rejects.toBeInstanceOf(StoreClosedError);
    });

    describe('bad arguments (#18): an InvalidRecordError naming the argument, in both languages, nothing written', () => {
      const LISTING_KEY = { platform: 'voso', account: 'htx-tam-ky', sku: 'A' };
      // Each call as a user might get it wrong (left out, null, a bare string), and the argument it names.
      const BAD_CALLS: ReadonlyArray<readonly [string, string, (s: StoreOperations) => Promise<unknown>]> = [
        ['getListing()', 'key', (s) => s.getListing(bad())],
        ['getListing(null)', 'key', (s) => s.getListing(bad(null))],
        ['putListing(null)', 'input', (s) => s.putListing(bad(null))],
        ['deleteListing()', 'key', (s) => s.deleteListing(bad())],
        ['deleteListing({ platform })', 'key.account', (s) => s.deleteListing(bad({ platform: 'voso' }))],
        ['listListings()', 'platform', (s) => s.listListings(bad(), bad())],
        ['getImageUpload()', 'key', (s) => s.getImageUpload(bad())],
        ['putImageUpload()', 'input', (s) => s.putImageUpload(bad())],
        ['deleteImageUpload(null)', 'key', (s) => s.deleteImageUpload(bad(null))],
        ['getIntent()', 'key', (s) => s.getIntent(bad())],
        ['putIntent()', 'input', (s) => s.putIntent(bad())],
        ['clearIntent()', 'key', (s) => s.clearIntent(bad())],
        ['listIntents(null)', 'filter', (s) => s.listIntents(bad(null))],
        ['getCheckpoint("voso")', 'account', (s) => s.getCheckpoint('voso', bad())],
        ['putCheckpoint()', 'input', (s) => s.putCheckpoint(bad())],
        ['putStock(null)', 'input', (s) => s.putStock(bad(null))],
        ['getStock(5)', 'sku', (s) => s.getStock(bad(5))],
        ["updateStock('A')", 'update', (s) => s.updateStock('A', bad())],
        ['updateStock(undefined, fn)', 'sku', (s) => s.updateStock(bad(), (c) => c)],
        ['putShipment()', 'input', (s) => s.putShipment(bad())],
        ['getShipment(null)', 'reference', (s) => s.getShipment(bad(null))],
        ["updateShipment('R', 5)", 'update', (s) => s.updateShipment('R', bad(5))],
        ['getMarketplaceShipment()', 'key', (s) => s.getMarketplaceShipment(bad())],
        ['putMarketplaceShipment(null)', 'input', (s) => s.putMarketplaceShipment(bad(null))],
        ['getOrderState(null)', 'key', (s) => s.getOrderState(bad(null))],
        ['putOrderState()', 'input', (s) => s.putOrderState(bad())],
        ['listOrderStates(null)', 'filter', (s) => s.listOrderStates(bad(null))],
        ['putLedgerState(null)', 'input', (s) => s.putLedgerState(bad(null))],
        ['getLinkProposal("A")', 'key', (s) => s.getLinkProposal(bad('A'))],
        ['putLinkProposal()', 'input', (s) => s.putLinkProposal(bad())],
        ['claimWebhook()', 'key', (s) => s.claimWebhook(bad())],
        ["claimWebhook('k', null)", 'options', (s) => s.claimWebhook('k', bad(null))],
        ['hasWebhook(null)', 'key', (s) => s.hasWebhook(bad(null))],
        [
          "putListing({ variantRemoteIds: 'V-1' })",
          'variantRemoteIds',
          (s) => s.putListing(listing('A', { variantRemoteIds: 'V-1' }) as unknown as ListingInput),
        ],
      ];

      const expectNamed = (error: unknown, name: string) => {
        expect(error).toBeInstanceOf(InvalidRecordError);
        const refused = error as InvalidRecordError;
        expect(refused.issues[0]?.path).toBe(name);
        expect(refused.messageVi.startsWith(`${name} phải là`)).toBe(true);
        expect(refused.messageEn.startsWith(`${name} must be`)).toBe(true);
        // No English words inside the Vietnamese text (identifiers such as platform, sku are names).
        expect(refused.messageVi).not.toMatch(/\b(must|string|object|function|got)\b/);
      };

      const expectEmpty = async (store: StateStore) => {
        expect(await store.listListings('voso', 'htx-tam-ky')).toEqual([]);
        expect(await store.listImageUploads('voso', 'htx-tam-ky')).toEqual([]);
        expect(await store.listIntents()).toEqual([]);
        expect(await store.listCheckpoints()).toEqual([]);
        expect(await store.listStock()).toEqual([]);
        expect(await store.listShipments()).toEqual([]);
        expect(await store.listOrderStates()).toEqual([]);
        expect(await store.listLedgerStates()).toEqual([]);
        expect(await store.listLinkProposals('voso', 'htx-tam-ky')).toEqual([]);
        expect(await store.hasWebhook('k')).toBe(false);
      };

      it('every method of the store refuses them before anything is written', async () => {
        const store = await open();
        for (const [call, name, run] of BAD_CALLS) {
          const error = await run(store).then(
            () => new Error(`${call} was accepted`),
            (e: unknown) => e,
          );
          expect(error, call).toBeInstanceOf(InvalidRecordError);
          expectNamed(error, name);
        }
        await expectEmpty(store);
      });

      it("a transaction's tx refuses them too, and the transaction writes nothing", async () => {
        const store = await open();
        for (const [call, name, run] of BAD_CALLS) {
          const error = await store
            .transaction(async (tx) => {
              await tx.putListing(listing('A'));
              await tx.claimWebhook('k');
              await run(tx);
            })
            .then(
              () => new Error(`${call} was accepted`),
              (e: unknown) => e,
            );
          expect(error, call).toBeInstanceOf(InvalidRecordError);
          expectNamed(error, name);
        }
        await expectEmpty(store);
        // The store still works after all of them.
        expect((await store.putListing(listing('A'))).sku).toBe('A');
        expect(await store.getListing(LISTING_KEY)).toMatchObject({ sku: 'A' });
      });

      it('a misspelt option name is refused with the right one suggested, and nothing is written (trial 6)', async () => {
        const store = await open();
        const claim = await store.claimWebhook('k', bad({ ttlms: 1 })).then(
          () => new Error('claimWebhook({ ttlms }) was accepted'),
          (e: unknown) => e,
        );
        expect(claim).toBeInstanceOf(InvalidRecordError);
        const refused = claim as InvalidRecordError;
        expect(refused.issues[0]?.path).toBe('options.ttlms');
        expect(refused.messageVi).toContain('options.ttlms: không có tùy chọn này (có phải "ttlMs"?)');
        expect(refused.messageEn).toContain('options.ttlms: no such option (did you mean "ttlMs"?)');

        let ran = false;
        const transaction = await store
          .transaction(
            async (tx) => {
              ran = true;
              await tx.putListing(listing('A'));
            },
            bad({ timeoutms: 1 }),
          )
          .then(
            () => new Error('transaction(fn, { timeoutms }) was accepted'),
            (e: unknown) => e,
          );
        expect(transaction).toBeInstanceOf(ConfigurationError);
        const config = transaction as ConfigurationError;
        expect(config.messageVi).toContain('transaction: tùy chọn không hợp lệ');
        expect(config.messageVi).toContain('timeoutms: không có tùy chọn này');
        expect(config.messageEn).toContain('timeoutms: no such option');
        expect(ran).toBe(false);
        await expectEmpty(store);
        // The right names still work.
        expect(await store.claimWebhook('k', { ttlMs: 1000 })).toBe(true);
        await store.transaction(async () => {}, { durable: true });
      });
    });
  });
}
