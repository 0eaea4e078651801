import type { OcopConnectError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { Product } from '../../model/product.js';
import { foldSku } from '../../model/validation.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import type { PendingLinkProposal } from '../../store/state-store.js';
import { platformUnreachableError } from './errors.js';
import {
  type AccountGuard,
  checkExistingListings,
  type ExistingListingsGuard,
  guardFor,
  matchedSkusOf,
} from './existing-listings.js';
import type { PublishOptions } from './types.js';

/** What `match` recorded on one target: proposals awaiting a decision, and the SKUs it examined. */
interface MatchState {
  pending: Map<string, PendingLinkProposal[]>;
  examined: Set<string>;
}

type ReadsOptions = Pick<
  PublishOptions,
  'store' | 'assumeNoExistingListings' | 'otherTenantListings' | 'logger'
>;

/**
 * What planning reads of one target account, each once per run: what `match` recorded there, whether
 * the shop already sells things nobody linked, the listing records of a product — and whether a read
 * found the platform unreachable.
 */
export class AccountReads {
  readonly #adapter: MarketplaceAdapter;
  readonly #options: ReadsOptions;
  readonly #readOptions: () => CallOptions;
  /** Catalog SKU → listings `match` proposed for it that await a decision (read once). */
  #matchState: Promise<MatchState> | undefined;
  /** Folded SKU → its spelling in this account's listing records and the record holding it (read once). */
  #listedSpellings: Promise<Map<string, { sku: string; owner: string }>> | undefined;
  /** Does the shop already sell things nobody linked, and which SKUs did `match` examine (read once)? */
  #existing: Promise<AccountGuard | undefined> | undefined;
  /**
   * The platform could not be reached by a read while planning (network or timeout, after the client's
   * own retries). Every later item there fails at once with this one error, without a request: an
   * unreachable platform fails once, not once per product after its own retries (#14).
   */
  #unreachable: OcopConnectError | undefined;

  constructor(adapter: MarketplaceAdapter, options: ReadsOptions, readOptions: () => CallOptions) {
    this.#adapter = adapter;
    this.#options = options;
    this.#readOptions = readOptions;
  }

  pendingLinks(): Promise<Map<string, PendingLinkProposal[]>> {
    return this.#matchStateOf().then((state) => state.pending);
  }

  /**
   * What `match` recorded on a target, read in one transaction (once): the proposals awaiting a
   * decision and the SKUs it examined. Read apart, a match committing in between (another process)
   * showed its examined SKUs without the proposals holding some of them back: duplicates (#19 trial 4).
   */
  #matchStateOf(): Promise<MatchState> {
    let state = this.#matchState;
    if (!state) {
      const { platform, account } = this.#adapter;
      state = this.#options.store.transaction(async (tx) => {
        const records = await tx.listLinkProposals(platform, account);
        return {
          pending: new Map(
            records.filter((r) => r.pending.length > 0).map((r) => [r.sku, r.pending] as const),
          ),
          examined: await matchedSkusOf(tx, platform, account),
        };
      });
      this.#matchState = state;
    }
    return state;
  }

  /** Per SKU: held unless `match` examined it on this account, the shop has nothing unlinked, or opted out. */
  async existingListings(sku: string): Promise<ExistingListingsGuard> {
    let guard = this.#existing;
    if (!guard) {
      const { assumeNoExistingListings, otherTenantListings } = this.#options;
      guard =
        assumeNoExistingListings && !otherTenantListings
          ? Promise.resolve(undefined)
          : checkExistingListings(this.#adapter, this.#options.store, {
              examined: this.#matchStateOf().then((state) => state.examined),
              ...this.#readOptions(),
              ...(assumeNoExistingListings ? { assumeNoExistingListings } : {}),
              ...(otherTenantListings ? { otherTenantListings } : {}),
            });
      this.#existing = guard;
    }
    const account = await guard;
    return account ? guardFor(account, sku) : { kind: 'clear' };
  }

  /**
   * A product with variants linked per pack size on this account (no listing record of the product,
   * records of some of its variant SKUs: `linkListings` linked one hand-made listing per pack): one
   * product per pack, each without variants, named with its pack. Undefined: linked (or not) as a whole.
   */
  async packListings(product: Product): Promise<Product[] | undefined> {
    const adapter = this.#adapter;
    const key = { platform: adapter.platform, account: adapter.account };
    if (await this.#options.store.getListing({ ...key, sku: product.sku })) return undefined;
    const linked = await Promise.all(
      product.variants.map((v) => this.#options.store.getListing({ ...key, sku: v.sku })),
    );
    if (!linked.some(Boolean)) return undefined;
    return product.variants.map(({ sku, options, imageIndex: _image, externalIds: _ids, ...offer }) => ({
      ...product,
      sku,
      name: `${product.name} - ${Object.values(options).join(' ')}`.slice(0, 255),
      variants: [],
      ...offer,
      dimensionsCm: offer.dimensionsCm ?? product.dimensionsCm,
    }));
  }

  /**
   * A SKU of `product` this account's listing records hold spelt in another letter case ('VL-BSD' for
   * 'vl-bsd'): creating it would list the same product twice (#18). Undefined when none.
   */
  async otherCaseListing(product: Product): Promise<{ sku: string; listed: string } | undefined> {
    const spellings = await this.#spellings();
    for (const sku of [product.sku, ...product.variants.map((v) => v.sku)]) {
      const listed = spellings.get(foldSku(sku));
      if (listed !== undefined && listed.sku !== sku) return { sku, listed: listed.sku };
    }
    return undefined;
  }

  /**
   * An update of `product`'s listing that would clash with the account's listing records (#18): a SKU
   * of it that another product's listing record holds (spelt alike or in another letter case — the
   * platform would sell one SKU in two listings), or one whose letter case differs from the spelling
   * its own listing record holds (the platform keeps SKUs case-sensitively: stock and orders of the
   * old spelling would find nothing). `owner` is the SKU of the record holding `listed`.
   */
  async updateSkuClash(
    product: Product,
  ): Promise<{ sku: string; listed: string; owner: string } | undefined> {
    const spellings = await this.#spellings();
    for (const sku of [product.sku, ...product.variants.map((v) => v.sku)]) {
      const listed = spellings.get(foldSku(sku));
      if (listed === undefined) continue;
      if (listed.owner !== product.sku || listed.sku !== sku)
        return { sku, listed: listed.sku, owner: listed.owner };
    }
    return undefined;
  }

  /** Folded SKU → its spelling in this account's listing records and the record (product) holding it. */
  #spellings(): Promise<Map<string, { sku: string; owner: string }>> {
    if (!this.#listedSpellings) {
      const { platform, account } = this.#adapter;
      this.#listedSpellings = this.#options.store.listListings(platform, account).then((records) => {
        const spellings = new Map<string, { sku: string; owner: string }>();
        for (const record of records)
          for (const sku of [record.sku, ...Object.keys(record.variantRemoteIds)])
            spellings.set(foldSku(sku), { sku, owner: record.sku });
        return spellings;
      });
    }
    return this.#listedSpellings;
  }

  async isListed(sku: string): Promise<boolean> {
    const adapter = this.#adapter;
    return (
      (await this.#options.store.getListing({
        platform: adapter.platform,
        account: adapter.account,
        sku,
      })) !== undefined
    );
  }

  /** The platform's one unreachable error, once a read found it down. */
  get unreachable(): OcopConnectError | undefined {
    return this.#unreachable;
  }

  /** The platform is down for the rest of the run: one error, said once (logged), shared by its items. */
  markUnreachable(cause: unknown): OcopConnectError {
    const known = this.#unreachable;
    if (known) return known;
    const adapter = this.#adapter;
    const error = platformUnreachableError(adapter.platform, adapter.account, cause);
    this.#unreachable = error;
    this.#options.logger?.warn(
      { platform: adapter.platform, account: adapter.account, error: error.toJSON() },
      'publish: platform unreachable',
    );
    return error;
  }

  /** A shared account's create claims (read with the shop's listings), once `existingListings` was asked. */
  async claims(): Promise<AccountGuard['claims']> {
    return (await this.#existing)?.claims;
  }
}
