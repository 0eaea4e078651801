/**
 * Issue #14 (import cost): `import('ocop-connect')` loads only what a first call needs. The HTTP
 * client (axios) and Node's network modules are loaded by the first request or image download,
 * not by the import. Checked on the source graph the bundler sees: every module reached from the
 * root entry through STATIC imports (a dynamic `import()` is where laziness lives).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

async function staticallyReached(entry: string): Promise<Set<string>> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    outdir: 'out',
  });
  const inputs = result.metafile.inputs;
  const entryKey = Object.keys(inputs).find((key) => key.endsWith('src/index.ts'))!;
  const reached = new Set<string>();
  const walk = (key: string) => {
    if (reached.has(key)) return;
    reached.add(key);
    for (const imported of inputs[key]?.imports ?? []) {
      if (imported.kind === 'dynamic-import') continue;
      if (imported.external) reached.add(imported.path);
      else walk(imported.path);
    }
  };
  walk(entryKey);
  return reached;
}

describe('root entry import cost (#14)', () => {
  it('reaches neither axios nor node:http, node:https, node:dns, node:net through static imports', async () => {
    const reached = await staticallyReached(ENTRY);
    const eager = ['axios', 'node:http', 'node:https', 'node:dns', 'node:net'].filter((m) => reached.has(m));
    expect(eager).toEqual([]);
    // The graph is real: the root entry does statically reach our code and zod.
    expect(reached.has('zod')).toBe(true);
    expect([...reached].some((key) => key.endsWith('src/sync/publish/publish.ts'))).toBe(true);
  }, 60_000);
});
