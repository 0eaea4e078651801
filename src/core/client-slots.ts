import { setMaxListeners } from 'node:events';
import { eitherSignal } from './either-signal.js';
import { AbortedError, adapterClosed, OcopConnectError } from './errors.js';
import type { LimiterPermit, LimiterPriority, LimitScope, RequestLimiter } from './limiter.js';
import { createRateLimiter, limitScopeFor } from './rate-limiter.js';
import type { PlatformClientOptions, RateLimiterView, TrafficClass } from './types.js';

/**
 * A client's side of its limiter: one scope per traffic class, the calls of this client waiting for or
 * holding a slot per scope, and the waits that close() ends. The limiter is the client's own (closed
 * with it) unless one was injected (owned by the caller).
 */
export class ClientSlots {
  readonly #platform: string;
  readonly #account: string;
  readonly #rateLimits: PlatformClientOptions['rateLimits'];
  readonly #limiter: RequestLimiter;
  readonly #ownsLimiter: boolean;
  readonly #scopes = new Map<TrafficClass, LimitScope>();
  /** Calls of this client waiting for or holding a slot, per scope key (for `limiter(c).pending()`). */
  readonly #pending = new Map<string, number>();
  /** Aborted by close(): every wait for a slot ends. */
  readonly #closing = new AbortController();

  constructor(options: Pick<PlatformClientOptions, 'platform' | 'account' | 'rateLimits' | 'limiter'>) {
    this.#platform = options.platform;
    this.#account = options.account;
    this.#rateLimits = options.rateLimits;
    // Every call waiting for a slot listens to it: hundreds may wait, that is no leak.
    setMaxListeners(0, this.#closing.signal);
    this.#ownsLimiter = options.limiter === undefined;
    this.#limiter = options.limiter ?? createRateLimiter();
  }

  view(trafficClass: TrafficClass): RateLimiterView {
    const scope = this.scope(trafficClass);
    const pending = this.#pending;
    return {
      key: scope.key,
      config: { ...scope.limit },
      spacingMs: 1000 / scope.limit.requestsPerSecond,
      pending: () => pending.get(scope.key) ?? 0,
    };
  }

  scope(trafficClass: TrafficClass): LimitScope {
    let scope = this.#scopes.get(trafficClass);
    if (!scope) {
      scope = limitScopeFor(this.#platform, this.#account, this.#rateLimits, trafficClass);
      this.#scopes.set(trafficClass, scope);
    }
    return scope;
  }

  /** Runs `use` counted as one call of this client waiting for or holding a slot of `scope`. */
  async counted<T>(scope: LimitScope, use: () => Promise<T>): Promise<T> {
    const key = scope.key;
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1);
    try {
      return await use();
    } finally {
      const left = (this.#pending.get(key) ?? 1) - 1;
      if (left > 0) this.#pending.set(key, left);
      else this.#pending.delete(key);
    }
  }

  /** A slot of `scope`; the caller's abort and close() both end the wait. */
  async acquire(
    scope: LimitScope,
    priority: LimiterPriority,
    callerSignal: AbortSignal | undefined,
    operation: string,
  ): Promise<LimiterPermit> {
    const { signal, detach } = eitherSignal(callerSignal, this.#closing.signal);
    try {
      return await this.#limiter.acquire(scope, { priority, signal });
    } catch (error) {
      if (error instanceof OcopConnectError && !signal.aborted) throw error;
      // Closed while waiting: kind closed, like a call made after close().
      if (!callerSignal?.aborted) throw adapterClosed(this.#platform, operation);
      // No cause: the abort reason may be a DOMException, whose message cannot be scrubbed.
      throw new AbortedError(
        { vi: 'Bên gọi đã dừng yêu cầu', en: 'Aborted by the caller' },
        { platform: this.#platform, operation },
      );
    } finally {
      detach();
    }
  }

  /** Ends every wait for a slot, then closes the limiter if it is this client's own. */
  async close(): Promise<void> {
    this.#closing.abort(
      new AbortedError(
        { vi: `Client ${this.#platform} đã đóng`, en: `${this.#platform} client was closed` },
        { platform: this.#platform },
      ),
    );
    if (this.#ownsLimiter) await this.#limiter.close();
  }
}
