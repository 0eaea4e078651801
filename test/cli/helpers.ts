import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SANDBOX_CONFIG_CATEGORIES } from '../../src/cli/sandbox-categories.js';
import type { ProductInput } from '../../src/model/product.js';
import { type MarketplaceSandbox, startPostmartSandbox, startVosoSandbox } from '../../src/sandbox/index.js';
import { makeJpeg, makeProduct } from '../sync/helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/**
 * tsx reads the tsconfig.json of its working directory; a CLI run in a temporary folder would otherwise
 * resolve `ocop-connect` (the package's self-reference) to the build output, i.e. to whatever was built last.
 */
export const TSX_ENV = {
  TSX_TSCONFIG_PATH: join(fileURLToPath(new URL('../..', import.meta.url)), 'tsconfig.json'),
};
export const TSX_BIN = TSX;
export const CLI_MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI as a user would (`npm run cli -- …` is `tsx src/cli/main.ts …`), in `cwd`. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [`${ROOT}src/cli/main.ts`, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, OCOP_LANG: 'vi', ...TSX_ENV, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI timed out: ${args.join(' ')}\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** CSV as Excel in a Vietnamese locale writes it: BOM, `;`, CRLF. */
export function excelCsv(rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\ufeff${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

/**
 * Writes `count` products (seeds `firstSeed`…) to `dir/file`, each with one 600 px JPEG of its own
 * (`<imagePrefix><i>.jpg` in `dir`, referenced by a relative path); returns the products.
 */
export async function writeCatalogWithImages(
  dir: string,
  file: string,
  imagePrefix: string,
  firstSeed: number,
  count: number,
): Promise<ProductInput[]> {
  const products: ProductInput[] = [];
  for (let i = 0; i < count; i += 1) {
    await writeFile(join(dir, `${imagePrefix}${i}.jpg`), await makeJpeg(firstSeed + i, 600));
    products.push(makeProduct(firstSeed + i, [], { images: [{ path: `${imagePrefix}${i}.jpg` }] }));
  }
  await writeFile(join(dir, file), JSON.stringify(products));
  return products;
}

/** The seeds folder of the repository: the sample catalog.csv and its images. */
export const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

/**
 * The user's folder as they keep it: the seeds' catalog.csv and its images in `dir`, and (unless
 * `config: false`) a config file holding the sandboxes' category map, as `init`'s template asks for.
 */
export async function copySeeds(dir: string, { config = true }: { config?: boolean } = {}): Promise<void> {
  await mkdir(join(dir, 'images'), { recursive: true });
  await copyFile(join(SEEDS, 'catalog.csv'), join(dir, 'catalog.csv'));
  for (const image of await readdir(join(SEEDS, 'images')))
    await copyFile(join(SEEDS, 'images', image), join(dir, 'images', image));
  if (config)
    await writeFile(
      join(dir, 'ocop-connect.config.json'),
      JSON.stringify({ categories: SANDBOX_CONFIG_CATEGORIES }),
    );
}

/** A new temporary folder (`prefix` + random) holding the seeds, as `copySeeds` writes them. */
export async function seedsFolder(prefix: string, options?: { config?: boolean }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await copySeeds(dir, options);
  return dir;
}

export interface MarketplaceBoxes {
  voso: MarketplaceSandbox;
  postmart: MarketplaceSandbox;
  /**
   * The environment that points the CLI at these sandboxes as at real platforms (durable state store);
   * a password given here replaces the sandbox's own (a refused login).
   */
  env(wrong?: { vosoPassword?: string; postmartPassword?: string }): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Voso and Postmart sandboxes of a test file or describe block (start in beforeAll, close in afterAll). */
export async function startMarketplaceBoxes(): Promise<MarketplaceBoxes> {
  const voso = await startVosoSandbox();
  const postmart = await startPostmartSandbox();
  return {
    voso,
    postmart,
    env: (wrong = {}) => ({
      OCOP_VOSO_BASE_URL: voso.baseUrl,
      OCOP_VOSO_USERNAME: voso.credentials.username,
      OCOP_VOSO_PASSWORD: wrong.vosoPassword ?? voso.credentials.password,
      OCOP_POSTMART_BASE_URL: postmart.baseUrl,
      OCOP_POSTMART_USERNAME: postmart.credentials.username,
      OCOP_POSTMART_PASSWORD: wrong.postmartPassword ?? postmart.credentials.password,
      OCOP_POSTMART_CUSTOMER_CODE: postmart.credentials.customerCode ?? '',
    }),
    close: async () => {
      await Promise.all([voso.close(), postmart.close()]);
    },
  };
}

/** The sandboxes start with the seeds' hand-made listings (a cooperative that already sells by hand). */
export const HAND_MADE_SHOP: NodeJS.ProcessEnv = { OCOP_SANDBOX_SHOP: 'hand-made' };

/** A new temporary folder where `init .` ran (its catalog template `danh-muc-san-pham.xlsx` and config). */
export async function initFolder(prefix: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const init = await runCli(['init', '.'], { cwd: dir, ...(env ? { env } : {}) });
  if (init.code !== 0) throw new Error(`init failed (${init.code}): ${init.stdout}${init.stderr}`);
  return dir;
}

/** A CSV sheet of `rows` (the first row's keys are the headers), quoted as a spreadsheet writes it. */
export async function writeCsvSheet(file: string, rows: readonly Record<string, string>[]): Promise<void> {
  const headers = Object.keys(rows[0]!);
  const csv = [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]
    .map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))
    .join('\n');
  await writeFile(file, csv, 'utf8');
}
