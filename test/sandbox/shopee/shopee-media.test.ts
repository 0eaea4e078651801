import { describe, expect, it } from 'vitest';
import { startShopeeSandbox } from '../../../src/sandbox/index.js';

describe('the Shopee sandbox serves its images (#19 re-trial, MEDIUM 3)', () => {
  it('every image of its hand-made listings downloads from /media/, an unknown one is 404', async () => {
    const sandbox = await startShopeeSandbox({ handMadeListings: 'ocop-seeds' });
    try {
      const ids = sandbox.state.listings().flatMap((l) => l.imageIds);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids.slice(0, 5)) {
        const res = await fetch(`${sandbox.baseUrl}/media/${encodeURIComponent(id)}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^image\/(jpeg|png)$/);
        const bytes = Buffer.from(await res.arrayBuffer());
        expect(bytes.length).toBeGreaterThan(100);
      }
      expect((await fetch(`${sandbox.baseUrl}/media/khong-co`)).status).toBe(404);
    } finally {
      await sandbox.close();
    }
  });
});
