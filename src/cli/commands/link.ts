import type { Command } from 'commander';
import { type Connector, readCatalog, readReviewSheet, ValidationError } from 'ocop-connect';
import { type CommandContext, exitCodeOf } from '../context.js';
import { type Lang, say } from '../i18n.js';
import type { MarketplaceName } from '../platform-types.js';
import { openPlatforms } from '../platforms.js';
import { hubOptions, hubTargetOf, withHubConnector } from './hub-connector.js';
import { onboardingStoreDir, sandboxShopOptions, withOnboardingConnector } from './onboarding-store.js';

export interface LinkOptions {
  catalog?: string;
  setSku: boolean;
  hub?: string;
  cooperative?: string;
}

const OUTCOME_VI = {
  linked: 'đã liên kết',
  rejected: 'từ chối',
  'sku-mismatch': 'SKU khác',
  failed: 'lỗi',
} as const;

export async function runLink(
  file: string,
  options: LinkOptions,
  { config, out }: CommandContext,
): Promise<number> {
  const en = out.options.lang === 'en';
  const sheet = await readReviewSheet(file);
  const catalog = options.catalog ? await readCatalog(options.catalog) : undefined;
  const wanted = [...new Set(sheet.decisions.map((d) => d.platform))].filter(
    (p): p is MarketplaceName => p === 'voso' || p === 'postmart',
  );
  const unknown = sheet.decisions.filter((d) => d.platform !== 'voso' && d.platform !== 'postmart');
  if (unknown.length > 0) {
    // Linking is for the marketplaces whose listings a match proposes: a sheet naming another (or a
    // mistyped) platform is refused whole, row by row, before anything is opened or written.
    const names = [...new Set(unknown.map((d) => d.platform))];
    const rows = sheet.rows.filter((r) => names.includes(r.platform));
    throw new ValidationError(
      {
        vi: `Bảng đối chiếu ghi sàn không liên kết được: ${names.join(', ')} (chỉ voso, postmart)`,
        en: `The review sheet names a platform that cannot be linked: ${names.join(', ')} (only voso, postmart)`,
      },
      rows.map((r) => ({
        path: `row ${r.row}.Sàn`,
        code: 'unknown-platform',
        row: r.row,
        column: 'Sàn',
        platform: r.platform,
        value: r.platform,
        messageVi: `dòng ${r.row}, cột "Sàn": sàn "${r.platform}" không liên kết được (chỉ voso, postmart)`,
        messageEn: `row ${r.row}, column "Sàn": platform "${r.platform}" cannot be linked (only voso, postmart)`,
      })),
    );
  }
  if (wanted.length === 0) {
    out.say('Không có tin đăng nào đã quyết định.', 'No listing has a decision yet.');
    return sheet.undecided.length > 0 ? 1 : 0;
  }
  const linkWith = async (connector: Connector, sandbox: boolean): Promise<number> => {
    const result = await connector.linkListings(sheet.decisions, {
      setSellerSku: options.setSku,
      ...(catalog ? { catalog: catalog.products } : {}),
    });
    // Variants an accepted link left out (no "Mã SKU phân loại"): the next publish drops them from the
    // listing, so each is named by its sheet row — never dropped silently.
    const rowOf = (platform: string, remoteId: string, variantId: string) =>
      sheet.rows.find((r) => r.platform === platform && r.remoteId === remoteId && r.variantId === variantId);
    const leftOut = result.items.flatMap((i) =>
      (i.unlinkedVariants ?? []).map((variantId) => {
        const row = rowOf(i.platform, i.remoteId, variantId);
        return {
          platform: i.platform,
          remoteId: i.remoteId,
          productSku: i.productSku ?? '',
          variantId,
          label: row?.label ?? '',
          ...(row ? { row: row.row } : {}),
        };
      }),
    );
    const missing = result.items.flatMap((i) =>
      (i.missingOffers ?? []).map((offerSku) => ({ platform: i.platform, remoteId: i.remoteId, offerSku })),
    );
    out.json({
      ok: result.ok && sheet.undecided.length === 0,
      sandbox,
      items: result.items.map(({ error, ...i }) => ({ ...i, error: error?.toJSON() })),
      undecided: sheet.undecided,
      unlinkedListings: result.unlinkedListings,
      unlinkedVariants: leftOut,
    });
    out.table(
      en
        ? ['platform', 'listing', 'product', 'outcome', 'note']
        : ['sàn', 'tin đăng', 'sản phẩm', 'kết quả', 'ghi chú'],
      result.items.map((i) => [
        i.platform,
        i.remoteId,
        i.productSku ?? '',
        en ? i.outcome : OUTCOME_VI[i.outcome],
        (en ? i.message : (i.messageVi ?? i.message)) ??
          (i.skusWritten ? `SKU → ${i.skusWritten.join(', ')}` : ''),
      ]),
    );
    for (const v of leftOut) {
      const where = v.row !== undefined ? (en ? `row ${v.row}` : `dòng ${v.row}`) : '';
      out.say(
        `⚠ ${where ? `${where}: ` : ''}phân loại "${v.label || v.variantId}" (${v.variantId}) của tin ${v.platform} ${v.remoteId} KHÔNG được liên kết (không có mã SKU phân loại của ${v.productSku}): lần đăng tới sẽ bỏ phân loại này khỏi tin. Muốn giữ: điền "Mã SKU phân loại" rồi chạy link lại.`,
        `⚠ ${where ? `${where}: ` : ''}variant "${v.label || v.variantId}" (${v.variantId}) of ${v.platform} listing ${v.remoteId} was NOT linked (no variant SKU of ${v.productSku}): the next publish drops it from the listing. To keep it, fill "Mã SKU phân loại" and run link again.`,
      );
    }
    for (const m of missing)
      out.say(
        `• tin ${m.platform} ${m.remoteId} chưa có phân loại ${m.offerSku}: lần đăng tới sẽ thêm vào.`,
        `• ${m.platform} listing ${m.remoteId} lacks ${m.offerSku}: the next publish adds it.`,
      );
    for (const u of sheet.undecided)
      out.say(
        `• dòng ${u.row}: tin ${u.platform} ${u.remoteId} chưa có quyết định — để nguyên`,
        `• row ${u.row}: ${u.platform} listing ${u.remoteId} has no decision — left alone`,
      );
    // Every listing left unlinked: those of the downloaded shops no decision linked, and those the sheet
    // refused or could not link (a "tạo mới" row downloads nothing, so the library's list lacks them).
    const key = (platform: string, remoteId: string) => `${platform}\u0000${remoteId}`;
    const linked = new Set(
      result.items.filter((i) => i.outcome === 'linked').map((i) => key(i.platform, i.remoteId)),
    );
    const notLinked = new Set(
      [
        ...result.unlinkedListings.map((l) => key(l.platform, l.remoteId)),
        ...result.items.filter((i) => i.outcome !== 'linked').map((i) => key(i.platform, i.remoteId)),
      ].filter((k) => !linked.has(k)),
    );
    out.say(
      `${notLinked.size} tin đăng không được liên kết: giữ nguyên trên sàn (không bị xoá).`,
      `${notLinked.size} listings are not linked: kept on the platform as they are (never deleted).`,
    );
    return result.ok && sheet.undecided.length === 0 ? 0 : 1;
  };
  // A hub's cooperative: its accounts from the hub file, its links in its PostgreSQL scope.
  const hubTarget = hubTargetOf(options);
  if (hubTarget) return withHubConnector(hubTarget, (connector) => linkWith(connector, false));
  const platforms = await openPlatforms(
    config,
    { marketplaces: wanted, carrier: false },
    undefined,
    await sandboxShopOptions(config),
  );
  if (platforms.sandbox)
    out.say(
      `⚠ SANDBOX: liên kết với các tin đăng nhập tay mẫu, lưu trong ${onboardingStoreDir(config, true)} (riêng cho sandbox, không dùng khi chạy thật).`,
      `⚠ SANDBOX: linking the sample hand-made listings; links are kept in ${onboardingStoreDir(config, true)} (sandbox only, never used in real mode).`,
    );
  return withOnboardingConnector(config, platforms, (connector) => linkWith(connector, platforms.sandbox));
}

export function registerLink(program: Command, lang: Lang): void {
  const command = program.command('link');
  hubOptions(command, lang);
  command
    .description(
      say(
        lang,
        'liên kết các tin đăng đã đồng ý trong bảng đối chiếu',
        'link the accepted listings of a review sheet',
      ),
    )
    .argument(
      '<review>',
      say(lang, 'bảng đối chiếu đã điền (.xlsx hoặc .csv)', 'filled review sheet (.xlsx or .csv)'),
    )
    // Required: without the catalog a mistyped SKU in the sheet would be linked and written to the shop.
    .requiredOption(
      '--catalog <file>',
      say(lang, 'danh mục để kiểm tra mã (bắt buộc)', 'catalog to check the SKUs against (required)'),
    )
    .option('--no-set-sku', say(lang, 'không ghi SKU lên sàn', 'do not write seller SKUs to the platform'))
    .action(exitCodeOf(runLink));
}
