/**
 * Trial 2, defect 9: connector.publish checks its options across each other before anything is sent —
 * all problems at once (a wrong type with an unknown target), an unknown target named in both
 * languages, `concurrency` keyed by the connector's platforms, `checkImages` only with `dryRun`, and
 * `to: []` refused instead of quietly publishing nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, type Connector, createConnector, createMemoryStore } from '../../src/index.js';
import { failure } from '../core/helpers/failure.js';
import { fakeMarketplace } from './fake-marketplace.js';
import { makeProduct } from './helpers.js';

let voso: ReturnType<typeof fakeMarketplace>;
let postmart: ReturnType<typeof fakeMarketplace>;
let connector: Connector;

beforeEach(() => {
  voso = fakeMarketplace('voso');
  postmart = fakeMarketplace('postmart');
  connector = createConnector({ marketplaces: [voso.adapter, postmart.adapter], store: createMemoryStore() });
});
afterEach(async () => {
  await connector.close();
});

const ENGLISH = /\b(is not|must|only applies|needs|invalid|marketplace|did you mean|got)\b/;

async function problemsOf(options: unknown): Promise<readonly string[]> {
  const error = await failure(() => connector.publish([makeProduct(1, [])], options as never));
  expect(error).toBeInstanceOf(ConfigurationError);
  const refused = error as ConfigurationError;
  expect(refused.messageVi).not.toMatch(ENGLISH);
  for (const problem of refused.problems) {
    const path = problem.slice(0, problem.indexOf(': '));
    expect(problem, problem).toContain(` / ${path}: `);
    expect(refused.messageVi).toContain(problem.slice(0, problem.indexOf(` / ${path}: `)));
  }
  // Nothing was sent to either marketplace.
  expect({ ...voso.calls }).toEqual({ create: 0, update: 0, setStock: 0, setPrice: 0, stockItems: 0 });
  expect({ ...postmart.calls }).toEqual({ create: 0, update: 0, setStock: 0, setPrice: 0, stockItems: 0 });
  return refused.problems;
}

describe('connector.publish: rules across options (trial 2 defect 9)', () => {
  it('{ to: ["tiki"], dryRun: "x" } reports both problems, the target in both languages', async () => {
    expect(await problemsOf({ to: ['tiki'], dryRun: 'x' })).toEqual([
      'dryRun: phải là true hoặc false (hoặc bỏ trống) (nhận được string) / dryRun: must be true or false (or left out) (got string)',
      'to: "tiki" không phải sàn của bộ kết nối này; có: voso, postmart / to: "tiki" is not a marketplace of this connector; it has: voso, postmart',
    ]);
  });

  it('a misspelt target gets the nearest platform', async () => {
    expect(await problemsOf({ to: ['vosso'] })).toEqual([
      'to: "vosso" không phải sàn của bộ kết nối này (có phải "voso"?); có: voso, postmart / to: "vosso" is not a marketplace of this connector (did you mean "voso"?); it has: voso, postmart',
    ]);
  });

  it('concurrency keyed by a platform the connector does not have is refused', async () => {
    expect(await problemsOf({ concurrency: { tiki: 2 }, dryRun: true })).toEqual([
      'concurrency.tiki: "tiki" không phải sàn của bộ kết nối này; có: voso, postmart / concurrency.tiki: "tiki" is not a marketplace of this connector; it has: voso, postmart',
    ]);
  });

  it('checkImages without dryRun is refused (it only applies to a dry run), nothing published', async () => {
    expect(await problemsOf({ checkImages: true })).toEqual([
      'checkImages: chỉ dùng cho lần chạy thử (dryRun: true); lần chạy thật tự đọc ảnh khi tải lên / checkImages: only applies to a dry run (dryRun: true); a real run reads each image as it uploads it',
    ]);
  });

  it('to: [] is refused instead of publishing nothing', async () => {
    expect(await problemsOf({ to: [] })).toEqual([
      'to: cần ít nhất một sàn (bỏ trống để đăng lên mọi sàn) / to: needs at least one marketplace (leave it out to publish to all)',
    ]);
  });

  it('the accepted forms still publish: a known target, per-platform concurrency, checkImages with dryRun', async () => {
    const report = await connector.publish([makeProduct(1, [])], {
      to: ['voso'],
      concurrency: { voso: 2 },
      checkImages: true,
      dryRun: true,
    } as never);
    expect(report.platforms.map((p) => p.platform)).toEqual(['voso']);
  });

  it('a target in another case or with spaces is that platform, as `--to VOSO` on the CLI', async () => {
    const report = await connector.publish([makeProduct(1, [])], {
      to: ['VOSO', ' Postmart '],
      dryRun: true,
    });
    expect(report.platforms.map((p) => p.platform)).toEqual(['voso', 'postmart']);
  });
});
