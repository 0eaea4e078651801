import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareImage } from '../../src/images/prepare-image.js';
import { voso } from '../../src/platforms/voso/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { type PublishImagePreparer, publish } from '../../src/sync/index.js';
import { CATEGORIES, makeJpeg, makeProduct } from './helpers.js';

describe('images shared between platforms with equal specs', () => {
  let sandboxes: MarketplaceSandbox[];
  beforeAll(async () => {
    sandboxes = await Promise.all([
      startVosoSandbox({ rateLimitRps: 100 }),
      startVosoSandbox({ rateLimitRps: 100 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
  });

  it('prepares each image once for both accounts and uploads it once to each', async () => {
    // Two cooperatives' Voso accounts: the same ImageSpec, so one preparation serves both.
    const adapters = sandboxes.map((s, i) =>
      voso({
        baseUrl: s.baseUrl,
        account: `htx-${i}`,
        credentials: { username: s.credentials.username, password: s.credentials.password },
      }),
    );
    const calls: string[] = [];
    // A preparer without a cache of its own: every call is real work.
    const counting: PublishImagePreparer = {
      prepare: (source, spec) => {
        calls.push(JSON.stringify(spec));
        return prepareImage(source, spec);
      },
    };
    const shared = await makeJpeg(9);
    const catalog = [makeProduct(1, [shared, await makeJpeg(10)]), makeProduct(2, [shared])];
    try {
      const report = await publish(catalog, {
        to: adapters,
        store: createMemoryStore(),
        images: counting,
        categories: CATEGORIES,
        concurrency: 4,
      });
      expect(report.items.map((i) => i.outcome)).toEqual(['created', 'created', 'created', 'created']);
      expect(calls).toHaveLength(2); // two distinct images, one spec
      for (const sandbox of sandboxes) {
        expect(sandbox.stats.requests.uploadImage).toBe(2);
        const [first, second] = sandbox.state.listings();
        expect(first!.imageIds[0]).toBe(second!.imageIds[0]);
      }
    } finally {
      await Promise.all(adapters.map((a) => a.close()));
    }
  });

  it('a missing image file is told as FILE_NOT_FOUND in each language, never the raw ENOENT text', async () => {
    const adapter = voso({ baseUrl: sandboxes[0]!.baseUrl, credentials: sandboxes[0]!.credentials });
    const path = join(tmpdir(), 'ocop-no-such-dir', 'nope.jpg');
    try {
      const report = await publish([makeProduct(3, [], { images: [{ path }] })], {
        to: [adapter],
        store: createMemoryStore(),
        categories: CATEGORIES,
        dryRun: true,
      });
      const [item] = report.items;
      expect(item?.outcome).toBe('invalid');
      const issue = item?.issues?.find((i) => i.path === 'images.0');
      expect(issue?.messageEn).toBe(`Image 1 cannot be read: image file not found: ${path}`);
      expect(issue?.messageVi).toBe(`Không đọc được ảnh số 1: không tìm thấy tệp ảnh: ${path}`);
      expect(`${issue?.messageVi} ${issue?.messageEn}`).not.toMatch(/ENOENT|no such file/);
    } finally {
      await adapter.close();
    }
  });
});
