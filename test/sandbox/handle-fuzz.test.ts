/**
 * Trial 5 items 19 and 21: every method of every sandbox handle (Voso, Postmart, Shopee, ViettelPost,
 * VNPost, with their buyers/state/review/orders/webhooks/tokens), found by walking the handle — so a
 * method added later is fuzzed too — called with bad arguments, answers with the sandbox layer's root
 * error (kind validation, or not_found for an id it does not hold) in Vietnamese and English, never a
 * raw TypeError and never a quiet acceptance that lets a test pass without its fault (`setFaults({x:1})`,
 * `setJourney({x:1})`, `review.decide(5)`, `webhooks.setUrl('a')`). Nothing is placed or changed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcopConnectError as RootError, stableReference, ValidationError } from '../../src/index.js';
import {
  ocopSeedsHandMadeListings,
  raceForLastUnit,
  shopeePushSignature,
  shopeeSignature,
  signPostmartWebhook,
  signVosoWebhook,
  startPostmartSandbox,
  startShopeeSandbox,
  startViettelPostSandbox,
  startVnpostSandbox,
  startVosoSandbox,
} from '../../src/sandbox/index.js';

const BAD: ReadonlyArray<readonly [string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['5', 5],
  ["''", ''],
  ['{}', {}],
  ['{x:1}', { x: 1 }],
  ['NaN', Number.NaN],
];

/** Methods that take no argument (an extra one is ignored, as in any JS function). */
const NO_ARGUMENT = new Set([
  'state.listings',
  'state.images',
  'state.orders',
  'state.tokenCount',
  'state.requests',
  'state.requestCounts',
  'state.webhookDeliveries',
  'state.loginCount',
  'state.ownerConnectCount',
  'state.accounts',
  'state.issuedTokens',
  'buyers.stop',
  'review.pending',
  'webhooks.url',
  'webhooks.deliveries',
  'webhooks.idle',
  'tokens.current',
  'tokens.expireAccessToken',
  'resetStats',
  'expireTokens',
  'webhooksIdle',
  'commitLateNow',
]);

/** The bad values that are good for a method: its optional argument left out, an empty set of changes … */
const GOOD_FOR: Readonly<Record<string, readonly string[]>> = {
  'webhooks.setUrl': ['undefined'], // no URL: events are held
  setWebhook: ['undefined'],
  'state.requestCount': ['undefined'], // every request
  approveCases: ['undefined'], // the default decision
  setFaults: ['{}'], // no change
  setWebhookChaos: ['{}'],
  setJourney: ['{}'],
  setRateLimit: ['5'], // 5 requests a second
  'state.ordersByReference': ["''"], // orders sent without a reference
};

type Box = { close(): Promise<void> } & Record<string, unknown>;

/** Every method of the handle and of its sub-objects (`buyers.placeOrder` …), but `close`. */
function methodsOf(
  owner: Record<string, unknown>,
  prefix = '',
): Array<{ path: string; call: (arg: unknown) => unknown }> {
  return Object.keys(owner).flatMap((key) => {
    const value = owner[key];
    const path = `${prefix}${key}`;
    if (typeof value === 'function')
      return path === 'close' ? [] : [{ path, call: (arg: unknown) => value.call(owner, arg) }];
    const isMethodHolder =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.values(value).some((v) => typeof v === 'function');
    return isMethodHolder && prefix === '' ? methodsOf(value as Record<string, unknown>, `${path}.`) : [];
  });
}

async function outcome(call: () => unknown): Promise<{ error?: unknown; accepted?: true }> {
  try {
    const answer = call();
    if (answer instanceof Promise) await answer;
    return { accepted: true };
  } catch (error) {
    return { error };
  }
}

const STARTS = {
  voso: () => startVosoSandbox(),
  postmart: () => startPostmartSandbox(),
  shopee: () => startShopeeSandbox(),
  viettelpost: () => startViettelPostSandbox({ stepMs: 0 }),
  vnpost: () => startVnpostSandbox({ stepMs: 0 }),
} as const;

