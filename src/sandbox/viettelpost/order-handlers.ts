import { createHash, randomBytes } from 'node:crypto';
import { incorrectData, invalidField, MESSAGES, okEnvelope, VtpApiError } from './envelope.js';
import { readBool, readInt, readString } from './fields.js';
import { REDELIVERY_PLAN, RETURN_PLAN } from './journey.js';
import { buildOrderDraft, type OrderDraft } from './order-draft.js';
import type { SandboxOrder } from './order-types.js';
import type { RequestContext } from './request-context.js';

const MAX_PRINT_WAYBILLS = 100;
const SORT_CODE_LETTERS = 'ABCDEFGHIKLMNOPQRSTUVXY';

function sortCode(ctx: RequestContext, draft: OrderDraft, waybill: string): string {
  const { catalog } = ctx.emulator;
  const province =
    catalog.provinceById.get(draft.receiverResolved.provinceId) ?? draft.receiverResolved.newProvince;
  const digest = createHash('sha1').update(waybill).digest();
  const route = [0, 1, 2].map((i) => SORT_CODE_LETTERS[digest[i]! % SORT_CODE_LETTERS.length]).join('');
  return `${province.code}-${draft.receiverResolved.localityName}-${route}`;
}

function orderAnswer(order: SandboxOrder, nlp: boolean, withSortCode: boolean) {
  return {
    ORDER_NUMBER: order.waybill,
    ...order.fees,
    ...(nlp
      ? {
          RECEIVER_PROVINCE: order.receiver.provinceId,
          RECEIVER_DISTRICT: order.receiver.districtId,
          RECEIVER_WARD: order.receiver.wardId,
        }
      : {}),
    ...(withSortCode && order.sortCode ? { SORT_CODE: order.sortCode } : {}),
  };
}

/** The order's fields a draft sets (create and edit alike). */
function orderFields(draft: OrderDraft) {
  const { receiverResolved: _resolved, price: _price, ...fields } = draft;
  return fields;
}

function createWith(ctx: RequestContext, nlp: boolean) {
  const { emulator } = ctx;
  const caller = emulator.authenticate(ctx.token);
  const draft = buildOrderDraft(emulator.catalog, caller.account, ctx.body, nlp, emulator.addressPolicy);
  if (readBool(ctx.body, 'CHECK_UNIQUE') && draft.reference !== '') {
    const taken = [...emulator.orders.values()].some(
      (o) => !o.deleted && o.ownerUserId === caller.account.userId && o.reference === draft.reference,
    );
    if (taken) throw new VtpApiError(emulator.duplicateRefusalMessage);
  }
  const waybill = emulator.newWaybill();
  const nowMs = emulator.now();
  const order: SandboxOrder = {
    ...orderFields(draft),
    waybill,
    ownerUserId: caller.account.userId,
    partnerUserId: caller.token.partnerUserId,
    createdVia: nlp ? 'createOrderNlp' : 'createOrder',
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    sortCode: readBool(ctx.body, 'ENABLE_SORT_CODE') ? sortCode(ctx, draft, waybill) : undefined,
    status: -100,
    history: [],
    ending: emulator.journey.ending,
    firstMile: emulator.firstMileOf(draft.reference),
    plan: [],
    editCount: 0,
    deleted: false,
    request: { ...ctx.body },
  };
  emulator.orders.set(waybill, order);
  const created = emulator.recordStatus(order, -100);
  if (emulator.journey.webhookOnCreate) void emulator.emit(order, [created]);
  if (caller.account.autoApprove) void emulator.approve(order);
  return okEnvelope(orderAnswer(order, nlp, true));
}

export const createOrder = (ctx: RequestContext) => createWith(ctx, false);
export const createOrderNlp = (ctx: RequestContext) => createWith(ctx, true);

const EDITABLE = (status: number) => status < 200 && ![101, 105, 107].includes(status);

/** `/v2/order/edit`: createOrder body whose ORDER_NUMBER is the VTP waybill; only before 200. */
export function editOrder(ctx: RequestContext) {
  const { emulator } = ctx;
  const caller = emulator.authenticate(ctx.token);
  const order = emulator.findOrder(caller, readString(ctx.body, 'ORDER_NUMBER', true) ?? '');
  if (!EDITABLE(order.status)) throw new VtpApiError(MESSAGES.statusNotAllowed);
  const owner = emulator.accounts.byId(order.ownerUserId)!;
  const draft = buildOrderDraft(emulator.catalog, owner, ctx.body, false, emulator.addressPolicy);
  const reference = order.reference;
  Object.assign(order, orderFields(draft));
  order.reference = reference;
  order.editCount += 1;
  order.updatedAtMs = emulator.now();
  order.request = { ...ctx.body };
  if (readBool(ctx.body, 'ENABLE_SORT_CODE')) order.sortCode = sortCode(ctx, draft, order.waybill);
  return okEnvelope(orderAnswer(order, false, true));
}

const UPDATE_MESSAGES: Readonly<Record<number, string>> = {
  1: 'Duyệt đơn hàng thành công',
  2: 'Duyệt hoàn đơn hàng thành công',
  3: 'Phát tiếp đơn hàng thành công',
  4: 'Hủy đơn hàng thành công',
  5: 'Gửi lại đơn hàng thành công',
  11: 'Xóa đơn hàng thành công',
};

