import { type Argument, type Command, Help, InvalidArgumentError, type Option } from 'commander';
import type { Bilingual } from './errors.js';
import type { Lang } from './i18n.js';

/**
 * commander's own words (help titles, "default:", its error messages) in Vietnamese. commander has no
 * message catalogue, so its fixed English texts are rewritten here; every pattern is tested
 * (test/cli/commander-text.test.ts) so a commander upgrade that changes a text fails loudly.
 */
const HELP_TITLES: readonly [RegExp, string][] = [
  [/^Usage:/gm, 'Cách dùng:'],
  [/^Global Options:/gm, 'Tùy chọn chung:'],
  [/^Options:/gm, 'Tùy chọn:'],
  [/^Commands:/gm, 'Lệnh:'],
  [/^Arguments:/gm, 'Tham số:'],
  // A long description wraps: the word after "(choices:" may be on the next line.
  [/\(default:(\s)/g, '(mặc định:$1'],
  [/\(choices:(\s)/g, '(chọn:$1'],
  [/, default: /g, ', mặc định: '],
  [/\[options\]/g, '[tùy chọn]'],
  [/\[command\]/g, '[lệnh]'],
];

const ERRORS: readonly [RegExp, string][] = [
  [/^error: unknown option '(.+?)'/, "lỗi: không có tùy chọn '$1'"],
  [/^error: unknown command '(.+?)'/, "lỗi: không có lệnh '$1'"],
  [/^error: missing required argument '(.+?)'/, "lỗi: thiếu tham số bắt buộc '$1'"],
  [/^error: option '(.+?)' argument missing/, "lỗi: tùy chọn '$1' cần một giá trị"],
  [/^error: required option '(.+?)' not specified/, "lỗi: thiếu tùy chọn bắt buộc '$1'"],
  [
    /^error: option '(.+?)' argument '(.*?)' is invalid\. Allowed choices are (.+)\./,
    "lỗi: giá trị '$2' của tùy chọn '$1' không hợp lệ; chọn một trong: $3.",
  ],
  [
    /^error: option '(.+?)' argument '(.*?)' is invalid\./,
    "lỗi: giá trị '$2' của tùy chọn '$1' không hợp lệ.",
  ],
  [
    /^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./,
    'lỗi: thừa tham số: cần $2 nhưng nhận $3.',
  ],
  [/\(Did you mean one of (.+)\?\)/, '(Có phải ý bạn là một trong: $1?)'],
  [/\(Did you mean (.+)\?\)/, '(Có phải ý bạn là $1?)'],
];

export function translateHelp(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return HELP_TITLES.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

export function translateError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return ERRORS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/**
 * The reasons the CLI's own argument parsers gave, in both languages, by the text commander was given:
 * commander appends that text (in the run's language) to its own English frame, and the `--json` error
 * document needs the whole message in each language.
 */
const ARGUMENT_REASONS = new Map<string, Bilingual>();

/** An argument parser's refusal: commander prints it in `lang`; `--json` gets it in both languages. */
export function invalidArgument(lang: Lang, reason: Bilingual): InvalidArgumentError {
  const error = new InvalidArgumentError(lang === 'en' ? reason.en : reason.vi);
  ARGUMENT_REASONS.set(error.message, reason);
  return error;
}

/**
 * A commander error message ("error: option '--port <n>' argument '99999' is invalid. <reason>") in
 * Vietnamese and in English, the frame and the reason alike, without the "error: " prefix.
 */
export function commanderErrorText(message: string): Bilingual {
  let en = message.replace(/^error: /, '');
  let vi = translateError(message, 'vi').replace(/^lỗi: /, '');
  for (const [said, reason] of ARGUMENT_REASONS) {
    if (!en.endsWith(` ${said}`) || !vi.endsWith(` ${said}`)) continue;
    en = `${en.slice(0, -said.length)}${reason.en}`;
    vi = `${vi.slice(0, -said.length)}${reason.vi}`;
    break;
  }
  return { vi, en };
}

/**
 * commander's words inside a term or an option's description ("[options]", "(default: …)"), translated
 * before the help is laid out: translated afterwards, a longer Vietnamese word shifts the columns and a
 * wrapped "(choices: …, default:" line escapes the pattern (English left in the Vietnamese help).
 */
function translateTerm(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return text.replace(/\[options\]/g, '[tùy chọn]').replace(/\[command\]/g, '[lệnh]');
}

function translateExtra(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return text
    .replace(/\((choices|default|preset|env): /g, (_, word: string) => `(${EXTRA_WORDS[word]}: `)
    .replace(/, (choices|default|preset|env): /g, (_, word: string) => `, ${EXTRA_WORDS[word]}: `);
}

const EXTRA_WORDS: Record<string, string> = {
  choices: 'chọn',
  default: 'mặc định',
  preset: 'giá trị khi bỏ trống',
  env: 'biến môi trường',
};

/** Set the language of commander's own texts on `program` (before its commands are added: they inherit it). */
export function localizeCommander(program: Command, lang: Lang): Command {
  return program
    .configureHelp({
      formatHelp(cmd: Command, helper: Help): string {
        const base = Object.getPrototypeOf(helper) as Help;
        return translateHelp(base.formatHelp.call(helper, cmd, helper), lang);
      },
      subcommandTerm(cmd: Command): string {
        return translateTerm(Help.prototype.subcommandTerm.call(this, cmd), lang);
      },
      commandUsage(cmd: Command): string {
        return translateTerm(Help.prototype.commandUsage.call(this, cmd), lang);
      },
      optionDescription(option: Option): string {
        return translateExtra(Help.prototype.optionDescription.call(this, option), lang);
      },
      argumentDescription(argument: Argument): string {
        return translateExtra(Help.prototype.argumentDescription.call(this, argument), lang);
      },
    })
    .configureOutput({
      outputError: (text, write) => write(translateError(text, lang)),
    })
    .helpOption('-h, --help', lang === 'en' ? 'display help for command' : 'xem hướng dẫn của lệnh')
    .helpCommand('help [command]', lang === 'en' ? 'display help for command' : 'xem hướng dẫn của một lệnh')
    .showHelpAfterError(
      lang === 'en' ? '(add --help for additional information)' : '(thêm --help để xem hướng dẫn)',
    );
}
