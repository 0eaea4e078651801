/**
 * Trial 5, items 1–4, 12, 13 (#18): every public method of both carrier adapters, from the public
 * entries, against their sandboxes, given bad arguments (undefined, null, 5, '', {}, {x:1}, NaN, a
 * single string for a list) one position at a time with the other arguments valid: each call is
 * refused with a typed, bilingual error of the OcopConnectError tree naming the argument, and the
 * sandbox receives no request — never a raw TypeError, a silent `undefined`, or a parcel created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, OcopConnectError, ValidationError } from '../../src/core/errors.js';
import { type ViettelPostAdapter, viettelpost } from '../../src/platforms/viettelpost/index.js';
import { type VnpostAdapter, vnpost } from '../../src/platforms/vnpost/index.js';
import {
  startViettelPostSandbox,
  startVnpostSandbox,
  type ViettelPostSandbox,
  type VnpostSandbox,
} from '../../src/sandbox/index.js';
import { PARCEL, RECEIVER, SENDER_2025 } from './vnpost/helpers.js';

const BAD: readonly unknown[] = [undefined, null, 5, '', {}, { x: 1 }, Number.NaN, [], 'EB000100001VN'];

/** One argument: its name, a valid value, and the bad values that are in fact fine for it. */
interface Arg {
  name: string;
  valid: unknown;
  fine?: readonly unknown[];
  /** Another name the refusal may give (the field inside it that is wrong). */
  also?: string;
}

const waybill: Arg = { name: 'trackingNumber', valid: 'EB000100001VN', fine: ['EB000100001VN'] };
const reference: Arg = { name: 'reference', valid: 'R-1', fine: ['EB000100001VN'] };
const call = (): Arg => ({ name: 'options', valid: {}, fine: [undefined, {}] });
const request: Arg = {
  name: 'request',
  valid: { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'X' },
  fine: [{}, { x: 1 }],
};
const route: Arg = {
  name: 'request',
  valid: { from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL },
  fine: [{}, { x: 1 }],
};
const rawBody: Arg = { name: 'rawBody', valid: '{}', fine: ['', 'EB000100001VN'] };
const headers: Arg = { name: 'headers', valid: {}, fine: [{}, { x: 1 }] };
const waybills: Arg = { name: 'trackingNumbers', valid: ['EB000100001VN'], fine: [] };
const size: Arg = { name: 'size', valid: 'A6', fine: [undefined] };
const reason: Arg = { name: 'reason', valid: 'x', fine: [undefined, '', 'EB000100001VN'] };
const event: Arg = { name: 'event', valid: undefined };
/** `{}` lacks the reference: named as `reference`. */
const createOptions: Arg = { name: 'options', valid: { reference: 'R1' }, also: 'reference' };

const COMMON: Record<string, readonly Arg[]> = {
  resolveAddress: [{ name: 'address', valid: RECEIVER.address, fine: [{}, { x: 1 }] }, call()],
  quote: [route, call()],
  quoteService: [route, { name: 'serviceCode', valid: 'X', fine: ['EB000100001VN'] }, call()],
  createShipment: [request, createOptions],
  editShipment: [waybill, request, call()],
  cancelShipment: [waybill, reason, call()],
  labelUrl: [waybills, size, call()],
  verifyWebhook: [rawBody, headers],
  parseWebhook: [rawBody],
  receiveWebhook: [rawBody, headers],
  applyEvent: [event],
  shipmentRecord: [reference],
  pendingShipments: [],
  refreshCatalogs: [],
  close: [],
};

const VTP_ARGS: Record<string, readonly Arg[]> = {
  ...COMMON,
  updateOrder: [waybill, { name: 'action', valid: 'cancel' }, call()],
  approveShipment: [waybill, call()],
  resendEvents: [waybill, call()],
  registerOrderHook: [waybill, { ...reason, name: 'message' }, call()],
  listWarehouses: [call()],
  registerWarehouse: [
    { name: 'warehouse', valid: { name: 'Kho', phone: '0912345678', address: SENDER_2025.address } },
    call(),
  ],
  lastKnownStatus: [waybill],
};

