/**
 * Chaos bench (#13): publish + a cooperative's day under faults on every sandbox, counted from the
 * sandboxes' own records. Deterministic seed (CHAOS_SEED, default 13), bounded time (CHAOS_DEADLINE_MS,
 * default 240 s: the run stops and counts whatever it reached).
 *
 * Faults: Voso — 5xx storm (6 %), jittered latency, connections dropped after commit on create, update,
 * stock; Postmart — ACCEPTS DUPLICATE SKUs, a create that commits after the client timed out, 5xx (6 %),
 * 1.5 s tokens; ViettelPost — a create whose answer is lost after commit, 5xx (5 %), duplicated and
 * out-of-order webhooks; marketplace webhooks duplicated. The cooperative re-runs what reported a
 * failure (publish, fulfilment), as it would the next morning.
 *
 * Last line, exactly: `chaos duplicates N missing N mismatches N lost-orders N duplicate-shipments N`.
 * Run: npm run bench:chaos
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCatalog } from '../src/catalog/index.js';
import { createConnector } from '../src/connector.js';
import type { Product } from '../src/model/product.js';
import type { Contact } from '../src/model/shipment.js';
import { postmart } from '../src/platforms/postmart/index.js';
import type { MarketplaceAdapter } from '../src/platforms/types.js';
import { viettelpost } from '../src/platforms/viettelpost/index.js';
import { voso } from '../src/platforms/voso/index.js';
import {
  SANDBOX_CATEGORIES,
  startPostmartSandbox,
  startViettelPostSandbox,
  startVosoSandbox,
} from '../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../src/sandbox/marketplace/types.js';
import { createFileStore } from '../src/store/index.js';

const SEED = Number(process.env.CHAOS_SEED ?? 13);
const DEADLINE_MS = Number(process.env.CHAOS_DEADLINE_MS ?? 240_000);
const ORDERS = Number(process.env.CHAOS_ORDERS ?? 10);
const MAX_ROUNDS = 4;
const SENDER: Contact = {
  name: 'HTX Nông nghiệp Vĩnh Linh',
  phone: '0912345678',
  address: { street: 'Thôn Hiền Dũng', ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' },
};

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const started = Date.now();
const timeLeft = () => DEADLINE_MS - (Date.now() - started);

async function main(): Promise<void> {
  const random = mulberry32(SEED);
  const marketWebhook = { duplicateRate: 0.3, retryDelaysMs: [100, 200, 400] };
  const [vosoBox, postmartBox, vtp] = await Promise.all([
    startVosoSandbox({
      seed: SEED,
      webhook: marketWebhook,
      faults: {
        serverErrorRate: 0.06,
        latencyMs: { minMs: 1, maxMs: 25 },
        dropAfterCommit: { createListing: 2, updateListing: 1, updateStock: 1 },
      },
    }),
    startPostmartSandbox({
      seed: SEED + 1,
      webhook: marketWebhook,
      acceptDuplicateSkus: true,
      tokenTtlMs: 1_500,
      faults: { serverErrorRate: 0.06, commitLate: { createListing: 2 }, commitLateMs: 1_500 },
    }),
    startViettelPostSandbox({
      stepMs: 0,
      seed: SEED + 2,
      webhookRetryDelayMs: 50,
      webhookMaxRetries: 3,
      webhookChaos: { duplicateProbability: 0.3, outOfOrderProbability: 0.3 },
    }),
  ]);
  vtp.setFaults({ errorRate: 0.05, errorKind: 'http500', dropResponseAfterCommit: { createOrder: 1 } });
  const dir = await mkdtemp(join(tmpdir(), 'ocop-chaos-'));
  const store = await createFileStore({ dir, shared: true });
  const retry = { initialDelayMs: 50, maxDelayMs: 400, maxElapsedMs: 15_000 };
  const marketplaces: MarketplaceAdapter[] = [
    voso({ baseUrl: vosoBox.baseUrl, credentials: { ...vosoBox.credentials }, timeoutMs: 1_000, retry }),
    postmart({
      baseUrl: postmartBox.baseUrl,
      credentials: { ...postmartBox.credentials, customerCode: postmartBox.credentials.customerCode ?? '' },
      timeoutMs: 1_000,
      retry,
    }),
  ];
  const carrier = viettelpost({
    baseUrl: vtp.url,
    credentials: vtp.memberCredentials,
    webhookSecret: vtp.webhookSecret,
    store,
    retry,
  });
  let retries = 0;
  for (const adapter of marketplaces) {
    (adapter as unknown as { client: { events: { on(e: 'retry', l: () => void): void } } }).client.events.on(
      'retry',
      () => {
        retries += 1;
      },
    );
  }
  const connector = createConnector({
    marketplaces,
    carrier,
    store,
    sender: SENDER,
    categories: SANDBOX_CATEGORIES,
  });
  const receiver = createServer(connector.webhookHandler());
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
  vosoBox.webhooks.setUrl(`${hookUrl}/voso`);
  postmartBox.webhooks.setUrl(`${hookUrl}/postmart`);
  vtp.setWebhook(`${hookUrl}/viettelpost`, vtp.webhookSecret);

  const boxes = [vosoBox, postmartBox];
  const placed: { box: MarketplaceSandbox; id: string; cancelled: boolean }[] = [];
  let catalog: Product[] = [];
  try {
    const read = await readCatalog(fileURLToPath(new URL('../seeds/catalog.json', import.meta.url)));
    catalog = read.products;
    // Publish; re-run what failed (the cooperative's next try), bounded.
    for (let round = 1; round <= MAX_ROUNDS && timeLeft() > 0; round++) {
      const report = await connector.publish(catalog);
      if (report.items.every((i) => i.outcome !== 'failed')) break;
      await new Promise((resolve) => setTimeout(resolve, 1_600)); // late commits land meanwhile
    }
    // Buyers: seeded choices of platform and SKU, some change their mind.
    const skus = catalog
      .filter((p) => p.status === 'active')
      .flatMap((p) => (p.variants.length > 0 ? p.variants.map((v) => v.sku) : [p.sku]));
    for (let i = 0; i < ORDERS; i++) {
      const box = boxes[Math.floor(random() * boxes.length)] as MarketplaceSandbox;
      const sku = skus[Math.floor(random() * skus.length)] as string;
      const order = box.buyers.placeOrder({ sku, quantity: 1 });
      if (!order.ok) continue;
      const cancelled = random() < 0.2;
      if (cancelled) box.buyers.cancel(order.order.id);
      placed.push({ box, id: order.order.id, cancelled });
    }
    // The day, each step re-run while it reports failures (bounded).
    for (let round = 1; round <= MAX_ROUNDS && timeLeft() > 0; round++) {
      await connector.syncInventory().catch(() => undefined);
      await connector.resolveOversells().catch(() => undefined);
      const fulfilled = await connector.fulfilPending().catch(() => undefined);
      const failed = (fulfilled as { items?: { outcome?: string }[] } | undefined)?.items?.some(
        (i) => i.outcome === 'failed',
      );
      if (fulfilled !== undefined && !failed) break;
    }
    for (const order of vtp.state.orders()) {
      for (let step = 0; step < 20 && timeLeft() > 0; step++) {
        if ([501, 504, 107].includes(await vtp.advance(order.waybill))) break;
      }
    }
    await vtp.webhooksIdle();
    await Promise.all(boxes.map((b) => b.webhooks.idle()));
    await connector.catchUpWebhooks().catch(() => undefined);
    await connector.syncInventory().catch(() => undefined);
  } finally {
    await connector.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }

  // ---- counted from the sandboxes' own records ----
  let duplicates = 0;
  let missing = 0;
  let mismatches = 0;
  for (const box of boxes) {
    const listings = box.state.listings();
    const bySku = new Map<string, number>();
    for (const l of listings) bySku.set(l.sellerSku, (bySku.get(l.sellerSku) ?? 0) + 1);
    for (const count of bySku.values()) duplicates += count - 1;
    for (const product of catalog) {
      const listing = listings.find((l) => l.sellerSku === product.sku);
      if (!listing) {
        if (product.status === 'active') missing += 1;
        continue;
      }
      if (listing.title !== product.name) mismatches += 1;
    }
  }
  // Stock each marketplace shows = what the store says is available.
  for (const entry of await store.listStock()) {
    for (const box of boxes) {
      const shown = box.state.stockOf(entry.sku);
      if (shown !== undefined && shown !== entry.onHand - entry.reserved) mismatches += 1;
    }
  }
  const shipments = vtp.state.orders();
  const byReference = new Map<string, number>();
  for (const s of shipments) byReference.set(s.reference, (byReference.get(s.reference) ?? 0) + 1);
  const duplicateShipments = [...byReference.values()].reduce((n, count) => n + count - 1, 0);
  let lostOrders = 0;
  let cancelled = 0;
  for (const order of placed) {
    const status = order.box.state.order(order.id)?.status;
    if (order.cancelled || status === 'CANCELLED') {
      cancelled += 1;
      continue;
    }
    if (!shipments.some((s) => s.reference.endsWith(order.id))) lostOrders += 1;
  }
  const requests = vosoBox.stats.totalRequests + postmartBox.stats.totalRequests + vtp.state.requestCount();
  console.log(
    `seed ${SEED} products ${catalog.length} orders ${placed.length} (cancelled ${cancelled}) shipments ${shipments.length} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    `faults: 5xx injected ${vosoBox.stats.injectedErrors + postmartBox.stats.injectedErrors}, dropped after commit ${vosoBox.stats.droppedConnections}, late commits ${postmartBox.stats.lateCommits}, 429s ${vosoBox.stats.rateLimited + postmartBox.stats.rateLimited}`,
  );
  console.log(`requests ${requests} retries ${retries}`);
  await store.close();
  await Promise.all([vosoBox.close(), postmartBox.close(), vtp.close()]);
  await rm(dir, { recursive: true, force: true });
  console.log(
    `chaos duplicates ${duplicates} missing ${missing} mismatches ${mismatches} lost-orders ${lostOrders} duplicate-shipments ${duplicateShipments}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
