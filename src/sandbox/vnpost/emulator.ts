import { randomBytes } from 'node:crypto';
import { ORDER, unknownId } from '../handle-guard.js';
import type { CatalogUnit, SandboxCatalog } from './catalog.js';
import { type Answer, bad, SandboxHttpError } from './http-answer.js';
import { CANCELLABLE, CORRECTABLE, STATUS_NAMES, type VnpostJourneyEnding } from './journey.js';
import { OrderJourneys } from './order-journeys.js';
import type { EmulatorOptions, VnpostSandboxAccount, VnpostSandboxOrder } from './order-types.js';
import { routePrices } from './route-pricing.js';
import type { WebhookDispatcher } from './webhooks.js';
import { int, record, str, vnDateTime, vnDayRange, vnParts } from './wire-values.js';

export class VnpostEmulator {
  readonly accounts = new Map<string, VnpostSandboxAccount>();
  readonly tokens = new Map<string, { customerCode: string; expiresAtMs: number }>();
  readonly orders = new Map<string, VnpostSandboxOrder>();
  endingFor: ((order: VnpostSandboxOrder) => VnpostJourneyEnding | undefined) | undefined;
  /** `approval`: a cancel is answered Type "02" (waiting for VNPost's approval) and done by `approveCases`. */
  cancelMode: 'immediate' | 'approval' = 'immediate';
  /** Cancels waiting for approval: itemCode → case id. */
  readonly pendingCancels = new Map<string, string>();
  #sequence = 100_000;
  readonly #journeys: OrderJourneys;

  constructor(
    readonly catalog: SandboxCatalog,
    readonly webhooks: WebhookDispatcher,
    readonly options: EmulatorOptions,
  ) {
    if (options.firstItemNumber !== undefined) this.#sequence = options.firstItemNumber - 1;
    this.#journeys = new OrderJourneys(webhooks, options, (order) => this.endingFor?.(order));
  }

  now(): number {
    return this.options.clock();
  }

  // ---------------------------------------------------------------- auth

