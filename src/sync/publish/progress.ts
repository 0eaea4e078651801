import type { PublishItemResult, PublishPhase, PublishProgressEvent } from './types.js';

interface PlatformCounters {
  platform: string;
  account: string;
  total: number;
  done: number;
  failed: number;
}

/** Counts per platform and forwards events; a listener that throws never breaks the run. */
export class ProgressTracker {
  readonly #listener: ((event: PublishProgressEvent) => void) | undefined;
  readonly #counters = new Map<string, PlatformCounters>();
  #phase: PublishPhase = 'validate';

  constructor(listener: ((event: PublishProgressEvent) => void) | undefined) {
    this.#listener = listener;
  }

  addPlatform(key: string, platform: string, account: string): void {
    this.#counters.set(key, { platform, account, total: 0, done: 0, failed: 0 });
  }

  setTotal(key: string, total: number): void {
    const c = this.#counters.get(key);
    if (c) c.total = total;
  }

  phase(phase: PublishPhase): void {
    this.#phase = phase;
    this.#emit({ type: 'phase', phase });
    for (const c of this.#counters.values()) this.#emit({ type: 'platform', phase, ...c });
  }

  itemDone(key: string, item: PublishItemResult): void {
    const c = this.#counters.get(key);
    if (!c) return;
    c.done++;
    // A gift box's items are counted as they are planned: the total catches up, never lags behind.
    c.total = Math.max(c.total, c.done);
    if (item.outcome === 'failed' || item.outcome === 'invalid') c.failed++;
    // No listener, no event object: a 100k-row dry run settles 200k items.
    if (this.#listener) this.#emit({ type: 'platform', phase: this.#phase, ...c, item });
  }

  #emit(event: PublishProgressEvent): void {
    if (!this.#listener) return;
    try {
      this.#listener(event);
    } catch {
      // A progress bar's bug must not abort a publish halfway.
    }
  }
}
