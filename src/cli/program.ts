/**
 * ocop-connect command line: bulk listing from a spreadsheet, ViettelPost quotes and shipments, and the
 * local sandboxes. Built only on the library's public entry points (imported by package name), as a
 * cooperative's own tool would be.
 */
import { Command, CommanderError, Option } from 'commander';
import { LIBRARY_VERSION } from 'ocop-connect';
import { commanderErrorText, localizeCommander } from './commander-text.js';
import { registerFulfil } from './commands/fulfil.js';
import { registerInit } from './commands/init.js';
import { registerJobs } from './commands/jobs.js';
import { registerLink } from './commands/link.js';
import { registerList } from './commands/list.js';
import { registerMatch } from './commands/match.js';
import { registerOrders } from './commands/orders.js';
import { registerPullCatalog } from './commands/pull-catalog.js';
import { registerQuote } from './commands/quote.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerShip } from './commands/ship.js';
import { registerStock } from './commands/stock.js';
import { registerSync } from './commands/sync.js';
import { registerValidate } from './commands/validate.js';
import { registerWebhooks } from './commands/webhooks.js';
import { registerWorker } from './commands/worker.js';
import type { RegisterCommand } from './context.js';
import { describeErrorBoth, EXIT, errorDocument } from './errors.js';
import { defaultLang, type Lang, say } from './i18n.js';
import { onInterrupt } from './lifecycle.js';

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
  registerOrders,
  registerSync,
  registerFulfil,
  registerWebhooks,
  registerStock,
];

/** The program, with its help and commander's own messages in `lang`. */
export function buildProgram(lang: Lang = defaultLang()): Command {
  const program = localizeCommander(new Command('ocop-connect'), lang)
    .description(
      say(
        lang,
        'Đăng bán sản phẩm OCOP lên Voso, Postmart, Shopee và gửi hàng qua ViettelPost, VNPost.',
        'List OCOP products on Voso, Postmart and Shopee, ship with ViettelPost and VNPost.',
      ),
    )
    .addOption(
      new Option('--lang <lang>', say(lang, 'ngôn ngữ (hoặc biến OCOP_LANG)', 'language (or OCOP_LANG)'))
        .choices(['vi', 'en'])
        .default(lang),
    )
    .option('--json', say(lang, 'kết quả dạng JSON', 'machine-readable output'))
    .option('--verbose', say(lang, 'ghi log chi tiết (đã che mật khẩu)', 'detailed logs (secrets redacted)'))
    .option(
      '--config <file>',
      say(
        lang,
        'tệp cấu hình (mặc định: ocop-connect.config.json)',
        'config file (default: ocop-connect.config.json)',
      ),
    )
    .version(LIBRARY_VERSION, '-V, --version', say(lang, 'in số phiên bản', 'print the version'))
    .exitOverride();
  for (const register of COMMANDS) register(program, lang);
  unknownOptionsFirst(program);
  program.addHelpText(
    'after',
    say(
      lang,
      '\nMã thoát: 0 xong · 1 dữ liệu có lỗi · 2 sai lệnh/cấu hình/tệp · 3 lỗi sàn hoặc mạng · 130/143 bị dừng · 129 tiến trình khởi chạy đã mất.',
      '\nExit codes: 0 done · 1 problems in the data · 2 bad command/config/file · 3 platform or network failure · 130/143 interrupted · 129 its starter went away.',
    ),
  );
  return program;
}

/** The parts of commander's Command that it keeps out of its typings. */
interface CommanderInternals {
  missingMandatoryOptionValue(option: unknown): void;
  unknownOption(flag: string): void;
}

/**
 * commander checks required options before unknown ones, so `quote --weigth 800` said "required option
 * --to not specified" about another option: an unknown option (with commander's "did you mean") is told
 * first, on every command. What commander could not match stays in `args`, after the operands.
 */
function unknownOptionsFirst(command: Command): void {
  const inner = command as unknown as CommanderInternals;
  const missing = inner.missingMandatoryOptionValue.bind(command);
  inner.missingMandatoryOptionValue = (option) => {
    const end = command.args.indexOf('--');
    const given = end >= 0 ? command.args.slice(0, end) : command.args;
    const unknown = given.find((arg) => /^-[^\d]/.test(arg));
    if (unknown !== undefined) inner.unknownOption(unknown.split('=')[0]!);
    missing(option);
  };
  for (const sub of command.commands) unknownOptionsFirst(sub);
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `--lang en` / `--lang=en` as given: the language is needed before commander parses anything. */
export function langFromArgs(argv: readonly string[]): Lang | undefined {
  const at = argv.indexOf('--lang');
  const value = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return value === 'en' || value === 'vi' ? value : undefined;
}

/** `--json` given before the end of options (`--`). */
export function jsonFromArgs(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end >= 0 ? argv.slice(0, end) : argv).includes('--json');
}

/** Parse `argv` (as `process.argv`) and run the command; the exit code is left in `process.exitCode`. */
export async function runCli(argv: readonly string[]): Promise<void> {
  const lang = langFromArgs(argv) ?? defaultLang();
  const json = jsonFromArgs(argv);
  const stopWatching = onInterrupt();
  try {
    await buildProgram(lang).parseAsync([...argv]);
  } catch (error: unknown) {
    if (error instanceof CommanderError) {
      // commander already printed its (translated) message or the help.
      const exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      process.exitCode = exitCode;
      if (json && exitCode !== EXIT.ok) {
        // Every commander refusal (commander.unknownCommand, .unknownOption, .invalidArgument …) is `usage`.
        printJson(errorDocument({ code: 'usage', text: commanderErrorText(error.message), exitCode }));
      }
      return;
    }
    const described = describeErrorBoth(error);
    process.stderr.write(`✗ ${lang === 'en' ? described.text.en : described.text.vi}\n`);
    // `--json` promises one JSON document on stdout, failure included.
    if (json) printJson(errorDocument(described));
    process.exitCode = described.exitCode;
  } finally {
    stopWatching();
  }
}
