/**
 * Many cooperatives, several worker processes: `npm run bench:scale [-- --products 300 --kills 10]`.
 *
 * Four cooperatives publish their catalogs through the hub's job queue (BullMQ on Redis) with
 * PostgreSQL stores, to Voso sandboxes that model the real quota (20 requests per rolling second per
 * account, counted when a request ARRIVES, after 20–120 ms of network jitter). Cooperatives 1 and 2
 * have an account each; cooperatives 3 and 4 share one account. Workers are real `ocop-connect worker`
 * processes sharing limits through Redis.
 *
 *   phase 1: one worker runs the four jobs                  → total time
 *   phase 2: four workers                                    → total time, per-account utilisation, 429s
 *   phase 3: two workers, one of them SIGKILLed `--kills` times mid-job and restarted → every job done
 *            once, no duplicate and no missing listing
 *
 * Utilisation of an account = requests its sandbox received ÷ (its limit × the time it had work
 * queued), that time running from the moment its jobs were added to the queue to the last request the
 * sandbox received for it (arrivals sampled every 10 ms): the workers' start-up on a job (store,
 * catalog, login) counts against it, as a user waiting for the job would see it. The catalog must be big enough for the kills to happen while jobs run: the run
 * fails if fewer than `--kills` happened. Prints the machine's load average (the figure depends on it).
 * Last line: `scale workers 4 min-utilisation X 429s N duplicates N missing N` (duplicates and missing summed
 * over the three phases; missing = catalog products no sandbox lists). Exits 1 when a product is
 * missing or listed twice, a job did not complete, or fewer kills happened than asked.
 * Needs PostgreSQL and Redis (OCOP_BENCH_DATABASE_URL / OCOP_BENCH_REDIS_URL, defaults the local ones).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createJobQueue, type HubJobResult } from '../src/hub/index.js';
import { startVosoSandbox } from '../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../src/sandbox/marketplace/types.js';
import { BENCH_CATEGORIES, benchJpeg, benchProduct } from './bench-helpers.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '300' },
    kills: { type: 'string', default: '10' },
    /** Skip the one-worker phase (a quicker look at the four-worker figures; no speed-up printed). */
    'skip-one': { type: 'boolean', default: false },
    seed: { type: 'string', default: '7' },
  },
});
const PRODUCTS = Number(values.products);
const KILLS = Number(values.kills);
const LIMIT_RPS = 20;
const DATABASE_URL = process.env.OCOP_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.OCOP_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

let seed = Number(values.seed);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

interface Account {
  name: string;
  box: MarketplaceSandbox;
  /** Sampled arrivals: [ms, requests that arrived since the previous sample]. */
  arrivals: [number, number][];
  lastCount: number;
}

/** Samples each sandbox's request counter every 10 ms: when did its requests arrive. */
function watch(accounts: Account[]): () => void {
  const timer = setInterval(() => {
    const now = performance.now();
    for (const a of accounts) {
      const count = a.box.stats.totalRequests;
      if (count > a.lastCount) {
        a.arrivals.push([now, count - a.lastCount]);
        a.lastCount = count;
      }
    }
  }, 10);
  return () => clearInterval(timer);
}

interface Usage {
  requests: number;
  /** From the moment its jobs were queued to its last request: the time the account had work queued. */
  queuedSeconds: number;
  /** From its first request to its last (the old measure, which left out the start-up before it). */
  busySeconds: number;
  /** Queued → first request arrival, ms: the start-up a worker spends before the account is used. */
  firstRequestMs: number;
  /** requests ÷ (limit × queuedSeconds). */
  utilisation: number;
  /** Most arrivals seen in any rolling second (sampled: ± one sample). */
  peakPerSecond: number;
  /** Requests per second in each 5-second slice of the busy interval (where the time went). */
  perSecondBy5s: number[];
}