const VNPOST_ARGS: Record<string, readonly Arg[]> = {
  ...COMMON,
  cancelOrder: [waybill, call()],
  getShipment: [waybill, call()],
  findByReference: [reference, call()],
  statusHistory: [waybill, call()],
  labels: [waybills, call()],
  parseWebhookBatch: [rawBody],
  parseWebhookEvents: [rawBody],
  receiveWebhookEvents: [rawBody, headers],
  pendingCreateSettled: [reference],
  refreshShipments: [{ name: 'options', valid: {}, fine: [undefined, {}] }],
  findShipment: [reference, call()],
  journeyStage: [{ name: 'rawStatus', valid: '5', fine: [5, 'EB000100001VN'] }],
};

const CATALOG_ARGS: Record<string, readonly Arg[]> = {
  districts: [{ name: 'provinceId', valid: 1, fine: [5] }, call()],
  wards: [{ name: 'districtId', valid: 1, fine: [5] }, call()],
  wardsNew: [{ name: 'provinceId', valid: 1, fine: [5] }, call()],
  extraServices: [{ name: 'serviceCode', valid: 'X', fine: ['EB000100001VN'] }, call()],
};

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    await run();
    return 'accepted';
  } catch (error) {
    return error;
  }
}

let vtpBox: ViettelPostSandbox;
let vnBox: VnpostSandbox;
let vtp: ViettelPostAdapter;
let vn: VnpostAdapter;

beforeAll(async () => {
  vtpBox = await startViettelPostSandbox({ stepMs: 0 });
  vnBox = await startVnpostSandbox({ stepMs: 0 });
  vtp = viettelpost({
    baseUrl: vtpBox.url,
    credentials: vtpBox.memberCredentials,
    webhookSecret: 's',
    labelHost: vtpBox.url,
  });
  vn = vnpost({
    baseUrl: vnBox.url,
    credentials: vnBox.credentials,
    webhookPublicKey: vnBox.webhookPublicKey,
  });
});

afterAll(async () => {
  await vtp?.close();
  await vn?.close();
  await vtpBox?.close();
  await vnBox?.close();
});

type Methods = Record<string, (...args: unknown[]) => unknown>;

/** Every method of `target` (own functions), each argument position with each bad value. */
function cases(target: object, table: Record<string, readonly Arg[]>, prefix: string) {
  const all: { label: string; names: string[]; method: string; args: unknown[] }[] = [];
  for (const [method, member] of Object.entries(target)) {
    if (typeof member !== 'function') continue;
    const args = table[method] ?? [call()];
    args.forEach((arg, position) => {
      for (const bad of BAD) {
        if (arg.fine?.some((f) => Object.is(f, bad) || JSON.stringify(f) === JSON.stringify(bad))) continue;
        if (bad === undefined && arg.name === 'options' && arg !== createOptions) continue;
        const given = args.slice(0, position).map((a) => a.valid);
        given.push(bad);
        all.push({
          label: `${prefix}${method}#${arg.name}=${JSON.stringify(bad) ?? 'undefined'}`,
          names: [arg.name, ...(arg.also ? [arg.also] : [])],
          method,
          args: given,
        });
      }
    });
  }
  return all;
}

function expectRefusal(error: unknown, names: readonly string[], label: string): void {
  if (!(error instanceof OcopConnectError)) throw new Error(`${label}: ${String(error)}`);
  expect(error, label).toSatisfy(
    (e: unknown) => e instanceof ValidationError || e instanceof ConfigurationError,
  );
  const e = error as OcopConnectError;
  expect(e.messageVi.length, label).toBeGreaterThan(0);
  expect(e.messageEn.length, label).toBeGreaterThan(0);
  // An unknown option is named itself ("x: …"); everything else by the argument's name.
  const named = (text: string) =>
    names.some((name) => text.includes(`${name}:`) || text.includes(`${name}.`)) || text.includes('x:');
  expect(named(e.messageVi), `${label}: ${e.messageVi}`).toBe(true);
  expect(named(e.messageEn), `${label}: ${e.messageEn}`).toBe(true);
  const original = e.messageVi;
  try {
    (e as { messageVi: string }).messageVi = 'changed';
  } catch {
    // read-only: strict mode throws
  }
  expect(e.messageVi, label).toBe(original);
}

