import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostmartSandbox, startVosoSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { createFileStore } from '../../src/store/file-store.js';

const CHILD = fileURLToPath(new URL('./fixtures/publish-child.ts', import.meta.url));
const COUNT = 24;
const RPS = 30;

interface ChildReport {
  ok: boolean;
  items: {
    platform: string;
    sku: string;
    outcome: string;
    recovered: boolean;
    remoteId?: string;
    error?: string;
  }[];
}

describe('a publish killed at any point and run again', () => {
  let voso: MarketplaceSandbox;
  let postmart: MarketplaceSandbox;
  let storeDir: string;

  beforeAll(async () => {
    const options = { rateLimitRps: RPS, faults: { latencyMs: 15 } } as const;
    [voso, postmart] = await Promise.all([startVosoSandbox(options), startPostmartSandbox(options)]);
    storeDir = await mkdtemp(join(tmpdir(), 'ocop-publish-kill-'));
  });
  afterAll(async () => {
    await Promise.all([voso?.close(), postmart?.close()]);
    if (storeDir) await rm(storeDir, { recursive: true, force: true });
  });

  function startChild(): {
    child: ChildProcess;
    output: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
  } {
    const env = {
      ...process.env,
      PUBLISH_COUNT: String(COUNT),
      PUBLISH_RPS: String(RPS),
      PUBLISH_STORE_DIR: storeDir,
      VOSO_URL: voso.baseUrl,
      VOSO_USER: voso.credentials.username,
      VOSO_PASS: voso.credentials.password,
      POSTMART_URL: postmart.baseUrl,
      POSTMART_USER: postmart.credentials.username,
      POSTMART_PASS: postmart.credentials.password,
      POSTMART_CODE: postmart.credentials.customerCode ?? '',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const output = new Promise<{
      code: number | null;
      signal: string | null;
      stdout: string;
      stderr: string;
    }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
    return { child, output };
  }

  const creates = () =>
    (voso.stats.requests.createListing ?? 0) + (postmart.stats.requests.createListing ?? 0);

  async function killWhen(predicate: () => boolean): Promise<void> {
    const { child, output } = startChild();
    const deadline = Date.now() + 15_000;
    while (!predicate() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
    const result = await output;
    expect(result.signal).toBe('SIGKILL');
  }

  it('completes with exactly one listing per SKU on every platform', async () => {
    // Kill once early (after a few creates, mid-flight) and once later, then let a run finish.
    await killWhen(() => creates() >= 6);
    const afterFirstKill = creates();
    await killWhen(() => creates() >= afterFirstKill + 14);
    // The kills landed mid-run: creates were recorded as intents whose outcome the dead process never saw.
    const interrupted = await createFileStore({ dir: storeDir });
    const pending = await interrupted.listIntents({ status: 'pending' });
    const mapped = (await interrupted.listListings('voso', voso.credentials.username)).length;
    await interrupted.close();
    expect(pending.length).toBeGreaterThan(0);
    expect(mapped).toBeLessThan(COUNT);
    const { output } = startChild();
    const result = await output;
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as ChildReport;
    expect(report.items.filter((i) => !['created', 'unchanged', 'updated'].includes(i.outcome))).toEqual([]);
    expect(report.items).toHaveLength(COUNT * 2);
    // Every create left pending by a kill was resolved by a lookup (found → adopted, not created again).
    const recovered = report.items.filter((i) => i.recovered);
    expect(
      (voso.stats.requests.getListingBySku ?? 0) + (postmart.stats.requests.getListingBySku ?? 0),
    ).toBeGreaterThanOrEqual(pending.length);
    expect(recovered.length).toBeLessThanOrEqual(pending.length);

    const skus = Array.from({ length: COUNT }, (_, i) => `OCOP-${String(i).padStart(5, '0')}`);
    const store = await createFileStore({ dir: storeDir });
    try {
      for (const sandbox of [voso, postmart]) {
        const listings = sandbox.state.listings();
        expect(listings.map((l) => l.sellerSku).sort()).toEqual(skus);
        const adapterAccount = sandbox.credentials.username;
        for (const listing of listings) {
          const record = await store.getListing({
            platform: sandbox.platform,
            account: adapterAccount,
            sku: listing.sellerSku,
          });
          expect(record?.remoteListingId).toBe(String(listing.id));
        }
        expect(await store.listIntents({ platform: sandbox.platform, status: 'pending' })).toEqual([]);
      }
    } finally {
      await store.close();
    }
    // A further run sends nothing at all.
    voso.resetStats();
    postmart.resetStats();
    const again = await startChild().output;
    const rerun = JSON.parse(again.stdout.trim().split('\n').at(-1)!) as ChildReport;
    expect(new Set(rerun.items.map((i) => i.outcome))).toEqual(new Set(['unchanged']));
    expect(voso.stats.writes + postmart.stats.writes).toBe(0);
  }, 60_000);
});
