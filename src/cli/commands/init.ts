import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { writeCatalogTemplate } from 'ocop-connect';
import { CONFIG_TEMPLATE, DEFAULT_CONFIG_FILE } from '../config.js';
import { outputOf } from '../context.js';
import { EXIT } from '../errors.js';
import { type Lang, say, t } from '../i18n.js';
import type { Output } from '../output.js';

const CATALOG_BASE = 'danh-muc-san-pham';
/** The template's example row points at this image; `init` writes a placeholder there. */
export const TEMPLATE_IMAGE = join('images', 'tinh-bot-nghe.jpg');

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** A plain 1000×1000 JPEG (turmeric yellow), so the template row is listable as written. */
async function writePlaceholderImage(path: string): Promise<void> {
  const { default: sharp } = await import('sharp');
  const jpeg = await sharp({
    create: { width: 1000, height: 1000, channels: 3, background: { r: 232, g: 170, b: 38 } },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
  await writeFile(path, jpeg);
}

/** `dir` as typed into a shell: quoted when it holds spaces or shell characters. */
function shellWord(dir: string): string {
  return /^[\w./:@%+=,-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, "'\\''")}'`;
}

const VI_EXISTS = t('vi', 'initExists');
const EN_EXISTS = t('en', 'initExists');

/** How the user started the CLI, for the "next step" hint. */
function invokedAs(env: NodeJS.ProcessEnv = process.env): string {
  return env.npm_lifecycle_event === 'cli' ? 'npm run cli --' : 'npx ocop-connect';
}

export async function runInit(dir: string, options: { force?: boolean }, out: Output): Promise<number> {
  const lang = out.options.lang;
  const paths = {
    csv: join(dir, `${CATALOG_BASE}.csv`),
    xlsx: join(dir, `${CATALOG_BASE}.xlsx`),
    config: join(dir, DEFAULT_CONFIG_FILE),
    image: join(dir, TEMPLATE_IMAGE),
  };
  // An edited catalog and a config holding credentials are worth more than a template: ask first.
  const existing: string[] = [];
  for (const path of [paths.csv, paths.xlsx, paths.config]) if (await exists(path)) existing.push(path);
  if (existing.length > 0 && !options.force) {
    const list = existing.join(', ');
    const message = { vi: VI_EXISTS(list), en: EN_EXISTS(list) };
    out.json({ ok: false, existing, error: { code: 'exists', message }, exitCode: EXIT.problems });
    process.stderr.write(`✗ ${lang === 'en' ? message.en : message.vi}\n`);
    return EXIT.problems;
  }
  const files = await writeCatalogTemplate(dir, CATALOG_BASE);
  await writeFile(paths.config, `${JSON.stringify(CONFIG_TEMPLATE, null, 2)}\n`);
  const wrote = [files.csv, files.xlsx, paths.config];
  if (!(await exists(paths.image))) {
    await mkdir(join(dir, 'images'), { recursive: true });
    await writePlaceholderImage(paths.image);
    wrote.push(paths.image);
  }
  out.json({ ok: true, catalogCsv: files.csv, catalogXlsx: files.xlsx, config: paths.config, wrote });
  out.line(t(lang, 'initWrote'));
  for (const path of wrote) out.line(`  ${path}`);
  // Written somewhere else than here: the next commands run in that folder (the config is found there).
  if (resolve(dir) !== process.cwd()) out.line(`${say(lang, 'Tiếp theo', 'Next')}: cd ${shellWord(dir)}`);
  out.line(t(lang, 'initNext')(invokedAs()));
  return EXIT.ok;
}

export function registerInit(program: Command, lang: Lang): void {
  program
    .command('init')
    .description(
      say(
        lang,
        'tạo mẫu danh mục (CSV, XLSX), ảnh mẫu và tệp cấu hình',
        'write catalog templates (CSV, XLSX), a sample image and the config file',
      ),
    )
    .argument('[dir]', say(lang, 'thư mục', 'folder'), '.')
    .addOption(new Option('--force', say(lang, 'ghi đè tệp đã có', 'overwrite existing files')))
    .action(async (dir: string, opts: { force?: boolean }, command: Command) => {
      process.exitCode = await runInit(dir, opts, outputOf(command));
    });
}
