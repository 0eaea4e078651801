import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProductInput } from '../../src/model/product.js';
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
