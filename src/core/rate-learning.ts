/** Extra counting time added by a 429 the learned rate does not explain; capped at one window. */
const PENALTY_STEP_MS = 100;
/** A 429 that the requests accepted just before it do not explain lowers the allowed count by this factor. */
const DECREASE_FACTOR = 0.9;
/**
 * Without a 429 for this long, the allowed count grows by one back up to the rate last learned (after a
 * halving) — and past it, probing for more, one per RATE_PROBE_MS; never above the configured limit.
 */
export const RATE_RECOVERY_MS = 3_000;
export const RATE_PROBE_MS = 60_000;

/**
 * What a sliding-window gate learns from 429s: the requests allowed per window (the configured limit
 * until a 429 says less) and the penalty added to every answered request's counting time.
 */
export class LearnedRate {
  readonly #limit: number;
  readonly #windowMs: number;
  #allowed: number;
  #penaltyMs = 0;
  #lastThrottleMs = Number.NEGATIVE_INFINITY;
  #lastChangeMs = Number.NEGATIVE_INFINITY;
  #lastPenaltyMs = Number.NEGATIVE_INFINITY;
  /** The rate the last explained 429 showed (the platform's quota as far as it is known). */
  #learned: number;

  /** `limit` requests per `windowMs`: the configured quota. */
  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#allowed = limit;
    this.#learned = limit;
  }

  /** Requests admitted per window now. */
  get allowed(): number {
    return this.#allowed;
  }

  /** Added to every answered request's counting time by unexpected 429s (100 ms each, up to a window). */
  get penaltyMs(): number {
    return this.#penaltyMs;
  }

  /** The platform throttled a request: it counts wider than we thought. */
  penalise(): void {
    this.#penaltyMs = Math.min(this.#windowMs, this.#penaltyMs + PENALTY_STEP_MS);
  }

  /**
   * Learns from a 429 at `now`, after `accepted` requests were started in the window before the
   * throttled one and not throttled: the platform's real quota, as far as one window shows it. Fewer
   * than allowed → that many are allowed from now on (no compounding: a burst of 429s gives the same
   * estimate). As many as allowed or more (the platform counts wider than our window, or another client
   * uses the account) → once per window, ×0.9 and one penalty step.
   */
  learn(accepted: number, now: number): void {
    this.#lastThrottleMs = now;
    if (accepted < this.#allowed) {
      // At most halved by one window's evidence: a 429 after an idle spell (another client) says little.
      // Then it climbs back quickly (RATE_RECOVERY_MS a step) to where it was.
      const half = Math.floor(this.#allowed / 2);
      if (accepted < half) this.#learned = this.#allowed;
      this.#allowed = Math.max(1, accepted, half);
      if (accepted >= half) this.#learned = this.#allowed;
      this.#lastChangeMs = now;
      return;
    }
    // Within a window of the last change: the same burst, already learned from.
    if (now - Math.max(this.#lastPenaltyMs, this.#lastChangeMs) < this.#windowMs) return;
    this.#lastPenaltyMs = now;
    this.#allowed = Math.max(1, Math.floor(this.#allowed * DECREASE_FACTOR));
    this.#learned = this.#allowed;
    this.#lastChangeMs = now;
    this.penalise();
  }

  /** Slow additive recovery: one more per RATE_RECOVERY_MS without a 429, up to the configured limit. */
  recover(now: number): void {
    if (this.#allowed >= this.#limit) return;
    const stepMs = this.#allowed < this.#learned ? RATE_RECOVERY_MS : RATE_PROBE_MS;
    if (now - Math.max(this.#lastThrottleMs, this.#lastChangeMs) < stepMs) return;
    this.#allowed++;
    this.#lastChangeMs = now;
  }
}
