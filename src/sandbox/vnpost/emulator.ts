import { randomBytes } from 'node:crypto';
import { defaultVnAdmin } from '../../vn/admin/default-admin.js';
import type { CatalogUnit, SandboxCatalog } from './catalog.js';
import { CANCELLABLE, CORRECTABLE, journeyPlan, STATUS_NAMES, type VnpostJourneyEnding } from './journey.js';
import { price, regionOf, SANDBOX_SERVICES, type Zone } from './pricing.js';
import type { WebhookDispatcher } from './webhooks.js';

export const TWO_LEVEL_DISTRICT = 'VNPOST';

export interface VnpostSandboxAccount {
  username: string;
  password: string;
  customerCode: string;
}

export interface VnpostSandboxStatusEvent {
  status: string;
  statusName: string;
  atMs: number;
}

export interface VnpostSandboxOrder {
  orderHdrID: string;
  originalID: string;
  itemCode: string;
  saleOrderCode: string | null;
  customerCode: string;
  serviceCode: string;
  status: string;
  history: VnpostSandboxStatusEvent[];
  sender: Record<string, string | null>;
  receiver: Record<string, string | null>;
  weightGrams: number;
  codAmountVnd: number;
  declaredValueVnd: number;
  mainFee: number;
  vasFee: number;
  totalFee: number;
  weightConvert: number;
  contentNote: string;
  createdAtMs: number;
  updatedAtMs: number;
  /** Statuses still to walk. */
  plan: string[];
  ending: VnpostJourneyEnding;
}

