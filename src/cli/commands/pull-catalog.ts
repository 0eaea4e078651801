import type { Command } from 'commander';
import { createConnector, createMemoryStore } from 'ocop-connect';
import type { CliConfig } from '../config.js';
import { contextOf } from '../context.js';
import { type Lang, say } from '../i18n.js';
import type { Output } from '../output.js';
import { openPlatforms } from '../platforms.js';
import { marketplaceNames } from './match.js';

export interface PullCatalogOptions {
  from: string;
  out: string;
}

export async function runPullCatalog(
  options: PullCatalogOptions,
  config: CliConfig,
  out: Output,
): Promise<number> {
  const en = out.options.lang === 'en';
  const say = (vi: string, english: string) => out.line(en ? english : vi);
  const names = marketplaceNames(options.from);
  if (names.length !== 1) throw new Error('--from: một sàn / one platform');
  const platforms = await openPlatforms(config, { marketplaces: names, carrier: false }, undefined, {
    handMadeListings: 'ocop-seeds',
  });
  if (platforms.sandbox)
    say(
      '⚠ Không có thông tin đăng nhập: lấy từ SANDBOX có sẵn các tin đăng nhập tay mẫu, không phải sàn thật.',
      '⚠ No credentials: pulling from the SANDBOX preloaded with sample hand-made listings, not the real platform.',
    );
  const connector = createConnector({ marketplaces: platforms.marketplaces, store: createMemoryStore() });
  try {
    const result = await connector.exportCatalog(names[0]!, { dir: options.out });
    out.json({ ok: true, sandbox: platforms.sandbox, ...result });
    say(
      `Đã tạo danh mục từ ${result.products} tin đăng (${result.rows} dòng):`,
      `Built a catalog from ${result.products} listings (${result.rows} rows):`,
    );
    out.line(`  ${result.files.xlsx}`);
    out.line(`  ${result.files.csv}`);
    if (result.unfilled.length > 0) {
      say(
        'Các cột sàn không có, cần điền (tô vàng trong tệp XLSX):',
        'Columns the marketplace does not hold, to fill in (yellow in the XLSX):',
      );
      for (const u of result.unfilled) out.line(`  • ${u.header} (${u.skus.length})`);
    }
    say(
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
    .requiredOption('--from <platform>', say(lang, 'sàn (voso, postmart)', 'platform (voso, postmart)'))
    .option('--out <dir>', say(lang, 'thư mục', 'folder'), '.')
    .action(async (opts: PullCatalogOptions, command: Command) => {
      const { out, config } = await contextOf(command);
      process.exitCode = await runPullCatalog(opts, config, out);
    });
}
