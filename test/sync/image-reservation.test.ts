import { describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/model/image-spec.js';
import type { ImageUpload } from '../../src/platforms/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { ImageStage } from '../../src/sync/publish/image-stage.js';
import type { PublishImagePreparer } from '../../src/sync/publish/types.js';
import { jpegShaped } from './helpers.js';

const SPEC: ImageSpec = {
  minWidth: 100,
  minHeight: 100,
  maxWidth: 1000,
  maxHeight: 1000,
  aspect: 'square',
  background: '#ffffff',
  formats: ['jpeg'],
  maxBytes: 1_000_000,
  minCount: 0,
  maxCount: 9,
};

function countingPreparer(): PublishImagePreparer & { calls: number } {
  const preparer = {
    calls: 0,
    prepare(): Promise<ImageUpload> {
      preparer.calls++;
      return Promise.resolve({ bytes: jpegShaped('x'), contentType: 'image/jpeg', contentHash: 'h' });
    },
  };
  return preparer;
}

describe('prepared image reservations (#18: one owner of a slot, reserve and release together)', () => {
  it('keeps prepared bytes while any reservation holds them and drops them after the last release', async () => {
    const preparer = countingPreparer();
    const stage = new ImageStage(preparer, createMemoryStore());
    const source = { url: 'https://example.test/a.jpg' };
    const a = stage.reserve(['url:a'], SPEC);
    const b = stage.reserve(['url:a'], SPEC);
    expect(stage.held).toBe(1);
    await stage.prepare(source, 'url:a', SPEC);
    a.release();
    // A second release of the same reservation must not take b's hold away.
    a.release();
    expect(stage.held).toBe(1);
    await stage.prepare(source, 'url:a', SPEC);
    expect(preparer.calls).toBe(1);
    b.release();
    expect(stage.held).toBe(0);
    // Nothing holds it any more: the bytes were dropped, a new consumer prepares again.
    const c = stage.reserve(['url:a'], SPEC);
    await stage.prepare(source, 'url:a', SPEC);
    expect(preparer.calls).toBe(2);
    c.release();
    expect(stage.held).toBe(0);
  });
});