describe('sandbox handles: every method, fuzzed with bad arguments', () => {
  const boxes: Partial<Record<keyof typeof STARTS, Box>> = {};
  beforeAll(async () => {
    for (const [name, start] of Object.entries(STARTS)) {
      boxes[name as keyof typeof STARTS] = (await start()) as unknown as Box;
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(boxes).map((box) => box?.close()));
  });

  it.each(Object.keys(STARTS))('%s: a bilingual refusal of the tree, or a good call', async (name) => {
    const box = boxes[name as keyof typeof STARTS] as Box;
    const state = box.state as { orders(): unknown[]; listings?: () => unknown[] };
    const listingsBefore = state.listings?.();
    const methods = methodsOf(box);
    expect(methods.length).toBeGreaterThan(10);
    const raw: string[] = [];
    const accepted: string[] = [];
    for (const { path, call } of methods) {
      for (const [label, value] of BAD) {
        const { error } = await outcome(() => call(value));
        const shown = `${path}(${label})`;
        if (error === undefined) {
          if (!NO_ARGUMENT.has(path) && !GOOD_FOR[path]?.includes(label)) accepted.push(shown);
          continue;
        }
        if (!(error instanceof RootError)) {
          raw.push(`${shown}: ${String(error)}`);
          continue;
        }
        expect(['validation', 'not_found'], shown).toContain(error.kind);
        // Names the method, and in Vietnamese the Vietnamese words (not the English sentence).
        expect(error.messageVi, shown).toContain(`${path}: `);
        expect(error.messageEn, shown).toContain(`${path}: `);
        expect(error.messageVi, shown).not.toContain('must be');
        expect(error.messageVi, shown).toMatch(/phải là|không có|bắt buộc/);
        expect(error.messageEn, shown).toMatch(/must be|no such|no \w+ |is required/);
      }
    }
    expect(raw, 'raw errors').toEqual([]);
    expect(accepted, 'bad arguments accepted').toEqual([]);
    // Nothing was placed, listed or changed by the refused calls.
    expect(state.orders()).toEqual([]);
    if (listingsBefore) expect(state.listings?.()).toEqual(listingsBefore);
  });
});

async function refusal(call: () => unknown): Promise<RootError> {
  const { error, accepted } = await outcome(call);
  expect(accepted, 'the call was accepted').toBeUndefined();
  expect(error).toBeInstanceOf(RootError);
  return error as RootError;
}

