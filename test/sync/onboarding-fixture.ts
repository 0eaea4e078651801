/**
 * Onboarding a shop that already sells by hand: a connector set up as the onboarding tests use it, a
 * Voso shop holding hand-made listings, and what a cooperative fills in the export sheet. Shared by the
 * onboarding trial tests (match → link → publish) in test/sync and test/cli.
 */
import { type Connector, createConnector } from '../../src/connector.js';
import type { MarketplaceAdapter } from '../../src/platforms/types.js';
import { voso } from '../../src/platforms/voso/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox, MarketplaceSandboxOptions } from '../../src/sandbox/marketplace/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { CATEGORIES, createImagePreparer } from './helpers.js';

/** A connector onboarding `marketplaces`: the seeds' categories, images prepared two at a time. */
export function onboardingConnector(
  marketplaces: readonly MarketplaceAdapter[],
  store: StateStore = createMemoryStore(),
): Connector {
  return createConnector({
    marketplaces: [...marketplaces],
    store,
    categories: CATEGORIES,
    images: createImagePreparer({ concurrency: 2 }),
  });
}

/**
 * Given a Voso shop started with `options` (its hand-made listings) and a connector onboarding it (a
 * memory store of its own), runs `steps`; closes both after, whatever happens.
 */
export async function withVosoShop(
  options: MarketplaceSandboxOptions,
  steps: (shop: { sandbox: MarketplaceSandbox; connector: Connector }) => Promise<void>,
): Promise<void> {
  const sandbox = await startVosoSandbox(options);
  const adapter = voso({ baseUrl: sandbox.baseUrl, credentials: { ...sandbox.credentials } });
  const connector = onboardingConnector([adapter]);
  try {
    await steps({ sandbox, connector });
  } finally {
    await connector.close();
    await sandbox.close();
  }
}

/** What the cooperative fills in the export sheet that no listing says: the producer and its OCOP certificate. */
export const COOPERATIVE_FILLS: Readonly<Record<string, string>> = {
  'Loại chủ thể': 'HTX',
  'Tên chủ thể': 'HTX Nông nghiệp Hiền Lương Xanh',
  'Phường/Xã': 'Xã Vĩnh Thủy',
  'Tỉnh/Thành phố': 'Tỉnh Quảng Trị',
  'Số chứng nhận OCOP': '35/GCN-UBND',
  'Cơ quan cấp': 'UBND tỉnh Quảng Trị',
  'Ngày cấp': '12/03/2024',
};
