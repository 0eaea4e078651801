import { SANDBOX_DEMO_IDENTITIES } from '../demo-identities.js';
import { handleError, ORDER, unknownId } from '../handle-guard.js';
import { createRandom } from '../marketplace/rng.js';
import { AccountStore, type SandboxAccount, type TokenRecord } from './accounts.js';
import type { AddressPolicy } from './address.js';
import type { Catalog } from './catalog.js';
import { MESSAGES, VtpApiError } from './envelope.js';
import { defaultFaults, type ViettelPostFaults } from './faults.js';
import {
  FIRST_MILES,
  type FirstMile,
  type JourneyEnding,
  pathBetween,
  planFrom,
  reasonCodeFor,
  TERMINAL_STATUSES,
} from './journey.js';
import {
  DEFAULT_FAIL_REASON_CODE,
  DEFAULT_LOGIN_TOKEN_TTL_MS,
  DEFAULT_OWNER_TOKEN_TTL_MS,
  DEFAULT_STEP_MS,
  DEFAULT_WEBHOOK_MAX_RETRIES,
  DEFAULT_WEBHOOK_RETRY_DELAY_MS,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  type ViettelPostSandboxOptions,
} from './options.js';
import type { SandboxOrder } from './order-types.js';
import { buildWebhookData } from './webhook-payload.js';
import { WebhookDispatcher, type WebhookEvent, type WebhookTarget } from './webhooks.js';

export const DEFAULT_WEBHOOK_SECRET = SANDBOX_DEMO_IDENTITIES.viettelpost.webhookSecret;
/** Status dates of one order are at least this far apart, so (waybill, status, date) stays unique. */
const MIN_STATUS_GAP_MS = 1_000;
const EVENT_NOTES: Readonly<Record<number, string>> = {
  [-100]: 'Đơn hàng chờ duyệt',
  100: 'Đã tiếp nhận đơn hàng',
  105: 'Bưu tá đã lấy hàng',
  501: 'Người nhận đã nhận hàng',
  505: 'Người nhận từ chối nhận hàng',
  506: 'Không liên lạc được người nhận',
  504: 'Đã trả hàng cho người gửi',
};

// Waybills are unique across every sandbox of the process, so tests sharing one store never collide.
let processWaybillCounter = 15_878_180_012;

export interface JourneyConfig {
  stepMs: number;
  ending: JourneyEnding;
  endingFor: ((order: SandboxOrder) => JourneyEnding | undefined) | undefined;
  failReasonCode: string;
  webhookOnCreate: boolean;
}

export interface Caller {
  account: SandboxAccount;
  token: TokenRecord;
}

/** State and behaviour of one sandbox; the HTTP layer only parses, routes and answers. */
export class ViettelPostEmulator {
  readonly accounts: AccountStore;
  readonly orders = new Map<string, SandboxOrder>();
  readonly printCodes = new Map<string, { waybills: string[]; expiresAtMs: number }>();
  readonly dispatcher: WebhookDispatcher;
  readonly random: () => number;
  readonly now: () => number;
  readonly faults: ViettelPostFaults;
  readonly journey: JourneyConfig;
  readonly auth: {
    loginTokenBusinessAccess: boolean;
    pricingWithoutToken: boolean;
    authErrorHttpStatus: number;
  };
  webhook: { url: string | undefined; secret: string };
  readonly addressPolicy: AddressPolicy;
  /** Message of the CHECK_UNIQUE refusal (`duplicateRefusalMessage`). */
  duplicateRefusalMessage: string;
  private readonly firstMile: {
    mode: FirstMile | 'mixed';
    of?: (reference: string) => FirstMile | undefined;
  };
  private mixedCount = 0;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly pinnedEndings = new Set<string>();
  private nextWaybill: number | undefined;
  private closed = false;

