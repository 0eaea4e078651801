/**
 * Trial 18b N10: every sandbox handle names its address `baseUrl` — the VNPost one too (it had only
 * `url`) — and an adapter given it works against the sandbox.
 */
import { describe, expect, it } from 'vitest';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import {
  startPostmartSandbox,
  startShopeeSandbox,
  startViettelPostSandbox,
  startVnpostSandbox,
  startVosoSandbox,
} from '../../src/sandbox/index.js';
import { PARCEL, RECEIVER, SENDER_2025 } from '../platforms/vnpost/helpers.js';

describe('sandbox handles', () => {
  it.each([
    ['voso', () => startVosoSandbox()],
    ['postmart', () => startPostmartSandbox()],
    ['shopee', () => startShopeeSandbox()],
    ['viettelpost', () => startViettelPostSandbox({ stepMs: 0 })],
    ['vnpost', () => startVnpostSandbox({ stepMs: 0 })],
  ])('%s has baseUrl, an address on loopback', async (_name, start) => {
    const box = await start();
    try {
      expect(box.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+(\/[a-z0-9/]*)?$/);
      const answer = await fetch(`${box.baseUrl}/`);
      await answer.arrayBuffer();
      expect(answer.status).toBeGreaterThanOrEqual(200);
    } finally {
      await box.close();
    }
  });

  it('the VNPost baseUrl is its url, and an adapter given it quotes from the sandbox', async () => {
    const box = await startVnpostSandbox({ stepMs: 0 });
    const adapter = vnpost({ baseUrl: box.baseUrl, credentials: { ...box.credentials } });
    try {
      expect(box.baseUrl).toBe(box.url);
      const quotes = await adapter.quote({ from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL });
      expect(quotes.length).toBeGreaterThan(0);
      expect(box.state.requestCount('getAccessToken')).toBe(1);
    } finally {
      await adapter.close();
      await box.close();
    }
  });
});