  login(body: unknown): Answer {
    const b = record(body);
    const account = this.accounts.get(str(b.username) ?? '');
    if (!account || account.password !== b.password || account.customerCode !== str(b.customerCode)) {
      return {
        status: 200,
        body: { success: false, errorMessage: 'Sai tên đăng nhập, mật khẩu hoặc mã khách hàng', token: null },
      };
    }
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, {
      customerCode: account.customerCode,
      expiresAtMs: this.now() + this.options.tokenTtlMs,
    });
    return { status: 200, body: { success: true, errorMessage: null, token } };
  }

  /** The caller's customer code; 401 for a missing or unknown token, 403 for an expired one. */
  authenticate(token: string | undefined): string {
    const entry = token ? this.tokens.get(token) : undefined;
    if (!entry) throw new SandboxHttpError(401, 'Token không hợp lệ');
    if (entry.expiresAtMs <= this.now()) throw new SandboxHttpError(403, 'Token đã hết hạn');
    return entry.customerCode;
  }

  expireTokens(): void {
    for (const entry of this.tokens.values()) entry.expiresAtMs = 0;
  }

  // ---------------------------------------------------------------- catalogs

  catalogRows(
    units: readonly CatalogUnit[],
    kind: 'province' | 'district' | 'commune',
    parentField?: string,
  ): Answer {
    return {
      status: 200,
      body: units.map((u) => ({
        [`${kind}Code`]: u.code,
        [`${kind}Name`]: u.name,
        ...(parentField ? { [parentField]: u.parentCode ?? null } : {}),
      })),
    };
  }

  // ---------------------------------------------------------------- pricing

  servicesCharge(body: unknown): Answer {
    const b = record(body);
    if (int(b.scope) !== 1) throw bad('scope phải là 1 (trong nước)');
    const data = record(b.data);
    const { rows } = routePrices(this.catalog, data, str(data.serviceCode) || undefined);
    return { status: 200, body: rows };
  }

  // ---------------------------------------------------------------- orders

  createOrder(body: unknown, customerCode: string): Answer {
    const b = record(body);
    const info = record(b.informationOrder);
    const must = [
      'senderName',
      'senderPhone',
      'senderAddress',
      'receiverName',
      'receiverPhone',
      'receiverAddress',
      'serviceCode',
      'contentNote',
      'weight',
      'sendType',
    ];
    const missing = must.filter((f) => !str(info[f]));
    if (missing.length > 0) throw bad(`Thiếu trường bắt buộc: ${missing.join(', ')}`);
    const serviceCode = str(info.serviceCode)!;
    const { rows, input } = routePrices(this.catalog, info, serviceCode);
    const row = rows[0]!;
    this.#sequence += 1;
    const itemCode = `EB${String(this.#sequence).padStart(9, '0')}VN`;
    const nowMs = this.now();
    const draft = int(b.orderCreationStatus) === 0;
    const side = (prefix: 'sender' | 'receiver') =>
      Object.fromEntries(
        ['Name', 'Phone', 'Email', 'Address', 'ProvinceCode', 'DistrictCode', 'CommuneCode'].map((k) => [
          `${prefix}${k}`,
          str(info[`${prefix}${k}`]) ?? null,
        ]),
      );
    const order: VnpostSandboxOrder = {
      orderHdrID: randomBytes(8).toString('hex'),
      originalID: `MYVNP${this.#sequence}`,
      itemCode,
      saleOrderCode: str(info.saleOrderCode) || null,
      customerCode,
      serviceCode,
      status: draft ? '0' : '1',
      history: [],
      sender: side('sender'),
      receiver: side('receiver'),
      weightGrams: input.weightGrams,
      codAmountVnd: input.codAmountVnd,
      declaredValueVnd: input.declaredValueVnd,
      mainFee: row.mainFee,
      vasFee: row.vasFee,
      totalFee: row.totalFee,
      weightConvert: row.weightConvert,
      contentNote: str(info.contentNote) ?? '',
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
      plan: [],
      ending: 'delivered',
    };
    this.orders.set(itemCode, order);
    this.#journeys.move(order, order.status);
    if (!draft) this.#journeys.start(order);
    return { status: 200, body: this.wire(order) };
  }

  publishDraft(code: string, customerCode: string): Answer {
    const order = this.#own(this.#find('1', code), customerCode);
    if (order.status !== '0') throw bad('Đơn không ở trạng thái nháp');
    this.#journeys.move(order, '1');
    this.#journeys.start(order);
    return { status: 200, body: this.wire(order) };
  }

  #find(type: string, code: string): VnpostSandboxOrder | undefined {
    if (type === '2') return [...this.orders.values()].find((o) => o.originalID === code);
    return this.orders.get(code);
  }

  #own(order: VnpostSandboxOrder | undefined, customerCode: string): VnpostSandboxOrder {
    if (!order || order.customerCode !== customerCode) throw bad('Không tìm thấy đơn hàng');
    return order;
  }

  getOrder(query: URLSearchParams, customerCode: string): Answer {
    const order = this.#find(query.get('type') ?? '1', query.get('code') ?? '');
    const results = order && order.customerCode === customerCode ? [this.wire(order)] : [];
    return { status: 200, body: [{ results }] };
  }

  listOrders(query: URLSearchParams, customerCode: string): Answer {
    const from = vnDayRange(query.get('lastUpdateFrom') ?? '');
    const to = vnDayRange(query.get('lastUpdateTo') ?? '');
    if (!from || !to) throw bad('lastUpdateFrom / lastUpdateTo phải có dạng dd-MM-yyyy');
    const size = Math.min(Math.max(int(query.get('size') ?? '50'), 1), 500);
    const page = Math.max(int(query.get('page') ?? '0'), 0);
    const type = query.get('type') ?? 'GUI';
    const all = [...this.orders.values()]
      .filter((o) => o.customerCode === customerCode && type === 'GUI')
      .filter((o) => o.updatedAtMs >= from[0] && o.updatedAtMs < to[1])
      .sort((a, b) => a.createdAtMs - b.createdAtMs);
    return {
      status: 200,
      body: {
        total: all.length,
        results: all.slice(page * size, page * size + size).map((o) => this.wire(o)),
      },
    };
  }

  history(query: URLSearchParams, customerCode: string): Answer {
    const order = this.#own(this.#find(query.get('type') ?? '1', query.get('code') ?? ''), customerCode);
    return {
      status: 200,
      body: {
        data: {
          itemCode: order.itemCode,
          statusHistory: order.history.map((h) => {
            const p = vnParts(h.atMs);
            return {
              createdDate: p.day,
              createdHour: p.hour,
              statusCode: h.status,
              statusName: h.statusName,
            };
          }),
        },
      },
    };
  }

  cancel(body: unknown, customerCode: string): Answer {
    const originalId = str(record(body).OriginalId) ?? '';
    const order = this.#own(this.#find('2', originalId), customerCode);
    const caseId = `CASE${randomBytes(4).toString('hex')}`;
    if (order.status === '9')
      return { status: 200, body: { Type: '00', Message: 'Đơn đã được hủy', CaseId: caseId } };
    if (!CANCELLABLE.has(order.status)) {
      return {
        status: 200,
        body: { Type: '01', Message: 'Bưu gửi đã được bưu tá nhận, không thể hủy', CaseId: caseId },
      };
    }
    if (this.cancelMode === 'approval') {
      const pending = this.pendingCancels.get(order.itemCode) ?? caseId;
      this.pendingCancels.set(order.itemCode, pending);
      return { status: 200, body: { Type: '02', Message: 'Yêu cầu hủy đang chờ duyệt', CaseId: pending } };
    }
    this.#cancelNow(order);
    return { status: 200, body: { Type: '00', Message: 'Hủy đơn thành công', CaseId: caseId } };
  }

  #cancelNow(order: VnpostSandboxOrder): void {
    this.#journeys.stop(order);
    order.plan = [];
    this.#journeys.move(order, '9');
  }

  /**
   * VNPost decides the cancels waiting for approval: approved ones go to 9 (with their webhook) when
   * the parcel is still before pickup; the others are dropped (the parcel travels on).
   */
  async approveCases(decision: 'approve' | 'refuse' = 'approve'): Promise<string[]> {
    const decided: string[] = [];
    for (const itemCode of this.pendingCancels.keys()) {
      const order = this.orders.get(itemCode);
      if (order && decision === 'approve' && CANCELLABLE.has(order.status)) {
        this.#cancelNow(order);
        decided.push(itemCode);
      }
    }
    this.pendingCancels.clear();
    await this.webhooks.idle();
    return decided;
  }

  correct(body: unknown, customerCode: string): Answer {
    const b = record(body);
    const order = this.#own(this.#find('2', str(b.OriginalId) ?? ''), customerCode);
    const caseId = `CASE${randomBytes(4).toString('hex')}`;
    if (!CORRECTABLE.has(order.status)) {
      return {
        status: 200,
        body: { type: '01', message: 'Không thể hiệu chỉnh sau khi đã lấy hàng', caseId },
      };
    }
    const contents = str(b.Contents);
    if (!contents) throw bad('Contents (nội dung hàng) là bắt buộc');
    const receiver = record(b.Receiver);
    const pkg = record(b.Package);
    const data = {
      senderProvinceCode: order.sender.senderProvinceCode,
      senderDistrictCode: order.sender.senderDistrictCode,
      senderCommuneCode: order.sender.senderCommuneCode,
      receiverProvinceCode: str(receiver.Province),
      receiverDistrictCode: str(receiver.District),
      receiverCommuneCode: str(receiver.Commune),
      weight: str(pkg.Weight),
      length: str(pkg.Length),
      width: str(pkg.Width),
      height: str(pkg.Height),
      addonService:
        int(b.CODAmount) > 0 ? [{ code: 'GTG021', propValue: `PROP0018:${int(b.CODAmount)}` }] : [],
    };
    const serviceCode = str(b.ServiceCode) || order.serviceCode;
    const { rows, input } = routePrices(this.catalog, data, serviceCode);
    const row = rows[0]!;
    Object.assign(order, {
      serviceCode,
      weightGrams: input.weightGrams,
      codAmountVnd: input.codAmountVnd,
      mainFee: row.mainFee,
      vasFee: row.vasFee,
      totalFee: row.totalFee,
      weightConvert: row.weightConvert,
      contentNote: contents,
      updatedAtMs: this.now(),
    });
    order.receiver = {
      ...order.receiver,
      receiverName: str(receiver.Fullname) ?? order.receiver.receiverName ?? null,
      receiverPhone: str(receiver.Phone) ?? order.receiver.receiverPhone ?? null,
      receiverAddress: str(receiver.Address) ?? order.receiver.receiverAddress ?? null,
      receiverProvinceCode: data.receiverProvinceCode ?? null,
      receiverDistrictCode: data.receiverDistrictCode ?? null,
      receiverCommuneCode: data.receiverCommuneCode ?? null,
    };
    return { status: 200, body: { type: '00', message: 'Hiệu chỉnh thành công', caseId } };
  }

  labels(body: unknown, customerCode: string): Answer {
    if (!Array.isArray(body) || body.length === 0 || body.length > 100)
      throw bad('Cần từ 1 đến 100 số hiệu bưu gửi');
    const orders = body.map((code) => this.#own(this.orders.get(String(code)), customerCode));
    const text = `%PDF-1.4\n% VNPost sandbox label\n${orders.map((o) => `${o.itemCode} ${o.receiver.receiverName ?? ''}`).join('\n')}\n%%EOF\n`;
    return { status: 200, body: [Buffer.from(text, 'utf8').toString('base64')] };
  }

  /** The order as getOrder / GetListOrder / CreateOrder answer it. */
  wire(order: VnpostSandboxOrder): Record<string, unknown> {
    return {
      orderHdrID: order.orderHdrID,
      originalID: order.originalID,
      itemCode: order.itemCode,
      saleOrderCode: order.saleOrderCode,
      customerCode: order.customerCode,
      serviceCode: order.serviceCode,
      status: order.status,
      statusName: STATUS_NAMES[order.status] ?? '',
      mainFee: order.mainFee,
      vasFee: order.vasFee,
      totalFee: order.totalFee,
      codAmount: order.codAmountVnd,
      weight: order.weightGrams,
      weightConvert: order.weightConvert,
      contentNote: order.contentNote,
      ...order.sender,
      ...order.receiver,
      createdDate: vnDateTime(order.createdAtMs),
      lastUpdateDate: vnDateTime(order.updatedAtMs),
    };
  }

  // ---------------------------------------------------------------- journeys and webhooks

  /** Walks the journey (all of it, or up to `toStatus`); resolves once webhooks went out. */
  async advance(itemCode: string, toStatus?: string): Promise<string> {
    const order = this.orders.get(itemCode);
    if (!order) throw unknownId({ sandbox: 'VNPost', method: 'advance' }, ORDER, itemCode);
    return this.#journeys.advance(order, toStatus);
  }

  /** Sends a status the table may not know (to test unknown-code handling). */
  async pushStatus(itemCode: string, status: string, statusName: string): Promise<void> {
    const order = this.orders.get(itemCode);
    if (!order) throw unknownId({ sandbox: 'VNPost', method: 'pushStatus' }, ORDER, itemCode);
    this.#journeys.move(order, status, statusName);
    await this.webhooks.idle();
  }

  close(): void {
    this.#journeys.close();
    this.webhooks.close();
  }
}
