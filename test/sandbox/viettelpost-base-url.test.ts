/** Every sandbox names its address `baseUrl` (issue #10 trial item 21): ViettelPost too, next to `url`. */
import { describe, expect, it } from 'vitest';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { startViettelPostSandbox } from '../../src/sandbox/index.js';

describe('ViettelPost sandbox baseUrl', () => {
  it('is its url, and an adapter given it quotes from the sandbox', async () => {
    const box = await startViettelPostSandbox({ stepMs: 0 });
    try {
      expect(box.baseUrl).toBe(box.url);
      const adapter = viettelpost({ baseUrl: box.baseUrl, credentials: { ...box.memberCredentials } });
      try {
        const quotes = await adapter.quote({
          from: { ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' },
          to: { ward: 'Phường Đông Hà', province: 'Quảng Trị' },
          parcel: {
            weightGrams: 500,
            lengthCm: 15,
            widthCm: 10,
            heightCm: 8,
            declaredValueVnd: 185_000,
            kind: 'goods',
            items: [{ name: 'Tinh bột nghệ', quantity: 1, priceVnd: 185_000, weightGrams: 500 }],
          },
        });
        expect(quotes.length).toBeGreaterThan(0);
      } finally {
        await adapter.close();
      }
    } finally {
      await box.close();
    }
  });
});