/** `queuedAt`: when the account's jobs were added to the queue (performance.now()). */
function usageOf(a: Account, queuedAt: number): Usage {
  const requests = a.arrivals.reduce((n, [, c]) => n + c, 0);
  if (a.arrivals.length === 0)
    return {
      requests,
      queuedSeconds: 0,
      busySeconds: 0,
      firstRequestMs: 0,
      utilisation: 0,
      peakPerSecond: 0,
      perSecondBy5s: [],
    };
  // The first sample may hold arrivals from up to one interval earlier.
  const first = a.arrivals[0]![0] - 10;
  const last = a.arrivals[a.arrivals.length - 1]![0];
  const busySeconds = (last - first) / 1000;
  // Honest: the account had work queued from the moment its jobs were added, whatever the workers
  // did before its first request (picking the job, opening the store, reading the catalog, logging in).
  const queuedSeconds = (last - queuedAt) / 1000;
  let peak = 0;
  let from = 0;
  let inWindow = 0;
  for (const [t, c] of a.arrivals) {
    inWindow += c;
    while (a.arrivals[from]![0] <= t - 1000) inWindow -= a.arrivals[from++]![1];
    peak = Math.max(peak, inWindow);
  }
  // Slices from the moment the jobs were queued; the last one divided by its own length.
  const slices: number[] = [];
  for (const [t, c] of a.arrivals) {
    const i = Math.floor((t - queuedAt) / 5000);
    slices[i] = (slices[i] ?? 0) + c;
  }
  const lastSliceSeconds = Math.max(0.01, (last - queuedAt) / 1000 - 5 * (slices.length - 1));
  return {
    requests,
    queuedSeconds,
    busySeconds,
    firstRequestMs: first + 10 - queuedAt,
    utilisation: queuedSeconds > 0 ? requests / (queuedSeconds * LIMIT_RPS) : 0,
    peakPerSecond: peak,
    perSecondBy5s: Array.from(slices, (n, i) => (n ?? 0) / (i === slices.length - 1 ? lastSliceSeconds : 5)),
  };
}

async function startAccounts(): Promise<Account[]> {
  return Promise.all(
    ['acct-1', 'acct-2', 'acct-shared'].map(async (name) => ({
      name,
      box: await startVosoSandbox({
        rateLimitRps: LIMIT_RPS,
        faults: { latencyMs: { minMs: 20, maxMs: 120 } },
        seed: 11,
      }),
      arrivals: [],
      lastCount: 0,
    })),
  );
}

async function writeCatalogs(dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (let c = 0; c < 4; c += 1) {
    const products = [];
    for (let i = 0; i < PRODUCTS; i += 1) {
      const n = c * 10_000 + i;
      const image = join(dir, `c${c}-${i}.jpg`);
      await writeFile(image, await benchJpeg(n, 500));
      products.push(benchProduct(n, [], { images: [{ path: image }] }));
    }
    const path = join(dir, `coop-${c + 1}.json`);
    await writeFile(path, JSON.stringify(products));
    paths.push(path);
  }
  return paths;
}

async function hubFile(
  dir: string,
  accounts: Account[],
  catalogs: string[],
  queue: string,
  run: string,
): Promise<string> {
  const accountOf = [accounts[0]!, accounts[1]!, accounts[2]!, accounts[2]!];
  const file = join(dir, `hub-${run}.json`);
  await writeFile(
    file,
    JSON.stringify({
      databaseUrl: DATABASE_URL,
      redisUrl: REDIS_URL,
      queue,
      cooperatives: catalogs.map((catalog, i) => ({
        id: `${run}-coop-${i + 1}`,
        catalog,
        categories: BENCH_CATEGORIES,
        marketplaces: [
          {
            platform: 'voso',
            account: accountOf[i]!.name,
            baseUrl: accountOf[i]!.box.baseUrl,
            credentials: {
              username: accountOf[i]!.box.credentials.username,
              password: accountOf[i]!.box.credentials.password,
            },
          },
        ],
      })),
    }),
  );
  return file;
}

