/**
 * The CLI defects of the packed-package re-trial of #18 (trial 2, items 3 and 15), through the CLI as a
 * user runs it.
 */
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

interface ListDocument {
  ok: boolean;
  platforms: { platform: string; total: number; invalid: number; planned: number }[];
  items: { platform: string; outcome: string; issues?: { code: string }[] }[];
}

describe('list --dry-run --json: the summary counts what the items say (trial 2, #3)', () => {
  it('the seeds without their images: 14 items invalid on voso, and platforms[0] says total 14, invalid 14', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-summary-'));
    await copyFile(join(SEEDS, 'catalog.csv'), join(dir, 'cat.csv'));
    const run = await runCli(['list', 'cat.csv', '--to', 'voso', '--dry-run', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    const doc = JSON.parse(run.stdout) as ListDocument;
    const invalid = doc.items.filter((i) => i.platform === 'voso' && i.outcome === 'invalid');
    expect(doc.items).toHaveLength(14);
    expect(invalid).toHaveLength(14);
    expect(invalid[0]?.issues?.map((i) => i.code)).toContain('image.file_missing');
    expect(doc.platforms).toHaveLength(1);
    expect(doc.platforms[0]).toMatchObject({ platform: 'voso', total: 14, invalid: 14, planned: 0 });
  });
});
