import { handleError } from '../handle-guard.js';
import { journeyPlan, STATUS_NAMES, type VnpostJourneyEnding } from './journey.js';
import type { EmulatorOptions, VnpostSandboxOrder } from './order-types.js';
import type { WebhookDispatcher } from './webhooks.js';
import { vnDateTime } from './wire-values.js';

/**
 * Parcels walking their journey: each status change is recorded in the order's history and sent as a
 * webhook; with `stepMs` > 0 a timer walks the plan by itself.
 */
export class OrderJourneys {
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly webhooks: WebhookDispatcher,
    /** Shared with the emulator: `stepMs` and `ending` may change while it runs. */
    private readonly options: Pick<EmulatorOptions, 'clock' | 'stepMs' | 'ending'>,
    private readonly endingFor: (order: VnpostSandboxOrder) => VnpostJourneyEnding | undefined,
  ) {}

  start(order: VnpostSandboxOrder): void {
    order.ending = this.endingFor(order) ?? this.options.ending;
    order.plan = journeyPlan(order.ending, order.codAmountVnd);
    this.schedule(order);
  }

  schedule(order: VnpostSandboxOrder): void {
    this.stop(order);
    if (this.options.stepMs <= 0 || order.plan.length === 0) return;
    const timer = setTimeout(() => {
      this.#timers.delete(order.itemCode);
      this.step(order);
      this.schedule(order);
    }, this.options.stepMs);
    timer.unref();
    this.#timers.set(order.itemCode, timer);
  }

  stop(order: VnpostSandboxOrder): void {
    const timer = this.#timers.get(order.itemCode);
    if (timer) clearTimeout(timer);
    this.#timers.delete(order.itemCode);
  }

  /** One journey step; false when nothing is left. */
  step(order: VnpostSandboxOrder): boolean {
    const next = order.plan.shift();
    if (next === undefined) return false;
    this.move(order, next);
    return true;
  }

  move(order: VnpostSandboxOrder, status: string, label?: string): void {
    const atMs = this.options.clock();
    order.status = status;
    order.updatedAtMs = atMs;
    const statusName = label ?? STATUS_NAMES[status] ?? '';
    order.history.push({ status, statusName, atMs });
    this.webhooks.enqueue(
      [
        {
          itemCode: order.itemCode,
          originalID: order.originalID,
          saleOrderCode: order.saleOrderCode,
          status,
          statusName,
          statusDate: vnDateTime(atMs),
          totalFee: order.totalFee,
          codAmount: order.codAmountVnd,
          weightConvert: order.weightConvert,
        },
      ],
      vnDateTime(atMs),
    );
  }

  /** Walks the journey (all of it, or up to `toStatus`); resolves once webhooks went out. */
  async advance(order: VnpostSandboxOrder, toStatus?: string): Promise<string> {
    this.stop(order);
    while (order.plan.length > 0 && order.status !== toStatus) this.step(order);
    if (toStatus !== undefined && order.status !== toStatus) {
      throw handleError(
        'conflict',
        { sandbox: 'VNPost', method: 'advance' },
        {
          vi: `đơn ${order.itemCode} không đến được trạng thái ${toStatus} (hiện ${order.status})`,
          en: `order ${order.itemCode} cannot reach status ${toStatus} (now ${order.status})`,
        },
      );
    }
    this.schedule(order);
    await this.webhooks.idle();
    return order.status;
  }

  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
