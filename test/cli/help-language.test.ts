/**
 * `--help` speaks one language per run (#10 trial, item 7): every command's and subcommand's help in
 * Vietnamese by default, English with OCOP_LANG=en, never both in one text ("đồng bộ … / keep stock …").
 * Option names (--to), placeholders (<file>), quoted values and product names are syntax, not prose.
 */

import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { runCli } from './helpers.js';

const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
/** Common English prose words that are not also Vietnamese words ("to", "in", "do", "an", "no" are). */
const ENGLISH_WORDS =
  /\b(the|and|of|for|with|default|display|options?|commands?|choices|run|every|from|or|is|are|at|on|by|files?|folder|platforms?|catalog|orders?|only|this|that|not|listings?|sheet|review|each|when|without|which|print|stop|after|seconds|help|usage|arguments?|preset|env)\b/i;

/** Prose only: command names, flags, placeholders, quoted values, code and URL-like tokens removed. */
function prose(text: string): string {
  return text
    .replace(/^ {2}[a-z][\w-]*(?= )/, ' ') // a command's name
    .replace(/^(Cách dùng|Usage):.*/, ' ')
    .replace(/--?[a-z][\w-]*/gi, ' ')
    .replace(/<[^>]*>|\[[^\]]*\]/g, ' ')
    .replace(/"[^"]*"|'[^']*'/g, ' ')
    .replace(/\S*[./_=]\S*/g, ' ')
    .replace(/\bocop-connect\b/g, ' ');
}

function everyHelp(lang: 'vi' | 'en'): { path: string; text: string }[] {
  const helps: { path: string; text: string }[] = [];
  const walk = (command: Command, path: string[]) => {
    helps.push({ path: path.join(' '), text: command.helpInformation() });
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(buildProgram(lang), ['ocop-connect']);
  return helps;
}

describe('help text: one language per run', () => {
  it('Vietnamese help of every command holds no English prose (commander words included)', () => {
    const helps = everyHelp('vi');
    expect(helps.length).toBeGreaterThan(20);
    for (const { path, text } of helps) {
      const lines = text.split('\n').filter((line) => ENGLISH_WORDS.test(prose(line)));
      expect(lines, `${path}:\n${text}`).toEqual([]);
    }
  });

  it('English help of every command holds no Vietnamese', () => {
    for (const { path, text } of everyHelp('en')) {
      const lines = text.split('\n').filter((line) => VIETNAMESE_LETTERS.test(line));
      expect(lines, `${path}:\n${text}`).toEqual([]);
    }
  });

  it('every command says what it does in --help, not just its name translated ("tồn kho" / "stock")', () => {
    for (const lang of ['vi', 'en'] as const) {
      const help = buildProgram(lang).helpInformation();
      for (const command of buildProgram(lang).commands) {
        const words = command.description().split(/\s+/).filter(Boolean);
        expect(words.length, `${lang} ${command.name()}: "${command.description()}"`).toBeGreaterThanOrEqual(
          4,
        );
        expect(help).toContain(words.slice(0, 3).join(' '));
      }
    }
    expect(
      buildProgram('en')
        .commands.find((c) => c.name() === 'stock')
        ?.description(),
    ).toContain('records the count and pushes');
  });

  it('keeps the columns aligned after translating commander terms ("[tùy chọn]", "help [lệnh]")', () => {
    const text = buildProgram('vi').helpInformation();
    const commandLines = text
      .slice(text.indexOf('Lệnh:'))
      .split('\n')
      .filter((line) => /^ {2}\S/.test(line));
    const columns = new Set(commandLines.map((line) => /^ {2}\S.*?\s{2,}(?=\S)/.exec(line)?.[0].length));
    expect(commandLines.some((line) => line.startsWith('  help [lệnh]'))).toBe(true);
    expect([...columns]).toHaveLength(1);
  });

  it('through the CLI: OCOP_LANG=en gives English help, the default Vietnamese, for a command with choices', async () => {
    const en = await runCli(['ship', '--help'], { env: { OCOP_LANG: 'en' } });
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/\(choices: "viettelpost", "vnpost",\s+default:\s+"viettelpost"\)/);
    expect(en.stdout).not.toMatch(VIETNAMESE_LETTERS);
    const vi = await runCli(['ship', '--help'], { env: { OCOP_LANG: '' } });
    expect(vi.code).toBe(0);
    expect(vi.stdout).toMatch(/\(chọn: "viettelpost", "vnpost",\s+mặc định:\s+"viettelpost"\)/);
    expect(vi.stdout).not.toContain('default');
  });
});
