import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileStore, createMemoryStore, type MarketplaceAdapter, type StateStore } from 'ocop-connect';
import type { CliConfig } from '../config.js';

/**
 * The store `match` and `link` keep their proposals and links in: the project's store (`stateDir`,
 * default `.ocop-connect`) with credentials; in sandbox mode a folder of its own inside it
 * (`<stateDir>/sandbox`), so what was linked in the sandbox lasts between runs like a real link but
 * never reaches real mode.
 */
export function onboardingStoreDir(config: CliConfig, sandbox: boolean): string {
  const dir = config.stateDir ?? '.ocop-connect';
  return sandbox ? join(dir, 'sandbox') : dir;
}

export function openOnboardingStore(config: CliConfig, sandbox: boolean): Promise<StateStore> {
  return createFileStore({ dir: onboardingStoreDir(config, sandbox) });
}

/** True when `match` or `link` has run in sandbox mode here (the sandbox store exists). */
export async function hasSandboxOnboarding(config: CliConfig): Promise<boolean> {
  const info = await stat(onboardingStoreDir(config, true)).catch(() => undefined);
  return info?.isDirectory() ?? false;
}

/**
 * A sandbox run's store: empty (the emulators restart every run) except for the links and pending
 * proposals `match` / `link` recorded in sandbox mode, copied in so `list` updates the linked hand-made
 * listings and holds back the products awaiting a decision. Nothing written during the run is kept.
 */
export async function sandboxRunStore(
  config: CliConfig,
  marketplaces: readonly MarketplaceAdapter[],
): Promise<StateStore> {
  const memory = createMemoryStore();
  if (!(await hasSandboxOnboarding(config))) return memory;
  const saved = await openOnboardingStore(config, true);
  try {
    for (const { platform, account } of marketplaces) {
      for (const { updatedAt: _, ...record } of await saved.listListings(platform, account))
        await memory.putListing(record);
      for (const { updatedAt: _, ...record } of await saved.listLinkProposals(platform, account))
        await memory.putLinkProposal(record);
    }
  } finally {
    await saved.close();
  }
  return memory;
}