/**
 * Every method of `adapter` and of its `catalogs` (close aside) called with each bad argument: the labels
 * of the calls that were not refused as expectRefusal wants (more than 150 calls at each carrier).
 */
async function unrefused(
  adapter: { catalogs: object },
  table: Record<string, readonly Arg[]>,
  catalogTable: Record<string, readonly Arg[]>,
): Promise<string[]> {
  const failures: string[] = [];
  const all = [...cases(adapter, table, ''), ...cases(adapter.catalogs, catalogTable, 'catalogs.')].filter(
    (c) => c.method !== 'close',
  );
  expect(all.length).toBeGreaterThan(150);
  for (const c of all) {
    const target = (c.label.startsWith('catalogs.') ? adapter.catalogs : adapter) as unknown as Methods;
    const error = await outcome(() => target[c.method]!(...c.args));
    try {
      expectRefusal(error, c.names, c.label);
    } catch (problem) {
      failures.push((problem as Error).message.split('\n')[0]!);
    }
  }
  return failures;
}

describe('carrier adapters refuse bad method arguments before anything is sent', () => {
  it('ViettelPost: every method, every argument', async () => {
    const before = vtpBox.state.requestCount();
    expect(await unrefused(vtp, VTP_ARGS, CATALOG_ARGS)).toEqual([]);
    expect(vtpBox.state.requestCount()).toBe(before);
  });

  it('VNPost: every method, every argument', async () => {
    const before = vnBox.state.requestCount();
    expect(await unrefused(vn, VNPOST_ARGS, {})).toEqual([]);
    expect(vnBox.state.requestCount()).toBe(before);
    expect(vnBox.state.orders()).toEqual([]);
  });
});

async function refusal(run: () => unknown): Promise<OcopConnectError> {
  const error = await outcome(run);
  if (!(error instanceof OcopConnectError)) throw new Error(`expected a library error, got ${String(error)}`);
  return error;
}