describe('the trial’s typos are refused with the field named and the nearest one', () => {
  it('setFaults({ x: 1 }) and a misspelt operation on every sandbox', async () => {
    for (const [name, start] of Object.entries(STARTS)) {
      const box = (await start()) as unknown as {
        setFaults(f: unknown): void;
        close(): Promise<void>;
      };
      try {
        const unknown = await refusal(() => box.setFaults({ x: 1 }));
        expect(unknown.kind, name).toBe('validation');
        expect(unknown.messageVi, name).toContain('faults.x: không có trường này');
        expect(unknown.messageEn, name).toContain('faults.x: no such field');
        const typo = await refusal(() => box.setFaults({ failnext: { getOrder: 1 } }));
        expect(typo.messageVi, name).toContain('faults.failnext: không có trường này (có phải "failNext"?)');
        expect(typo.messageEn, name).toContain('faults.failnext: no such field (did you mean "failNext"?)');
        const op = name === 'viettelpost' ? 'createOrder' : 'getOrder';
        const operation = await refusal(() => box.setFaults({ failNext: { [op.slice(0, -1)]: 1 } }));
        expect(operation.messageEn, name).toContain(
          `faults.failNext.${op.slice(0, -1)}: no such field (did you mean "${op}"?)`,
        );
        const count = await refusal(() => box.setFaults({ failNext: { [op]: 'one' } }));
        expect(count.messageVi, name).toContain(`faults.failNext.${op}: phải là một số nguyên không âm`);
        expect(() => box.setFaults({ failNext: { [op]: 0 } }), name).not.toThrow();
      } finally {
        await box.close();
      }
    }
  });

  it('Shopee refuses the faults only Voso and Postmart have, naming the fields it has', async () => {
    const shopee = await startShopeeSandbox();
    try {
      const error = await refusal(() => shopee.setFaults({ latencyMs: 5 } as never));
      expect(error.messageEn).toContain(
        'faults.latencyMs: no such field (fields: failNext, dropAfterCommit)',
      );
      expect(error.messageVi).toContain(
        'faults.latencyMs: không có trường này (các trường: failNext, dropAfterCommit)',
      );
    } finally {
      await shopee.close();
    }
  });

  it('vtp.setJourney({ x: 1 }), setWebhookChaos, addAccount; vnp.setWebhookSigningKey({})', async () => {
    const vtp = await startViettelPostSandbox({ stepMs: 0 });
    const vnp = await startVnpostSandbox({ stepMs: 0 });
    try {
      const journey = await refusal(() => vtp.setJourney({ x: 1 } as never));
      expect(journey.messageVi).toContain('setJourney: journey.x: không có trường này');
      expect(journey.messageEn).toContain('setJourney: journey.x: no such field');
      const step = await refusal(() => vtp.setJourney({ stepms: 0 } as never));
      expect(step.messageEn).toContain('journey.stepms: no such field (did you mean "stepMs"?)');
      // A misspelt choice is told the nearest one, as a misspelt name is.
      const kind = await refusal(() => vtp.setFaults({ errorKind: 'http50' } as never));
      expect(kind.messageEn).toContain(
        "setFaults: faults.errorKind: must be one of 'http500', 'systemError' (got 'http50') — did you mean 'http500'?",
      );
      expect(kind.messageVi).toContain(
        "faults.errorKind: phải là một trong 'http500', 'systemError' (nhận được 'http50') — có phải 'http500'?",
      );
      const probability = await refusal(() => vtp.setWebhookChaos({ duplicateProbabilty: 0.5 } as never));
      expect(probability.messageEn).toContain(
        'setWebhookChaos: chaos.duplicateProbabilty: no such field (did you mean "duplicateProbability"?)',
      );
      const chaos = await refusal(() => vtp.setWebhookChaos({ duplicateStatus: [501] } as never));
      expect(chaos.messageEn).toContain(
        'chaos.duplicateStatus: no such field (did you mean "duplicateStatuses"?)',
      );
      const account = await refusal(() =>
        vtp.addAccount({ username: 'a@b.vn', password: 'x', partnr: 'p' } as never),
      );
      expect(account.messageEn).toContain('spec.partnr: no such field (did you mean "partner"?)');
      expect(vtp.state.accounts().some((a) => a.username === 'a@b.vn')).toBe(false);
      const key = await refusal(() => vnp.setWebhookSigningKey({} as never));
      expect(key.messageVi).toContain('privateKey: phải là một khóa riêng');
      const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      await refusal(() => vnp.setWebhookSigningKey(publicKey));
      const vnFaults = await refusal(() => vnp.setFaults({ failNext: { createOrdr: 1 } } as never));
      expect(vnFaults.messageEn).toContain(
        'faults.failNext.createOrdr: no such field (did you mean "createOrder"?)',
      );
    } finally {
      await vtp.close();
      await vnp.close();
    }
  });

  it("review.decide(5) is not_found; webhooks.setUrl('a') names the url; the URL stays", async () => {
    const voso = await startVosoSandbox({ webhook: { url: 'http://127.0.0.1:9/hook' } });
    try {
      const decide = await refusal(() => voso.review.decide(5));
      expect(decide.kind).toBe('not_found');
      expect(decide.messageVi).toContain('review.decide: không có tin đăng 5');
      expect(decide.messageEn).toContain('review.decide: no listing 5');
      const url = await refusal(() => voso.webhooks.setUrl('a'));
      expect(url.kind).toBe('validation');
      expect(url.messageVi).toContain('webhooks.setUrl: url: phải là một URL http(s) đầy đủ');
      expect(url.messageEn).toContain('webhooks.setUrl: url: must be a full http(s) URL');
      expect(voso.webhooks.url()).toBe('http://127.0.0.1:9/hook');
      const reasons = await refusal(() => voso.review.decide('NOPE', 'REJECTED', [{ cod: 'X' }] as never));
      expect(reasons.messageEn).toContain('reasons[0].cod: no such field (did you mean "code"?)');
      const order = await refusal(() => voso.buyers.placeOrder({ sku: 'X', quantiy: 2 } as never));
      expect(order.messageEn).toContain('input.quantiy: no such field (did you mean "quantity"?)');
      expect(voso.state.orders()).toEqual([]);
    } finally {
      await voso.close();
    }
  });

  it('the start functions refuse the same typos in their options (kind configuration), starting nothing', async () => {
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => startVosoSandbox({ faults: { x: 1 } } as never), 'faults.x: no such field'],
      [
        () => startShopeeSandbox({ faults: { failNext: { getOrdr: 1 } } } as never),
        'faults.failNext.getOrdr',
      ],
      [() => startViettelPostSandbox({ webhookChaos: { jitter: 5 } } as never), 'webhookChaos.jitter'],
      [() => startVnpostSandbox({ webhookUrl: 'a' }), 'webhookUrl: must be a full http(s) URL'],
      [() => startPostmartSandbox({ review: { mode: 'manul' } } as never), 'review.mode: must be one of'],
    ];
    for (const [start, en] of cases) {
      const error = await refusal(start);
      expect(error.kind).toBe('configuration');
      expect(error.messageEn).toContain(en);
      expect(error.messageVi).toContain('tùy chọn không hợp lệ');
    }
  });
});

