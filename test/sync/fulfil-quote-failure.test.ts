/**
 * #16 trial 4 item 4 (port of /tmp/trial16/t8.mjs): under a fixed-carrier policy a temporary quote
 * failure (VNPost ServicesCharge answering 500) is a retriable failure naming the carrier and the cause,
 * counted as failed — not `skipped/invalid` "no service matching the policy".
 */
import { expect, it } from 'vitest';
import { CarrierQuoteFailedError } from '../../src/sync/fulfil/errors.js';
import { POSTMART_SHIPS_VNPOST, useVnpostShop } from './vnpost-shop-fixture.js';

const shop = useVnpostShop(POSTMART_SHIPS_VNPOST);

it('ServicesCharge 500 under { byMarketplace: { postmart: vnpost } }: failed, retriable, naming vnpost; the next run ships', async () => {
  const placed = shop.platforms.postmartSandbox.buyers.placeOrder({ sku: 'MAT-ONG-500', quantity: 1 });
  if (!placed.ok) throw new Error(placed.reason);
  shop.vnp.setFaults({ failNext: { servicesCharge: 20 } });
  const day = await shop.connector.fulfilPending();
  const mine = day.orders.find((o) => o.externalId === placed.order.id);
  expect(mine).toMatchObject({ outcome: 'failed' });
  expect(mine?.reason).toBeUndefined();
  expect(day.counts.failed).toBe(1);
  expect(day.counts.skipped).toBe(0);
  expect(mine?.error).toBeInstanceOf(CarrierQuoteFailedError);
  expect(mine?.error).toMatchObject({ kind: 'server', retriable: true, platform: 'vnpost' });
  expect(mine?.error?.message).toMatch(/^vnpost could not quote order postmart:/);
  expect(mine?.error?.message).toMatch(/không báo được giá cước/);
  expect(mine?.error?.message).not.toMatch(/no service matching/);
  expect(shop.vnp.state.orders()).toHaveLength(0);

  shop.vnp.setFaults({ failNext: {} });
  const next = await shop.connector.fulfilPending();
  expect(next.orders.find((o) => o.externalId === placed.order.id)?.outcome).toBe('shipped');
  expect(shop.vnp.state.orders()).toHaveLength(1);
});
