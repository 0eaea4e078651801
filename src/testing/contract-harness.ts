import type { ListingDraft, MarketplaceAdapter } from 'ocop-connect';
import type { ContractAdapterSettings, MarketplaceContractOptions } from './contract-options.js';
import type { ContractSandbox } from './contract-sandbox.js';
import { honeyProduct, jpegUpload } from './fixtures.js';

/**
 * What every case of the contract suite shares: the sandbox of the running case (a case may replace
 * it), the clock offset the suite jumps to expire tokens, and the adapters made (closed after each case).
 */
export class ContractHarness<S extends ContractSandbox> {
  sandbox!: S;
  clockOffsetMs = 0;
  readonly adapters: MarketplaceAdapter[] = [];
  readonly caps: MarketplaceContractOptions<S>['capabilities'];

  constructor(readonly options: MarketplaceContractOptions<S>) {
    this.caps = options.capabilities;
  }

  readonly make = (settings: ContractAdapterSettings = {}): MarketplaceAdapter => {
    const adapter = this.options.createAdapter(this.sandbox, settings);
    this.adapters.push(adapter);
    return adapter;
  };

  readonly start = (review?: { mode: 'manual' }): Promise<S> =>
    this.options.startSandbox({ now: () => Date.now() + this.clockOffsetMs, ...(review ? { review } : {}) });

  readonly logins = (): number => this.sandbox.stats.requests.login ?? 0;

  readonly draftFor = async (adapter: MarketplaceAdapter, prefix: string): Promise<ListingDraft> => {
    const product = honeyProduct(prefix);
    const image = await adapter.uploadImage(await jpegUpload());
    const mapping = { categoryId: this.options.leafCategoryId };
    return {
      product,
      categoryId: this.options.leafCategoryId,
      // resolveAttributes is optional on the interface: without it, the mapping's values plus the product's.
      attributes: adapter.resolveAttributes?.(product, mapping) ?? { ...product.attributes },
      imageIds: [image.imageId],
    };
  };
}
