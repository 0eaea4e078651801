import { describe, expect, it } from 'vitest';
import { OcopConnectError, ValidationError } from '../../../src/index.js';
import { checkListingRules } from '../../../src/platforms/marketplace/index.js';
import { resolveProfile } from '../../../src/platforms/marketplace/profile.js';
import { POSTMART_PROFILE } from '../../../src/platforms/postmart/index.js';
import { VOSO_PROFILE } from '../../../src/platforms/voso/index.js';
import { honeyProduct } from '../../contract/fixtures.js';
import { thrownBy } from '../../core/helpers/failure.js';

const vosoProfile = resolveProfile(VOSO_PROFILE);
const postmartProfile = resolveProfile(POSTMART_PROFILE);

describe('listing rules (checked before any request)', () => {
  it('a well-formed OCOP product passes on both platforms', () => {
    expect(checkListingRules(vosoProfile, honeyProduct('OK'))).toEqual([]);
    expect(checkListingRules(postmartProfile, honeyProduct('OK'))).toEqual([]);
  });

  it('counts characters after NFC: a decomposed Vietnamese title is not over-counted', () => {
    const composed = 'Mật ong bạc hà Hà Giang '.repeat(5).slice(0, 120).trim();
    const decomposed = composed.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(120);
    expect(checkListingRules(vosoProfile, honeyProduct('NF', { name: decomposed }))).toEqual([]);
  });

  it('counts code points (an emoji is one) and reads a product edited after a check again', () => {
    // 🍯 is two UTF-16 units: 119 letters + 1 emoji is exactly Voso's 120, and one more letter is over.
    const name = `${'a'.repeat(119)}🍯`;
    const product = honeyProduct('CP', { name });
    expect(checkListingRules(vosoProfile, product)).toEqual([]);
    product.name = `b${name}`;
    expect(checkListingRules(vosoProfile, product).map((i) => i.rule)).toEqual(['title.max_chars']);
    product.description = `${product.description} Chữa khỏi bệnh tiểu đường.`;
    const rules = checkListingRules(postmartProfile, product).map((i) => i.rule);
    expect(rules).toContain('content.prohibited_claim');
  });

  it('the title limit differs per platform: 130 characters breaks Voso (120) but not Postmart (150)', () => {
    const name = `Mật ong ${'a'.repeat(122)}`;
    expect(checkListingRules(vosoProfile, honeyProduct('TL', { name })).map((i) => i.rule)).toEqual([
      'title.max_chars',
    ]);
    expect(checkListingRules(postmartProfile, honeyProduct('TL', { name }))).toEqual([]);
  });

  it('reports medical claims, missing images and out-of-range prices together, in both languages', () => {
    const product = honeyProduct('MC', {
      description: 'Mật ong rừng CHỮA BỆNH dạ dày hiệu quả.',
      images: [],
      variants: [
        { sku: 'MC-1', options: { 'Dung tích': '250ml' }, priceVnd: 500, stock: 1, weightGrams: 300 },
        {
          sku: 'MC-2',
          options: { 'Dung tích': '500ml' },
          priceVnd: 200_000,
          stock: 2_000_000,
          weightGrams: 600,
        },
      ],
    });
    const issues = checkListingRules(vosoProfile, product);
    expect(issues.map((i) => i.rule).sort()).toEqual(
      ['content.prohibited_claim', 'images.min_count', 'price.range', 'stock.max'].sort(),
    );
    const claim = issues.find((i) => i.rule === 'content.prohibited_claim')!;
    expect(claim).toMatchObject({ platform: 'voso', sku: 'MC-MO', code: 'listing.content.prohibited_claim' });
    expect(claim.messageVi).toContain('chữa bệnh');
    expect(claim.messageEn).toContain('medical claim');
    expect(issues.find((i) => i.rule === 'price.range')?.sku).toBe('MC-1');
  });

  it('checks tiers, option lengths and the platform SKU alphabet', () => {
    const profile = resolveProfile(VOSO_PROFILE, { rules: { maxVariantTiers: 1 } });
    const product = honeyProduct('TV', {
      sku: `TV-${'X'.repeat(55)}`,
      variants: [
        {
          sku: 'TV-1',
          options: { 'Dung tích': 'Chai thủy tinh 250 ml cao cấp', Loại: 'Rừng' },
          priceVnd: 100_000,
          stock: 1,
          weightGrams: 300,
        },
      ],
    });
    const rules = checkListingRules(profile, product).map((i) => i.rule);
    expect(rules).toEqual(
      expect.arrayContaining(['variants.max_tiers', 'variants.tier_option_chars', 'sku.pattern']),
    );
  });

  it('requires the profile-wide attributes, derived from the product when possible', () => {
    const profile = resolveProfile(VOSO_PROFILE, { rules: { requiredAttributes: ['ORIGIN', 'MATERIAL'] } });
    const issues = checkListingRules(profile, honeyProduct('RA'));
    expect(issues.map((i) => [i.rule, i.path])).toEqual([['attributes.required', 'attributes.MATERIAL']]);
    expect(
      checkListingRules(profile, honeyProduct('RA'), { categoryId: '1301', attributes: { MATERIAL: 'Mây' } }),
    ).toEqual([]);
  });
});

describe('checkListingRules with a product the model refuses (trial 3, defect 1)', () => {
  it.each([
    ['{sku}', { sku: 'X' }, 'name'],
    ['a variant without fields', { name: 'Mật ong rừng', sku: 'X', variants: [{}] }, 'variants.0.sku'],
  ])('%s → ValidationError naming the fields', (_label, product, path) => {
    const error = thrownBy(() => checkListingRules(vosoProfile, product as never), OcopConnectError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.kind).toBe('validation');
    expect(error.messageVi).toContain('product');
    expect(error.messageEn).toContain('product: does not match the product model');
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(path);
  });

  it('a product that is not an object is named in both texts', () => {
    const error = thrownBy(() => checkListingRules(vosoProfile, undefined as never), OcopConnectError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.messageVi).toContain('product');
    expect(error.messageEn).toContain('product');
  });
});
