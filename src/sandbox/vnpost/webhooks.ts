import { type KeyObject, sign } from 'node:crypto';
import { postWebhook } from '../post-webhook.js';

export interface VnpostWebhookChaos {
  /** Probability (0..1) that a delivery is sent twice. @default 0 */
  duplicateProbability?: number;
  /** These status codes are always delivered twice. @default [] */
  duplicateStatuses?: string[];
}

/** One HTTP attempt to deliver one payload. */
export interface VnpostWebhookDeliveryLog {
  itemCodes: string[];
  statuses: string[];
  attempt: number;
  /** The receiver's HTTP status, or null when the connection failed. */
  httpStatus: number | null;
  ok: boolean;
  duplicate: boolean;
  atMs: number;
}

export interface DispatcherOptions {
  retryDelayMs: number;
  maxRetries: number;
  timeoutMs: number;
  random: () => number;
}

/** The text MyVNPost signs: "MYVNP" + sendDate + itemCode + status of the first item. */
export function signedWebhookText(sendDate: string, itemCode: string, status: string): string {
  return `MYVNP${sendDate}${itemCode}${status}`;
}

/**
 * Signs and delivers `{data: [items], sendDate, signature}` with retries (a non-2xx answer or a failed
 * connection is retried after `retryDelayMs`, up to `maxRetries`), and deliberate duplicates.
 * Deliveries for one order go out in order: each waits for the previous one to finish.
 */
export class WebhookDispatcher {
  url: string | undefined;
  signingKey: KeyObject;
  chaos: VnpostWebhookChaos = {};
  readonly log: VnpostWebhookDeliveryLog[] = [];
  #chain: Promise<void> = Promise.resolve();
  #pending = 0;
  #closed = false;

  constructor(
    signingKey: KeyObject,
    private readonly options: DispatcherOptions,
    private readonly clock: () => number,
  ) {
    this.signingKey = signingKey;
  }

  /** The exact JSON a delivery carries (also used by tests to build forged ones). */
  payload(items: Record<string, unknown>[], sendDate: string, key: KeyObject = this.signingKey): string {
    const first = items[0] ?? {};
    const text = signedWebhookText(sendDate, String(first.itemCode ?? ''), String(first.status ?? ''));
    const signature = sign('sha256', Buffer.from(text, 'utf8'), key).toString('base64');
    return JSON.stringify({ data: items, sendDate, signature });
  }

  enqueue(items: Record<string, unknown>[], sendDate: string): void {
    const url = this.url;
    if (!url || this.#closed) return;
    const statuses = items.map((i) => String(i.status));
    const duplicate =
      (this.chaos.duplicateProbability ?? 0) > this.options.random() ||
      statuses.some((s) => this.chaos.duplicateStatuses?.includes(s));
    const body = this.payload(items, sendDate);
    const itemCodes = items.map((i) => String(i.itemCode));
    const run = async (asDuplicate: boolean) => {
      for (let attempt = 1; attempt <= this.options.maxRetries + 1 && !this.#closed; attempt++) {
        const httpStatus = await postWebhook(url, body, this.options.timeoutMs);
        const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
        this.log.push({
          itemCodes,
          statuses,
          attempt,
          httpStatus,
          ok,
          duplicate: asDuplicate,
          atMs: this.clock(),
        });
        if (ok) return;
        await new Promise((r) => setTimeout(r, this.options.retryDelayMs * attempt));
      }
    };
    this.#pending += duplicate ? 2 : 1;
    this.#chain = this.#chain
      .then(() => run(false))
      .finally(() => {
        this.#pending -= 1;
      });
    if (duplicate) {
      this.#chain = this.#chain
        .then(() => run(true))
        .finally(() => {
          this.#pending -= 1;
        });
    }
  }

  /** Resolves when no delivery is pending. */
  async idle(): Promise<void> {
    while (this.#pending > 0) await this.#chain;
  }

  close(): void {
    this.#closed = true;
  }
}
