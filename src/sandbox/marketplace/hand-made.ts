import { refuseOptions } from '../sandbox-options.js';
import type { MarketplaceEngine } from './engine.js';
import { handMadeProblems, leafNamed } from './hand-made-check.js';
import { ocopSeedsHandMadeListings } from './hand-made-seeds.js';
import { placeholderPng } from './placeholder-image.js';
import type { SandboxHandMadeListing, SandboxListing } from './shop-data.js';
import type { MarketplacePlatform } from './types.js';

/**
 * Fills a fresh engine with listings typed by hand in the seller centre. Every entry is checked first
 * (`hand-made-check.ts`): any problem — a missing or wrong-typed field, a category or attribute name the
 * sandbox tree does not have — is one configuration error of `operation` listing them all, with paths.
 */
export function seedHandMadeListings(
  engine: MarketplaceEngine,
  platform: MarketplacePlatform,
  option: 'ocop-seeds' | readonly SandboxHandMadeListing[],
  operation: string,
): SandboxListing[] {
  const listings = option === 'ocop-seeds' ? ocopSeedsHandMadeListings(platform) : option;
  refuseOptions(operation, handMadeProblems([...engine.categories.values()], listings));
  let imageSeed = 0;
  return listings.map((input, index) => {
    const category = leafNamed([...engine.categories.values()], input.category);
    const attributes: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(input.attributes ?? {})) {
      const spec = category.attributes.find((a) => a.name === name);
      if (!spec) throw new Error(`handMadeListings[${index}]: unchecked attribute "${name}"`);
      attributes[spec.code] = spec.type === 'NUMBER' ? Number(value) : String(value);
    }
    const imageIds = Array.from({ length: input.imageCount ?? 1 }, () => {
      imageSeed += 1;
      return engine.insertHandMadeImage(placeholderPng(imageSeed)).id;
    });
    return engine.insertHandMadeListing({
      sellerSku: input.sellerSku ?? '',
      title: input.title,
      description: input.description,
      categoryId: category.id,
      attributes,
      imageIds,
      weightGrams: input.weightGrams,
      lengthCm: null,
      widthCm: null,
      heightCm: null,
      tiers: structuredClone(input.tiers ?? []),
      variants: input.variants.map((variant) => ({
        sku: variant.sku ?? '',
        tierIndex: [...(variant.tierIndex ?? [])],
        priceVnd: variant.priceVnd,
        stock: variant.stock,
      })),
    });
  });
}

/** Puts back listings saved from an earlier run, in id order, each image as a placeholder. */
export function restoreListings(engine: MarketplaceEngine, listings: readonly SandboxListing[]): void {
  let imageSeed = 1000;
  for (const saved of [...listings].sort((a, b) => a.id - b.id)) {
    const imageIds = saved.imageIds.map(() => {
      imageSeed += 1;
      return engine.insertHandMadeImage(placeholderPng(imageSeed)).id;
    });
    engine.restoreListing(saved, imageIds);
  }
}
