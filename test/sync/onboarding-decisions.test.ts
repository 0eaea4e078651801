import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { ValidationError } from '../../src/core/errors.js';
import { InvalidRecordError } from '../../src/store/errors.js';
import { createFileStore } from '../../src/store/file-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { readReviewSheet } from '../../src/sync/onboarding/review-sheet.js';
import type { LinkDecision, ListingMatch } from '../../src/sync/onboarding/types.js';
import {
  CATEGORIES,
  createImagePreparer,
  loadSeedCatalog,
  type Platforms,
  startPlatforms,
} from './helpers.js';

const decisionOf = (m: ListingMatch): LinkDecision => ({
  platform: m.platform,
  account: m.account,
  remoteId: m.listing.remoteId,
  accept: true,
  productSku: m.productSku!,
  variants: Object.fromEntries(m.variants.filter((v) => v.offerSku).map((v) => [v.remoteId, v.offerSku!])),
});

describe('publish holds back products whose proposed listing awaits a decision', () => {
  let platforms: Platforms;
  let store: StateStore;
  let connector: Connector;

  beforeEach(async () => {
    platforms = await startPlatforms({ sandbox: { handMadeListings: 'ocop-seeds', rateLimitRps: false } });
    store = createMemoryStore();
    connector = createConnector({
      marketplaces: platforms.adapters,
      store,
      categories: CATEGORIES,
      images: createImagePreparer({ concurrency: 2 }),
    });
  });
  afterEach(async () => {
    await connector.close();
    await platforms.close();
  });

  it('the README recipe (accept ≥ 0.8) leaves proposals below it undecided: publish creates none of them; "new" releases one', async () => {
    const catalog = loadSeedCatalog();
    const report = await connector.matchListings(catalog);
    const below = report.matches.filter((m) => m.productSku && !m.duplicateOf && m.confidence < 0.8);
    // The 200 g shrimp-paste jar on Voso: the catalog's product, another pack (confidence capped).
    const jar = below.find((m) => m.platform === 'voso' && m.productSku === 'VL-MR')!;
    expect(jar.reasons.map((r) => r.code)).toContain('pack-conflict');
    // The proposal is in the store as soon as match has run.
    expect(
      await store.getLinkProposal({ platform: 'voso', account: 'htx-demo', sku: 'VL-MR' }),
    ).toMatchObject({
      pending: [{ remoteId: jar.listing.remoteId, title: jar.listing.title }],
      rejected: [],
    });

    const accepted = report.matches.filter((m) => m.productSku && !m.duplicateOf && m.confidence >= 0.8);
    const linked = await connector.linkListings(accepted.map(decisionOf), { catalog });
    expect(linked.ok).toBe(true);
    const vosoBefore = platforms.vosoSandbox.state.listings().length;
    const published = await connector.publish(catalog);

    const held = published.items.filter((i) => i.outcome === 'held');
    expect(held.map((i) => `${i.platform}:${i.sku}`).sort()).toEqual(
      below.map((m) => `${m.platform}:${m.productSku}`).sort(),
    );
    const item = held.find((i) => i.platform === 'voso' && i.sku === 'VL-MR')!;
    expect(item.action).toBe('skip');
    expect(item.issues![0]!.code).toBe('link.pending');
    expect(item.issues![0]!.messageVi).toContain('chờ xác nhận liên kết');
    expect(item.issues![0]!.messageVi).toContain(jar.listing.remoteId);
    expect(item.issues![0]!.messageEn).toContain('awaiting link decision');
    expect(published.ok).toBe(false);
    expect(published.platforms.find((p) => p.platform === 'voso')!.held).toBe(1);
    // Nothing was created on Voso: the hand-made jar listing is still the only shrimp paste.
    expect(published.items.filter((i) => i.outcome === 'created')).toEqual([]);
    expect(platforms.vosoSandbox.state.listings()).toHaveLength(vosoBefore);
    expect(platforms.vosoSandbox.state.listings().filter((l) => /mắm ruốc/i.test(l.title))).toHaveLength(1);

    // The person says the jar is NOT the catalog's product ("tạo mới"): the next publish creates it.
    const rejected = await connector.linkListings([
      { platform: 'voso', remoteId: jar.listing.remoteId, accept: false, productSku: 'VL-MR' },
    ]);
    expect(rejected.items.map((i) => i.outcome)).toEqual(['rejected']);
    expect(rejected.items[0]!.messageVi).toBe(
      'Không liên kết: tin đăng giữ nguyên (không bị xoá); VL-MR không còn chờ tin này: lần đăng tới sẽ tạo mới',
    );
    expect(rejected.items[0]!.message).toContain(
      'VL-MR no longer waits for this listing: the next publish creates it',
    );
    // A new match run remembers the rejection: the product is not held again, and the listing is
    // shown as decided.
    const rerun = await connector.matchListings(catalog);
    expect(rerun.matches.find((m) => m.listing.remoteId === jar.listing.remoteId)!.rejectedBefore).toBe(true);
    expect(rerun.matches.filter((m) => m.rejectedBefore)).toHaveLength(1);
    expect(
      (await store.getLinkProposal({ platform: 'voso', account: 'htx-demo', sku: 'VL-MR' }))?.pending,
    ).toEqual([]);
    const again = await connector.publish(catalog);
    const created = again.items.filter((i) => i.outcome === 'created').map((i) => `${i.platform}:${i.sku}`);
    expect(created).toEqual(['voso:VL-MR']);
    expect(again.items.filter((i) => i.outcome === 'held')).toEqual([]);
    expect(platforms.vosoSandbox.state.listings()).toHaveLength(vosoBefore + 1);
  }, 120_000);

  it('linking the held listing releases it as an update, never a create', async () => {
    const catalog = loadSeedCatalog();
    const report = await connector.matchListings(catalog);
    const oil = report.matches.find((m) => m.platform === 'voso' && m.productSku === 'VL-DL')!;
    const dry = await connector.publish(catalog, { dryRun: true });
    // Every product with an undecided proposal is held, on each platform; none is planned as a create.
    expect(dry.items.filter((i) => i.action === 'create')).toEqual([]);
    expect(dry.items.find((i) => i.platform === 'voso' && i.sku === 'VL-DL')!.outcome).toBe('held');

    const result = await connector.linkListings([decisionOf(oil)], { catalog });
    expect(result.items.map((i) => i.outcome)).toEqual(['linked']);
    expect(
      await store.getLinkProposal({ platform: 'voso', account: 'htx-demo', sku: 'VL-DL' }),
    ).toBeUndefined();
    const after = await connector.publish(catalog, { dryRun: true });
    expect(after.items.find((i) => i.platform === 'voso' && i.sku === 'VL-DL')!.action).toBe('update');
  }, 60_000);

  it('link notes come in Vietnamese and English', async () => {
    const report = await connector.matchListings(loadSeedCatalog());
    const tea = report.matches.find((m) => m.listing.title === 'Trà rau má Vĩnh Khê')!;
    const result = await connector.linkListings(
      [decisionOf(tea), { ...decisionOf(tea), productSku: 'VL-KHONG-CO', remoteId: '999999' }],
      { setSellerSku: false, catalog: loadSeedCatalog() },
    );
    expect(result.items[0]!.outcome).toBe('sku-mismatch');
    expect(result.items[0]!.messageVi).toContain('SKU của tin đăng khác danh mục');
    expect(result.items[0]!.message).toContain("The listing's SKUs differ");
    expect(result.items[1]!.messageVi).toContain('không có trong cửa hàng');
    expect(result.items[1]!.message).toContain('is not in the postmart shop');
  });
});

