import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { writeCatalogTemplate } from 'ocop-connect';
import { CONFIG_TEMPLATE } from '../config.js';
import { outputOf } from '../context.js';
import { t } from '../i18n.js';
import type { Output } from '../output.js';

export async function runInit(dir: string, out: Output): Promise<number> {
  const files = await writeCatalogTemplate(dir);
  const configPath = join(dir, 'ocop-connect.config.json');
  await writeFile(configPath, `${JSON.stringify(CONFIG_TEMPLATE, null, 2)}\n`, { flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      // Never overwrite a config that may already hold real credentials.
      if (error.code !== 'EEXIST') throw error;
    },
  );
  out.json({ catalogCsv: files.csv, catalogXlsx: files.xlsx, config: configPath });
  out.line(t(out.options.lang, 'initWrote'));
  for (const path of [files.csv, files.xlsx, configPath]) out.line(`  ${path}`);
  out.line(t(out.options.lang, 'initNext'));
  return 0;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('tạo mẫu danh mục (CSV, XLSX) và tệp cấu hình / write catalog and config templates')
    .argument('[dir]', 'thư mục / folder', '.')
    .action(async (dir: string, _opts: unknown, command: Command) => {
      process.exitCode = await runInit(dir, outputOf(command));
    });
}
