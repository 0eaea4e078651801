/**
 * An image path that does not exist gets the file it most likely means (#10 trial item 5): typed on
 * Windows with `\`, in another letter case, or with the Vietnamese accents encoded the other way
 * (NFC in the spreadsheet, NFD on disk as macOS writes names). Only a suggestion: the row stays a problem.
 */
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS } from '../../src/catalog/index.js';
import { excelCsv, runCli } from './helpers.js';

let dir: string;
/** On disk: decomposed (NFD) accents and capitals. */
const ON_DISK = 'Ảnh Mật Ong.jpg'.normalize('NFD');

function catalog(image: string): string {
  return excelCsv([
    CATALOG_COLUMNS.map((c) => c.vi),
    CATALOG_COLUMNS.map((c) => (c.vi === 'Ảnh' ? image : c.example)),
  ]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-near-'));
  const init = await runCli(['init', dir]);
  expect(init.code, init.stderr).toBe(0);
  await copyFile(join(dir, 'images', 'tinh-bot-nghe.jpg'), join(dir, 'images', ON_DISK));
});

describe('a missing image file names its near match', { timeout: 120_000 }, () => {
  it('backslash, letter case and NFC vs NFD: suggested, the row still a problem', async () => {
    // Typed in the spreadsheet: Windows separator, lower case, precomposed (NFC) accents.
    await writeFile(join(dir, 'win.csv'), catalog('images\\ảnh mật ong.JPG'.normalize('NFC')));
    const vi = await runCli(['validate', 'win.csv', '--offline'], { cwd: dir });
    expect(vi.code).toBe(1);
    const text = vi.stdout.normalize('NFC');
    expect(text).toContain('Không tìm thấy tệp ảnh "images\\ảnh mật ong.JPG"');
    expect(text).toContain('có phải "images/Ảnh Mật Ong.jpg"?');
    const en = await runCli(['validate', 'win.csv', '--offline'], { cwd: dir, env: { OCOP_LANG: 'en' } });
    expect(en.stdout.normalize('NFC')).toContain('did you mean "images/Ảnh Mật Ong.jpg"?');

    // The same with forward slashes and only the case wrong, through list --dry-run.
    await writeFile(join(dir, 'case.csv'), catalog('Images/TINH-BOT-NGHE.jpg'));
    const dry = await runCli(['list', 'case.csv', '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('có phải "images/tinh-bot-nghe.jpg"?');
  });

  it('no suggestion when nothing is close', async () => {
    await writeFile(join(dir, 'none.csv'), catalog('images/khong-co.jpg'));
    const run = await runCli(['validate', 'none.csv', '--offline'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Không tìm thấy tệp ảnh "images/khong-co.jpg"');
    expect(run.stdout).not.toContain('có phải');
  });
});
