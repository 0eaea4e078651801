import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { solid } from './image-fixtures.js';

const SCRIPT = fileURLToPath(new URL('./fixtures/lazy-sharp.ts', import.meta.url));

it('importing ocop-connect/images does not load the native sharp module; using it does', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ocop-lazy-'));
  try {
    const png = join(dir, 'tiny.png');
    await solid(20, 20, '#336699').png().toFile(png);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', SCRIPT, png]);
    const { afterImport, afterUse } = JSON.parse(stdout) as { afterImport: number; afterUse: number };
    expect(afterImport).toBe(0);
    expect(afterUse).toBeGreaterThan(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
