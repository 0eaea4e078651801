#!/usr/bin/env node
/**
 * ocop-connect command line: bulk listing from a spreadsheet, ViettelPost quotes and shipments, and the
 * local sandboxes. Built only on the library's public API, as a cooperative's own tool would be.
 */
import { Command, Option } from 'commander';
import { runInit } from './commands/init.js';
import { runList } from './commands/list.js';
import { type ParcelOptions, runQuote } from './commands/quote.js';
import { runSandbox } from './commands/sandbox.js';
import { runShip, type ShipOptions } from './commands/ship.js';
import { runValidate } from './commands/validate.js';
import { loadConfig } from './config.js';
import { defaultLang, type Lang } from './i18n.js';
import { createCliLogger } from './logging.js';
import { Output } from './output.js';

interface GlobalOptions {
  lang: Lang;
  json?: boolean;
  verbose?: boolean;
  config?: string;
}

function output(command: Command): Output {
  const opts = command.optsWithGlobals<GlobalOptions>();
  return new Output({ lang: opts.lang, json: Boolean(opts.json), verbose: Boolean(opts.verbose) });
}

export function buildProgram(): Command {
  const program = new Command('ocop-connect')
    .description(
      'Đăng bán sản phẩm OCOP lên Voso, Postmart và gửi hàng qua ViettelPost / List OCOP products on Voso and Postmart, ship with ViettelPost',
    )
    .addOption(
      new Option('--lang <lang>', 'ngôn ngữ / language').choices(['vi', 'en']).default(defaultLang()),
    )
    .option('--json', 'kết quả dạng JSON / machine-readable output')
    .option('--verbose', 'ghi log chi tiết / detailed logs (secrets are redacted)')
    .option('--config <file>', 'tệp cấu hình / config file (ocop-connect.config.json)')
    .showHelpAfterError();

  program
    .command('init')
    .description('tạo mẫu danh mục (CSV, XLSX) và tệp cấu hình / write catalog and config templates')
    .argument('[dir]', 'thư mục / folder', '.')
    .action(async (dir: string, _opts: unknown, command: Command) => {
      process.exitCode = await runInit(dir, output(command));
    });

  program
    .command('validate')
    .description('kiểm tra danh mục / check a catalog (CSV, XLSX, JSON)')
    .argument('<catalog>', 'tệp danh mục / catalog file')
    .option('--sheet <name>', 'trang tính XLSX / XLSX sheet name')
    .option('--delimiter <char>', 'dấu phân cách CSV / CSV separator (default: detected)')
    .action(async (file: string, opts: { sheet?: string; delimiter?: string }, command: Command) => {
      process.exitCode = await runValidate(file, opts, output(command));
    });

  program
    .command('list')
    .description('đăng danh mục lên các sàn / publish a catalog to the marketplaces')
    .argument('<catalog>', 'tệp danh mục / catalog file (CSV, XLSX, JSON)')
    .requiredOption(
      '--to <platforms>',
      'sàn, cách nhau bằng dấu phẩy / comma-separated platforms',
      'voso,postmart',
    )
    .option('--dry-run', 'chỉ lập kế hoạch, không gửi gì / plan only, send nothing')
    .option('--report <file>', 'báo cáo từng sản phẩm × sàn / per product × platform report (.csv or .json)')
    .option('--sheet <name>', 'trang tính XLSX / XLSX sheet name')
    .option('--delimiter <char>', 'dấu phân cách CSV / CSV separator')
    .action(
      async (
        file: string,
        opts: { to: string; dryRun?: boolean; report?: string; sheet?: string; delimiter?: string },
        command: Command,
      ) => {
        const globals = command.optsWithGlobals<GlobalOptions>();
        const config = await loadConfig(globals.config);
        process.exitCode = await runList(
          file,
          opts,
          config,
          output(command),
          createCliLogger(Boolean(globals.verbose)),
        );
      },
    );

  const parcelOptions = (command: Command) =>
    command
      .option('--from <address>', 'địa chỉ gửi / sender address (default: config sender)')
      .requiredOption('--to <address>', 'địa chỉ nhận "phường/xã, tỉnh" / receiver address "ward, province"')
      .requiredOption('--weight <grams>', 'khối lượng (g) / weight in grams')
      .option('--length <cm>')
      .option('--width <cm>')
      .option('--height <cm>')
      .option('--value <vnd>', 'giá trị hàng / declared value (VND)')
      .option('--cod <vnd>', 'tiền thu hộ / cash on delivery for the goods (VND)');

  parcelOptions(
    program.command('quote').description('báo giá ViettelPost / ViettelPost quotes for a parcel'),
  ).action(async (opts: ParcelOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const config = await loadConfig(globals.config);
    process.exitCode = await runQuote(
      opts,
      config,
      output(command),
      createCliLogger(Boolean(globals.verbose)),
    );
  });

  parcelOptions(
    program
      .command('ship')
      .description('tạo vận đơn ViettelPost cho một đơn / create one ViettelPost shipment'),
  )
    .requiredOption('--name <name>', 'người nhận / receiver name')
    .requiredOption('--phone <phone>', 'SĐT người nhận / receiver phone')
    .requiredOption(
      '--reference <ref>',
      'mã đơn của bạn (chống tạo trùng) / your order reference (prevents duplicates)',
    )
    .option(
      '--service <code>',
      'mã dịch vụ, cheapest hoặc fastest / service code, cheapest or fastest',
      'cheapest',
    )
    .option('--item <text>', 'tên hàng / goods description')
    .option('--note <text>', 'ghi chú / note')
    .addOption(new Option('--label <size>', 'khổ tem / label size').choices(['A5', 'A6', 'A7']).default('A6'))
    .action(async (opts: ShipOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const config = await loadConfig(globals.config);
      process.exitCode = await runShip(
        opts,
        config,
        output(command),
        createCliLogger(Boolean(globals.verbose)),
      );
    });

  program
    .command('sandbox')
    .description('chạy 3 sandbox (Voso, Postmart, ViettelPost) / run the three emulators')
    .option('--port <n>', 'cổng đầu tiên (0 = ngẫu nhiên) / first port (0 = random)', '0')
    .option('--once', 'in thông tin rồi dừng / print and stop (for scripts)')
    .action(async (opts: { port: string; once?: boolean }, command: Command) => {
      process.exitCode = await runSandbox(opts, output(command));
    });

  return program;
}

/** `--lang en` / `--lang=en` as given, for messages printed after commander has given up. */
function langFromArgs(argv: readonly string[]): Lang | undefined {
  const at = argv.indexOf('--lang');
  const value = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return value === 'en' || value === 'vi' ? value : undefined;
}

const isMain =
  process.argv[1] !== undefined && /(?:^|[/\\])(main|cli)\.(?:ts|js|cjs|mjs)$/.test(process.argv[1]);
if (isMain) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      // Library errors carry bilingual issues; show them in the user's language.
      const issues = (error as { issues?: { messageVi: string; messageEn: string }[] }).issues;
      const lang = langFromArgs(process.argv) ?? defaultLang();
      const message =
        issues && issues.length > 0
          ? issues.map((i) => (lang === 'en' ? i.messageEn : i.messageVi)).join('\n✗ ')
          : error instanceof Error
            ? error.message
            : String(error);
      process.stderr.write(`✗ ${message}\n`);
      process.exitCode = 2;
    });
}
