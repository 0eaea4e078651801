import type { Command } from 'commander';
import {
  type Connector,
  DEFAULT_MIN_MATCH_CONFIDENCE,
  type StateStore,
  writeReviewSheet,
} from 'ocop-connect';
import { catalogFileOptions, splitPlatformNames } from '../catalog-check.js';
import { type CatalogFileOptions, ignoredColumns, readCatalogFile } from '../catalog-file.js';
import { configFileOf } from '../config.js';
import { type CommandContext, exitCodeOf } from '../context.js';
import { CliError } from '../errors.js';
import { type Lang, say } from '../i18n.js';
import { assertMayWrite, catalogAndConfig } from '../may-write.js';
import { MARKETPLACES, type MarketplaceName } from '../platform-types.js';
import { openPlatforms } from '../platforms.js';
import { hubOptions, hubTargetOf, withHubConnector } from './hub-connector.js';
import { onboardingStoreDir, sandboxShopOptions, withOnboardingConnector } from './onboarding-store.js';
import { runValidate } from './validate.js';

export interface MatchOptions extends CatalogFileOptions {
  to: string;
  out: string;
  /** Overwrite an existing review sheet (never the catalog or the config file). */
  force?: boolean;
  autoAccept?: string;
  minConfidence?: string;
  hub?: string;
  cooperative?: string;
}

/** `--to voso,postmart` → names; unknown names are a usage error. */
export function marketplaceNames(to: string): MarketplaceName[] {
  const { names, unknown } = splitPlatformNames(to);
  if (unknown.length > 0 || names.length === 0)
    throw new Error(`--to/--from: ${unknown.join(', ') || '(empty)'}: dùng/use ${MARKETPLACES.join(',')}`);
  return names as MarketplaceName[];
}

/**
 * "0.9", "0,9", "90%" or "90" → 0.9; the same rule for --auto-accept and --min-confidence. A bare number
 * above 1 is a percentage only when whole (90 = 90%): "1.5" could be 1.5 % or a mistyped 0.15 / 150 %,
 * and was silently read as 1.5 % (#19 trial 4): refused, with the two ways to write it.
 */
function ratio(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const percentSign = trimmed.endsWith('%');
  const number = Number(trimmed.replace(',', '.').replace(/%$/, ''));
  if (!percentSign && number > 1 && !Number.isInteger(number))
    throw new CliError('usage', {
      vi: `${name} "${text}": độ tin cậy phải từ 0 đến 1 (ví dụ 0.9); ${trimmed} lớn hơn 1 mà không phải số nguyên phần trăm — nếu là phần trăm, ghi "${trimmed}%"`,
      en: `${name} "${text}": a confidence must be from 0 to 1 (e.g. 0.9); ${trimmed} is above 1 and not a whole percentage — if you mean a percentage, write "${trimmed}%"`,
    });
  const value = percentSign || number > 1 ? number / 100 : number;
  if (trimmed === '' || !(value >= 0 && value <= 1))
    throw new CliError('usage', {
      vi: `${name} "${text}": ghi độ tin cậy từ 0 đến 1 (ví dụ 0.9) hoặc phần trăm (90%)`,
      en: `${name} "${text}": write a confidence from 0 to 1 (e.g. 0.9) or a percentage (90%)`,
    });
  return value;
}

const percent = (n: number) => `${Math.round(n * 100)}%`;

