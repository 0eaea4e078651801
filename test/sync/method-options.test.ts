/**
 * Trial 1 (#18) defects 1 and 2: the connector's methods and the root functions check their options
 * with the same tables as createConnector — an unknown name is refused with the nearest known one
 * (`dryrun` → "dryRun"), a wrong type is named with what it must be, `signal: 5` is a bad option (not an
 * InternalError) — all in one bilingual ConfigurationError, and nothing is sent.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, type Connector, createMemoryStore } from '../../src/index.js';
import { publish } from '../../src/sync/publish/publish.js';
import { failure } from '../core/helpers/failure.js';
import { sandboxTraffic as trafficOf, useSandboxConnector } from '../support/connector.js';
import { makeJpeg, makeProduct, type Platforms } from './helpers.js';

let platforms: Platforms;
let connector: Connector;
useSandboxConnector((made) => {
  ({ platforms, connector } = made);
});

const sandboxTraffic = () => trafficOf(platforms);

async function refusal(run: () => unknown): Promise<ConfigurationError> {
  const error = await failure(run);
  expect(error).toBeInstanceOf(ConfigurationError);
  const refused = error as ConfigurationError;
  expect(refused.kind).toBe('configuration');
  // Every problem in both languages, and the message too.
  for (const problem of refused.problems) expect(problem).toMatch(/^.+ \/ .+$/);
  expect(refused.messageVi).toContain('tùy chọn không hợp lệ');
  expect(refused.messageEn).toContain('invalid options');
  return refused;
}

describe('connector.publish options (trial 1 defects 1, 2)', () => {
  it('{ dryrun: true } is refused with "dryRun", and the sandboxes hold nothing new', async () => {
    const catalog = [makeProduct(1, [await makeJpeg(1)])];
    const error = await refusal(() => connector.publish(catalog, { dryrun: true } as never));
    expect(error.problems).toEqual([
      'dryrun: không có tùy chọn này (có phải "dryRun"?) / dryrun: no such option (did you mean "dryRun"?)',
    ]);
    expect(error.messageEn).toContain('publish: invalid options');
    expect(sandboxTraffic()).toEqual({ requests: 0, listings: 0 });
  });

  it('a number as options is refused; nothing is sent', async () => {
    const catalog = [makeProduct(1, [await makeJpeg(1)])];
    const error = await refusal(() => connector.publish(catalog, 5 as never));
    expect(error.problems).toEqual([
      'options: phải là một đối tượng (hoặc bỏ trống) (nhận được number) / options: must be an object (or left out) (got number)',
    ]);
    expect(sandboxTraffic()).toEqual({ requests: 0, listings: 0 });
  });

  it('wrong types and unknown names come back together, each named', async () => {
    const error = await refusal(() =>
      connector.publish([], { dryRun: 'yes', concurrency: 'x', onProgress: 5, checkimages: true } as never),
    );
    expect(error.problems).toEqual([
      'checkimages: không có tùy chọn này (có phải "checkImages"?) / checkimages: no such option (did you mean "checkImages"?)',
      'dryRun: phải là true hoặc false (hoặc bỏ trống) (nhận được string) / dryRun: must be true or false (or left out) (got string)',
      'onProgress: phải là một hàm (hoặc bỏ trống) (nhận được number) / onProgress: must be a function (or left out) (got number)',
      'concurrency: phải là một số nguyên ≥ 1, hoặc { nền tảng: số nguyên ≥ 1 } (hoặc bỏ trống) (nhận được string) / concurrency: must be an integer ≥ 1, or { platform: integer ≥ 1 } (or left out) (got string)',
    ]);
    expect(sandboxTraffic()).toEqual({ requests: 0, listings: 0 });
  });

  it('signal: 5 is a configuration error naming signal, not an InternalError', async () => {
    const error = await refusal(() => connector.publish([], { dryRun: true, signal: 5 } as never));
    expect(error.problems).toEqual([
      'signal: phải là một AbortSignal (hoặc bỏ trống) (nhận được number) / signal: must be an AbortSignal (or left out) (got number)',
    ]);
  });

  it('options the connector gives itself (store, logger) are refused as unknown; a bad to is named', async () => {
    const error = await refusal(() =>
      connector.publish([], { store: createMemoryStore(), to: 'voso' } as never),
    );
    expect(error.problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['store', 'to']);
  });

  it('good options still publish: a dry run with per-platform concurrency writes nothing', async () => {
    const catalog = [makeProduct(1, [await makeJpeg(1)])];
    const report = await connector.publish(catalog, { dryRun: true, concurrency: { voso: 2 }, to: ['voso'] });
    expect(report.items.map((i) => [i.platform, i.outcome])).toEqual([['voso', 'planned']]);
    expect(platforms.vosoSandbox.state.listings()).toHaveLength(0);
  });
});

type MethodCase = [call: string, problem: string, run: (c: Connector) => unknown];

/** Every connector method that takes options: a misspelt name, a wrong type, a number as options. */
const METHOD_CASES: MethodCase[] = [
  [
    'pullOrders({ overlapms: 5 })',
    'overlapms: không có tùy chọn này (có phải "overlapMs"?) / overlapms: no such option (did you mean "overlapMs"?)',
    (c) => c.pullOrders({ overlapms: 5 } as never),
  ],
  [
    'pullOrders({ overlapMs: -1 })',
    'overlapMs: phải là một số nguyên ≥ 0 (hoặc bỏ trống) (nhận được number) / overlapMs: must be an integer ≥ 0 (or left out) (got number)',
    (c) => c.pullOrders({ overlapMs: -1 }),
  ],
  [
    'syncInventory({ reconcile: "yes" })',
    'reconcile: phải là true hoặc false (hoặc bỏ trống) (nhận được string) / reconcile: must be true or false (or left out) (got string)',
    (c) => c.syncInventory({ reconcile: 'yes' } as never),
  ],
  [
    'syncInventory({ safetybuffer: 2 })',
    'safetybuffer: không có tùy chọn này (có phải "safetyBuffer"?) / safetybuffer: no such option (did you mean "safetyBuffer"?)',
    (c) => c.syncInventory({ safetybuffer: 2 } as never),
  ],
  [
    'syncInventory(5)',
    'options: phải là một đối tượng (hoặc bỏ trống) (nhận được number) / options: must be an object (or left out) (got number)',
    (c) => c.syncInventory(5 as never),
  ],
  [
    'fulfil(order, { aprove: false })',
    'aprove: không có tùy chọn này (có phải "approve"?) / aprove: no such option (did you mean "approve"?)',
    (c) => c.fulfil({ platform: 'voso', externalId: '1' } as never, { aprove: false } as never),
  ],
  [
    'fulfilPending({ signal: 5 })',
    'signal: phải là một AbortSignal (hoặc bỏ trống) (nhận được number) / signal: must be an AbortSignal (or left out) (got number)',
    (c) => c.fulfilPending({ signal: 5 } as never),
  ],
  [
    'fulfilPending({ concurrency: 0 })',
    'concurrency: phải là một số nguyên ≥ 1 (hoặc bỏ trống) (nhận được number) / concurrency: must be an integer ≥ 1 (or left out) (got number)',
    (c) => c.fulfilPending({ concurrency: 0 }),
  ],
  [
    'matchListings([], { minConfidence: "high" })',
    'minConfidence: phải là một số từ 0 đến 1 (hoặc bỏ trống) (nhận được string) / minConfidence: must be a number from 0 to 1 (or left out) (got string)',
    (c) => c.matchListings([], { minConfidence: 'high' } as never),
  ],
  [
    'linkListings([], { setSellerSKU: true })',
    'setSellerSKU: không có tùy chọn này (có phải "setSellerSku"?) / setSellerSKU: no such option (did you mean "setSellerSku"?)',
    (c) => c.linkListings([], { setSellerSKU: true } as never),
  ],
  [
    'exportCatalog("voso", { dir: "x", downloadimages: false })',
    'downloadimages: không có tùy chọn này (có phải "downloadImages"?) / downloadimages: no such option (did you mean "downloadImages"?)',
    (c) => c.exportCatalog('voso', { dir: 'x', downloadimages: false } as never),
  ],
  [
    'resolveOversells({ reason: "SOLD_OUT" })',
    'reason: phải là một lý do huỷ (OUT_OF_STOCK, BUYER_REQUEST, WRONG_PRICE, CANNOT_SHIP hoặc { code, note }) (hoặc bỏ trống) (nhận được string) / reason: must be a cancel reason (OUT_OF_STOCK, BUYER_REQUEST, WRONG_PRICE, CANNOT_SHIP or { code, note }) (or left out) (got string)',
    (c) => c.resolveOversells({ reason: 'SOLD_OUT' } as never),
  ],
  [
    'catchUpWebhooks({ signal: {} })',
    'signal: phải là một AbortSignal (hoặc bỏ trống) (nhận được object) / signal: must be an AbortSignal (or left out) (got object)',
    (c) => c.catchUpWebhooks({ signal: {} } as never),
  ],
  [
    'webhookHandler({ maxBodyByte: 10 })',
    'maxBodyByte: không có tùy chọn này (có phải "maxBodyBytes"?) / maxBodyByte: no such option (did you mean "maxBodyBytes"?)',
    (c) => c.webhookHandler({ maxBodyByte: 10 } as never),
  ],
];

