import { postWebhook } from '../post-webhook.js';

export interface ViettelPostWebhookChaos {
  /** Probability (0..1) that an event is delivered twice in a row. @default 0 */
  duplicateProbability?: number;
  /** Probability (0..1) that an event is held back and delivered after the next one. @default 0 */
  outOfOrderProbability?: number;
  /** These statuses are always delivered twice. @default [] */
  duplicateStatuses?: number[];
  /** These statuses are always delivered after the following event. @default [] */
  outOfOrderStatuses?: number[];
  /** Random pause (0..jitterMs, seeded) before each delivery, as on a loaded network. @default 0 */
  jitterMs?: number;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** One HTTP attempt to deliver one event. */
export interface WebhookDeliveryLog {
  waybill: string;
  status: number;
  attempt: number;
  /** HTTP status of the receiver's answer, or null when the connection failed. */
  httpStatus: number | null;
  ok: boolean;
  /** The event was a deliberate duplicate or was deliberately delivered out of order. */
  duplicate: boolean;
  outOfOrder: boolean;
  atMs: number;
  url: string;
}

export interface WebhookEvent {
  waybill: string;
  status: number;
  data: Record<string, unknown>;
}

interface DispatcherOptions {
  retryDelayMs: number;
  maxRetries: number;
  timeoutMs: number;
  random: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends journey events like VTP: POST `{DATA, TOKEN}` with `Authorization: <secret>`, retrying a
 * non-200 answer up to `maxRetries` times. Events of one waybill go out one after another; optional
 * chaos duplicates events or swaps them with the next one.
 */
export class WebhookDispatcher {
  readonly log: WebhookDeliveryLog[] = [];
  chaos: ViettelPostWebhookChaos = {};
  private readonly chains = new Map<string, Promise<void>>();
  private readonly held = new Map<string, WebhookEvent>();
  private readonly pending = new Set<Promise<void>>();
  private readonly inFlight = new Set<Promise<number | null>>();
  private closed = false;

  constructor(private readonly options: DispatcherOptions) {}

  /** Queues events of one waybill; `more` says whether further events are expected for it. */
  enqueue(
    target: WebhookTarget | undefined,
    events: WebhookEvent[],
    more: boolean,
    replay = false,
  ): Promise<void> {
    if (!target || events.length === 0) return Promise.resolve();
    const waybill = events[0]!.waybill;
    const previous = this.chains.get(waybill) ?? Promise.resolve();
    const next = previous.then(() => this.deliverBatch(target, events, more, replay));
    this.chains.set(waybill, next);
    this.pending.add(next);
    void next.finally(() => this.pending.delete(next));
    return next;
  }

  /** Resolves once every queued delivery has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Stops new attempts and waits for the ones already on the wire, so nothing arrives afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async deliverBatch(target: WebhookTarget, events: WebhookEvent[], more: boolean, replay: boolean) {
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      const isLast = i === events.length - 1 && !more;
      const held = this.held.get(event.waybill);
      if (!replay && !isLast && !held && this.shouldHold(event.status)) {
        this.held.set(event.waybill, event);
        continue;
      }
      await this.deliverWithChaos(target, event, false, replay);
      if (held) {
        this.held.delete(event.waybill);
        await this.deliverWithChaos(target, held, true, replay);
      }
    }
    const stillHeld = this.held.get(events[0]!.waybill);
    if (stillHeld && !more) {
      this.held.delete(stillHeld.waybill);
      await this.deliverWithChaos(target, stillHeld, true, replay);
    }
  }

  private shouldHold(status: number): boolean {
    const { outOfOrderStatuses = [], outOfOrderProbability = 0 } = this.chaos;
    return (
      outOfOrderStatuses.includes(status) ||
      (outOfOrderProbability > 0 && this.options.random() < outOfOrderProbability)
    );
  }

  private async deliverWithChaos(
    target: WebhookTarget,
    event: WebhookEvent,
    outOfOrder: boolean,
    replay: boolean,
  ) {
    await this.deliver(target, event, false, outOfOrder);
    if (replay) return;
    const { duplicateStatuses = [], duplicateProbability = 0 } = this.chaos;
    const duplicate =
      duplicateStatuses.includes(event.status) ||
      (duplicateProbability > 0 && this.options.random() < duplicateProbability);
    if (duplicate) await this.deliver(target, event, true, outOfOrder);
  }

  private async deliver(target: WebhookTarget, event: WebhookEvent, duplicate: boolean, outOfOrder: boolean) {
    const body = JSON.stringify({ DATA: event.data, TOKEN: target.secret });
    const jitterMs = this.chaos.jitterMs ?? 0;
    if (jitterMs > 0) await sleep(Math.floor(this.options.random() * jitterMs));
    for (let attempt = 1; attempt <= this.options.maxRetries + 1; attempt++) {
      if (this.closed) return;
      const attemptPromise = postWebhook(target.url, body, this.options.timeoutMs, {
        authorization: target.secret,
      });
      this.inFlight.add(attemptPromise);
      const httpStatus = await attemptPromise;
      this.inFlight.delete(attemptPromise);
      const ok = httpStatus === 200;
      if (this.log.length > 11_000) this.log.splice(0, 1_000);
      this.log.push({
        waybill: event.waybill,
        status: event.status,
        attempt,
        httpStatus,
        ok,
        duplicate,
        outOfOrder,
        atMs: Date.now(),
        url: target.url,
      });
      if (ok) return;
      if (attempt <= this.options.maxRetries) await sleep(this.options.retryDelayMs);
    }
  }
}