export async function runMatch(
  file: string,
  options: MatchOptions,
  { config, out }: CommandContext,
): Promise<number> {
  // Before anything is read or opened: the sheet is a .csv or .xlsx (what writeReviewSheet writes), and a
  // filled review sheet holds decisions, the catalog is the work.
  if (!/\.(csv|xlsx)$/i.test(options.out))
    throw new CliError('usage', {
      vi: `--out ${options.out}: bảng đối chiếu phải là tệp .csv hoặc .xlsx`,
      en: `--out ${options.out}: the review sheet must be a .csv or .xlsx file`,
    });
  await assertMayWrite(options.out, {
    option: '--out',
    force: options.force,
    protect: catalogAndConfig(file, configFileOf(config)),
  });
  const catalog = await readCatalogFile(file, {
    ...options,
    ignoreColumns: ignoredColumns(options, config.catalog?.ignoreColumns),
  });
  if (catalog.products.length === 0 && catalog.issues.length > 0)
    return runValidate(file, { ...options, offline: true }, { config, out, logger: undefined });
  const autoAcceptAt = ratio(options.autoAccept, '--auto-accept');
  const minConfidence = ratio(options.minConfidence, '--min-confidence');
  // Checked before any platform is opened, in the CLI's own words (not the library's option names).
  const lowest = minConfidence ?? DEFAULT_MIN_MATCH_CONFIDENCE;
  if (autoAcceptAt !== undefined && autoAcceptAt < lowest)
    throw new CliError('usage', {
      vi: `--auto-accept ${options.autoAccept} thấp hơn độ tin cậy tối thiểu để đề xuất (${percent(lowest)}): như vậy mọi đề xuất đều được tự đồng ý mà không ai xem lại. Dùng một giá trị từ ${percent(lowest)} đến 100% (1 = chỉ những tin khớp SKU), hoặc hạ --min-confidence; bỏ --auto-accept để xem lại từng đề xuất.`,
      en: `--auto-accept ${options.autoAccept} is below the lowest confidence proposed (${percent(lowest)}): every proposal would be accepted without anyone reviewing it. Use a value from ${percent(lowest)} to 100% (1 = SKU matches only), or lower --min-confidence; leave --auto-accept out to review every proposal.`,
    });
  const hubTarget = hubTargetOf(options);
  const matchWith = async (
    connector: Connector,
    store: StateStore,
    sandbox: boolean,
    kept: string,
  ): Promise<number> => {
    const linkHub = hubTarget ? ` --hub ${hubTarget.hub} --cooperative ${hubTarget.cooperative}` : '';
    const report = await connector.matchListings(catalog.products, {
      ...(autoAcceptAt !== undefined ? { autoAcceptAt } : {}),
      ...(minConfidence !== undefined ? { minConfidence } : {}),
    });
    // assertMayWrite decided above (an existing sheet only with --force).
    const rows = await writeReviewSheet(report.matches, options.out, { overwrite: true });
    out.json({
      ok: report.platforms.every((p) => !p.error && !p.unsupported),
      sandbox,
      sheet: options.out,
      rows,
      platforms: report.platforms.map(({ error, ...p }) => ({ ...p, error: error?.toJSON() })),
      matches: report.matches.map(({ listing, ...m }) => ({
        ...m,
        remoteId: listing.remoteId,
        title: listing.title,
      })),
      unmatchedProducts: report.unmatchedProducts,
    });
    const en = out.options.lang === 'en';
    // Each listing in exactly one of linked / by SKU / by name / below the threshold / duplicate / no
    // match (they add up to the listings); "auto-accept" and "to review" split the new proposals.
    out.table(
      en
        ? [
            'platform',
            'listings',
            'already linked',
            'by SKU',
            'by name',
            'below threshold',
            'duplicates',
            'no match',
            'auto-accept',
            'to review',
          ]
        : [
            'sàn',
            'tin đăng',
            'đã liên kết',
            'theo SKU',
            'theo tên',
            'dưới ngưỡng',
            'trùng lặp',
            'không khớp',
            'tự đồng ý',
            'cần xem',
          ],
      report.platforms.map((p) => {
        const mine = report.matches.filter((m) => m.platform === p.platform && m.account === p.account);
        const open = mine.filter((m) => !m.linkedTo && !m.duplicateOf);
        const fresh = open.filter((m) => m.productSku);
        return [
          p.platform,
          p.listings,
          mine.filter((m) => m.linkedTo).length,
          fresh.filter((m) => m.method === 'sku').length,
          fresh.filter((m) => m.method === 'name').length,
          open.filter((m) => !m.productSku && m.candidate).length,
          mine.filter((m) => m.duplicateOf && !m.linkedTo).length,
          open.filter((m) => !m.productSku && !m.candidate).length,
          fresh.filter((m) => m.suggestion === 'accept' && !m.rejectedBefore).length,
          fresh.filter((m) => m.suggestion === 'review' && !m.rejectedBefore).length,
        ];
      }),
    );
    out.say(
      'tin đăng = đã liên kết + theo SKU + theo tên + dưới ngưỡng + trùng lặp + không khớp; tự đồng ý + cần xem = đề xuất mới (theo SKU + theo tên, trừ tin đã từ chối trước đây). Tin "dưới ngưỡng" giống một sản phẩm nhưng chưa đủ tin cậy: vẫn phải quyết định.',
      'listings = already linked + by SKU + by name + below threshold + duplicates + no match; auto-accept + to review = new proposals (by SKU + by name, less those rejected before). A "below threshold" listing resembles a product without reaching the threshold: it still needs a decision.',
    );
    for (const p of report.platforms) {
      if (p.error) out.line(`✗ ${p.platform}: ${p.error.message}`);
      if (p.unsupported)
        out.say(`✗ ${p.platform}: sàn không cho tải tin đăng`, `✗ ${p.platform}: cannot download listings`);
    }
    for (const u of report.unmatchedProducts)
      out.say(
        u.active
          ? `• ${u.platform}: ${u.sku} ${u.name} — chưa có trên sàn, lần đăng tới sẽ tạo mới`
          : `• ${u.platform}: ${u.sku} ${u.name} — chưa có trên sàn (ngừng bán: không tạo)`,
        u.active
          ? `• ${u.platform}: ${u.sku} ${u.name} — not listed yet; the next list run creates it`
          : `• ${u.platform}: ${u.sku} ${u.name} — not listed (inactive: not created)`,
      );
    // Below the threshold is not "not on the platform": said per product, with the listing to decide on.
    for (const m of report.matches) {
      if (m.productSku || !m.candidate || m.duplicateOf || m.linkedTo || m.rejectedBefore) continue;
      const c = m.candidate;
      out.say(
        `• ${m.platform}: ${c.productSku} ${c.productName} — tin ${m.listing.remoteId} "${m.listing.title}" giống ${percent(c.confidence)} (dưới ngưỡng): chưa tạo mới; ghi "đồng ý" hoặc "tạo mới" trong bảng đối chiếu`,
        `• ${m.platform}: ${c.productSku} ${c.productName} — listing ${m.listing.remoteId} "${m.listing.title}" resembles it at ${percent(c.confidence)} (below the threshold): not created; write "đồng ý" (link) or "tạo mới" (new) in the review sheet`,
      );
    }
    // What the store now holds back from `list` (products already linked or rejected are not): counted
    // as products and platforms, not product × platform pairs.
    const heldSkus = new Set<string>();
    const heldPlatforms = new Set<string>();
    let pairs = 0;
    for (const p of report.platforms)
      for (const record of await store.listLinkProposals(p.platform, p.account))
        if (record.pending.length > 0) {
          heldSkus.add(record.sku);
          heldPlatforms.add(p.platform);
          pairs++;
        }
    if (pairs > 0) {
      const where = `${heldSkus.size} sản phẩm trên ${heldPlatforms.size} sàn`;
      const whereEn = `${heldSkus.size} ${heldSkus.size === 1 ? 'product' : 'products'} on ${heldPlatforms.size} ${heldPlatforms.size === 1 ? 'platform' : 'platforms'}`;
      const pairNote = pairs > heldSkus.size ? ` (${pairs} cặp sản phẩm × sàn)` : '';
      const pairNoteEn = pairs > heldSkus.size ? ` (${pairs} product × platform pairs)` : '';
      out.say(
        `⏸ ${where}${pairNote} có tin đăng được đề xuất: lệnh list sẽ KHÔNG tạo mới chúng ở đó cho đến khi bạn quyết định (đồng ý = liên kết, tạo mới = không phải sản phẩm này). Đề xuất được lưu trong ${kept}.`,
        `⏸ ${whereEn}${pairNoteEn} have a proposed listing: list will NOT create them there until you decide (đồng ý = link, tạo mới = new, not this product). Proposals are kept in ${kept}.`,
      );
    }
    out.say(
      `Đã ghi ${rows} dòng vào ${options.out}. Điền cột "Quyết định" (đồng ý / tạo mới / để sau), rồi chạy: ocop-connect link ${options.out} --catalog <danh mục>${linkHub}`,
      `Wrote ${rows} rows to ${options.out}. Fill in "Quyết định" (đồng ý = link / tạo mới = new / để sau = later), then run: ocop-connect link ${options.out} --catalog <catalog>${linkHub}`,
    );
    return report.platforms.some((p) => p.error) ? 1 : 0;
  };
  // A hub's cooperative: its accounts from the hub file, its proposals in its PostgreSQL scope, where
  // the workers' publish jobs look for them.
  if (hubTarget)
    return withHubConnector(hubTarget, (connector, store) =>
      matchWith(connector, store, false, `PostgreSQL (HTX/cooperative ${hubTarget.cooperative})`),
    );
  // Without credentials: sandboxes that already hold the hand-made listings of the seeds catalog.
  const platforms = await openPlatforms(
    config,
    { marketplaces: marketplaceNames(options.to), carrier: false },
    undefined,
    await sandboxShopOptions(config),
  );
  if (platforms.sandbox)
    out.say(
      '⚠ Không có thông tin đăng nhập: đối chiếu với SANDBOX có sẵn các tin đăng nhập tay mẫu (seeds/), không phải sàn thật.',
      '⚠ No credentials: matching against the SANDBOX preloaded with sample hand-made listings (seeds/), not the real platforms.',
    );
  // The proposals are kept in the project's store (the sandbox's own folder in sandbox mode): until each
  // is linked or rejected, `list` does not create the product it names.
  return withOnboardingConnector(config, platforms, (connector, store) =>
    matchWith(connector, store, platforms.sandbox, onboardingStoreDir(config, platforms.sandbox)),
  );
}