  constructor(
    readonly catalog: Catalog,
    options: ViettelPostSandboxOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.random = createRandom(options.seed ?? 20_250_701);
    this.accounts = new AccountStore(this.now, {
      loginMs: options.loginTokenTtlMs ?? DEFAULT_LOGIN_TOKEN_TTL_MS,
      ownerMs: options.ownerTokenTtlMs ?? DEFAULT_OWNER_TOKEN_TTL_MS,
    });
    this.faults = { ...defaultFaults(), ...options.faults };
    this.faults.failNext = { ...this.faults.failNext };
    this.faults.dropResponseAfterCommit = { ...this.faults.dropResponseAfterCommit };
    this.journey = {
      stepMs: options.stepMs ?? DEFAULT_STEP_MS,
      ending: options.ending ?? 'delivered',
      endingFor: options.endingFor,
      failReasonCode: options.failReasonCode ?? DEFAULT_FAIL_REASON_CODE,
      webhookOnCreate: options.webhookOnCreate ?? true,
    };
    this.auth = {
      loginTokenBusinessAccess: options.loginTokenBusinessAccess ?? false,
      pricingWithoutToken: options.pricingWithoutToken ?? false,
      authErrorHttpStatus: options.authErrorHttpStatus ?? 200,
    };
    this.webhook = { url: options.webhookUrl, secret: options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET };
    this.dispatcher = new WebhookDispatcher({
      retryDelayMs: options.webhookRetryDelayMs ?? DEFAULT_WEBHOOK_RETRY_DELAY_MS,
      maxRetries: options.webhookMaxRetries ?? DEFAULT_WEBHOOK_MAX_RETRIES,
      timeoutMs: options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
      random: this.random,
    });
    this.dispatcher.chaos = { ...options.webhookChaos };
    this.nextWaybill = options.firstWaybillNumber;
    this.addressPolicy = { refusePseudoDistrict: options.refusePseudoDistrict ?? false };
    this.duplicateRefusalMessage = options.duplicateRefusalMessage ?? MESSAGES.duplicateOrderNumber;
    this.firstMile = {
      mode: options.firstMile ?? 'mixed',
      ...(options.firstMileFor ? { of: options.firstMileFor } : {}),
    };
  }

  /** The first mile of a new order (`firstMileFor`, else `firstMile`; `mixed` cycles by order). */
  firstMileOf(reference: string): FirstMile {
    const pinned = this.firstMile.of?.(reference);
    if (pinned) return pinned;
    if (this.firstMile.mode !== 'mixed') return this.firstMile.mode;
    return FIRST_MILES[this.mixedCount++ % FIRST_MILES.length]!;
  }

  /** Token check for business endpoints; Login tokens are refused unless configured otherwise. */
  authenticate(token: string | undefined): Caller {
    const record = this.accounts.verify(token, this.auth.authErrorHttpStatus);
    if (record.kind === 'login' && !this.auth.loginTokenBusinessAccess) {
      throw new VtpApiError(MESSAGES.tokenInvalid, 401, this.auth.authErrorHttpStatus);
    }
    return { account: this.accounts.byId(record.userId)!, token: record };
  }

  /** ownerconnect accepts any live token, including the short Login one (that is its purpose). */
  authenticateAny(token: string | undefined): Caller {
    const record = this.accounts.verify(token, this.auth.authErrorHttpStatus);
    return { account: this.accounts.byId(record.userId)!, token: record };
  }

  newWaybill(): string {
    if (this.nextWaybill !== undefined) return String(this.nextWaybill++);
    return String(processWaybillCounter++);
  }

  /** Orders a caller may see: its own, and those of accounts it is the partner of. */
  findOrder(caller: Caller, waybill: string): SandboxOrder {
    const order = this.orders.get(waybill.trim());
    if (!order || order.deleted || !this.mayAccess(caller.account, order)) {
      throw new VtpApiError(MESSAGES.orderMissing);
    }
    return order;
  }

  private mayAccess(account: SandboxAccount, order: SandboxOrder): boolean {
    if (order.ownerUserId === account.userId || order.partnerUserId === account.userId) return true;
    return this.accounts.byId(order.ownerUserId)?.partnerUsername === account.username;
  }

  webhookTarget(order: SandboxOrder): WebhookTarget | undefined {
    const owner = this.accounts.byId(order.ownerUserId);
    const partner = order.partnerUserId !== undefined ? this.accounts.byId(order.partnerUserId) : undefined;
    const source = partner?.webhookUrl ? partner : owner?.webhookUrl ? owner : undefined;
    if (source?.webhookUrl)
      return { url: source.webhookUrl, secret: source.webhookSecret ?? this.webhook.secret };
    return this.webhook.url ? { url: this.webhook.url, secret: this.webhook.secret } : undefined;
  }

  // ---- courier journey -------------------------------------------------------------------