function startWorker(file: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      TSX,
      [join(ROOT, 'src/cli/main.ts'), '--lang', 'en', 'worker', '--hub', file, '--concurrency', '1'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // The workers log every job start and end (JSON on stderr): show only errors and non-log output.
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        const level = /^\{"level":(\d+)/.exec(line)?.[1];
        if (level === undefined || Number(level) >= 50) process.stderr.write(`${line}\n`);
      }
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) resolve(child);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`worker exited with ${code}`));
    });
  });
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children
      .filter((c) => c.exitCode === null && c.signalCode === null)
      .map(
        (c) =>
          new Promise((resolve) => {
            c.once('exit', resolve);
            c.kill('SIGTERM');
          }),
      ),
  );
}

function duplicates(accounts: Account[]): number {
  let n = 0;
  for (const a of accounts) {
    const skus = a.box.state.listings().map((l) => l.sellerSku);
    n += skus.length - new Set(skus).size;
  }
  return n;
}

function listed(accounts: Account[]): number {
  return accounts.reduce((n, a) => n + new Set(a.box.state.listings().map((l) => l.sellerSku)).size, 0);
}

interface PhaseResult {
  seconds: number;
  usage: Record<string, Usage>;
  killed: number;
  rateLimited: number;
  duplicates: number;
  missing: number;
  results: HubJobResult[];
  /** Jobs that did not complete: their reason (held or failed products, a worker error). */
  failedJobs: string[];
}

async function phase(dir: string, catalogs: string[], workers: number, kills: number): Promise<PhaseResult> {
  const run = `bench-${randomUUID().slice(0, 8)}`;
  const queueName = `bench-scale-${run}`;
  const accounts = await startAccounts();
  const file = await hubFile(dir, accounts, catalogs, queueName, run);
  const children = await Promise.all(Array.from({ length: workers }, () => startWorker(file)));
  const queue = await createJobQueue({ redisUrl: REDIS_URL, queueName });
  const stopWatch = watch(accounts);
  try {
    const started = performance.now();
    const ids = await Promise.all(
      catalogs.map(
        async (_, i) => (await queue.add({ cooperative: `${run}-coop-${i + 1}`, kind: 'publish' })).id,
      ),
    );
    // Settled, not all-or-nothing: a failed job (held products, say) is counted and shown, never the
    // end of the bench before the missing products are counted.
    const done = Promise.allSettled(ids.map((id) => queue.waitFor(id, 15 * 60_000)));
    let killed = 0;
    while (killed < kills) {
      const settled = await Promise.race([
        done.then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 800 + random() * 1700)),
      ]);
      if (settled) break;
      const victim = Math.floor(random() * children.length);
      children[victim]!.kill('SIGKILL');
      killed += 1;
      children[victim] = await startWorker(file);
    }
    if (kills > 0) console.log(`  killed a worker mid-job ${killed} times (asked: ${kills})`);
    const settled = await done;
    const results = settled
      .filter((r): r is PromiseFulfilledResult<HubJobResult> => r.status === 'fulfilled')
      .map((r) => r.value);
    const failedJobs = settled.flatMap((r, i) =>
      r.status === 'rejected' ? [`${ids[i]}: ${String((r.reason as Error)?.message ?? r.reason)}`] : [],
    );
    const seconds = (performance.now() - started) / 1000;
    const usage: Record<string, Usage> = {};
    for (const a of accounts) usage[a.name] = usageOf(a, started);
    const expected = catalogs.length * PRODUCTS;
    return {
      seconds,
      usage,
      killed,
      rateLimited: accounts.reduce((n, a) => n + a.box.stats.rateLimited, 0),
      duplicates: duplicates(accounts),
      missing: expected - listed(accounts),
      results,
      failedJobs,
    };
  } finally {
    stopWatch();
    await queue.close();
    await stopAll(children);
    await Promise.all(accounts.map((a) => a.box.close()));
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query('DELETE FROM ocop_state_records WHERE scope LIKE $1', [`${run}-%`]);
    await client.query('DELETE FROM ocop_state_heads WHERE scope LIKE $1', [`${run}-%`]);
    await client.end();
  }
}

