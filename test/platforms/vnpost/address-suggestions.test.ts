/**
 * #16 trial 5 LOW 8: a ward VNPost's catalog does not know, with nothing near it by spelling, gets
 * suggestions from the national admin data — a 2025 address written with the pre-2025 ward name ("Thị
 * trấn Hồ Xá", merged into Xã Vĩnh Linh) is told the ward that took it over. Nothing is sent to price.
 */
import { afterEach, expect, it } from 'vitest';
import { VnpostAddressError } from '../../../src/platforms/vnpost/catalog.js';
import { type Harness, PARCEL, SENDER_2025, startHarness } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
});

it('a pre-2025 ward name in a 2025 address is answered with the 2025 ward that took it over', async () => {
  h = await startHarness({});
  const before = h.sandbox.state.requestCount('servicesCharge');
  const error = await h.adapter
    .quote({
      from: SENDER_2025.address,
      to: { street: '12 Hùng Vương', ward: 'Thị trấn Hồ Xá', province: 'Quảng Trị' },
      parcel: PARCEL,
    })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(VnpostAddressError);
  const issue = (error as VnpostAddressError).issues[0]!;
  expect(issue.path, issue.messageEn).toBe('address.ward');
  expect(issue.messageEn).toMatch(/ward "Thị trấn Hồ Xá" is not in the catalog \(did you mean: Xã Vĩnh Linh/);
  expect(issue.messageVi).toMatch(/gợi ý: .*Vĩnh Linh/);
  expect(h.sandbox.state.requestCount('servicesCharge')).toBe(before);
});
