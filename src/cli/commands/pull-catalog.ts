import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createConnector, createMemoryStore } from 'ocop-connect';
import { categoriesFor } from '../catalog-check.js';
import { type CommandContext, exitCodeOf } from '../context.js';
import { CliError, EXIT, errorDocument } from '../errors.js';
import { type Lang, say } from '../i18n.js';
import { openPlatforms } from '../platforms.js';
import { marketplaceNames } from './match.js';

export interface PullCatalogOptions {
  from: string;
  out: string;
  force?: boolean;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export async function runPullCatalog(
  options: PullCatalogOptions,
  { config, out }: CommandContext,
): Promise<number> {
  const en = out.options.lang === 'en';
  const names = marketplaceNames(options.from);
  if (names.length !== 1)
    throw new CliError('usage', {
      vi: `--from: chỉ một sàn (voso hoặc postmart), không phải "${options.from}"`,
      en: `--from: one platform (voso or postmart), not "${options.from}"`,
    });
  // A catalog someone has been filling in (producer, certificates) is worth more than a fresh pull: as
  // `init`, refuse to overwrite it unless asked, before anything is downloaded (#19 trial 3).
  const base = join(options.out, `danh-muc-${names[0]}`);
  const existing = [];
  for (const path of [`${base}.csv`, `${base}.xlsx`]) if (await exists(path)) existing.push(path);
  if (existing.length > 0 && !options.force) {
    const list = existing.join(', ');
    const message = {
      vi: `Không ghi đè tệp đã có: ${list}. Dùng --force để ghi đè (mọi chỉnh sửa trong tệp sẽ mất), hoặc chọn thư mục khác với --out.`,
      en: `Not overwriting existing files: ${list}. Use --force to overwrite (every edit in them is lost), or choose another folder with --out.`,
    };
    out.json({ existing, ...errorDocument({ code: 'exists', text: message, exitCode: EXIT.problems }) });
    process.stderr.write(`✗ ${en ? message.en : message.vi}\n`);
    return EXIT.problems;
  }
  const platforms = await openPlatforms(config, { marketplaces: names, carrier: false }, undefined, {
    handMadeListings: 'ocop-seeds',
  });
  if (platforms.sandbox)
    out.say(
      '⚠ Không có thông tin đăng nhập: lấy từ SANDBOX có sẵn các tin đăng nhập tay mẫu, không phải sàn thật.',
      '⚠ No credentials: pulling from the SANDBOX preloaded with sample hand-made listings, not the real platform.',
    );
  // The category map `list` will use: the file's "Danh mục" is written as the category it maps.
  const connector = createConnector({
    marketplaces: platforms.marketplaces,
    store: createMemoryStore(),
    categories: categoriesFor(config, platforms.sandbox),
  });
  try {
    const result = await connector.exportCatalog(names[0]!, { dir: options.out });
    out.json({ ok: true, sandbox: platforms.sandbox, ...result });
    out.say(
      `Đã tạo danh mục từ ${result.products} tin đăng (${result.rows} dòng):`,
      `Built a catalog from ${result.products} listings (${result.rows} rows):`,
    );
    out.line(`  ${result.files.xlsx}`);
    out.line(`  ${result.files.csv}`);
    if (result.unfilled.length > 0) {
      out.say(
        'Các cột sàn không có, cần điền (tô vàng trong tệp XLSX):',
        'Columns the marketplace does not hold, to fill in (yellow in the XLSX):',
      );
      for (const u of result.unfilled) {
        out.line(`  • ${u.header} (${u.skus.length})`);
        for (const r of u.reasons ?? [])
          out.say(
            `      dòng ${r.row} (${r.sku}): ${r.reason}`,
            `      row ${r.row} (${r.sku}): ${r.reason}`,
          );
      }
    }
    if (result.imagesDownloaded > 0)
      out.say(
        `Ảnh: ${result.imagesDownloaded} ảnh đã tải về ${join(options.out, 'images')} (cột "Ảnh" ghi đường dẫn tệp).`,
        `Images: ${result.imagesDownloaded} downloaded into ${join(options.out, 'images')} (the "Ảnh" column names the files).`,
      );
    for (const missed of result.imagesNotDownloaded)
      out.say(
        `⚠ Dòng ${missed.row} (${missed.sku}), cột "Ảnh": không tải được ảnh ${missed.url} (${missed.reason}) — ảnh này không được ghi vào tệp, hãy thêm tệp ảnh`,
        `⚠ Row ${missed.row} (${missed.sku}), column "Ảnh": could not download image ${missed.url} (${missed.reason}) — it is left out of the file, add an image file`,
      );
    for (const c of result.unmappedCategories)
      out.say(
        `⚠ Danh mục "${c.name}" (${names[0]} ${c.categoryId}) chưa có trong bảng danh mục của cấu hình (${c.skus.length} sản phẩm): thêm "categories": { "${c.name}": { "${names[0]}": { "categoryId": "${c.categoryId}" } } } vào tệp cấu hình, hoặc đổi cột "Danh mục" sang một danh mục đã có`,
        `⚠ Category "${c.name}" (${names[0]} ${c.categoryId}) is not in the config's category map (${c.skus.length} products): add "categories": { "${c.name}": { "${names[0]}": { "categoryId": "${c.categoryId}" } } } to the config file, or change "Danh mục" to a mapped category`,
      );
    out.say(
      `Kiểm tra: ocop-connect validate ${result.files.xlsx}`,
      `Check it: ocop-connect validate ${result.files.xlsx}`,
    );
    return 0;
  } finally {
    await connector.close();
    await platforms.close();
  }
}

export function registerPullCatalog(program: Command, lang: Lang): void {
  program
    .command('pull-catalog')
    .description(
      say(
        lang,
        'tạo danh mục từ tin đăng sẵn có trên sàn',
        'build a catalog from a shop’s existing listings',
      ),
    )
    .requiredOption(
      '--from <platform>',
      say(lang, 'sàn (voso, postmart, shopee)', 'platform (voso, postmart, shopee)'),
    )
    .option('--out <dir>', say(lang, 'thư mục', 'folder'), '.')
    .option('--force', say(lang, 'ghi đè tệp đã có', 'overwrite existing files'))
    .action(exitCodeOf(runPullCatalog));
}
