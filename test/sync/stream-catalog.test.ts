import { describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connector.js';
import type { ProductInput } from '../../src/model/product.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { STREAMED_COUNTS_ROWS } from '../../src/sync/inventory/catalog-counts.js';
import { MAX_WAITING_TASKS } from '../../src/sync/publish/platform-publisher.js';
import { PLANNING_WINDOW } from '../../src/sync/publish/publish-run.js';
import { FAKE_CATEGORIES, fakeMarketplace } from './fake-marketplace.js';
import { makeProduct } from './helpers.js';

/** A connector publishing to the fake marketplace `fake`, on a memory store of its own unless given one. */
const fakeConnector = (fake: ReturnType<typeof fakeMarketplace>, store = createMemoryStore()) =>
  createConnector({ marketplaces: [fake.adapter], store, categories: FAKE_CATEGORIES });

/**
 * #14 trial HIGH 1: `connector.publish` copied a streamed catalog into an array before anything else
 * (all 40,000 rows pulled in 2 s, memory growing with the catalog). A generator is now read only as
 * fast as planning makes room, in a dry run and in a real publish.
 */
describe('connector.publish streams a generator catalog', () => {
  const ROWS = 3_000;
  function counting() {
    const state = { pulled: 0 };
    function* rows(): Generator<ProductInput> {
      for (let i = 0; i < ROWS; i++) {
        state.pulled++;
        yield { ...makeProduct(i), stock: 5 };
      }
    }
    return { state, rows: rows() };
  }

  it('dry run: the first item is planned before more than the planning window was pulled', async () => {
    const fake = fakeMarketplace();
    const connector = fakeConnector(fake);
    const { state, rows } = counting();
    let pulledAtFirst: number | undefined;
    let maxAhead = 0;
    let done = 0;
    const report = await connector.publish(rows, {
      dryRun: true,
      onProgress: (e) => {
        if (e.type !== 'platform') return;
        done++;
        pulledAtFirst ??= state.pulled;
        maxAhead = Math.max(maxAhead, state.pulled - done);
      },
    });
    await connector.close();
    expect(report.items).toHaveLength(ROWS);
    expect(report.items.every((i) => i.outcome === 'planned')).toBe(true);
    expect(pulledAtFirst).toBeLessThanOrEqual(PLANNING_WINDOW + 2);
    expect(maxAhead).toBeLessThanOrEqual(PLANNING_WINDOW + 2);
  });

  it('real publish: counts recorded a chunk at a time; the first create leaves with a bounded read-ahead', async () => {
    const fake = fakeMarketplace();
    const store = createMemoryStore();
    const connector = fakeConnector(fake, store);
    const { state, rows } = counting();
    let pulledAtFirstCreate: number | undefined;
    let maxAhead = 0;
    const create = fake.adapter.createListing;
    fake.adapter.createListing = async (draft, options) => {
      pulledAtFirstCreate ??= state.pulled;
      maxAhead = Math.max(maxAhead, state.pulled - fake.calls.create);
      await new Promise((r) => setTimeout(r, 0));
      return create(draft, options);
    };
    const report = await connector.publish(rows, { concurrency: 4 });
    await connector.close();
    expect(report.platforms[0]).toMatchObject({ created: ROWS, failed: 0 });
    // Every row's count reached the ledger (recorded before its row was planned).
    expect(await store.listStock()).toHaveLength(ROWS);
    expect(pulledAtFirstCreate).toBeLessThanOrEqual(STREAMED_COUNTS_ROWS + PLANNING_WINDOW + 1);
    expect(maxAhead).toBeLessThanOrEqual(MAX_WAITING_TASKS + 4 + PLANNING_WINDOW + STREAMED_COUNTS_ROWS + 1);
  });
});

/**
 * #14 re-trial: a dry run is CPU work between already-resolved promises; it kept the event loop to itself
 * (a 1 s interval fired twice in 12 s, Ctrl+C and `signal` handled only after the run). Timers must run
 * while it plans.
 */
describe('a long dry run gives the event loop a turn', () => {
  it('an interval keeps ticking while 3,000 rows are planned', async () => {
    const fake = fakeMarketplace();
    const connector = fakeConnector(fake);
    const rows = Array.from({ length: 3_000 }, (_, i) => ({ ...makeProduct(i), stock: 5 }));
    let ticks = 0;
    let ticksWhilePlanning = 0;
    let planned = 0;
    const interval = setInterval(() => {
      ticks++;
      if (planned > 0) ticksWhilePlanning++;
    }, 5);
    const started = performance.now();
    try {
      const report = await connector.publish(rows, {
        dryRun: true,
        onProgress: (e) => {
          if (e.type === 'platform') planned++;
        },
      });
      expect(report.items.every((i) => i.outcome === 'planned')).toBe(true);
    } finally {
      clearInterval(interval);
      await connector.close();
    }
    const elapsedMs = performance.now() - started;
    // At most ~20 ms between turns (plus one row's work): an interval of 5 ms fires at least once per
    // 100 ms of planning, where before it fired only after the run.
    expect(ticksWhilePlanning).toBeGreaterThanOrEqual(Math.max(1, Math.floor(elapsedMs / 100)));
    expect(ticks).toBeGreaterThan(1);
  });
});
