import { access, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { writeCatalogTemplate } from 'ocop-connect';
import { CONFIG_TEMPLATE, DEFAULT_CONFIG_FILE } from '../config-schema.js';
import { outputOf } from '../context.js';
import { EXIT, errorDocument } from '../errors.js';
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
  // An edited catalog and a config holding credentials are worth more than a template: what exists is
  // kept (unless --force), what is missing is written, and the user is told which is which.
  const kept: string[] = [];
  const wrote: string[] = [];
  const keep = async (path: string) => {
    if (options.force || !(await exists(path))) return false;
    kept.push(path);
    return true;
  };
  const keepCsv = await keep(paths.csv);
  const keepXlsx = await keep(paths.xlsx);
  if (!keepCsv || !keepXlsx) {
    // The library writes both templates; written aside, only the missing one is copied in.
    const aside = await mkdtemp(join(tmpdir(), 'ocop-init-'));
    try {
      const files = await writeCatalogTemplate(aside, CATALOG_BASE);
      await mkdir(dir, { recursive: true });
      if (!keepCsv) {
        await copyFile(files.csv, paths.csv);
        wrote.push(paths.csv);
      }
      if (!keepXlsx) {
        await copyFile(files.xlsx, paths.xlsx);
        wrote.push(paths.xlsx);
      }
    } finally {
      await rm(aside, { recursive: true, force: true });
    }
  }
  if (!(await keep(paths.config))) {
    await mkdir(dir, { recursive: true });
    await writeFile(paths.config, `${JSON.stringify(CONFIG_TEMPLATE, null, 2)}\n`);
    wrote.push(paths.config);
  }
  // The sample image is never overwritten, --force or not: it may be the user's own photo by now.
  if (await exists(paths.image)) kept.push(paths.image);
  else {
    await mkdir(join(dir, 'images'), { recursive: true });
    await writePlaceholderImage(paths.image);
    wrote.push(paths.image);
  }
  const refused = kept.filter((path) => path !== paths.image);
  const message =
    refused.length > 0 ? { vi: VI_EXISTS(refused.join(', ')), en: EN_EXISTS(refused.join(', ')) } : undefined;
  const exitCode = message ? EXIT.problems : EXIT.ok;
  out.json({
    ok: !message,
    catalogCsv: paths.csv,
    catalogXlsx: paths.xlsx,
    config: paths.config,
    wrote,
    kept,
    ...(message ? { existing: refused, ...errorDocument({ code: 'exists', text: message, exitCode }) } : {}),
  });
  out.line(
    wrote.length > 0 ? t(lang, 'initWrote') : say(lang, 'Không tạo tệp mới nào.', 'No new file written.'),
  );
  for (const path of wrote) out.line(`  ${path}`);
  if (kept.length > 0) {
    out.line(
      say(lang, 'Giữ nguyên (đã có, không ghi đè):', 'Kept as they were (already there, not overwritten):'),
    );
    for (const path of kept) out.line(`  ${path}`);
  }
  if (message) process.stderr.write(`✗ ${lang === 'en' ? message.en : message.vi}\n`);
  // Written somewhere else than here: the next commands run in that folder (the config is found there).
  if (resolve(dir) !== process.cwd()) out.line(`${say(lang, 'Tiếp theo', 'Next')}: cd ${shellWord(dir)}`);
  out.line(t(lang, 'initNext')(invokedAs()));
  return exitCode;
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
