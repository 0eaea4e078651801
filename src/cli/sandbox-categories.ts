import { SANDBOX_CATEGORIES } from 'ocop-connect/sandbox';

/**
 * The sandboxes' category map in the shape of the config file's `categories` (your category →
 * platform), turned from the public `SANDBOX_CATEGORIES` (platform → your category, the library's shape).
 */
export const SANDBOX_CONFIG_CATEGORIES: Record<string, Record<string, { categoryId: string }>> = {};
for (const [platform, byHint] of Object.entries(SANDBOX_CATEGORIES))
  for (const [hint, target] of Object.entries(byHint)) {
    SANDBOX_CONFIG_CATEGORIES[hint] ??= {};
    SANDBOX_CONFIG_CATEGORIES[hint][platform] = { categoryId: target.categoryId };
  }
