/**
 * The package as a cooperative installs it (issue #10, "Proof"): build once, `npm pack`, install the
 * tarball into a new project, and run the bin there through `npx ocop-connect` — the
 * node_modules/.bin symlink, not `npm run` in this repository — in Vietnamese and English, checking
 * output and exit codes. Also checks that errors are recognised across the ESM and CJS builds.
 *
 * Last, a user's own adapter check (#15): without vitest every entry but `ocop-connect/testing` loads;
 * with vitest installed, a test file of the user's runs the marketplace contract suite from
 * `ocop-connect/testing` against the Shopee adapter and sandbox, all through the public entries.
 *
 * Set OCOP_SKIP_BUILD_TEST=1 to skip (the build and the install take a while).
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, LOCK_WAIT_MS, lockBuild } from './build-lock.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP = process.env.OCOP_SKIP_BUILD_TEST === '1';
const INSTALL_TIMEOUT_MS = 240_000;
/** The vitest the repository itself runs (the optional peer dependency of ocop-connect/testing). */
const VITEST_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules', 'vitest', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** A user's contract check of the Shopee adapter, written only against the package's public entries. */
const SHOPEE_CONTRACT_TEST = `
import { defineMarketplaceContract } from 'ocop-connect/testing';
import { shopee } from 'ocop-connect/shopee';
import { startShopeeSandbox } from 'ocop-connect/sandbox';

defineMarketplaceContract({
  platform: 'shopee',
  startSandbox: startShopeeSandbox,
  createAdapter: (sandbox, settings) =>
    shopee({
      credentials: settings.wrongCredentials
        ? { ...sandbox.credentials, accessToken: 'revoked-access', refreshToken: 'revoked-refresh' }
        : sandbox.credentials,
      baseUrl: sandbox.baseUrl,
      ...(settings.webhookUrl ? { webhookUrl: settings.webhookUrl } : {}),
      ...(settings.wrongWebhookSecret ? { webhookSecret: 'not-the-partner-key' } : {}),
      retry: { initialDelayMs: 5, maxDelayMs: 50, maxElapsedMs: 5000 },
      ...(settings.tokenStore ? { tokenStore: settings.tokenStore } : {}),
      ...(settings.logger ? { logger: settings.logger } : {}),
      ...(settings.now ? { now: settings.now } : {}),
      ...(settings.profile ? { profile: settings.profile } : {}),
    }),
  expireToken: (sandbox) => sandbox.tokens.expireAccessToken(),
  secretsOf: (sandbox) => [sandbox.credentials.partnerKey, sandbox.credentials.refreshToken],
  capabilities: {
    tokenExpiry: true,
    categoryAttributes: true,
    imageUpload: true,
    orders: true,
    fulfilment: true,
    profileOverride: true,
  },
  leafCategoryId: '100001',
  parentCategoryId: '100000',
  newOrderStatus: 'CONFIRMED',
  shippedStatus: 'READY_TO_SHIP',
  shippedCarrier: 'viettelpost',
  shippedCarrierCode: 'SPX Express',
  webhookSignatureHeader: 'Authorization',
});
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let work = '';
let project = '';

/** The user's environment: no language chosen, an English OS locale, nothing of this repository. */
function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8', ...extra };
  for (const key of Object.keys(env)) {
    if (key.startsWith('OCOP_') && !(key in extra)) delete env[key];
    if (key.startsWith('npm_') || key === 'TSX_TSCONFIG_PATH' || key === 'NODE_OPTIONS') delete env[key];
  }
  return env;
}

function npx(args: string[], cwd = project, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      'npx',
      ['--no-install', 'ocop-connect', ...args],
      { cwd, env: userEnv(env), timeout: 90_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

describe.skipIf(SKIP)('the packed package installed into a new project', { timeout: 120_000 }, () => {
  beforeAll(
    async () => {
      work = mkdtempSync(join(tmpdir(), 'ocop-install-'));
      const unlock = await lockBuild();
      let tarball: string;
      try {
        execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: BUILD_TIMEOUT_MS });
        const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 120_000,
        });
        tarball = join(work, out.trim().split('\n').pop() ?? '');
      } finally {
        unlock();
      }
      project = join(work, 'htx');
      execFileSync('mkdir', ['-p', project]);
      writeFileSync(
        join(project, 'package.json'),
        '{ "name": "htx-shop", "private": true, "type": "commonjs" }\n',
      );
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
        cwd: project,
        stdio: 'pipe',
        timeout: INSTALL_TIMEOUT_MS,
        env: userEnv(),
      });
    },
    LOCK_WAIT_MS + BUILD_TIMEOUT_MS + INSTALL_TIMEOUT_MS,
  );

  afterAll(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('installs a bin symlink that runs: --help in Vietnamese by default, English on request', async () => {
    expect(existsSync(join(project, 'node_modules', '.bin', 'ocop-connect'))).toBe(true);
    const vi = await npx(['--help']);
    expect(vi.code, vi.stderr).toBe(0);
    expect(vi.stdout).toContain('Cách dùng: ocop-connect [tùy chọn] [lệnh]');
    for (const command of ['init', 'validate', 'list', 'quote', 'ship', 'sandbox']) {
      expect(vi.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    const en = await npx(['--lang', 'en', '--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Usage: ocop-connect [options] [command]');
    const wrong = await npx(['lisst']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("lỗi: không có lệnh 'lisst'");
  });

  it.each([
    [
      'vi',
      'Đã tạo:',
      'Không ghi đè tệp đã có',
      'Danh mục hợp lệ: 1 dòng, 1 sản phẩm.',
      'Sẽ tạo',
      'Báo giá ViettelPost',
    ],
    [
      'en',
      'Wrote:',
      'Not overwriting existing files',
      'Catalog is valid: 1 row, 1 product.',
      'Will create',
      'ViettelPost quotes',
    ],
  ] as const)('init (twice), validate, list --dry-run and quote in a fresh folder (%s)', async (lang, wrote, refused, valid, willCreate, quotes) => {
    const folder = mkdtempSync(join(project, `shop-${lang}-`));
    const env = { OCOP_LANG: lang };
    const init = await npx(['init'], folder, env);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain(wrote);
    expect(init.stdout).toContain('npx ocop-connect validate danh-muc-san-pham.csv');
    expect(readdirSync(folder).sort()).toEqual([
      'danh-muc-san-pham.csv',
      'danh-muc-san-pham.xlsx',
      'images',
      'ocop-connect.config.json',
    ]);
    const again = await npx(['init'], folder, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(refused);
    expect((await npx(['init', '--force'], folder, env)).code).toBe(0);

    const validate = await npx(['validate', 'danh-muc-san-pham.csv'], folder, env);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    expect(validate.stdout).toContain(valid);
    // init's config keeps the CLI on the sandbox, and says so.
    expect(validate.stderr).toContain('SANDBOX');

    const dry = await npx(['list', 'danh-muc-san-pham.xlsx', '--dry-run'], folder, env);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`${willCreate}`));
    expect(dry.stdout).toMatch(/voso\s+1\s+0\s+0\s+0/);
    expect(dry.stdout).toMatch(/postmart\s+1\s+0\s+0\s+0/);

    const quote = await npx(
      ['quote', '--to', 'Phường Hoàn Kiếm, Hà Nội', '--weight', '800', '--cod', '150000'],
      folder,
      env,
    );
    expect(quote.code, quote.stderr).toBe(0);
    expect(quote.stdout).toContain(quotes);
    expect(quote.stdout).toMatch(lang === 'vi' ? /Phí thu hộ \(COD\)/ : /COD fee/);

    const missing = await npx(['validate', 'khong-co.csv', '--offline'], folder, env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      lang === 'vi'
        ? 'Tệp danh mục "khong-co.csv" không tồn tại'
        : 'Catalog file "khong-co.csv" does not exist',
    );
  });

  it('npx ocop-connect sandbox stopped with SIGTERM exits 143 with its servers closed, as the README says', async () => {
    // The user's shell starts npx and reports its exit status; SIGTERM goes to the npx process, as a
    // process manager or `kill <pid>` sends it. (npm re-raises its child's signal on itself: the
    // shell's 143 is what the user sees.)
    const child = spawn(
      'sh',
      ['-c', 'npx --no-install ocop-connect sandbox & echo "pid=$!"; wait $!; echo "exit=$?"'],
      { cwd: project, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exited = new Promise<number | null>((done) => child.once('close', done));
    const deadline = Date.now() + 60_000;
    while (!stdout.includes('Người gửi mẫu') && Date.now() < deadline) await sleep(100);
    const voso = /Voso:\s+(\S+)/.exec(stdout)?.[1];
    const npxPid = Number(/pid=(\d+)/.exec(stdout)?.[1]);
    expect(voso, stdout).toBeTruthy();
    process.kill(npxPid, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('exit=143');
    const closed = await fetch(voso!).then(
      () => false,
      () => true,
    );
    expect(closed).toBe(true);
  });

  it('recognises an error thrown by the CJS build in ESM code, and the other way round', () => {
    const script = `
      import { createRequire } from 'node:module';
      const esm = await import('ocop-connect');
      const cjs = createRequire(process.cwd() + '/index.js')('ocop-connect');
      const fromCjs = new cjs.ValidationError('x', []);
      const fromEsm = new esm.NotFoundError('y');
      console.log(JSON.stringify({
        distinctClasses: esm.ValidationError !== cjs.ValidationError,
        esmSeesCjs: esm.isOcopConnectError(fromCjs),
        instanceRoot: fromCjs instanceof esm.OcopConnectError,
        instanceClass: fromCjs instanceof esm.ValidationError,
        notOtherClass: !(fromCjs instanceof esm.NotFoundError),
        cjsSeesEsm: cjs.isOcopConnectError(fromEsm) && fromEsm instanceof cjs.NotFoundError,
        plainError: esm.isOcopConnectError(new Error('z')),
      }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      encoding: 'utf8',
      env: userEnv(),
    });
    expect(JSON.parse(out)).toEqual({
      distinctClasses: true,
      esmSeesCjs: true,
      instanceRoot: true,
      instanceClass: true,
      notOtherClass: true,
      cjsSeesEsm: true,
      plainError: false,
    });
  });

  it('loads every entry but ocop-connect/testing without vitest (an optional peer, not installed)', () => {
    expect(existsSync(join(project, 'node_modules', 'vitest'))).toBe(false);
    const script = `
      const loaded = {};
      for (const s of ['ocop-connect', 'ocop-connect/shopee', 'ocop-connect/marketplace', 'ocop-connect/sandbox'])
        loaded[s] = Object.keys(await import(s)).length > 0;
      const testing = await import('ocop-connect/testing').then(() => 'loaded', (e) => String(e.message));
      console.log(JSON.stringify({ loaded, testing }));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: project,
        encoding: 'utf8',
        env: userEnv(),
      }),
    ) as { loaded: Record<string, boolean>; testing: string };
    expect(Object.values(out.loaded)).toEqual([true, true, true, true]);
    expect(out.testing).toMatch(/Cannot find package 'vitest'/);
  });

  it(
    "runs the marketplace contract suite from ocop-connect/testing in the user's vitest, against the Shopee sandbox",
    async () => {
      execFileSync(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', `vitest@${VITEST_VERSION}`],
        { cwd: project, stdio: 'pipe', timeout: INSTALL_TIMEOUT_MS, env: userEnv() },
      );
      writeFileSync(join(project, 'shopee-contract.test.mjs'), SHOPEE_CONTRACT_TEST);
      const report = join(work, 'contract-report.json');
      const run = await new Promise<Run>((done) => {
        execFile(
          'npx',
          ['--no-install', 'vitest', 'run', '--maxWorkers=1', '--reporter=json', `--outputFile=${report}`],
          { cwd: project, env: userEnv(), timeout: 240_000, encoding: 'utf8' },
          (error, stdout, stderr) =>
            done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
        );
      });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const results = JSON.parse(readFileSync(report, 'utf8')) as {
        numFailedTests: number;
        numPassedTests: number;
        testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>;
      };
      expect(results.numFailedTests).toBe(0);
      const passed = results.testResults
        .flatMap((file) => file.assertionResults)
        .filter((test) => test.status === 'passed')
        .map((test) => test.title);
      // The cases that need each capability ran and passed (none skipped by a capability the suite misread).
      expect(passed).toEqual(
        expect.arrayContaining([
          'rejects refused credentials with an AuthenticationError after at most one token attempt',
          'obtains a new token once when the platform refuses the current one, then succeeds',
          'creates a listing with variants, finds it by SKU and updates it',
          'pages orders over a split window without loss or duplication, checkpointing each page',
          'confirms, cancels and marks orders shipped',
          'verifies webhook signatures over the raw body and parses events',
        ]),
      );
      expect(results.numPassedTests).toBeGreaterThanOrEqual(20);
    },
    INSTALL_TIMEOUT_MS + 240_000,
  );
});
