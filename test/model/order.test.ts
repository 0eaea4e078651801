import { describe, expect, it } from 'vitest';
import { BuyerSchema } from '../../src/model/order.js';
import { ContactSchema } from '../../src/model/shipment.js';

describe('buyer phones as marketplaces give them', () => {
  it('accepts a full number and the masked form Shopee sends (******678), as given', () => {
    for (const phone of ['0912345678', '+84 912 345 678', '******678', '*******5678', 'xxxxxx78']) {
      expect(BuyerSchema.parse({ name: 'Nguyễn Văn A', phone }).phone).toBe(phone);
    }
  });

  it('accepts a masked number that shows its prefix (84****1234) — it failed the whole order page (#15 trial item 5)', () => {
    for (const phone of ['84****1234', '+84****1234', '091****678', '84 ****1234']) {
      expect(BuyerSchema.parse({ name: 'Nguyễn Văn A', phone }).phone).toBe(phone);
    }
  });

  it('still refuses what is neither', () => {
    for (const phone of ['', '12', 'abc', '****', '0912-ABC-678', '678******', '84****']) {
      const result = BuyerSchema.safeParse({ name: 'Nguyễn Văn A', phone });
      expect(result.success, phone).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('phone.format');
    }
  });

  it('a masked number can never become a receiver phone for a carrier', () => {
    const contact = {
      name: 'Nguyễn Văn A',
      phone: '******678',
      address: { ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' },
    };
    const result = ContactSchema.safeParse(contact);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('phone');
    expect(
      ContactSchema.safeParse({ ...contact, phone: '0912345678' }).error?.issues.map((i) =>
        i.path.join('.'),
      ) ?? [],
    ).not.toContain('phone');
  });
});
