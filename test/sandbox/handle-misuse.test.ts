/**
 * Trial 2 defect 7: every sandbox handle (Voso, Postmart, Shopee, ViettelPost, VNPost) refuses a wrong
 * argument (kind validation), an id it does not hold (not_found) and use after close (closed) with an
 * error of the library's tree, in Vietnamese and English — not a plain English `Error`, a quiet
 * `{ ok: false }` or an answer from a closed sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcopConnectError } from '../../src/model/error-root.js';
import {
  type MarketplaceSandbox,
  type ShopeeSandbox,
  startPostmartSandbox,
  startShopeeSandbox,
  startViettelPostSandbox,
  startVnpostSandbox,
  startVosoSandbox,
  type ViettelPostSandbox,
  type VnpostSandbox,
} from '../../src/sandbox/index.js';

interface Boxes {
  voso: MarketplaceSandbox;
  postmart: MarketplaceSandbox;
  shopee: ShopeeSandbox;
  vtp: ViettelPostSandbox;
  vnp: VnpostSandbox;
}

async function startAll(): Promise<Boxes> {
  const [voso, postmart, shopee, vtp, vnp] = await Promise.all([
    startVosoSandbox(),
    startPostmartSandbox(),
    startShopeeSandbox(),
    startViettelPostSandbox({ stepMs: 0 }),
    startVnpostSandbox({ stepMs: 0 }),
  ]);
  return { voso, postmart, shopee, vtp, vnp };
}

/** What a call gave: the error it threw (synchronously or as a rejection), or its answer. */
async function outcome(call: () => unknown): Promise<{ error?: unknown; answer?: unknown }> {
  try {
    return { answer: await call() };
  } catch (error) {
    return { error };
  }
}

async function expectRefused(call: () => unknown, kind: string, vi: string, en: string): Promise<void> {
  const { error, answer } = await outcome(call);
  expect(answer, 'the call answered instead of refusing').toBeUndefined();
  expect(error).toBeInstanceOf(OcopConnectError);
  const refused = error as OcopConnectError;
  expect(refused.kind).toBe(kind);
  expect(refused.messageVi).toContain(vi);
  expect(refused.messageEn).toContain(en);
}

type Case = readonly [label: string, call: (b: Boxes) => unknown, kind: string, vi: string, en: string];

const MARKETPLACES = ['voso', 'postmart', 'shopee'] as const;
const NAMES = { voso: 'Voso', postmart: 'Postmart', shopee: 'Shopee' } as const;

const CASES: Case[] = [
  // The trial's own calls.
  ['vtp.advance(NOPE)', (b) => b.vtp.advance('NOPE'), 'not_found', 'không có đơn NOPE', 'no order NOPE'],
  ['vnp.advance(NOPE)', (b) => b.vnp.advance('NOPE'), 'not_found', 'không có đơn NOPE', 'no order NOPE'],
  [
    'vtp.setOrderEnding(NOPE)',
    (b) => b.vtp.setOrderEnding('NOPE', 'delivered'),
    'not_found',
    'setOrderEnding: không có đơn NOPE',
    'setOrderEnding: no order NOPE',
  ],
  ...MARKETPLACES.flatMap((m): Case[] => [
    [
      `${m}.buyers.placeOrder(5)`,
      (b) => b[m].buyers.placeOrder(5 as never),
      'validation',
      `Sandbox ${NAMES[m]}: buyers.placeOrder: input: phải là một đối tượng { sku`,
      `${NAMES[m]} sandbox: buyers.placeOrder: input: must be an object { sku`,
    ],
    [
      `${m}.setFaults(5)`,
      (b) => b[m].setFaults(5 as never),
      'validation',
      `Sandbox ${NAMES[m]}: setFaults: faults: phải là một đối tượng {`,
      `${NAMES[m]} sandbox: setFaults: faults: must be an object {`,
    ],
    [
      `${m}.orders.advance(NOPE)`,
      (b) => b[m].orders.advance('NOPE', 'SHIPPED'),
      'not_found',
      'orders.advance: không có đơn NOPE',
      'orders.advance: no order NOPE',
    ],
    [
      `${m}.orders.advance(.., 'SHIPED')`,
      (b) => b[m].orders.advance('X', 'SHIPED' as never),
      'validation',
      'status: phải là một trong',
      'status: must be one of',
    ],
    [
      `${m}.state.setStock(NOPE)`,
      (b) => b[m].state.setStock('NOPE', 1),
      'not_found',
      'không có SKU NOPE',
      'no SKU NOPE',
    ],
    [
      `${m}.buyers.start({})`,
      (b) => b[m].buyers.start({} as never),
      'validation',
      'options.everyMs: bắt buộc nhưng chưa có (một số lớn hơn 0)',
      'options.everyMs: is required but missing (a number greater than 0)',
    ],
    [
      `${m}.setRateLimit('x')`,
      (b) => b[m].setRateLimit('x' as never),
      'validation',
      'rps: phải là một số lớn hơn 0, hoặc false',
      'rps: must be a number greater than 0, or false',
    ],
  ]),
  [
    'vtp.setFaults(5)',
    (b) => b.vtp.setFaults(5 as never),
    'validation',
    'faults: phải là',
    'faults: must be',
  ],
  [
    'vnp.setFaults(5)',
    (b) => b.vnp.setFaults(5 as never),
    'validation',
    'faults: phải là',
    'faults: must be',
  ],
  [
    'vtp.advance(5)',
    (b) => b.vtp.advance(5 as never),
    'validation',
    'advance: waybill: phải là một chuỗi không rỗng (nhận được number)',
    'advance: waybill: must be a non-empty string (got number)',
  ],
  [
    'vtp.setOrderEnding(.., lost)',
    (b) => b.vtp.setOrderEnding('X', 'lost' as never),
    'validation',
    "ending: phải là một trong 'delivered'",
    "ending: must be one of 'delivered'",
  ],
  [
    'vnp.pushStatus(NOPE)',
    (b) => b.vnp.pushStatus('NOPE', '5', 'x'),
    'not_found',
    'pushStatus: không có đơn NOPE',
    'pushStatus: no order NOPE',
  ],
  [
    'vnp.setCancelMode(later)',
    (b) => b.vnp.setCancelMode('later' as never),
    'validation',
    "mode: phải là một trong 'immediate', 'approval'",
    "mode: must be one of 'immediate', 'approval'",
  ],
  [
    'vtp.addAccount(existing)',
    (b) => b.vtp.addAccount({ ...b.vtp.credentials }),
    'conflict',
    'đã có',
    'already exists',
  ],
];

