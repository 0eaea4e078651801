/**
 * A webhook endpoint for ViettelPost status updates, as a shop would run it: verify the sender, answer
 * 200 at once (VTP retries up to 5 times otherwise), apply each event once (VTP repeats and reorders
 * deliveries), and keep the raw status next to the canonical one.
 * `npx tsx examples/webhook-receiver.ts` starts it against the ViettelPost sandbox and ships one parcel.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryStore } from 'ocop-connect';
import { startViettelPostSandbox } from 'ocop-connect/sandbox';
import { viettelpost } from 'ocop-connect/viettelpost';

async function main(): Promise<void> {
  const store = createMemoryStore();
  let carrier: ReturnType<typeof viettelpost> | undefined;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      // Constant-time check of the secret VTP sends (Authorization header and body TOKEN).
      if (!carrier?.verifyWebhook(raw, req.headers)) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      const event = carrier.parseWebhook(raw);
      // (waybill, status, status time) identifies a delivery; a repeat is acknowledged and ignored.
      if (!(await store.claimWebhook(event.dedupeKey))) return;
      console.log(
        `${event.trackingNumber} ${event.rawStatus} → ${event.status}${event.terminal ? ' (final)' : ''}`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/viettelpost`;

  const sandbox = await startViettelPostSandbox({
    webhookUrl: url,
    stepMs: 100,
    webhookChaos: { duplicateProbability: 0.3 },
  });
  carrier = viettelpost({
    baseUrl: sandbox.url,
    credentials: { ...sandbox.memberCredentials },
    webhookSecret: sandbox.webhookSecret,
  });
  try {
    const address = { ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' };
    const shipment = await carrier.createShipment(
      {
        sender: { name: 'HTX Vĩnh Linh', phone: '0912345678', address },
        receiver: {
          name: 'Lê Văn Cường',
          phone: '0987654321',
          address: { ward: 'Phường Hoàn Kiếm', province: 'Hà Nội' },
        },
        parcel: {
          weightGrams: 800,
          lengthCm: 0,
          widthCm: 0,
          heightCm: 0,
          declaredValueVnd: 0,
          kind: 'goods',
          items: [],
        },
        serviceCode: 'VCN',
      },
      { reference: 'WEBHOOK-DEMO-1' },
    );
    await carrier.updateOrder(shipment.trackingNumber!, 'approve');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await sandbox.webhooksIdle();
  } finally {
    await carrier.close();
    await sandbox.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
