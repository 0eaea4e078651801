/**
 * ocop-connect command line: bulk listing from a spreadsheet, ViettelPost quotes and shipments, and the
 * local sandboxes. Built only on the library's public entry points (imported by package name), as a
 * cooperative's own tool would be.
 */
import { Command, Option } from 'commander';
import { registerInit } from './commands/init.js';
import { registerJobs } from './commands/jobs.js';
import { registerLink } from './commands/link.js';
import { registerList } from './commands/list.js';
import { registerMatch } from './commands/match.js';
import { registerPullCatalog } from './commands/pull-catalog.js';
import { registerQuote } from './commands/quote.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerShip } from './commands/ship.js';
import { registerValidate } from './commands/validate.js';
import { registerWorker } from './commands/worker.js';
import type { RegisterCommand } from './context.js';
import { defaultLang, type Lang } from './i18n.js';

/** Every command, in the order `--help` lists them. Adding a command is one line here. */
const COMMANDS: readonly RegisterCommand[] = [
  registerInit,
  registerValidate,
  registerList,
  registerMatch,
  registerLink,
  registerPullCatalog,
  registerQuote,
  registerShip,
  registerSandbox,
  registerWorker,
  registerJobs,
];

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
  for (const register of COMMANDS) register(program);
  return program;
}

/** `--lang en` / `--lang=en` as given, for messages printed after commander has given up. */
function langFromArgs(argv: readonly string[]): Lang | undefined {
  const at = argv.indexOf('--lang');
  const value = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return value === 'en' || value === 'vi' ? value : undefined;
}

/** Parse `argv` (as `process.argv`) and run the command; the exit code is left in `process.exitCode`. */
export async function runCli(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error: unknown) {
    // Library errors carry bilingual issues; show them in the user's language.
    const issues = (error as { issues?: { messageVi: string; messageEn: string }[] }).issues;
    const lang = langFromArgs(argv) ?? defaultLang();
    const message =
      issues && issues.length > 0
        ? issues.map((i) => (lang === 'en' ? i.messageEn : i.messageVi)).join('\n✗ ')
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`✗ ${message}\n`);
    process.exitCode = 2;
  }
}
