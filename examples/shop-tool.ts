/**
 * How a shop tool uses ocop-connect as a library: publish a product to Voso and Postmart, then quote and
 * ship a parcel with ViettelPost. With no credentials in the environment it starts the sandboxes, so it
 * runs anywhere: `npx tsx examples/shop-tool.ts`.
 */
import { createConnector, createMemoryStore, type ProductInput, validateProduct } from 'ocop-connect';
import { postmart } from 'ocop-connect/postmart';
import { startPostmartSandbox, startViettelPostSandbox, startVosoSandbox } from 'ocop-connect/sandbox';
import { viettelpost } from 'ocop-connect/viettelpost';
import { voso } from 'ocop-connect/voso';

const product: ProductInput = {
  sku: 'VL-BSD',
  name: 'Bột sắn dây Vĩnh Linh',
  description: 'Bột sắn dây nguyên chất, lọc và phơi thủ công.',
  brand: 'Vĩnh Linh',
  categoryHints: ['Bột - tinh bột'],
  origin: 'Quảng Trị',
  producer: {
    type: 'cooperative',
    name: 'HTX Nông nghiệp Vĩnh Hà',
    address: { ward: 'Xã Bến Quan', province: 'Quảng Trị' },
  },
  ocop: { stars: 4, certificateNo: '21/GCN-UBND', issuedBy: 'UBND tỉnh Quảng Trị', issuedAt: '2024-06-10' },
  food: { netContent: { value: 500, unit: 'g' }, shelfLifeDays: 365 },
  images: [{ path: new URL('../seeds/images/bot-san-day.jpg', import.meta.url).pathname }],
  priceVnd: 95_000,
  stock: 40,
  weightGrams: 560,
};

async function main(): Promise<void> {
  const checked = validateProduct(product);
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.messageEn}`).join('\n'));

  // Sandboxes stand in for the real platforms here; with real accounts, pass their credentials instead.
  const [vosoBox, postmartBox, vtpBox] = await Promise.all([
    startVosoSandbox(),
    startPostmartSandbox(),
    startViettelPostSandbox(),
  ]);
  // Fresh sandboxes forget everything, so the state store must too. Against real platforms use
  // `await createFileStore({ dir: '.ocop-connect' })` (the default): it remembers what was published.
  const store = createMemoryStore();
  const connector = createConnector({
    marketplaces: [
      voso({ baseUrl: vosoBox.baseUrl, credentials: { ...vosoBox.credentials } }),
      postmart({ baseUrl: postmartBox.baseUrl, credentials: { ...postmartBox.credentials } }),
    ],
    store,
    images: { allowPrivateNetwork: false },
    categories: {
      voso: { 'Bột - tinh bột': { categoryId: '1002' } },
      postmart: { 'Bột - tinh bột': { categoryId: '2002' } },
    },
  });
  const carrier = viettelpost({
    baseUrl: vtpBox.url,
    labelHost: vtpBox.url,
    credentials: { ...vtpBox.memberCredentials },
  });

  try {
    // 1. One product, two platforms, one call. Each item says what happened where.
    const report = await connector.publish([checked.value], { to: ['voso', 'postmart'] });
    for (const item of report.items)
      console.log(`${item.platform}: ${item.sku} ${item.outcome} ${item.remoteId ?? ''}`);

    // 2. Quote a parcel from the cooperative to a buyer in Huế, then ship it with the cheapest service.
    const parcel = {
      weightGrams: 1_200,
      lengthCm: 20,
      widthCm: 15,
      heightCm: 10,
      declaredValueVnd: 190_000,
      kind: 'goods' as const,
      items: [],
    };
    const from = product.producer.address;
    const to = { street: '12 Lê Lợi', ward: 'Phường Thuận Hóa', province: 'Huế' };
    const quotes = await carrier.quote({ from, to, parcel, codAmountVnd: 190_000 });
    console.log(quotes.map((q) => `${q.serviceCode} ${q.totalVnd} VND`).join(', '));
    const shipment = await carrier.createShipment(
      {
        sender: { name: 'HTX Nông nghiệp Vĩnh Hà', phone: '0912345678', address: from },
        receiver: { name: 'Trần Thị Bình', phone: '0987654321', address: to },
        parcel,
        serviceCode: quotes[0]!.serviceCode,
        codAmountVnd: 190_000,
      },
      // Deterministic: the same order always gets the same reference, so a retry never ships twice.
      { reference: 'SHOP-ORDER-1001' },
    );
    console.log(
      `waybill ${shipment.trackingNumber}, label ${await carrier.labelUrl([shipment.trackingNumber!], 'A6')}`,
    );
  } finally {
    await connector.close();
    await carrier.close();
    await Promise.all([vosoBox.close(), postmartBox.close(), vtpBox.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