function applyUpdate(ctx: RequestContext, order: SandboxOrder, type: number, note: string) {
  const { emulator } = ctx;
  const { status } = order;
  const refuse = (alreadyThere: boolean) =>
    new VtpApiError(alreadyThere ? MESSAGES.statusExists : MESSAGES.statusNotAllowed);
  switch (type) {
    case 1:
      if (status !== -100) throw refuse(status >= 100 && status !== 107 && status !== 101);
      void emulator.approve(order);
      return;
    case 2:
      if (status !== 505) throw refuse([502, 504, 515].includes(status));
      emulator.setPlan(order, [...RETURN_PLAN]);
      return;
    case 3:
      if (status !== 505) throw refuse(status === 550);
      emulator.setPlan(order, [...REDELIVERY_PLAN]);
      return;
    case 4:
      if (status === 107) throw refuse(true);
      if (!EDITABLE(status)) throw refuse(false);
      emulator.stop(order);
      void emulator.emit(order, [emulator.recordStatus(order, 107, note || 'Đối tác hủy đơn qua API')]);
      return;
    case 5: {
      if (status !== 107) throw refuse(status === -100);
      const event = emulator.recordStatus(order, -100, note || 'Gửi lại đơn hàng');
      void emulator.emit(order, [event]);
      if (emulator.accounts.byId(order.ownerUserId)?.autoApprove) void emulator.approve(order);
      return;
    }
    case 11:
      if (status !== 107) throw refuse(false);
      emulator.stop(order);
      order.deleted = true;
      return;
    default:
      throw incorrectData('TYPE');
  }
}

export function updateOrder(ctx: RequestContext) {
  const { emulator } = ctx;
  const caller = emulator.authenticate(ctx.token);
  const type = readInt(ctx.body, 'TYPE');
  if (type === undefined || UPDATE_MESSAGES[type] === undefined) throw incorrectData('TYPE');
  const note = readString(ctx.body, 'NOTE') ?? '';
  const order = emulator.findOrder(caller, readString(ctx.body, 'ORDER_NUMBER') ?? '');
  applyUpdate(ctx, order, type, note);
  return { status: 200, error: false, message: UPDATE_MESSAGES[type]!, data: null };
}

/** The print code travels in `message`; `data` stays null. */
export function printingCode(ctx: RequestContext) {
  const { emulator } = ctx;
  const caller = emulator.authenticate(ctx.token);
  const list = ctx.body.ORDER_ARRAY;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_PRINT_WAYBILLS) {
    throw incorrectData('ORDER_ARRAY');
  }
  const waybills = list.map((w) => emulator.findOrder(caller, String(w)).waybill);
  const expiresAtMs = readInt(ctx.body, 'EXPIRY_TIME');
  if (expiresAtMs === undefined || expiresAtMs <= emulator.now()) throw incorrectData('EXPIRY_TIME');
  // Looks like VTP's codes: standard base64 ending in '='. It always holds a '+', so a caller that
  // forgets to URL-encode it (the '+' becomes a space) gets a broken label link, as in production.
  let code = randomBytes(41).toString('base64');
  while (!code.includes('+')) code = randomBytes(41).toString('base64');
  emulator.printCodes.set(code, { waybills, expiresAtMs });
  return { status: 200, error: false, message: code, data: null };
}

/** `GET /v2/order/registerOrderHook?oid=<waybill>&mes=<text>`: re-sends the whole journey. */
export function registerOrderHook(ctx: RequestContext) {
  const { emulator } = ctx;
  const caller = emulator.authenticate(ctx.token);
  const waybill = ctx.query('oid') ?? readString(ctx.body, 'OID') ?? '';
  const order = emulator.findOrder(caller, waybill);
  const events = order.history.map((h) => ({ waybill: order.waybill, status: h.status, data: h.data }));
  void emulator.dispatcher.enqueue(emulator.webhookTarget(order), events, false, true);
  return okEnvelope(null, 'Success');
}

export function listInventory(ctx: RequestContext) {
  const caller = ctx.emulator.authenticate(ctx.token);
  return okEnvelope(caller.account.inventories);
}

export function registerInventory(ctx: RequestContext) {
  const { emulator } = ctx;
  const caller = emulator.authenticate(ctx.token);
  const phone = readString(ctx.body, 'PHONE', true)!;
  const name = readString(ctx.body, 'NAME', true)!;
  const address = readString(ctx.body, 'ADDRESS', true)!;
  const wardId = readInt(ctx.body, 'WARDS_ID', () => invalidField('WARDS_ID'));
  const added =
    wardId === undefined
      ? undefined
      : emulator.accounts.addInventory(emulator.catalog, caller.account, { name, phone, address, wardId });
  if (!added) throw invalidField('WARDS_ID');
  return okEnvelope(caller.account.inventories);
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Stand-in for digitalize.viettelpost.vn/DigitalizePrint/report.do, served by the sandbox itself. */
export function printLabel(ctx: RequestContext) {
  const { emulator } = ctx;
  const code = ctx.query('bill') ?? '';
  const entry = emulator.printCodes.get(code);
  if (!entry || entry.expiresAtMs <= emulator.now()) {
    return { httpStatus: 404, html: '<!doctype html><p>Mã in không hợp lệ hoặc đã hết hạn</p>' };
  }
  const labels = entry.waybills.map((w) => {
    const order = emulator.orders.get(w)!;
    return `<section class="label"><h1>${escapeHtml(w)}</h1><p>${escapeHtml(order.receiver.fullName)} – ${escapeHtml(
      order.receiver.address,
    )}</p><p>${escapeHtml(order.sortCode ?? '')}</p></section>`;
  });
  const size = ctx.query('type') ?? '1';
  return {
    httpStatus: 200,
    html: `<!doctype html><meta charset="utf-8"><body data-type="${escapeHtml(size)}">${labels.join('')}</body>`,
  };
}
