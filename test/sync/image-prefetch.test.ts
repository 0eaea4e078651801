import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImageError } from '../../src/images/index.js';
import type { ImageSource } from '../../src/model/product.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { type PublishImagePreparer, publish } from '../../src/sync/index.js';
import { FAKE_CATEGORIES, fakeMarketplace } from './fake-marketplace.js';
import { jpegShaped, makeJpeg, makeProduct } from './helpers.js';

describe('images are prepared ahead of the request queue', () => {
  it('while one product is being created, the next waiting product’s images are already prepared, and no further', async () => {
    const fake = fakeMarketplace();
    const prepared: string[] = [];
    const label = (source: ImageSource) => ('buffer' in source ? source.buffer.toString() : 'other');
    const preparer: PublishImagePreparer = {
      prepare: async (source) => {
        prepared.push(label(source));
        const bytes = jpegShaped(`prepared ${label(source)}`);
        return {
          bytes,
          contentType: 'image/jpeg',
          contentHash: createHash('sha256').update(bytes).digest('hex'),
        };
      },
    };
    fake.adapter.uploadImage = async (image) => ({ imageId: `img-${image.contentHash.slice(0, 8)}` });
    // The first create stays in flight until the test has looked.
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstStarted!: () => void;
    const firstInFlight = new Promise<void>((resolve) => {
      firstStarted = resolve;
    });
    const create = fake.adapter.createListing;
    fake.adapter.createListing = async (draft, options) => {
      if (fake.calls.create === 0) {
        firstStarted();
        await firstHeld;
      }
      return create(draft, options);
    };
    const catalog = [1, 2, 3, 4].map((i) =>
      makeProduct(i, [Buffer.from(`photo ${i}a`), Buffer.from(`photo ${i}b`)]),
    );
    const running = publish(catalog, {
      to: [fake.adapter],
      store: createMemoryStore(),
      images: preparer,
      categories: FAKE_CATEGORIES,
      concurrency: 1,
    });
    await firstInFlight;
    await new Promise((resolve) => setImmediate(resolve));
    // Product 1 is being created (one slot); product 2 waits for the slot with its images ready;
    // products 3 and 4 wait further back and hold no prepared bytes yet.
    expect([...prepared].sort()).toEqual(['photo 1a', 'photo 1b', 'photo 2a', 'photo 2b']);
    releaseFirst();
    const report = await running;
    expect(report.items.map((i) => i.outcome)).toEqual(['created', 'created', 'created', 'created']);
    // Each image prepared once: the task that got its slot used the result prepared ahead.
    expect([...prepared].sort()).toEqual([1, 2, 3, 4].flatMap((i) => [`photo ${i}a`, `photo ${i}b`]));
  });
});

describe('planning does not wait row by row', () => {
  it('a row waiting for its category’s attributes does not hold back rows of other categories', async () => {
    const fake = fakeMarketplace();
    let releaseSlowCategory!: () => void;
    const slowCategory = new Promise<void>((resolve) => {
      releaseSlowCategory = resolve;
    });
    let createdWhileWaiting = -1;
    fake.adapter.getCategoryAttributes = async (categoryId) => {
      if (categoryId === 'slow') {
        await slowCategory;
        createdWhileWaiting = fake.calls.create;
      }
      return [];
    };
    const categories = {
      fake: { gao: { categoryId: 'slow' }, 'mat-ong': { categoryId: '1' }, tra: { categoryId: '1' } },
    };
    // Row 1 is rice (the slow category); rows 2–6 are honey and tea.
    const catalog = [
      makeProduct(1, [], { categoryHints: ['gao'] }),
      ...[2, 3, 4, 5, 6].map((i) => makeProduct(i, [], { categoryHints: [i % 2 ? 'tra' : 'mat-ong'] })),
    ];
    const running = publish(catalog, { to: [fake.adapter], store: createMemoryStore(), categories });
    // Rows behind the slow one are created meanwhile (a planner that waits row by row never gets here:
    // the loop gives up after ~5 s and the assertion below fails).
    for (let i = 0; i < 5000 && fake.calls.create < 5; i++) await new Promise((r) => setTimeout(r, 1));
    releaseSlowCategory();
    const report = await running;
    expect(createdWhileWaiting).toBe(5);
    expect(report.items.map((i) => `${i.sku} ${i.outcome}`)).toEqual(catalog.map((p) => `${p.sku} created`));
  });
});

describe('what a preparer gives is looked at before it is uploaded', () => {
  it('a preparer that passes files as they are: a text, an empty and a cut-short .jpg are refused naming the file; nothing is uploaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-upload-check-'));
    const whole = await makeJpeg(1, 500);
    const files = {
      'notes.jpg': Buffer.from('Mật ong rừng U Minh — 500 ml\n'),
      'empty.jpg': Buffer.alloc(0),
      'cut.jpg': whole.subarray(0, whole.length - 200),
    };
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
    const asIs: PublishImagePreparer = {
      prepare: async (source) => {
        const bytes = await readFile((source as { path: string }).path);
        return {
          bytes,
          contentType: 'image/jpeg',
          contentHash: createHash('sha256').update(bytes).digest('hex'),
        };
      },
    };
    const fake = fakeMarketplace();
    let uploads = 0;
    fake.adapter.uploadImage = async () => {
      uploads++;
      return { imageId: 'never' };
    };
    const catalog = Object.keys(files).map((name, i) => ({
      ...makeProduct(i + 1),
      images: [{ path: join(dir, name) }],
    }));
    const report = await publish(catalog, {
      to: [fake.adapter],
      store: createMemoryStore(),
      images: asIs,
      categories: FAKE_CATEGORIES,
    });
    expect(uploads).toBe(0);
    expect(fake.calls.create).toBe(0);
    const errors = report.items.map((item) => item.error as ImageError);
    expect(errors.map((e) => [e.code, e.source])).toEqual(
      Object.keys(files).map((name) => ['NOT_AN_IMAGE', join(dir, name)]),
    );
    expect(errors[0]!.messageEn).toContain(
      'The image cannot be uploaded: it is text, not an image (it starts with "Mật ong rừng U Minh — 50…")',
    );
    expect(errors[0]!.messageVi).toContain('Ảnh không gửi được: đây là văn bản, không phải ảnh');
    expect(errors[1]!.messageEn).toContain('it is empty (0 bytes)');
    expect(errors[2]!.messageEn).toContain('the JPEG image is cut short');
    expect(errors[2]!.messageVi).toContain(join(dir, 'cut.jpg'));
  });
});