describe('carrier refusals say what is wrong, in both languages', () => {
  it('a reference that is not text is named as such (not "must not be empty")', async () => {
    const request = { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'VCN' };
    for (const adapter of [vtp, vn]) {
      const e = await refusal(() => adapter.createShipment(request, { reference: 5 as never }));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.messageVi).toContain('reference: phải là một chuỗi');
      expect(e.messageEn).toContain('reference: must be a string');
      expect(e.messageEn).not.toContain('must not be empty');
    }
  });

  it('an empty label batch: Vietnamese without English inside', async () => {
    for (const adapter of [vtp, vn]) {
      const e = await refusal(() => adapter.labelUrl([], 'A6'));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.messageVi).toContain('trackingNumbers: một lần in nhãn');
      expect(e.messageVi).not.toMatch(/label|needs|got/);
      expect(e.messageEn).toContain('trackingNumbers:');
    }
  });

  it("parse*Webhook(''): the caller's rawBody, a ValidationError, never called a marketplace", async () => {
    const { parseViettelPostWebhook } = await import('../../src/platforms/viettelpost/index.js');
    const { parseVnpostWebhook } = await import('../../src/platforms/vnpost/index.js');
    for (const parse of [parseViettelPostWebhook, parseVnpostWebhook, vtp.parseWebhook, vn.parseWebhook]) {
      for (const body of ['', 'nope', '[]']) {
        const e = await refusal(() => parse(body));
        expect(e).toBeInstanceOf(ValidationError);
        expect(e.messageVi).toContain('rawBody: nội dung không phải một đối tượng JSON');
        expect(e.messageVi).not.toContain('Sàn');
        expect(e.messageEn).toContain('rawBody: body is not a JSON object');
      }
    }
    // A delivery missing a field: the carrier's contract, in Vietnamese too.
    const deep = await refusal(() => parseVnpostWebhook('{"sendDate":"04/12/2026 10:00:00","data":[{}]}'));
    expect(deep.messageVi).toContain('Webhook MyVNPost: thiếu data[0].itemCode');
    expect(deep.messageVi).not.toMatch(/Sàn|is missing/);
    const vtpDeep = await refusal(() => parseViettelPostWebhook('{"DATA":{}}'));
    expect(vtpDeep.messageVi).toContain('Webhook ViettelPost: thiếu DATA.ORDER_NUMBER');
    expect(vtpDeep.messageVi).not.toMatch(/Sàn|is missing/);
  });

  it('classifyViettelPostStatus refuses what is no status code', async () => {
    const { classifyViettelPostStatus } = await import('../../src/platforms/viettelpost/index.js');
    for (const bad of [Number.NaN, {}, '200', 1.5]) {
      const e = await refusal(() => classifyViettelPostStatus(bad as never));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.messageVi).toContain('code: phải là một mã trạng thái ViettelPost');
    }
    expect(classifyViettelPostStatus(-100).unknown).toBe(false);
  });

  it('a refusal by VNPost: its own message after a Vietnamese head, no English in messageVi', async () => {
    const before = vnBox.state.requestCount();
    const e = await refusal(() => vn.labels(['EB999999999VN']));
    expect(vnBox.state.requestCount()).toBeGreaterThan(before);
    expect(e.messageVi).toMatch(/^MyVNPost từ chối exportListReport/);
    expect(e.messageVi).not.toContain('failed');
    expect(e.messageEn).toMatch(/^MyVNPost exportListReport failed/);
  });

  it('viettelpost({ baseUrl }) without labelHost links labels to that origin, not the real print host', async () => {
    const local = viettelpost({
      baseUrl: vtpBox.url,
      credentials: vtpBox.memberCredentials,
      webhookSecret: 's',
    });
    try {
      const shipment = await local.createShipment(
        { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'VCN' },
        { reference: 'LABEL-HOST-1' },
      );
      const url = await local.labelUrl([shipment.trackingNumber!], 'A6');
      expect(url.startsWith(`${vtpBox.url}/DigitalizePrint/report.do?`)).toBe(true);
    } finally {
      await local.close();
    }
  });
});

describe('vtp.updateOrder: a misspelt action or option is told the nearest name', () => {
  it('\'aprove\' / \'APPROVE\' → did you mean "approve"; { noet } → "note"; nothing sent', async () => {
    const before = vtpBox.state.requestCount('updateOrder');
    const typo = (await outcome(() =>
      vtp.updateOrder('EB000100001VN', 'aprove' as never),
    )) as ValidationError;
    expect(typo).toBeInstanceOf(ValidationError);
    expect(typo.messageEn).toBe(
      'action: must be an action: approve, approveReturn, redeliver, cancel, delete (got "aprove") — did you mean "approve"?',
    );
    expect(typo.messageVi).toBe(
      'action: phải là một thao tác: approve, approveReturn, redeliver, cancel, delete (nhận được "aprove") — có phải "approve"?',
    );
    const upper = (await outcome(() =>
      vtp.updateOrder('EB000100001VN', 'APPROVE' as never),
    )) as ValidationError;
    expect(upper.messageEn).toContain('(got "APPROVE") — did you mean "approve"?');
    // Nothing near: the actions are listed, no guess.
    const far = (await outcome(() => vtp.updateOrder('EB000100001VN', 'xyz' as never))) as ValidationError;
    expect(far.messageEn).toBe(
      'action: must be an action: approve, approveReturn, redeliver, cancel, delete (got "xyz")',
    );
    const option = (await outcome(() =>
      vtp.updateOrder('EB000100001VN', 'approve', { noet: 'x' } as never),
    )) as ConfigurationError;
    expect(option).toBeInstanceOf(ConfigurationError);
    expect(option.messageEn).toContain('noet: no such option (did you mean "note"?)');
    expect(vtpBox.state.requestCount('updateOrder')).toBe(before);
  });
});
