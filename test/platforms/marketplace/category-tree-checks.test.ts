import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, ContractViolationError } from '../../../src/core/errors.js';
import type {
  MarketplaceProfileOverride,
  ProfileMarketplaceAdapter,
} from '../../../src/platforms/marketplace/index.js';
import { postmart } from '../../../src/platforms/postmart/index.js';
import { shopee } from '../../../src/platforms/shopee/index.js';
import { voso } from '../../../src/platforms/voso/index.js';
import { startPostmartSandbox, startShopeeSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';

/**
 * A category tree read with a wrong childrenPath / parentId / hasChildren / leaf path must never come
 * back as a quietly wrong tree (every category a root, every category a leaf, children lost): it is a
 * ContractViolationError naming the profile path to check.
 */
const retry = { initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 1000 };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function shopeeWith(profile?: MarketplaceProfileOverride): Promise<ProfileMarketplaceAdapter> {
  const sandbox = await startShopeeSandbox();
  const adapter = shopee({
    credentials: sandbox.credentials,
    baseUrl: sandbox.baseUrl,
    retry,
    ...(profile ? { profile } : {}),
  });
  closers.push(
    () => sandbox.close(),
    () => adapter.close(),
  );
  return adapter;
}

async function vosoWith(profile?: MarketplaceProfileOverride): Promise<ProfileMarketplaceAdapter> {
  const sandbox = await startVosoSandbox();
  const adapter = voso({
    credentials: { username: sandbox.credentials.username, password: sandbox.credentials.password },
    baseUrl: sandbox.baseUrl,
    retry,
    ...(profile ? { profile } : {}),
  });
  closers.push(
    () => sandbox.close(),
    () => adapter.close(),
  );
  return adapter;
}

async function postmartWith(profile?: MarketplaceProfileOverride): Promise<ProfileMarketplaceAdapter> {
  const sandbox = await startPostmartSandbox();
  const adapter = postmart({
    credentials: {
      username: sandbox.credentials.username,
      password: sandbox.credentials.password,
      customerCode: sandbox.credentials.customerCode!,
    },
    baseUrl: sandbox.baseUrl,
    retry,
    ...(profile ? { profile } : {}),
  });
  closers.push(
    () => sandbox.close(),
    () => adapter.close(),
  );
  return adapter;
}

async function violation(adapter: ProfileMarketplaceAdapter): Promise<string> {
  const error = await adapter.getCategories().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ContractViolationError);
  return (error as Error).message;
}

describe('category trees that do not hold together are refused, naming the path', () => {
  it('the right profiles give a coherent tree (parents exist, leaves and parents as the platform says)', async () => {
    for (const adapter of [await shopeeWith(), await vosoWith(), await postmartWith()]) {
      const tree = await adapter.getCategories();
      const ids = new Set(tree.map((c) => c.id));
      expect(tree.some((c) => c.leaf)).toBe(true);
      expect(tree.some((c) => !c.leaf)).toBe(true);
      for (const c of tree) if (c.parentId !== undefined) expect(ids.has(c.parentId)).toBe(true);
      // Every parent has a child, no leaf has one.
      for (const c of tree) expect(tree.some((x) => x.parentId === c.id)).toBe(!c.leaf);
    }
  });

  it('shopee: a mistyped hasChildren path (every category would be a leaf)', async () => {
    const message = await violation(await shopeeWith({ fields: { category: { hasChildren: 'has_child' } } }));
    expect(message).toContain('fields.category.hasChildren ("has_child")');
  });

  it('shopee: a mistyped parentId path (every category would be a root)', async () => {
    const message = await violation(await shopeeWith({ fields: { category: { parentId: 'parent_id' } } }));
    expect(message).toContain('says it has children but none are in the tree');
    expect(message).toContain('fields.category.parentId ("parent_id")');
  });

  it('shopee: a parentId path reading another field (orphans: parents that are not in the tree)', async () => {
    const message = await violation(await shopeeWith({ fields: { category: { parentId: 'has_children' } } }));
    expect(message).toMatch(/category \d+ has (true|false) at "has_children", not a parent id/);
    expect(message).toContain('fields.category.parentId ("has_children")');
  });

  it('voso: a mistyped childrenPath (children would be lost)', async () => {
    const message = await violation(
      await vosoWith({ pagination: { categories: { mode: 'tree', childrenPath: 'CHILDS' } } }),
    );
    expect(message).toContain('pagination.categories.childrenPath ("CHILDS")');
  });

  it('voso: a leaf path that reads another field', async () => {
    const message = await violation(await vosoWith({ fields: { category: { leaf: 'LEAF' } } }));
    expect(message).toContain('fields.category.leaf ("LEAF")');
  });

  it('postmart: a level whose parent field is missing or whose leaf flag is wrong', async () => {
    const parent = await violation(
      await postmartWith({ fields: { category: { parentId: 'maDanhMucGoc' } } }),
    );
    expect(parent).toContain('fields.category.parentId ("maDanhMucGoc")');
    const leaf = await violation(await postmartWith({ fields: { category: { leaf: 'laLa' } } }));
    expect(leaf).toContain('fields.category.leaf ("laLa")');
  });

  it('a parent read at a path holding an object or a list is named as such, never "[object Object]"', async () => {
    const message = await violation(await vosoWith({ fields: { category: { parentId: 'CHILDREN' } } }));
    expect(message).toMatch(/category \d+ has a list \(\d+ entries\) at "CHILDREN", not a parent id/);
    expect(message).not.toContain('[object Object]');
  });
});

describe('a nested tree whose children name no parent (Lazada): parentId null takes it from nesting', () => {
  it('voso with parentId: null reads the same tree as with PARENT_ID', async () => {
    const named = await (await vosoWith()).getCategories();
    const nested = await (await vosoWith({ fields: { category: { parentId: null } } })).getCategories();
    expect(nested).toEqual(named);
    expect(nested.some((c) => c.parentId !== undefined)).toBe(true);
  });

  it('a nested child without the named parent field says how to describe such a tree', async () => {
    const message = await violation(await vosoWith({ fields: { category: { parentId: 'PARENT' } } }));
    expect(message).toContain('has no "PARENT"');
    expect(message).toContain('fields.category.parentId: null');
  });

  it("parentId '' (the category itself) is refused when the adapter is built", async () => {
    const error = (() => {
      try {
        return voso({
          credentials: { username: 'htx', password: 'pw' },
          profile: { fields: { category: { parentId: '' } } },
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems.join('\n');
    expect(problems).toContain('fields.category.parentId');
    expect(problems).toContain('null when the parent comes from nesting');
  });
});
