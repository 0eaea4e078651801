/**
 * Trial 3, defects 1 and 6: checkListingRules given a partial product, and shopee() given no options,
 * answer with a bilingual OcopConnectError naming the argument — never a TypeError.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, OcopConnectError, ValidationError } from '../../../src/index.js';
import { checkListingRules } from '../../../src/platforms/marketplace/index.js';
import { resolveProfile } from '../../../src/platforms/marketplace/profile.js';
import { shopee } from '../../../src/platforms/shopee/index.js';
import { VOSO_PROFILE, voso } from '../../../src/platforms/voso/index.js';

const vosoProfile = resolveProfile(VOSO_PROFILE);

function caught(run: () => unknown): OcopConnectError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OcopConnectError);
    return error as OcopConnectError;
  }
  throw new Error('expected a throw');
}

describe('checkListingRules with a product the model refuses (trial 3, defect 1)', () => {
  it.each([
    ['{sku}', { sku: 'X' }, 'name'],
    ['a variant without fields', { name: 'Mật ong rừng', sku: 'X', variants: [{}] }, 'variants.0.sku'],
  ])('%s → ValidationError naming the fields', (_label, product, path) => {
    const error = caught(() => checkListingRules(vosoProfile, product as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.kind).toBe('validation');
    expect(error.messageVi).toContain('product');
    expect(error.messageEn).toContain('product: does not match the product model');
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(path);
  });

  it('a product that is not an object is named in both texts', () => {
    const error = caught(() => checkListingRules(vosoProfile, undefined as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.messageVi).toContain('product');
    expect(error.messageEn).toContain('product');
  });
});

describe('shopee() without options (trial 3, defect 6)', () => {
  it('is the bilingual ConfigurationError voso() gives', () => {
    const fromShopee = caught(() => shopee(undefined as never));
    const fromVoso = caught(() => voso(undefined as never));
    expect(fromShopee).toBeInstanceOf(ConfigurationError);
    expect(fromShopee.kind).toBe('configuration');
    expect(fromShopee.messageVi).toContain('shopee');
    expect(fromShopee.messageEn).toContain('shopee');
    // The same head problem as voso(); the credential fields each profile needs follow.
    const missing = 'credentials: bắt buộc nhưng chưa có / credentials: is required but missing';
    expect((fromVoso as ConfigurationError).problems[0]).toBe(missing);
    expect((fromShopee as ConfigurationError).problems[0]).toBe(missing);
  });
});
