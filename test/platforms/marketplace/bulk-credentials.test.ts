/**
 * #18: a wrong password (Voso, Postmart) or a wrong partner key (Shopee) made setStock / setPrice answer one
 * failed item per SKU ('403' / 'INVALID_CREDENTIALS' / 'error_sign'). Refused credentials are no SKU's
 * problem: the bulk methods throw as getOrder does — AuthenticationError (Voso, Postmart), PermissionError
 * for Shopee's error_sign (kept: an AuthenticationError there would burn the single-use refresh token);
 * nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, PermissionError } from '../../../src/core/errors.js';
import type { ProfileMarketplaceAdapter } from '../../../src/platforms/marketplace/index.js';
import { postmart } from '../../../src/platforms/postmart/index.js';
import { shopee } from '../../../src/platforms/shopee/index.js';
import { voso } from '../../../src/platforms/voso/index.js';
import {
  type MarketplaceSandbox,
  type ShopeeSandbox,
  startPostmartSandbox,
  startShopeeSandbox,
  startVosoSandbox,
} from '../../../src/sandbox/index.js';
import { failure } from '../../core/helpers/failure.js';

const LISTING = {
  sellerSku: 'VL-TBN',
  title: 'Tinh bột nghệ Vĩnh Linh',
  description: 'Tinh bột nghệ nguyên chất',
  category: 'Gạo & ngũ cốc',
  weightGrams: 650,
  variants: [
    { sku: 'VL-TBN-500', priceVnd: 350_000, stock: 25 },
    { sku: 'VL-TBN-1KG', priceVnd: 650_000, stock: 10 },
  ],
};
const retry = { retries: 0, initialDelayMs: 5, maxDelayMs: 10 };

const sandboxes: Record<string, MarketplaceSandbox | ShopeeSandbox> = {};
const wrong: Record<string, ProfileMarketplaceAdapter> = {};

beforeAll(async () => {
  const [v, p, s] = await Promise.all([
    startVosoSandbox({ handMadeListings: [LISTING] }),
    startPostmartSandbox({ handMadeListings: [LISTING] }),
    startShopeeSandbox({ handMadeListings: [LISTING] }),
  ]);
  Object.assign(sandboxes, { voso: v, postmart: p, shopee: s });
  wrong.voso = voso({
    credentials: { ...v.credentials, password: 'sai-mat-khau' },
    baseUrl: v.baseUrl,
    retry,
  });
  wrong.postmart = postmart({
    credentials: {
      username: p.credentials.username,
      password: 'sai-mat-khau',
      customerCode: p.credentials.customerCode!,
    },
    baseUrl: p.baseUrl,
    retry,
  });
  wrong.shopee = shopee({
    credentials: { ...s.credentials, partnerKey: 'sai-khoa-doi-tac' },
    baseUrl: s.baseUrl,
    webhookUrl: 'https://htx.example.vn/p',
    retry,
  });
});
afterAll(async () => {
  await Promise.all(Object.values(wrong).map((a) => a.close()));
  await Promise.all(Object.values(sandboxes).map((s) => s.close()));
});

const REFUSAL = { voso: AuthenticationError, postmart: AuthenticationError, shopee: PermissionError };

describe.each(['voso', 'postmart', 'shopee'] as const)('%s with refused credentials', (platform) => {
  it('getOrder throws the same error class as the bulk methods below', async () => {
    expect(await failure(() => wrong[platform]!.getOrder('1'))).toBeInstanceOf(REFUSAL[platform]);
  });

  it('setStock throws it (not one failed item per SKU); the stock is unchanged', async () => {
    const error = await failure(() =>
      wrong[platform]!.setStock([
        { sku: 'VL-TBN-500', quantity: 3 },
        { sku: 'VL-TBN-1KG', quantity: 4 },
      ]),
    );
    expect(error).toBeInstanceOf(REFUSAL[platform]);
    expect(sandboxes[platform]!.state.stockOf('VL-TBN-500')).toBe(25);
  });

  it('setPrice throws it too', async () => {
    const error = await failure(() => wrong[platform]!.setPrice([{ sku: 'VL-TBN-500', priceVnd: 360_000 }]));
    expect(error).toBeInstanceOf(REFUSAL[platform]);
  });
});
