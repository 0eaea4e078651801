/**
 * A listing the seller typed by hand in a marketplace sandbox (`handMadeListings`): turmeric powder with
 * one 500 g variant, 25 in stock — no SKU of the catalog's shape, so matching has to find it.
 */
import type { SandboxHandMadeListing } from '../../src/sandbox/index.js';

export const HAND_MADE_TURMERIC: SandboxHandMadeListing = {
  sellerSku: 'VL-TBN',
  title: 'Tinh bột nghệ Vĩnh Linh',
  description: 'Tinh bột nghệ nguyên chất',
  category: 'Gạo & ngũ cốc',
  weightGrams: 650,
  variants: [{ sku: 'VL-TBN-500', priceVnd: 350_000, stock: 25 }],
};
