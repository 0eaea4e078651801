/**
 * The README's CLI block and its sandbox snippet, run as written: every `npx ocop-connect …` line in a
 * fresh folder (sandbox mode, in order: init first), and the `placeOrder` snippet on a fresh sandbox.
 * `npx ocop-connect` is the installed bin; here a shell function runs the same CLI from the sources.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_MAIN, TSX_BIN, TSX_ENV } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let readme: string;
beforeAll(async () => {
  readme = await readFile(join(ROOT, 'README.md'), 'utf8');
});

/** The fenced block of `lang` that follows `heading` and contains `marker`. */
function block(heading: string, lang: string, marker: string): string {
  const from = readme.indexOf(heading);
  expect(from, heading).toBeGreaterThanOrEqual(0);
  const fence = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g');
  fence.lastIndex = from;
  for (let match = fence.exec(readme); match; match = fence.exec(readme)) {
    if (match[1]!.includes(marker)) return match[1]!;
  }
  throw new Error(`no ${lang} block with ${marker} after ${heading}`);
}

/** Shell lines, with `\` continuations joined. */
function commandLines(text: string): string[] {
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function bash(
  script: string,
  cwd: string,
  timeoutMs = 90_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], {
      cwd,
      env: { ...process.env, OCOP_LANG: 'vi', ...TSX_ENV, CLI_TSX: TSX_BIN, CLI_MAIN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out: ${script}\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** `npx ocop-connect …` → the CLI from the sources, with bash doing the quoting as a user's shell does. */
const NPX = 'npx() { [ "$1" = ocop-connect ] || return 99; shift; "$CLI_TSX" "$CLI_MAIN" "$@"; }';

describe('README', { timeout: 300_000 }, () => {
  it('every CLI command of the CLI block runs as shown in a fresh folder', async () => {
    const lines = commandLines(block('## The CLI', 'sh', 'npx ocop-connect'));
    expect(lines.some((line) => line.includes('npm run cli'))).toBe(false);
    const commands = lines.filter((line) => line.startsWith('npx ocop-connect '));
    expect(commands.map((c) => c.split(/\s+/)[2])).toEqual(
      expect.arrayContaining([
        'init',
        'validate',
        'list',
        'quote',
        'ship',
        'match',
        'link',
        'pull-catalog',
        'sandbox',
      ]),
    );
    const dir = await mkdtemp(join(tmpdir(), 'ocop-readme-'));
    for (const command of commands) {
      // `sandbox` runs until Ctrl+C; `--once` starts, prints and stops it the same way.
      const line = command.replace(/^npx ocop-connect sandbox /, 'npx ocop-connect sandbox --once ');
      const run = await bash(`${NPX}\n${line}`, dir);
      const verb = command.split(/\s+/)[2];
      const where = `${command}\n${run.stdout}\n${run.stderr}`;
      if (verb === 'link') {
        // Nothing marked in the review sheet yet: nothing linked, said so, exit 1 (as the README says).
        expect(run.code, where).toBe(1);
        expect(run.stdout, where).toContain('chưa có quyết định');
      } else {
        expect(run.code, where).toBe(0);
      }
      expect(run.stderr, where).not.toMatch(/Error:|at .*\(.*\.ts:\d+/);
    }
    // What the commands said they wrote is there.
    for (const file of [
      'danh-muc-san-pham.xlsx',
      'ocop-connect.config.json',
      'bao-cao.xlsx',
      'doi-chieu.xlsx',
      'danh-muc-voso.xlsx',
      'sandbox.config.json',
    ]) {
      expect((await stat(join(dir, file))).isFile(), file).toBe(true);
    }
  });

  it("the day commands named in the README's prose run with every option shown (sandbox demo day)", async () => {
    const prose = readme.slice(readme.indexOf('From the command line (each runs on the embedded sandboxes'));
    const named = [...prose.slice(0, 600).matchAll(/`ocop-connect ([^`]+)`/g)].map((m) =>
      m[1]!.replace(/\s+/g, ' '),
    );
    expect(named).toEqual([
      'orders [--all]',
      'sync [--resolve-oversells] [--reconcile]',
      'fulfil [--labels A6] [--no-confirm] [--no-approve] [--carrier-policy cheapest]',
      'webhooks serve [--port 8080]',
      'stock set <sku> <count>',
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'ocop-readme-day-'));
    // Every option at once (brackets dropped); `webhooks serve` runs until stopped: its own test covers it.
    const runs = [
      'npx ocop-connect --help',
      'npx ocop-connect orders --all',
      'npx ocop-connect sync --resolve-oversells --reconcile',
      'npx ocop-connect fulfil --labels A6',
      'npx ocop-connect fulfil --labels A6 --no-confirm --no-approve --carrier-policy cheapest',
      'npx ocop-connect stock set DEMO-MAT-ONG 5',
    ];
    for (const line of runs) {
      const run = await bash(`${NPX}\n${line}`, dir);
      expect(run.code, `${line}\n${run.stdout}\n${run.stderr}`).toBe(0);
    }
  });

  it("the sandbox snippet's placeOrder works on a fresh sandbox", async () => {
    const snippet = block('**Sandboxes in your own tests**', 'ts', 'placeOrder');
    const dir = await mkdtemp(join(tmpdir(), 'ocop-readme-ts-'));
    const file = join(dir, 'snippet.mts');
    // The package name resolves to the sources here (TSX_TSCONFIG_PATH maps it, as for the CLI).
    await writeFile(file, snippet);
    const run = await bash(`"$CLI_TSX" ${JSON.stringify(file)}`, ROOT);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('true');
  });
});
