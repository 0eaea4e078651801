/**
 * #18 (files): `match --out` names a .csv or .xlsx review sheet — writeReviewSheet writes nothing else
 * (it used to write CSV under any extension) — refused before the catalog is read or a platform opened.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('cli match --out', { timeout: 60_000 }, () => {
  it('refuses review.txt naming --out and the two formats; nothing opened or written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-match-out-'));
    const run = await runCli(['match', 'danh-muc.csv', '--out', 'review.txt'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--out review.txt: bảng đối chiếu phải là tệp .csv hoặc .xlsx');
    expect(run.stderr).not.toContain('SANDBOX');
    expect(await readdir(dir)).toEqual([]);
  });
});
