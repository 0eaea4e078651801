/**
 * What an independent trial of the CLI found, run as a user would (spawned, in a fresh folder, sandbox
 * mode unless said otherwise): each case asserts the output, the exit code and, where it matters, the state.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));
const TO = 'Phường Hoàn Kiếm, Hà Nội';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ocop-cli-trial-'));
});

async function seedsIn(dir: string): Promise<string> {
  await mkdir(join(dir, 'images'), { recursive: true });
  for (const image of await readdir(join(SEEDS, 'images')))
    await copyFile(join(SEEDS, 'images', image), join(dir, 'images', image));
  return readFile(join(SEEDS, 'catalog.csv'), 'utf8');
}

/** Replace one cell of a CSV without quoted commas in the touched cells (the seeds' header row is plain). */
function setCell(csv: string, row: number, header: string, value: string): string {
  const lines = csv.split('\r\n');
  const headers = lines[0]!.replace(/^\ufeff/, '').split(',');
  const column = headers.indexOf(header);
  const cells = splitCsvLine(lines[row - 1]!);
  cells[column] = value;
  lines[row - 1] = cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  return lines.join('\r\n');
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

describe('cli after the trial', { timeout: 120_000 }, () => {
  it('quote --weight 0 names the option and the reason in either language (exit 2), no raw zod issues', async () => {
    const vi = await runCli(['quote', '--to', TO, '--weight', '0'], { cwd: work });
    expect(vi.code).toBe(2);
    expect(vi.stderr).toContain('--weight "0": phải là số nguyên lớn hơn 0 (gam)');
    expect(vi.stderr).not.toMatch(/weight\.positive_integer|"code"|too_small|ZodError/);
    const en = await runCli(['--lang', 'en', 'quote', '--to', TO, '--weight', '0', '--length', '-3'], {
      cwd: work,
    });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('--length: "-3" must be a whole number, 0 or more');
    const en0 = await runCli(['--lang', 'en', 'quote', '--to', TO, '--weight', '0'], { cwd: work });
    expect(en0.stderr).toContain('--weight "0": must be a whole number greater than 0 (grams)');
  });

  it('init into a new folder says to cd there first', async () => {
    const run = await runCli(['init', 'cua-hang moi'], { cwd: work });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Tiếp theo: cd 'cua-hang moi'");
    const here = await mkdtemp(join(work, 'here-'));
    const inPlace = await runCli(['init'], { cwd: here });
    expect(inPlace.code).toBe(0);
    expect(inPlace.stdout).not.toContain('cd ');
  });

  it('the dry-run summary counts rows refused by the file checks as invalid', async () => {
    const dir = await mkdtemp(join(work, 'dry-'));
    let csv = await seedsIn(dir);
    csv = setCell(csv, 2, 'Giá bán (VND)', 'abc');
    await writeFile(join(dir, 'catalog.csv'), csv);
    const run = await runCli(['list', 'catalog.csv', '--dry-run'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Dòng 2 · Giá bán (VND): "abc" không phải là số tiền');
    // Header: Sàn, Sẽ tạo, Sẽ cập nhật, Không đổi, Không hợp lệ, Ngừng bán — one product refused.
    expect(run.stdout).toMatch(/voso\s+\d+\s+0\s+0\s+1\s+1/);
    expect(run.stdout).toMatch(/postmart\s+\d+\s+0\s+0\s+1\s+1/);
    const json = await runCli(['--json', 'list', 'catalog.csv', '--dry-run'], { cwd: dir });
    expect((JSON.parse(json.stdout) as { invalidInFile: number }).invalidInFile).toBe(1);
  });
});
