import type { OrderReadProgress } from './ledger-records.js';

/*
 * Which order windows one run reads (docs/inventory.md, "Overlap rule").
 *
 * `overlapMs` (O) is how late an order may become visible after its update time. Every order is read
 *   - at the FRESH edge: [doneTo − fresh, now], where `fresh` is small (learned from observed lateness,
 *     at least MIN_FRESH_OVERLAP_MS, at most O), so most orders are applied on the next run; and
 *   - once more after it has SETTLED: the sweep [settledTo, now − O] — an order updated at t is read
 *     again at a time ≥ t + O, when (by the definition of O) it is visible.
 * So an order that appears late by up to O is never missed (the same guarantee as re-reading the whole
 * O every run), while a run with no new orders re-reads only `fresh` plus the slice that has just settled.
 * When the sweep reaches the fresh window (runs further apart than O − fresh) both are one window; a
 * settled slice shorter than `fresh` waits for a later run (runs every few seconds read one window).
 */

/** The smallest fresh overlap, ms (platform clocks tick in seconds; a minute absorbs ordinary skew). */
export const MIN_FRESH_OVERLAP_MS = 60_000;

export interface OrderReadWindow {
  from: number;
  to: number;
  /** Completing this window moves `doneTo` to `to` (the fresh edge). */
  fresh: boolean;
  /** Completing this window moves `settledTo` here. */
  settleTo?: number;
  /** Resume token of the adapter inside this window. */
  cursor?: string;
}

/** The fresh overlap in use: learned (`freshMs`), clamped to [MIN_FRESH_OVERLAP_MS, overlapMs]. */
export function freshOverlap(progress: OrderReadProgress, overlapMs: number): number {
  return Math.min(overlapMs, Math.max(MIN_FRESH_OVERLAP_MS, progress.freshMs ?? 0));
}

/** Orders updated before it have all been read at least `overlapMs` after their update time. */
export function settledEdge(progress: OrderReadProgress, overlapMs: number): number | undefined {
  if (progress.settledTo !== undefined) return progress.settledTo;
  // A checkpoint written before the sweep existed: every run re-read the whole overlap.
  return progress.doneTo !== undefined ? progress.doneTo - overlapMs : undefined;
}

/** The windows of one run, in reading order. */
export function planOrderWindows(
  progress: OrderReadProgress,
  now: number,
  overlapMs: number,
  initialLookbackMs: number,
): OrderReadWindow[] {
  const windows: OrderReadWindow[] = [];
  let state = progress;
  if (progress.cursor !== undefined && progress.from !== undefined) {
    // Resume the window a run stopped in: its start, its settle edge, and (a sweep) its fixed end.
    const resumed: OrderReadWindow = {
      from: progress.from,
      to: progress.sweep && progress.to !== undefined ? progress.to : Math.max(now, progress.from + 1),
      fresh: !progress.sweep,
      cursor: progress.cursor,
      ...(progress.settleTo !== undefined ? { settleTo: progress.settleTo } : {}),
    };
    windows.push(resumed);
    if (resumed.fresh) return windows;
    state = { ...progress, ...(resumed.settleTo !== undefined ? { settledTo: resumed.settleTo } : {}) };
  }
  const doneTo = state.doneTo;
  if (doneTo === undefined) {
    const from = now - initialLookbackMs;
    return [
      ...windows,
      { from, to: Math.max(now, from + 1), fresh: true, settleTo: Math.max(from, now - overlapMs) },
    ];
  }
  const fresh = freshOverlap(state, overlapMs);
  const freshFrom = doneTo - fresh;
  const settled = settledEdge(state, overlapMs) ?? freshFrom;
  const settleTo = now - overlapMs;
  if (settleTo < freshFrom && settleTo - settled < Math.max(fresh, 1)) {
    // Less than `fresh` has settled since the last sweep: it waits for a later run (frequent runs read
    // one window, not two; a late order waits at most `fresh` longer).
    windows.push({ from: freshFrom, to: Math.max(now, freshFrom + 1), fresh: true });
  } else if (settleTo >= freshFrom) {
    // The settled slice reaches the fresh window: one window.
    windows.push({
      from: Math.min(settled, freshFrom),
      to: Math.max(now, settled + 1),
      fresh: true,
      settleTo,
    });
  } else {
    windows.push({ from: settled, to: settleTo, fresh: false, settleTo });
    windows.push({ from: freshFrom, to: Math.max(now, freshFrom + 1), fresh: true });
  }
  return windows;
}

/**
 * What one order seen for the first time (or changed) says about lateness, given the last run's end and
 * this run's fresh start: updated inside the fresh overlap, before the last end, it was late by at least
 * `lastEnd − updatedAt` (twice that is kept); updated before the fresh start (found by the sweep), the
 * fresh overlap was too small (it doubles). Undefined: not late.
 */
export function learnFreshOverlap(updatedAt: number, lastEnd: number, freshFrom: number): number | undefined {
  if (!Number.isFinite(updatedAt) || updatedAt >= lastEnd) return undefined;
  if (updatedAt >= freshFrom) return 2 * (lastEnd - updatedAt);
  return 2 * (lastEnd - freshFrom);
}
