/**
 * Trial 18b N10: a catalog file that is not .csv, .xlsx or .json (a CSV saved as "x.txt") is refused
 * with a bilingual error naming the file and the formats read — not read as CSV — by the library and by
 * the CLI alike.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog, ValidationError } from '../../src/index.js';
import { csvText, GOOD_ROW, HEADER } from '../bad-input/cases.js';
import { runCli } from '../cli/helpers.js';
import { failure } from '../core/helpers/failure.js';

let dir: string;
let txt: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-unknown-ext-'));
  txt = join(dir, 'x.txt');
  // A good catalog in every way but its name.
  await writeFile(txt, csvText([HEADER, GOOD_ROW]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a catalog with an unknown extension', () => {
  it('readCatalog("x.txt") is a ValidationError naming the file and the supported formats', async () => {
    const error = await failure(() => readCatalog(txt));
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'file', value: txt, code: 'catalog.format' });
    expect(issues[0]?.messageVi).toBe(`Không đọc được loại tệp "${txt}": hãy dùng .csv, .xlsx hoặc .json`);
    expect(issues[0]?.messageEn).toBe(`Unknown catalog format for "${txt}": use .csv, .xlsx or .json`);
    expect((error as Error).message).toContain('.csv, .xlsx hoặc .json /');
  });

  it('the same file with format "csv" given is read', async () => {
    const read = await readCatalog(txt, { format: 'csv' });
    expect(read.issues).toEqual([]);
    expect(read.products).toHaveLength(1);
  });

  it('the CLI refuses it too, naming the formats', async () => {
    const run = await runCli(['validate', txt], { cwd: dir });
    expect(run.code).toBe(2); // the command could not run (README's exit codes)
    expect(`${run.stdout}${run.stderr}`).toContain(`"${txt}": hãy dùng .csv, .xlsx hoặc .json`);
  });
});