describe('sandbox handles refuse misuse with a bilingual error of the tree', () => {
  let boxes: Boxes;
  beforeAll(async () => {
    boxes = await startAll();
  });
  afterAll(async () => {
    await Promise.all(Object.values(boxes).map((box) => box.close()));
  });

  it.each(CASES)('%s', async (_label, call, kind, vi, en) => {
    await expectRefused(() => call(boxes), kind, vi, en);
  });

  it('still answers a well-formed call (a buyer order, a stock change)', async () => {
    expect(boxes.voso.buyers.placeOrder({ sku: 'NOPE' })).toMatchObject({
      ok: false,
      reason: 'SKU_NOT_FOUND',
    });
    expect(boxes.vnp.state.order('NOPE')).toBeUndefined();
  });
});

/** After close: one call per driving method of each handle, each refused with kind `closed`. */
const AFTER_CLOSE: ReadonlyArray<readonly [string, (b: Boxes) => unknown]> = [
  ...MARKETPLACES.flatMap(
    (m): Array<readonly [string, (b: Boxes) => unknown]> => [
      [`${m}.buyers.placeOrder`, (b) => b[m].buyers.placeOrder({ sku: 'X' })],
      [`${m}.buyers.cancel`, (b) => b[m].buyers.cancel('X')],
      [`${m}.buyers.pay`, (b) => b[m].buyers.pay('X')],
      [`${m}.buyers.start`, (b) => b[m].buyers.start({ everyMs: 1000 })],
      [`${m}.review.decide`, (b) => b[m].review.decide('X')],
      [`${m}.orders.advance`, (b) => b[m].orders.advance('X', 'SHIPPED')],
      [`${m}.webhooks.setUrl`, (b) => b[m].webhooks.setUrl(undefined)],
      [`${m}.state.setStock`, (b) => b[m].state.setStock('X', 1)],
      [`${m}.setFaults`, (b) => b[m].setFaults({})],
      [`${m}.setRateLimit`, (b) => b[m].setRateLimit(false)],
      [`${m}.resetStats`, (b) => b[m].resetStats()],
    ],
  ),
  ['shopee.tokens.expireAccessToken', (b) => b.shopee.tokens.expireAccessToken()],
  ['vtp.advance', (b) => b.vtp.advance('X')],
  ['vtp.setOrderEnding', (b) => b.vtp.setOrderEnding('X', 'delivered')],
  ['vtp.setFaults', (b) => b.vtp.setFaults({})],
  ['vtp.setWebhook', (b) => b.vtp.setWebhook(undefined)],
  ['vtp.setJourney', (b) => b.vtp.setJourney({})],
  ['vtp.addAccount', (b) => b.vtp.addAccount({ username: 'a@b.vn', password: 'x' })],
  ['vtp.expireTokens', (b) => b.vtp.expireTokens()],
  ['vnp.advance', (b) => b.vnp.advance('X')],
  ['vnp.pushStatus', (b) => b.vnp.pushStatus('X', '5', 'x')],
  ['vnp.setFaults', (b) => b.vnp.setFaults({})],
  ['vnp.setCancelMode', (b) => b.vnp.setCancelMode('approval')],
  ['vnp.approveCases', (b) => b.vnp.approveCases()],
  ['vnp.addAccount', (b) => b.vnp.addAccount({ username: 'u', password: 'p', customerCode: 'C1' })],
  ['vnp.expireTokens', (b) => b.vnp.expireTokens()],
  ['vnp.commitLateNow', (b) => b.vnp.commitLateNow()],
];

describe('sandbox handles refuse use after close', () => {
  let boxes: Boxes;
  beforeAll(async () => {
    boxes = await startAll();
    await Promise.all(Object.values(boxes).map((box) => box.close()));
  });

  it.each(AFTER_CLOSE)('%s', async (_label, call) => {
    await expectRefused(() => call(boxes), 'closed', 'sandbox đã đóng', 'the sandbox is closed');
  });

  it('closing twice is allowed, and what happened can still be read', async () => {
    await expect(boxes.vtp.close()).resolves.toBeUndefined();
    expect(boxes.voso.state.orders()).toEqual([]);
    expect(boxes.vnp.state.orders()).toEqual([]);
    expect(boxes.shopee.stats.totalRequests).toBe(0);
  });
});