describe('review sheet decisions', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocop-review-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sheet = (decisions: string[]) => {
    const path = join(dir, 'review.csv');
    const rows = decisions.map((d, i) => `voso,htx-demo,${100 + i},${500 + i},VL-MO,,${d}`);
    writeFileSync(
      path,
      `\ufeffSàn,Tài khoản,Mã tin đăng,Mã biến thể trên sàn,Mã sản phẩm,Mã SKU phân loại,Quyết định\n${rows.join('\n')}\n`,
    );
    return path;
  };

  it('reads the documented words in Vietnamese and English, with or without accents and case', async () => {
    const read = await readReviewSheet(
      sheet(['Đồng ý', 'LINK', 'liên kết', 'tạo mới', 'New', 'tu choi', 'để sau', 'later', '']),
    );
    expect(read.decisions.map((d) => [d.remoteId, d.accept])).toEqual([
      ['100', true],
      ['101', true],
      ['102', true],
      ['103', false],
      ['104', false],
      ['105', false],
    ]);
    expect(read.undecided.map((u) => u.remoteId)).toEqual(['106', '107', '108']);
  });

  it('refuses "?" and any other word, naming row and column, and decides nothing', async () => {
    const error = await readReviewSheet(sheet(['đồng ý', '?', 'maybe'])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [3, 'Quyết định'],
      [4, 'Quyết định'],
    ]);
    expect(issues[0]!.messageVi).toContain('"?" không hiểu được');
    expect(issues[0]!.messageVi).toContain('tạo mới');
    expect(issues[1]!.messageEn).toContain('cannot read "maybe"');
    expect(issues[1]!.messageEn).toContain('new');
  });
});

describe('link proposals in the store', () => {
  it('survive a restart of a file store, and a malformed one is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocop-proposals-'));
    try {
      const first = await createFileStore({ dir });
      await first.putLinkProposal({
        platform: 'voso',
        account: 'htx',
        sku: 'VL-MR',
        pending: [{ remoteId: '100013', title: 'Mắm ruốc Cửa Tùng hũ 200g', confidence: 0.6 }],
        rejected: ['100020'],
      });
      await expect(
        first.putLinkProposal({
          platform: 'voso',
          account: 'htx',
          sku: 'VL-MO',
          pending: [{ remoteId: '1', title: 'x', confidence: 7 }],
          rejected: [],
        }),
      ).rejects.toBeInstanceOf(InvalidRecordError);
      await first.close();
      const second = await createFileStore({ dir });
      expect(await second.listLinkProposals('voso', 'htx')).toMatchObject([
        { sku: 'VL-MR', pending: [{ remoteId: '100013', confidence: 0.6 }], rejected: ['100020'] },
      ]);
      expect(await second.deleteLinkProposal({ platform: 'voso', account: 'htx', sku: 'VL-MR' })).toBe(true);
      expect(await second.listLinkProposals('voso', 'htx')).toEqual([]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
