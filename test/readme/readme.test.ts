import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function codeBlocks(lang: string): string[] {
  const blocks: string[] = [];
  const fence = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g');
  for (const match of README.matchAll(fence)) blocks.push(match[1] ?? '');
  return blocks;
}

/** Names the snippets use without defining them: what a reader has in scope at that point of their code. */
const PRELUDE = `
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Connector, StateStore } from 'ocop-connect';
import type { ViettelPostAdapter } from 'ocop-connect/viettelpost';
declare const rawBody: Buffer;
declare const req: IncomingMessage;
declare const res: ServerResponse;
declare const store: StateStore;
declare const vtp: ViettelPostAdapter;
declare const connector: Connector;
`;

describe('README', () => {
  it('starts with what it is, then the install + demo command and the test command', () => {
    const firstBlock = codeBlocks('sh')[0] ?? '';
    const commands = firstBlock
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm install && npm run demo', 'npm test']);
    expect(README.indexOf('npm install && npm run demo')).toBeLessThan(1200);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.test).toBe('vitest run');
    expect(pkg.scripts.demo).toBeDefined();
  });

  it('`npm run demo` runs as written: lists the seeds on both sandboxes, re-run sends nothing, ships and tracks an order', () => {
    const run = spawnSync('npm', ['run', 'demo'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, OCOP_LANG: 'en' },
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /voso\s+created 13 · updated 0 · unchanged 0 · failed 0 · inactive, not listed 1/,
    );
    expect(run.stdout).toMatch(
      /postmart\s+created 13 · updated 0 · unchanged 0 · failed 0 · inactive, not listed 1/,
    );
    expect(run.stdout).toContain('Write requests sent by the second run: 0');
    expect(run.stdout).toMatch(/Voso: order status SHIPPED, tracking \d{11}/);
    expect(run.stdout).toMatch(/501\s+DELIVERED/);
    // Carrier choice: the Postmart order ships with VNPost, its RSA-signed journey verified to the end.
    expect(run.stdout).toMatch(/Postmart order PM\d+ → vnpost: service \w+ .*, item code EB\d{9}VN/);
    expect(run.stdout).toMatch(/\s14\s+DELIVERED/);
  }, 150_000);

  it('every TypeScript example in the README type-checks against the package', () => {
    // One folder per run (inside the repository, so `extends` and node_modules resolve as for users).
    const dir = join(ROOT, `test/readme/.snippets-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const blocks = codeBlocks('ts');
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    blocks.forEach((block, i) => {
      const lines = block.split('\n');
      const imports = lines.filter((l) => l.startsWith('import '));
      const body = lines.filter((l) => !l.startsWith('import '));
      // Each snippet becomes the body of an async function, as it would sit in a reader's handler.
      const source = `${imports.join('\n')}\n${PRELUDE}\nexport async function snippet${i}() {\n${body.join('\n')}\n}\n`;
      writeFileSync(join(dir, `snippet-${i}.ts`), source);
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.json',
        include: ['./*.ts'],
        compilerOptions: { noUnusedLocals: false },
      }),
    );
    const tsc = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '-p', dir], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 150_000);
});
