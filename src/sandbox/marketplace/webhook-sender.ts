/**
 * Pushes signed webhook events: first attempts go out in order, failed ones are retried on their own
 * schedule (so a dead endpoint does not hold back later events), and successful ones are occasionally
 * delivered twice when `duplicateRate` asks for it — receivers must dedupe.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Random } from './rng.js';
import type { WebhookDelivery } from './types.js';

export interface RenderedWebhook {
  body: string;
  headers: Record<string, string>;
}

export interface WebhookMessage {
  eventId: string;
  eventType: string;
  /** Called per attempt: Postmart re-stamps the body, Voso re-signs the timestamp. */
  render(): RenderedWebhook;
}

export interface WebhookSenderOptions {
  retryDelaysMs: number[];
  duplicateRate: number;
  timeoutMs: number;
  random: Random;
  onAttempt(ok: boolean): void;
}

export function postJson(url: string, rendered: RenderedWebhook, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number): void => {
      if (!settled) {
        settled = true;
        resolve(status);
      }
    };
    try {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        target,
        {
          method: 'POST',
          // No keep-alive pool: a receiver's server must be able to close right after the test.
          agent: false,
          headers: { ...rendered.headers, 'content-length': Buffer.byteLength(rendered.body) },
          timeout: timeoutMs,
        },
        (res) => {
          res.resume();
          res.on('end', () => finish(res.statusCode ?? 0));
          res.on('error', () => finish(0));
        },
      );
      req.on('timeout', () => {
        req.destroy();
        finish(0);
      });
      req.on('error', () => finish(0));
      req.end(rendered.body);
    } catch {
      finish(0);
    }
  });
}

export class WebhookSender {
  readonly #options: WebhookSenderOptions;
  #url: string | undefined;
  #chain: Promise<void> = Promise.resolve();
  #pending = 0;
  #waiters: Array<() => void> = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #log: WebhookDelivery[] = [];
  #closed = false;

  constructor(url: string | undefined, options: WebhookSenderOptions) {
    this.#url = url;
    this.#options = options;
  }

  get url(): string | undefined {
    return this.#url;
  }

  setUrl(url: string | undefined): void {
    this.#url = url;
  }

  deliveries(): WebhookDelivery[] {
    return this.#log.map((entry) => ({ ...entry }));
  }

  enqueue(message: WebhookMessage): void {
    if (this.#closed || this.#url === undefined) return;
    const url = this.#url;
    this.#pending += 1;
    this.#chain = this.#chain.then(() => this.#attempt(url, message, 1));
  }

  async #attempt(url: string, message: WebhookMessage, attempt: number): Promise<void> {
    try {
      if (this.#closed) return;
      const status = await postJson(url, message.render(), this.#options.timeoutMs);
      const ok = status >= 200 && status < 300;
      this.#record(message, attempt, status, ok, false);
      if (ok) {
        if (
          this.#options.duplicateRate > 0 &&
          this.#options.random() < this.#options.duplicateRate &&
          !this.#closed
        ) {
          const duplicateStatus = await postJson(url, message.render(), this.#options.timeoutMs);
          this.#record(
            message,
            attempt,
            duplicateStatus,
            duplicateStatus >= 200 && duplicateStatus < 300,
            true,
          );
        }
        return;
      }
      const delay = this.#options.retryDelaysMs[attempt - 1];
      if (delay === undefined || this.#closed) return;
      this.#pending += 1;
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        void this.#attempt(url, message, attempt + 1);
      }, delay);
      timer.unref();
      this.#timers.add(timer);
    } finally {
      this.#settle();
    }
  }

  #record(message: WebhookMessage, attempt: number, status: number, ok: boolean, duplicate: boolean): void {
    this.#log.push({
      eventId: message.eventId,
      eventType: message.eventType,
      attempt,
      status,
      ok,
      duplicate,
    });
    this.#options.onAttempt(ok);
  }

  #settle(): void {
    this.#pending -= 1;
    this.#release();
  }

  #release(): void {
    if (this.#pending > 0) return;
    this.#pending = 0;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  idle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    // Scheduled retries will never run: release anyone waiting on them.
    this.#pending -= this.#timers.size;
    this.#timers.clear();
    this.#release();
  }
}
