#!/usr/bin/env node
/**
 * ocop-connect command line: bulk listing from a spreadsheet, ViettelPost quotes and shipments, and the
 * local sandboxes. Built only on the library's public API, as a cooperative's own tool would be.
 */
import { Command, Option } from 'commander';
import { runInit } from './commands/init.js';
import { runValidate } from './commands/validate.js';
import { defaultLang, type Lang } from './i18n.js';
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

  return program;
}

const isMain =
  process.argv[1] !== undefined && /(?:^|[/\\])(main|cli)\.(?:ts|js|cjs|mjs)$/.test(process.argv[1]);
if (isMain) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`✗ ${message}\n`);
      process.exitCode = 2;
    });
}
