import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { makeJpeg, makeProduct, type Platforms, publishPrepared, startPlatforms } from './helpers.js';

/** #14 trial LOW 4 and LOW 5: a publish given a `signal`. */
describe('publish with an AbortSignal', () => {
  let platforms: Platforms | undefined;
  afterEach(async () => {
    await platforms?.close();
    platforms = undefined;
  });

  it('puts one listener on the caller signal, so Node prints no MaxListenersExceededWarning', async () => {
    platforms = await startPlatforms({ rps: 200, sandbox: { faults: { latencyMs: 20 } } });
    const image = await makeJpeg(1);
    const catalog = Array.from({ length: 24 }, (_, i) => makeProduct(i, [image]));
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const controller = new AbortController();
    let mostListeners = 0;
    const sampler = setInterval(() => {
      mostListeners = Math.max(mostListeners, getEventListeners(controller.signal, 'abort').length);
    }, 2);
    try {
      const report = await publishPrepared(catalog, {
        to: platforms.adapters,
        store: createMemoryStore(),
        signal: controller.signal,
      });
      expect(report.platforms.map((p) => p.created)).toEqual([24, 24]);
      await new Promise((r) => setImmediate(r));
    } finally {
      clearInterval(sampler);
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(mostListeners).toBe(1);
    // And none left behind once the run is over.
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('a create already sent when the abort came is outcome-unknown, not aborted; the next run adopts it', async () => {
    // The platform handles each create at once and answers 400 ms later: aborting in between leaves a
    // listing the platform made whose answer never arrives.
    platforms = await startPlatforms({ rps: 200, sandbox: { faults: { answerLatencyMs: 400 } } });
    const voso = platforms.adapters[0]!;
    const box = platforms.vosoSandbox;
    const image = await makeJpeg(2);
    const catalog = Array.from({ length: 12 }, (_, i) => makeProduct(i, [image]));
    const store = createMemoryStore();
    const controller = new AbortController();
    const watcher = setInterval(() => {
      if ((box.stats.requests.createListing ?? 0) >= 2) setTimeout(() => controller.abort(), 50);
    }, 5);
    const report = await publishPrepared(catalog, {
      to: [voso],
      store,
      signal: controller.signal,
      concurrency: 4,
    }).finally(() => clearInterval(watcher));
    await new Promise((r) => setTimeout(r, 500));
    const listed = new Set(box.state.listings().map((l) => l.sellerSku));
    expect(listed.size).toBeGreaterThan(0);
    for (const item of report.items.filter((i) => listed.has(i.sku))) {
      expect(item.outcome === 'created' || item.error?.kind === 'outcome_unknown', JSON.stringify(item)).toBe(
        true,
      );
    }
    expect(report.items.some((i) => i.error?.kind === 'outcome_unknown')).toBe(true);
    // Items never sent are plainly aborted and not on the platform.
    for (const item of report.items.filter((i) => i.error?.kind === 'aborted'))
      expect(listed.has(item.sku)).toBe(false);

    const rerun = await publishPrepared(catalog, {
      to: [voso],
      store,
    });
    expect(rerun.items.every((i) => i.outcome === 'created' || i.outcome === 'unchanged')).toBe(true);
    const skus = box.state.listings().map((l) => l.sellerSku);
    expect(skus).toHaveLength(12);
    expect(new Set(skus).size).toBe(12);
  });
});
