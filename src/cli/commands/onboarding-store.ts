import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Connector,
  createConnector,
  createFileStore,
  createMemoryStore,
  MATCH_CHECKPOINT_NAMESPACE,
  type MarketplaceAdapter,
  type StateStore,
} from 'ocop-connect';
import type { SandboxListing } from 'ocop-connect/sandbox';
import type { CliConfig } from '../config-schema.js';
import type { CliSandboxOptions, OpenPlatforms } from '../platform-types.js';
import { stateDirFor } from '../platforms.js';

/** Marks a sandbox state folder whose links and proposals refer to the seeds' hand-made listings. */
const MARKER = 'hand-made-listings.json';
/**
 * Marks a sandbox state folder where a `list` on the hand-made shop (chosen by the config, no match yet)
 * left its shop and stock book. Unlike MARKER it does not make the folder's later runs start from the
 * hand-made shop: only the config does (a `list` before `match` must not choose the shop for the next run).
 */
const LIST_MARKER = 'sandbox-list.json';

const exists = (path: string) =>
  readFile(path, 'utf8').then(
    () => true,
    () => false,
  );

/** Whether match / link, or a sandbox list on the hand-made shop, left anything in this sandbox folder. */
async function hasSavedSandboxState(config: CliConfig): Promise<boolean> {
  const dir = onboardingStoreDir(config, true);
  return (await exists(join(dir, MARKER))) || (await exists(join(dir, LIST_MARKER)));
}

/**
 * Where `match` and `link` keep their proposals and links: the project's store (`stateDir`, default
 * `.ocop-connect`) with credentials; in sandbox mode its `sandbox` subfolder, so what was linked in the
 * sandbox lasts between runs like a real link but is never read in real mode.
 */
export function onboardingStoreDir(config: CliConfig, sandbox: boolean): string {
  return stateDirFor(config, sandbox);
}

export async function openOnboardingStore(config: CliConfig, sandbox: boolean): Promise<StateStore> {
  const dir = onboardingStoreDir(config, sandbox);
  const store = await createFileStore({ dir });
  if (sandbox)
    await writeFile(join(dir, MARKER), `${JSON.stringify({ handMadeListings: 'ocop-seeds' })}\n`, 'utf8');
  return store;
}

/**
 * `match` and `link`: a connector over the opened marketplaces and the onboarding store, both given to `run`;
 * afterwards (or when the store cannot be opened) the connector, the store and the platforms are closed,
 * in that order.
 */
export async function withOnboardingConnector<T>(
  config: CliConfig,
  platforms: OpenPlatforms,
  run: (connector: Connector, store: StateStore) => Promise<T>,
): Promise<T> {
  let store: StateStore;
  try {
    store = await openOnboardingStore(config, platforms.sandbox);
  } catch (error) {
    await platforms.close();
    throw error;
  }
  const connector = createConnector({ marketplaces: platforms.marketplaces, store });
  try {
    return await run(connector, store);
  } finally {
    await connector.close();
    await store.close();
    await platforms.close();
  }
}

/**
 * True when the sandboxes of this run start with the hand-made listings: the config says so
 * (`sandboxShop: "hand-made"`, OCOP_SANDBOX_SHOP), or `match` / `link` has run in sandbox
 * mode with this state folder (then every later sandbox command sees the same shop), unless the config
 * explicitly asks for the empty shop.
 */
export async function hasSandboxOnboarding(config: CliConfig): Promise<boolean> {
  if (config.sandboxShop === 'hand-made') return true;
  if (config.sandboxShop === 'empty') return false;
  const text = await readFile(join(onboardingStoreDir(config, true), MARKER), 'utf8').catch(() => undefined);
  return text !== undefined;
}

/**
 * A sandbox run's store: empty (the emulators restart every run) except for the links and pending
 * proposals `match` / `link` recorded in sandbox mode, copied in so `list` updates the linked hand-made
 * listings and holds back the products awaiting a decision. The emulators restarted with the hand-made
 * listings as typed, so the seller SKUs `link` wrote onto them are written again first (as they would
 * still be on a real platform). Nothing written during the run is kept.
 */