const fmt = (n: number) => n.toFixed(2);

const dir = await mkdtemp(join(tmpdir(), 'ocop-bench-scale-'));
try {
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(
    `scale bench: 4 cooperatives × ${PRODUCTS} products, 3 Voso accounts at ${LIMIT_RPS}/s (coops 3 and 4 share one); load average ${load()} on ${availableParallelism()} cores`,
  );
  const catalogs = await writeCatalogs(dir);

  const jobsLine = (p: PhaseResult) => `jobs completed ${p.results.length}/${catalogs.length}`;
  /** Each job that did not complete, with its reason (its first 400 characters). */
  const showFailedJobs = (p: PhaseResult) => {
    for (const reason of p.failedJobs) console.log(`  ✗ job did not complete: ${reason.slice(0, 400)}`);
  };

  const one = values['skip-one'] ? undefined : await phase(dir, catalogs, 1, 0);
  if (one) {
    console.log(
      `workers 1: ${fmt(one.seconds)} s, ${jobsLine(one)}, 429s ${one.rateLimited}, duplicates ${one.duplicates}, missing ${one.missing}`,
    );
    showFailedJobs(one);
  }

  const four = await phase(dir, catalogs, 4, 0);
  console.log(
    `workers 4: ${fmt(four.seconds)} s ${one ? `(${fmt(one.seconds / four.seconds)}× faster than one worker)` : '(one-worker phase skipped)'}, ${jobsLine(four)}, 429s ${four.rateLimited}, duplicates ${four.duplicates}, missing ${four.missing}`,
  );
  showFailedJobs(four);
  for (const [name, u] of Object.entries(four.usage))
    console.log(
      `  ${name}: ${u.requests} requests in ${fmt(u.queuedSeconds)} s with work queued (first request after ${u.firstRequestMs.toFixed(0)} ms; ${fmt(u.busySeconds)} s first to last request), utilisation ${fmt(u.utilisation)}, peak ${u.peakPerSecond} in a rolling second (limit ${LIMIT_RPS}); per second by 5 s from queuing: ${u.perSecondBy5s.map((r) => r.toFixed(1)).join(' ')}`,
    );

  let killed: PhaseResult | undefined;
  if (KILLS > 0) {
    killed = await phase(dir, catalogs, 2, KILLS);
    console.log(
      `kills ${killed.killed}/${KILLS}: ${jobsLine(killed)}, 429s ${killed.rateLimited}, duplicates ${killed.duplicates}, missing ${killed.missing}`,
    );
    showFailedJobs(killed);
    if (killed.killed < KILLS) {
      console.log(
        `  ✗ only ${killed.killed} of ${KILLS} kills happened before the jobs ended: use more --products`,
      );
      process.exitCode = 1;
    }
  }
  console.log(`load average ${load()} (1, 5, 15 min) at the end`);
  const phases = [...(one ? [one] : []), four, ...(killed ? [killed] : [])];
  const minUtilisation = Math.min(...Object.values(four.usage).map((u) => u.utilisation));
  const sum = (pick: (p: PhaseResult) => number) => phases.reduce((n, p) => n + pick(p), 0);
  const allDuplicates = sum((p) => p.duplicates);
  const all429 = sum((p) => p.rateLimited);
  const allMissing = sum((p) => p.missing);
  const incompleteJobs = sum((p) => p.failedJobs.length);
  // A product not listed, listed twice, or a job that did not complete fails the bench: a fast run
  // that lost a cooperative's catalog proves nothing.
  if (allMissing > 0 || allDuplicates > 0 || incompleteJobs > 0) process.exitCode = 1;
  console.log(
    `scale workers 4 min-utilisation ${fmt(minUtilisation)} 429s ${all429} duplicates ${allDuplicates} missing ${allMissing}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