/** An answer: HTTP status + JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const bad = (message: string) => new SandboxHttpError(400, message);

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Vietnam local time (UTC+7) parts of an instant. */
function vnParts(ms: number) {
  const d = new Date(ms + 7 * 3600_000);
  return {
    day: `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
    hour: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}

export function vnDateTime(ms: number): string {
  const p = vnParts(ms);
  return `${p.day} ${p.hour}`;
}

/** `dd-MM-yyyy` (Vietnam day) → [start, end) epoch ms; undefined when unreadable. */
function vnDayRange(text: string): [number, number] | undefined {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
  if (!m) return undefined;
  const start = Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])) - 7 * 3600_000;
  return [start, start + 24 * 3600_000];
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function int(value: unknown): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) ? Math.round(n) : 0;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export interface EmulatorOptions {
  clock: () => number;
  tokenTtlMs: number;
  stepMs: number;
  ending: VnpostJourneyEnding;
  /** The number of the first parcel (EB000100001VN = 100001). */
  firstItemNumber?: number;
}

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
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(
    readonly catalog: SandboxCatalog,
    readonly webhooks: WebhookDispatcher,
    readonly options: EmulatorOptions,
  ) {
    if (options.firstItemNumber !== undefined) this.#sequence = options.firstItemNumber - 1;
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

  // ---------------------------------------------------------------- addresses and pricing

  /** Validates one side's codes; returns its 2025 province code (for zones). */
  #side(data: Record<string, unknown>, side: 'sender' | 'receiver'): string {
    const province = str(data[`${side}ProvinceCode`]) ?? '';
    const district = str(data[`${side}DistrictCode`]) ?? '';
    const commune = str(data[`${side}CommuneCode`]) ?? '';
    if (!province) throw bad(`${side}ProvinceCode là bắt buộc`);
    if (!commune) throw bad(`${side}CommuneCode là bắt buộc`);
    if (district === TWO_LEVEL_DISTRICT) {
      const unit = this.catalog.newCommune.get(commune);
      if (!unit || unit.province !== province)
        throw bad(`${side}CommuneCode ${commune} không thuộc tỉnh ${province} (địa chỉ 2 cấp)`);
      return province;
    }
    const unit = this.catalog.legacyCommune.get(commune);
    if (!unit || unit.province !== province || unit.district !== district) {
      throw bad(`${side}CommuneCode ${commune} không thuộc huyện ${district} / tỉnh ${province}`);
    }
    return defaultVnAdmin().mapProvinceTo2025(province)?.code ?? province;
  }

  #zone(data: Record<string, unknown>): Zone {
    const from = this.#side(data, 'sender');
    const to = this.#side(data, 'receiver');
    if (from === to) return 'intra';
    return regionOf(from) === regionOf(to) ? 'region' : 'national';
  }

  #addon(addons: unknown, code: string): number {
    if (!Array.isArray(addons)) return 0;
    const found = addons.map(record).find((a) => a.code === code);
    const value = str(found?.propValue)?.split(':')[1];
    return found ? int(value) : 0;
  }

  #rows(data: Record<string, unknown>, serviceCode: string | undefined) {
    const weightGrams = int(data.weight);
    if (weightGrams <= 0) throw bad('weight phải lớn hơn 0');
    const zone = this.#zone(data);
    const input = {
      zone,
      weightGrams,
      lengthCm: int(data.length),
      widthCm: int(data.width),
      heightCm: int(data.height),
      codAmountVnd: this.#addon(data.addonService, 'GTG021'),
      declaredValueVnd: this.#addon(data.addonService, 'GTG008'),
    };
    const services = serviceCode ? SANDBOX_SERVICES.filter((s) => s.code === serviceCode) : SANDBOX_SERVICES;
    if (serviceCode && services.length === 0) throw bad(`Dịch vụ ${serviceCode} không tồn tại`);
    const rows = services.map((s) => price(s, input)).filter((r) => r !== undefined);
    if (rows.length === 0) throw bad('Không có giá cước cho tuyến, dịch vụ hoặc khối lượng này');
    return { rows, input };
  }

  servicesCharge(body: unknown): Answer {
    const b = record(body);
    if (int(b.scope) !== 1) throw bad('scope phải là 1 (trong nước)');
    const data = record(b.data);
    const { rows } = this.#rows(data, str(data.serviceCode) || undefined);
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
    const { rows, input } = this.#rows(info, serviceCode);
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
    this.#move(order, order.status);
    if (!draft) this.#startJourney(order);
    return { status: 200, body: this.wire(order) };
  }

  publishDraft(code: string, customerCode: string): Answer {
    const order = this.#own(this.#find('1', code), customerCode);
    if (order.status !== '0') throw bad('Đơn không ở trạng thái nháp');
    this.#move(order, '1');
    this.#startJourney(order);
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
    this.#stop(order);
    order.plan = [];
    this.#move(order, '9');
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
    const { rows, input } = this.#rows(data, serviceCode);
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

  #startJourney(order: VnpostSandboxOrder): void {
    order.ending = this.endingFor?.(order) ?? this.options.ending;
    order.plan = journeyPlan(order.ending, order.codAmountVnd);
    this.#schedule(order);
  }

  #schedule(order: VnpostSandboxOrder): void {
    this.#stop(order);
    if (this.options.stepMs <= 0 || order.plan.length === 0) return;
    const timer = setTimeout(() => {
      this.#timers.delete(order.itemCode);
      this.step(order);
      this.#schedule(order);
    }, this.options.stepMs);
    timer.unref();
    this.#timers.set(order.itemCode, timer);
  }

  #stop(order: VnpostSandboxOrder): void {
    const timer = this.#timers.get(order.itemCode);
    if (timer) clearTimeout(timer);
    this.#timers.delete(order.itemCode);
  }

  /** One journey step; false when nothing is left. */
  step(order: VnpostSandboxOrder): boolean {
    const next = order.plan.shift();
    if (next === undefined) return false;
    this.#move(order, next);
    return true;
  }

  #move(order: VnpostSandboxOrder, status: string, label?: string): void {
    const atMs = this.now();
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
  async advance(itemCode: string, toStatus?: string): Promise<string> {
    const order = this.orders.get(itemCode);
    if (!order) throw new Error(`VNPost sandbox: no order ${itemCode}`);
    this.#stop(order);
    while (order.plan.length > 0 && order.status !== toStatus) this.step(order);
    if (toStatus !== undefined && order.status !== toStatus) {
      throw new Error(`VNPost sandbox: ${itemCode} cannot reach status ${toStatus} (now ${order.status})`);
    }
    this.#schedule(order);
    await this.webhooks.idle();
    return order.status;
  }

  /** Sends a status the table may not know (to test unknown-code handling). */
  async pushStatus(itemCode: string, status: string, statusName: string): Promise<void> {
    const order = this.orders.get(itemCode);
    if (!order) throw new Error(`VNPost sandbox: no order ${itemCode}`);
    this.#move(order, status, statusName);
    await this.webhooks.idle();
  }

  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.webhooks.close();
  }
}
