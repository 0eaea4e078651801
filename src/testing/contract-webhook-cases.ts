import { expect, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import type { ContractSandbox } from './contract-sandbox.js';
import { startReceiver, waitFor } from './webhook-receiver.js';

/** The contract cases of webhooks: signatures over the raw body, parsed events. */
export function defineWebhookCases<S extends ContractSandbox>(h: ContractHarness<S>): void {
  const { options, make, draftFor } = h;
  it('verifies webhook signatures over the raw body and parses events', async () => {
    const receiver = await startReceiver();
    try {
      // The callback URL as registered with the platform (Shopee signs over it).
      const webhookUrl = receiver.url;
      const adapter = make({ webhookUrl });
      if (!adapter.capabilities.webhooks) return;
      h.sandbox.webhooks.setUrl(webhookUrl);
      await adapter.createListing(await draftFor(adapter, 'WH'));
      if (adapter.capabilities.listingReview) {
        await waitFor(() => receiver.received.length >= 1);
        const reviewed = receiver.received[0]!;
        expect(adapter.verifyWebhook(reviewed.rawBody, reviewed.headers)).toBe(true);
        expect(adapter.parseWebhook(reviewed.rawBody)).toMatchObject({
          type: 'listing.reviewed',
          platform: options.platform,
          sku: 'WH-MO',
          remoteId: String(h.sandbox.state.listingBySku('WH-MO')!.id),
          review: 'APPROVED',
        });
      }
      const before = receiver.received.length;
      const placed = h.sandbox.buyers.placeOrder({ sku: 'WH-MO-250' });
      if (!placed.ok) throw new Error('order not placed');
      await waitFor(() => receiver.received.length > before);
      const delivery = receiver.received[before]!;
      expect(delivery.headers[options.webhookSignatureHeader.toLowerCase()]).toBeDefined();
      expect(adapter.verifyWebhook(delivery.rawBody, delivery.headers)).toBe(true);
      expect(adapter.verifyWebhook(delivery.rawBody.toString('utf8'), delivery.headers)).toBe(true);

      const tampered = Buffer.from(
        delivery.rawBody.toString('utf8').replace(placed.order.id, 'XX0000000000'),
      );
      expect(adapter.verifyWebhook(tampered, delivery.headers)).toBe(false);
      const badSignature = {
        ...delivery.headers,
        [options.webhookSignatureHeader.toLowerCase()]: 'ab'.repeat(32),
      };
      expect(adapter.verifyWebhook(delivery.rawBody, badSignature)).toBe(false);
      const noSignature = {
        ...delivery.headers,
        [options.webhookSignatureHeader.toLowerCase()]: undefined,
      };
      expect(adapter.verifyWebhook(delivery.rawBody, noSignature)).toBe(false);

      // Replayed 10 minutes later: outside the 5-minute window.
      const late = make({ webhookUrl, now: () => Date.now() + 600_000 });
      expect(late.verifyWebhook(delivery.rawBody, delivery.headers)).toBe(false);
      const wrongSecret = make({ webhookUrl, wrongWebhookSecret: true });
      expect(wrongSecret.verifyWebhook(delivery.rawBody, delivery.headers)).toBe(false);

      const event = adapter.parseWebhook(delivery.rawBody);
      expect(event.type === 'order.created' || event.type === 'order.updated').toBe(true);
      expect(event).toMatchObject({
        platform: options.platform,
        orderId: placed.order.id,
        status: options.newOrderStatus,
      });
      expect(event.deliveryId).not.toBe('');
      expect(event.occurredAt.endsWith('Z')).toBe(true);
    } finally {
      await receiver.close();
    }
  });
}
