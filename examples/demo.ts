/**
 * The main job, end to end, against the embedded sandboxes (no accounts needed):
 *   1. read the sample catalog spreadsheet (seeds/catalog.csv) and list it on Voso and Postmart at once;
 *   2. run it again: nothing changed, so nothing is sent;
 *   3. a buyer orders on Voso; the order is pulled, confirmed and shipped with ViettelPost
 *      (quote → cheapest service → waybill → tracking number back on Voso); a buyer orders on
 *      Postmart, and that order ships with VNPost: the carrier policy sends each marketplace's orders
 *      to its own carrier and records why;
 *   4. both carriers' status webhooks arrive, are verified (ViettelPost: shared secret; VNPost:
 *      RSA-SHA256 signature) and turned into canonical events.
 * Run: npm run demo            (OCOP_LANG=en npm run demo for English)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  type Contact,
  createConnector,
  createMemoryStore,
  formatVnd,
  type PublishReport,
  readCatalog,
  type ShipmentEvent,
} from 'ocop-connect';
import { postmart } from 'ocop-connect/postmart';
import {
  SANDBOX_CATEGORIES,
  startPostmartSandbox,
  startShopeeSandbox,
  startViettelPostSandbox,
  startVnpostSandbox,
  startVosoSandbox,
} from 'ocop-connect/sandbox';
import { shopee } from 'ocop-connect/shopee';
import { viettelpost } from 'ocop-connect/viettelpost';
import { vnpost } from 'ocop-connect/vnpost';
import { voso } from 'ocop-connect/voso';

const english = (process.env.OCOP_LANG ?? process.env.LANG ?? '').toLowerCase().startsWith('en');
const say = (vi: string, en: string) => console.log(english ? en : vi);
const money = (vnd: number) => formatVnd(vnd, { space: 'space' });

const SENDER: Contact = {
  name: 'HTX Nông nghiệp Vĩnh Linh',
  phone: '0912345678',
  address: { street: 'Thôn Hiền Dũng', ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' },
};

/** A shop's webhook endpoint: answers 200 at once (carriers retry otherwise) and hands the body on. */
async function startWebhookReceiver(
  onDelivery: (path: string, raw: Buffer, headers: Record<string, string | string[] | undefined>) => void,
) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      onDelivery(req.url ?? '/', Buffer.concat(chunks), req.headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (carrier: string) => `http://127.0.0.1:${port}/webhooks/${carrier}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function printReport(title: string, report: PublishReport): void {
  console.log(`\n${title}`);
  for (const p of report.platforms) {
    const items = report.items.filter((i) => i.platform === p.platform);
    const count = (test: (i: (typeof items)[number]) => boolean) => items.filter(test).length;
    const inactive = count((i) => i.action === 'skip' && i.outcome === 'unchanged');
    console.log(
      english
        ? `  ${p.platform.padEnd(9)} created ${p.created} · updated ${p.updated} · unchanged ${p.unchanged - inactive} · failed ${p.failed + p.invalid} · inactive, not listed ${inactive} · images uploaded ${p.imagesUploaded}`
        : `  ${p.platform.padEnd(9)} tạo mới ${p.created} · cập nhật ${p.updated} · không đổi ${p.unchanged - inactive} · lỗi ${p.failed + p.invalid} · ngừng bán, không đăng ${inactive} · ảnh tải lên ${p.imagesUploaded}`,
    );
  }
  for (const item of report.items.filter((i) => i.outcome === 'failed' || i.outcome === 'invalid')) {
    console.log(
      `  ✗ [${item.platform}] ${item.sku}: ${item.error?.message ?? item.issues?.map((i) => (english ? i.messageEn : i.messageVi)).join('; ')}`,
    );
  }
}

async function main(): Promise<void> {
  say(
    'ocop-connect — chạy thử trên SANDBOX (giả lập Voso, Postmart, Shopee, ViettelPost, VNPost trên máy này)',
    'ocop-connect — demo on the SANDBOX (local emulators of Voso, Postmart, Shopee, ViettelPost and VNPost)',
  );
  const events: ShipmentEvent[] = [];
  const vnpostEvents: ShipmentEvent[] = [];
  let carrierRef: ReturnType<typeof viettelpost> | undefined;
  let vnpostRef: ReturnType<typeof vnpost> | undefined;
  const receiver = await startWebhookReceiver((path, raw, headers) => {
    if (path.endsWith('/vnpost')) {
      if (vnpostRef?.verifyWebhook(raw, headers)) vnpostEvents.push(...vnpostRef.parseWebhookEvents(raw));
      return;
    }
    if (!carrierRef?.verifyWebhook(raw, headers)) return;
    events.push(carrierRef.parseWebhook(raw));
  });
  const vosoBox = await startVosoSandbox();
  const postmartBox = await startPostmartSandbox();
  const shopeeBox = await startShopeeSandbox();
  const vtpBox = await startViettelPostSandbox({
    stepMs: 100,
    ending: 'delivered',
    webhookUrl: receiver.url('viettelpost'),
  });
  const vnpostBox = await startVnpostSandbox({ stepMs: 100, webhookUrl: receiver.url('vnpost') });

  const marketplaces = [
    voso({ baseUrl: vosoBox.baseUrl, credentials: { ...vosoBox.credentials } }),
    postmart({ baseUrl: postmartBox.baseUrl, credentials: { ...postmartBox.credentials } }),
    // Shopee Open Platform v2: partner/shop HMAC signatures, 4-hour tokens, add_item + init_tier_variation.
    shopee({ baseUrl: shopeeBox.baseUrl, credentials: { ...shopeeBox.credentials } }),
  ];
  const carrier = viettelpost({
    baseUrl: vtpBox.baseUrl,
    labelHost: vtpBox.url,
    credentials: { ...vtpBox.memberCredentials },
    webhookSecret: vtpBox.webhookSecret,
  });
  carrierRef = carrier;
  const vnpostCarrier = vnpost({
    baseUrl: vnpostBox.baseUrl,
    credentials: vnpostBox.credentials,
    webhookPublicKey: vnpostBox.webhookPublicKey,
  });
  vnpostRef = vnpostCarrier;
  // The sandboxes start empty, so the demo's state store lives in memory too (real runs use a FileStore).
  const connector = createConnector({
    marketplaces,
    carriers: [carrier, vnpostCarrier],
    // Postmart is Vietnam Post's marketplace: its parcels travel with VNPost; Voso's with ViettelPost.
    carrierPolicy: { byMarketplace: { postmart: 'vnpost', voso: 'viettelpost' } },
    store: createMemoryStore(),
    categories: SANDBOX_CATEGORIES, // platform → the catalog's category, as `categories` is keyed
    sender: SENDER,
  });

  try {
    // 1. The catalog, as a cooperative keeps it: a spreadsheet.
    const catalogPath = fileURLToPath(new URL('../seeds/catalog.csv', import.meta.url));
    const catalog = await readCatalog(catalogPath);
    say(
      `\n1. Danh mục seeds/catalog.csv: ${catalog.rowCount} dòng, ${catalog.products.length} sản phẩm hợp lệ, ${catalog.issues.length} lỗi.`,
      `\n1. Catalog seeds/catalog.csv: ${catalog.rowCount} rows, ${catalog.products.length} valid products, ${catalog.issues.length} problems.`,
    );
    const first = await connector.publish(catalog.products);
    printReport(
      english
        ? `   Listed on Voso, Postmart and Shopee in ${Math.round(first.durationMs)} ms:`
        : `   Đăng lên Voso, Postmart và Shopee trong ${Math.round(first.durationMs)} ms:`,
      first,
    );

    // 2. Same catalog again: the content hashes match, so nothing goes out.
    const writesBefore = vosoBox.stats.writes + postmartBox.stats.writes + shopeeBox.stats.writes;
    const second = await connector.publish(catalog.products);
    printReport(english ? '2. Second run, unchanged catalog:' : '2. Chạy lại, danh mục không đổi:', second);
    say(
      `   Số lệnh ghi gửi lên sàn ở lần 2: ${vosoBox.stats.writes + postmartBox.stats.writes + shopeeBox.stats.writes - writesBefore}`,
      `   Write requests sent by the second run: ${vosoBox.stats.writes + postmartBox.stats.writes + shopeeBox.stats.writes - writesBefore}`,
    );

    // 3. A buyer orders two boxes of turmeric starch on Voso; the shop pulls, confirms and ships it.
    const placed = vosoBox.buyers.placeOrder({ sku: 'VL-TBN-500', quantity: 2, paymentMethod: 'COD' });
    if (!placed.ok) throw new Error(`sandbox order failed: ${placed.reason}`);
    const vosoAdapter = marketplaces[0]!;
    const now = Date.now();
    let order = undefined as Awaited<ReturnType<typeof vosoAdapter.getOrder>> | undefined;
    for await (const o of vosoAdapter.listOrders({
      from: new Date(now - 3_600_000),
      to: new Date(now + 60_000),
    }))
      order = o;
    if (!order) throw new Error('the new order was not found on Voso');
    say(
      `\n3. Đơn mới trên Voso ${order.externalId}: ${order.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ')}, thu hộ ${money(order.payment.codAmountVnd)}`,
      `\n3. New Voso order ${order.externalId}: ${order.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ')}, cash on delivery ${money(order.payment.codAmountVnd)}`,
    );
    order = await vosoAdapter.confirmOrder(order.externalId);
    const shipped = await connector.fulfil(order, { service: 'cheapest' });
    const after = await vosoAdapter.getOrder(order.externalId);
    say(
      `   ViettelPost: dịch vụ ${shipped.quote?.serviceCode} (${shipped.quote?.serviceName}), cước ${money(shipped.quote?.totalVnd ?? 0)}, vận đơn ${shipped.trackingNumber}`,
      `   ViettelPost: service ${shipped.quote?.serviceCode} (${shipped.quote?.serviceName}), ${money(shipped.quote?.totalVnd ?? 0)}, waybill ${shipped.trackingNumber}`,
    );
    say(
      `   Voso: trạng thái đơn ${after.status}, mã vận đơn ${after.tracking?.trackingNumber}`,
      `   Voso: order status ${after.status}, tracking ${after.tracking?.trackingNumber}`,
    );
    say(
      `   Tem in A6: ${await carrier.labelUrl([shipped.trackingNumber!], 'A6')}`,
      `   A6 label: ${await carrier.labelUrl([shipped.trackingNumber!], 'A6')}`,
    );

    // 3b. A Postmart buyer orders a jar of the same product: the policy ships it with VNPost.
    const pmPlaced = postmartBox.buyers.placeOrder({ sku: 'VL-TBN-500', quantity: 1, paymentMethod: 'COD' });
    if (!pmPlaced.ok) throw new Error(`sandbox order failed: ${pmPlaced.reason}`);
    const postmartAdapter = marketplaces[1]!;
    const pmOrder = await postmartAdapter.getOrder(pmPlaced.order.id);
    const pmShipped = await connector.fulfil(pmOrder);
    const pmAfter = await postmartAdapter.getOrder(pmOrder.externalId);
    say(
      `\n   Đơn Postmart ${pmOrder.externalId} → ${pmShipped.carrier}: dịch vụ ${pmShipped.quote?.serviceCode} (${pmShipped.quote?.serviceName}), cước ${money(pmShipped.quote?.totalVnd ?? 0)}, số hiệu ${pmShipped.trackingNumber}`,
      `\n   Postmart order ${pmOrder.externalId} → ${pmShipped.carrier}: service ${pmShipped.quote?.serviceCode} (${pmShipped.quote?.serviceName}), ${money(pmShipped.quote?.totalVnd ?? 0)}, item code ${pmShipped.trackingNumber}`,
    );
    say(`   Lý do chọn hãng: ${pmShipped.carrierChoice}`, `   Why this carrier: ${pmShipped.carrierChoice}`);
    say(
      `   Postmart: trạng thái đơn ${pmAfter.status}, mã vận đơn ${pmAfter.tracking?.trackingNumber}`,
      `   Postmart: order status ${pmAfter.status}, tracking ${pmAfter.tracking?.trackingNumber}`,
    );

    // 4. fulfil approved the waybill (option `approve`, on by default): the courier's journey comes back
    //    as signed webhooks.
    const deadline = Date.now() + 20_000;
    while (!(events.some((e) => e.terminal) && vnpostEvents.some((e) => e.terminal)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    say(
      '\n4. Hành trình (webhook ViettelPost, đã xác thực):',
      '\n4. Journey (ViettelPost webhooks, verified):',
    );
    for (const e of events)
      console.log(
        `   ${e.occurredAt}  ${String(e.rawStatus).padStart(4)}  ${e.status.padEnd(16)} ${e.rawStatusLabel ?? ''}`,
      );
    say(
      '\n   Hành trình (webhook VNPost, chữ ký RSA đã kiểm):',
      '\n   Journey (VNPost webhooks, RSA signature checked):',
    );
    for (const e of vnpostEvents)
      console.log(
        `   ${e.occurredAt}  ${String(e.rawStatus).padStart(4)}  ${e.status.padEnd(16)} ${e.rawStatusLabel ?? ''}`,
      );
    say('\nXong. Xem README.md để dùng với tài khoản thật.', '\nDone. See README.md to use real accounts.');
  } finally {
    await connector.close();
    await Promise.allSettled([
      vosoBox.close(),
      postmartBox.close(),
      shopeeBox.close(),
      vtpBox.close(),
      vnpostBox.close(),
      receiver.close(),
    ]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