export async function sandboxRunStore(
  config: CliConfig,
  marketplaces: readonly MarketplaceAdapter[],
): Promise<StateStore> {
  const memory = createMemoryStore();
  if (!(await hasSandboxOnboarding(config))) return memory;
  // Chosen by the config before any match or list: nothing recorded yet (the shop's listings alone hold
  // creates).
  if (!(await hasSavedSandboxState(config))) return memory;
  const saved = await createFileStore({ dir: onboardingStoreDir(config, true) });
  try {
    for (const adapter of marketplaces) {
      const { platform, account } = adapter;
      for (const { updatedAt: _, ...record } of await saved.listListings(platform, account)) {
        await memory.putListing(record);
        if (adapter.capabilities.sellerSkuUpdate && adapter.setListingSkus)
          await adapter.setListingSkus(record.remoteListingId, {
            sku: record.sku,
            variants: Object.entries(record.variantRemoteIds).map(([sku, remoteId]) => ({ remoteId, sku })),
          });
      }
      for (const { updatedAt: _, ...record } of await saved.listLinkProposals(platform, account))
        await memory.putLinkProposal(record);
      const matched = await saved.getCheckpoint(MATCH_CHECKPOINT_NAMESPACE, `${platform}/${account}`);
      if (matched)
        await memory.putCheckpoint({
          platform: matched.platform,
          account: matched.account,
          cursor: matched.cursor,
        });
    }
    // The stock ledger the last sandbox `list` left (its catalog's counts, gift boxes): `sync` pushes
    // them to the linked and created listings (#19 re-trial MEDIUM 5).
    for (const { updatedAt: _, ...entry } of await saved.listStock()) await memory.putStock(entry);
    for (const { updatedAt: _, ...state } of await saved.listLedgerStates())
      await memory.putLedgerState(state);
  } finally {
    await saved.close();
  }
  return memory;
}

/**
 * What a sandbox `list` left in a shop (#19 trial 5): the emulator's listings at the end of the run, so
 * the next sandbox run starts from the same shop. One file per emulator, in the sandbox state folder;
 * the run's listing records go to that folder's store, beside the links (as in real mode, where creates
 * and links share one store): a product it created is not created again, but reported unchanged.
 */
interface SandboxShop {
  listings: SandboxListing[];
}

const SANDBOX_SHOPS = ['voso', 'postmart'] as const;
const shopFile = (config: CliConfig, platform: string) =>
  join(onboardingStoreDir(config, true), `shop-${platform}.json`);

async function readSandboxShop(config: CliConfig, platform: string): Promise<SandboxShop | undefined> {
  const text = await readFile(shopFile(config, platform), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = JSON.parse(text) as Partial<SandboxShop>;
  if (!Array.isArray(parsed.listings))
    throw new Error(`${shopFile(config, platform)}: not a saved sandbox shop (no "listings")`);
  return parsed as SandboxShop;
}

/**
 * The sandboxes' options for a command in sandbox mode with the hand-made shop: the shop a sandbox
 * `list` saved, where it did, else the seeds' hand-made listings as typed.
 */
export async function sandboxShopOptions(config: CliConfig): Promise<CliSandboxOptions> {
  const perPlatform: NonNullable<CliSandboxOptions['perPlatform']> = {};
  for (const platform of SANDBOX_SHOPS) {
    const shop = await readSandboxShop(config, platform);
    if (shop) perPlatform[platform] = { restoredListings: shop.listings };
  }
  return { handMadeListings: 'ocop-seeds', perPlatform };
}

/** After a sandbox `list` (not a dry run): the shop as it ends, and the run's listing records. */
export async function saveSandboxShops(
  config: CliConfig,
  platforms: OpenPlatforms,
  store: StateStore,
): Promise<void> {
  // Called for the hand-made shop only (match / link made it so, or the config chose it). Without a
  // match the folder gets LIST_MARKER, not MARKER: the next run starts from this shop and its stock book
  // when it runs on the hand-made shop too (`stock set` after `list`, #18 trial 6), but the folder alone
  // does not choose that shop (a later run without OCOP_SANDBOX_SHOP still meets the empty one).
  const dir = onboardingStoreDir(config, true);
  const saved = await createFileStore({ dir });
  if (!(await exists(join(dir, MARKER))))
    await writeFile(join(dir, LIST_MARKER), `${JSON.stringify({ savedBy: 'list' })}\n`, 'utf8');
  try {
    for (const adapter of platforms.marketplaces) {
      const platform = adapter.platform;
      const state = platforms.sandboxStates?.[platform as 'voso' | 'postmart'];
      if (!state) continue;
      for (const { updatedAt: _, ...record } of await store.listListings(platform, adapter.account))
        await saved.putListing(record);
      const shop: SandboxShop = { listings: state.listings() };
      await writeFile(shopFile(config, platform), `${JSON.stringify(shop)}\n`, 'utf8');
    }
    for (const { updatedAt: _, ...entry } of await store.listStock()) await saved.putStock(entry);
    for (const { updatedAt: _, ...state } of await store.listLedgerStates())
      await saved.putLedgerState(state);
  } finally {
    await saved.close();
  }
}