  /** Appends a status to the order's history and returns the webhook event for it. */
  recordStatus(order: SandboxOrder, status: number, note?: string): WebhookEvent {
    const last = order.history.at(-1);
    const atMs = Math.max(this.now(), last ? last.atMs + MIN_STATUS_GAP_MS : 0);
    const reasonCode = reasonCodeFor(status, this.journey.failReasonCode);
    const text = note ?? EVENT_NOTES[status] ?? '';
    order.status = status;
    order.updatedAtMs = atMs;
    const data = buildWebhookData(order, status, atMs, reasonCode, text);
    order.history.push({
      status,
      atMs,
      statusDate: String(data.ORDER_STATUSDATE),
      reasonCode,
      note: text,
      data,
    });
    return { waybill: order.waybill, status, data };
  }

  emit(order: SandboxOrder, events: WebhookEvent[]): Promise<void> {
    const more = order.plan.length > 0 && !TERMINAL_STATUSES.has(order.status);
    return this.dispatcher.enqueue(this.webhookTarget(order), events, more);
  }

  approve(order: SandboxOrder): Promise<void> {
    if (!this.pinnedEndings.has(order.waybill)) {
      order.ending = this.journey.endingFor?.(order) ?? this.journey.ending;
    }
    order.plan = planFrom(100, order.ending, order.firstMile);
    const event = this.recordStatus(order, 100);
    this.schedule(order);
    return this.emit(order, [event]);
  }

  setPlan(order: SandboxOrder, plan: number[]): void {
    order.plan = plan;
    this.schedule(order);
  }

  setEnding(order: SandboxOrder, ending: JourneyEnding): void {
    order.ending = ending;
    this.pinnedEndings.add(order.waybill);
    if (order.status !== -100 && !TERMINAL_STATUSES.has(order.status))
      this.setPlan(order, planFrom(order.status, ending, order.firstMile));
  }

  stop(order: SandboxOrder): void {
    order.plan = [];
    const timer = this.timers.get(order.waybill);
    if (timer) clearTimeout(timer);
    this.timers.delete(order.waybill);
  }

  schedule(order: SandboxOrder): void {
    const timer = this.timers.get(order.waybill);
    if (timer) clearTimeout(timer);
    this.timers.delete(order.waybill);
    if (this.closed || this.journey.stepMs <= 0 || order.plan.length === 0) return;
    const next = setTimeout(() => {
      this.timers.delete(order.waybill);
      void this.step(order, 1);
    }, this.journey.stepMs);
    next.unref();
    this.timers.set(order.waybill, next);
  }

  /** Walks `count` planned steps at once and sends their events. */
  step(order: SandboxOrder, count: number): Promise<void> {
    const events: WebhookEvent[] = [];
    for (let i = 0; i < count && order.plan.length > 0; i++) {
      events.push(this.recordStatus(order, order.plan.shift()!));
    }
    this.schedule(order);
    return this.emit(order, events);
  }

  /**
   * Moves an order one planned step, or up to `toStatus` (along the plan when it lies on it,
   * otherwise along the shortest allowed path, re-planning the rest towards the order's ending).
   */
  async advance(waybill: string, toStatus?: number): Promise<number> {
    const order = this.orders.get(waybill);
    const where = { sandbox: 'ViettelPost', method: 'advance' };
    if (!order || order.deleted) throw unknownId(where, ORDER, waybill);
    if (order.status === -100 && (toStatus === undefined || toStatus !== -100)) {
      await this.approve(order);
      if (toStatus === undefined || toStatus === 100) return order.status;
    }
    if (toStatus === undefined) {
      if (order.plan.length === 0)
        throw handleError('conflict', where, {
          vi: `đơn ${waybill} không còn bước nào (trạng thái ${order.status})`,
          en: `order ${waybill} has no further step (status ${order.status})`,
        });
      await this.step(order, 1);
      return order.status;
    }
    if (toStatus === order.status) return order.status;
    const index = order.plan.indexOf(toStatus);
    if (index < 0) {
      const path = pathBetween(order.status, toStatus);
      if (!path)
        throw handleError('conflict', where, {
          vi: `đơn ${waybill} không chuyển được từ ${order.status} sang ${toStatus}`,
          en: `order ${waybill} cannot move from ${order.status} to ${toStatus}`,
        });
      const rest = TERMINAL_STATUSES.has(toStatus) ? [] : planFrom(toStatus, order.ending, order.firstMile);
      order.plan = [...path, ...rest];
    }
    await this.step(order, order.plan.indexOf(toStatus) + 1);
    return order.status;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.dispatcher.close();
  }
}