describe('every connector method checks its options the same way (trial 1 defect 1)', () => {
  it.each(METHOD_CASES)('%s is refused, naming the option; nothing is sent', async (call, problem, run) => {
    const error = await refusal(() => run(connector));
    expect(error.problems).toEqual([problem]);
    expect(error.messageEn).toContain(`${call.slice(0, call.indexOf('('))}: invalid options`);
    expect(sandboxTraffic()).toEqual({ requests: 0, listings: 0 });
  });

  it('good options still work: pullOrders and syncInventory with their real names', async () => {
    const pulled = await connector.pullOrders({ overlapMs: 0, initialLookbackMs: 1000 });
    expect(pulled.ok).toBe(true);
    const synced = await connector.syncInventory({ safetyBuffer: 1, reconcile: false });
    expect(synced.platforms).toHaveLength(2);
  });
});

describe("the engine's publish options (trial 1 defects 1, 6; no longer a root export)", () => {
  it('publish([], {}) names to and store, in both languages (no "targets is not iterable")', async () => {
    const error = await refusal(() => publish([], {} as never));
    expect(error.problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['to', 'store']);
    expect(error.problems[0]).toBe(
      'to: phải là một mảng (nhận được undefined) / to: must be an array (got undefined)',
    );
  });

  it('{ dryrun: true } is refused before anything is sent', async () => {
    const catalog = [makeProduct(1, [await makeJpeg(1)])];
    const error = await refusal(() =>
      publish(catalog, { to: platforms.adapters, store: createMemoryStore(), dryrun: true } as never),
    );
    expect(error.problems).toEqual([
      'dryrun: không có tùy chọn này (có phải "dryRun"?) / dryrun: no such option (did you mean "dryRun"?)',
    ]);
    expect(sandboxTraffic()).toEqual({ requests: 0, listings: 0 });
  });
});