describe('the sandbox functions refuse bad arguments (item 21)', () => {
  it.each(BAD)('ocopSeedsHandMadeListings(%s)', async (_label, value) => {
    const error = await refusal(() => ocopSeedsHandMadeListings(value as never));
    expect(error.kind).toBe('validation');
    expect(error.messageVi).toContain("platform: phải là một trong 'voso', 'postmart'");
    expect(error.messageEn).toContain("platform: must be one of 'voso', 'postmart'");
  });

  it('ocopSeedsHandMadeListings still answers for voso and postmart', () => {
    expect(ocopSeedsHandMadeListings('voso')).toHaveLength(22);
    expect(ocopSeedsHandMadeListings('postmart')).toHaveLength(22);
  });

  it.each([
    ['[]', []],
    ['[{}]', [{}]],
    ['[NaN]', [Number.NaN]],
    ['null', null],
  ])('stableReference(%s) is a ValidationError naming parts', async (_label, parts) => {
    const error = await refusal(() => stableReference(parts as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.messageVi).toContain('parts: phải là một mảng không rỗng các chuỗi hoặc số');
    expect(error.messageEn).toContain('parts: must be a non-empty array of strings or numbers');
  });

  it('stableReference refuses unknown or wrong options', async () => {
    const typo = await refusal(() => stableReference(['a'], { lenght: 4 } as never));
    expect(typo.kind).toBe('configuration');
    expect(typo.messageEn).toContain('lenght: no such option (did you mean "length"?)');
    const length = await refusal(() => stableReference(['a'], { length: 0 }));
    expect(length.messageVi).toContain('length: phải là một số nguyên từ 1 đến 51');
    expect(stableReference(['a', 1], { prefix: 'OC', length: 8 })).toMatch(/^OC[0-9A-Z]{8}$/);
  });

  it.each([
    ['signVosoWebhook', (v: unknown) => signVosoWebhook(v as never, '1', '{}')],
    ['signPostmartWebhook', (v: unknown) => signPostmartWebhook(v as never, '{}')],
    ['shopeeSignature', (v: unknown) => shopeeSignature(v as never, '1', '/p', '1')],
    ['shopeePushSignature', (v: unknown) => shopeePushSignature(v as never, 'http://x', '{}')],
    ['raceForLastUnit', (v: unknown) => raceForLastUnit(v as never)],
  ])('%s: every bad first argument is a validation refusal', async (_name, call) => {
    for (const [label, value] of BAD) {
      const error = await refusal(() => call(value));
      expect(error.kind, label).toBe('validation');
      expect(error.messageEn, label).toMatch(/: must be /);
      expect(error.messageVi, label).toMatch(/: phải là /);
    }
  });
});
