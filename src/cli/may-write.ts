import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from './errors.js';

/** What a command is about to write, named in the refusal ("--report", "--out", "--write-config"). */
export interface MayWriteOptions {
  /** The option that names the file, e.g. `--report`. */
  option: string;
  /** `--force` was given: an existing file other than a protected one may be replaced. */
  force?: boolean;
  /** Files the command reads (the catalog, the config file): never overwritten, `--force` or not. */
  protect?: readonly { path: string; what: { vi: string; en: string } }[];
}

/** One file under two names: the same real path (symlinks, `../`), or the same inode (a hard link). */
async function sameFile(a: string, b: string): Promise<boolean> {
  const real = async (path: string) => realpath(path).catch(() => resolve(path));
  if ((await real(a)) === (await real(b))) return true;
  const [sa, sb] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
}

/**
 * The one rule for every CLI command that writes a file the user names (`list --report`, `match --out`,
 * `sandbox --write-config`; `init` and `pull-catalog` follow it too): a file the run reads (catalog,
 * config) is never overwritten, even with --force; any other existing file only with --force — a filled
 * review sheet, an edited catalog or a config holding passwords is not replaced without asking.
 * Refused with CliError 'exists' (exit 1), before anything is sent or started.
 */
export async function assertMayWrite(path: string, options: MayWriteOptions): Promise<void> {
  for (const guarded of options.protect ?? []) {
    if (await sameFile(path, guarded.path))
      throw new CliError('exists', {
        vi: `${options.option} ${path}: đây là ${guarded.what.vi} của lệnh này; không bao giờ ghi đè nó (kể cả với --force). Hãy chọn tên tệp khác.`,
        en: `${options.option} ${path}: this is the ${guarded.what.en} this command reads; it is never overwritten (not even with --force). Choose another file name.`,
      });
  }
  if (options.force) return;
  const existing = await stat(resolve(path)).catch(() => undefined);
  if (existing?.isFile())
    throw new CliError('exists', {
      vi: `${options.option} ${path}: tệp đã có; không ghi đè. Dùng --force để ghi đè (nội dung cũ sẽ mất), hoặc chọn tên tệp khác.`,
      en: `${options.option} ${path}: the file exists; not overwriting it. Use --force to overwrite (its content is lost), or choose another file name.`,
    });
}

const CATALOG_FILE = { vi: 'tệp danh mục', en: 'catalog file' } as const;
const CONFIG_FILE = { vi: 'tệp cấu hình', en: 'config file' } as const;

/** The files a catalog command reads, never to be overwritten by what it writes: the catalog and the config. */
export function catalogAndConfig(catalog: string, configFile: string): MayWriteOptions['protect'] {
  return [
    { path: catalog, what: CATALOG_FILE },
    { path: configFile, what: CONFIG_FILE },
  ];
}