export function registerMatch(program: Command, lang: Lang): void {
  const catalogFile = catalogFileOptions(lang);
  const command = program.command('match');
  hubOptions(command, lang);
  command
    .description(
      say(lang, 'đối chiếu tin đăng sẵn có trên sàn với danh mục', 'match existing listings to the catalog'),
    )
    .argument('<catalog>', say(lang, 'tệp danh mục (CSV, XLSX, JSON)', 'catalog file (CSV, XLSX, JSON)'))
    .option('--to <platforms>', say(lang, 'sàn', 'platforms'), 'voso,postmart')
    .option(
      '--out <file>',
      say(lang, 'bảng đối chiếu (.xlsx hoặc .csv)', 'review sheet (.xlsx or .csv)'),
      'doi-chieu.xlsx',
    )
    .option(
      '--force',
      say(
        lang,
        'ghi đè bảng đối chiếu đã có (mọi quyết định đã điền sẽ mất; không bao giờ ghi đè danh mục)',
        'overwrite an existing review sheet (decisions filled in are lost; never the catalog)',
      ),
    )
    .option(
      '--auto-accept <ratio>',
      say(
        lang,
        'tự đồng ý từ độ tin cậy này (vd. 1 = chỉ khi trùng SKU)',
        'auto-accept at this confidence (e.g. 1 = SKU only)',
      ),
    )
    .option(
      '--min-confidence <ratio>',
      say(
        lang,
        'độ tin cậy tối thiểu để đề xuất (mặc định 0.55)',
        'lowest confidence proposed (default 0.55)',
      ),
    )
    .addOption(catalogFile.sheet)
    .addOption(catalogFile.delimiter)
    .addOption(catalogFile.ignoreColumns)
    .action(exitCodeOf(runMatch));
}
