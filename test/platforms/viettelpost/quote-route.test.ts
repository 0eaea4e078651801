/**
 * Trial 7, items 2 and 3: ViettelPost's refusals read like VNPost's. A quote whose `from` or `to` is
 * missing or not an address is a ValidationError naming that end (issues with paths), not a bare
 * "address: must be an object"; an unknown service code on createShipment has a Vietnamese-only head in
 * messageVi. Nothing is priced or created.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import type { ViettelPostAdapter } from '../../../src/platforms/viettelpost/index.js';
import type { ViettelPostSandbox } from '../../../src/sandbox/index.js';
import { PARCEL, RECEIVER, SENDER_2025, useViettelPostMember } from './helpers.js';

let box: ViettelPostSandbox;
let vtp: ViettelPostAdapter;
useViettelPostMember((made) => {
  ({ box, vtp } = made);
});

const from = SENDER_2025.address;
const to = RECEIVER.address;

async function refused(call: Promise<unknown>): Promise<ValidationError> {
  const error = await call.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('ViettelPost quote names the missing or wrong end of the route (trial 7 #3)', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['from left out', { to, parcel: PARCEL }, 'from'],
    ['to left out', { from, parcel: PARCEL }, 'to'],
    ['from as a text', { from: 'Quảng Trị', to, parcel: PARCEL }, 'from'],
  ];
  for (const [label, request, path] of cases) {
    it(`${label}: ValidationError naming ${path}, nothing priced`, async () => {
      const before = box.state.requestCount();
      const error = await refused(vtp.quote(request as never));
      expect(error.issues.map((issue) => issue.path)).toEqual([path]);
      expect(error.messageEn).toMatch(new RegExp(`^Invalid ViettelPost request: ${path}: `));
      expect(error.messageVi).toMatch(new RegExp(`^Yêu cầu ViettelPost không hợp lệ: ${path}: `));
      expect(error.platform).toBe('viettelpost');
      expect(box.state.requestCount()).toBe(before);
    });
  }

  it('a text for an end shows the address shape; a number for to.province says text, not missing', async () => {
    const before = box.state.requestCount();
    const text = await refused(vtp.quote({ from: 'Quảng Trị', to, parcel: PARCEL } as never));
    expect(text.issues[0]).toMatchObject({ path: 'from', value: 'Quảng Trị', code: 'address.invalid_type' });
    expect(text.messageEn).toBe(
      'Invalid ViettelPost request: from: Must be an address object { province, ward, district?, street? } (province or city, ward or commune, district only for a pre-2025 address, street), e.g. { province: "Quảng Trị", ward: "Xã Vĩnh Linh" } (got string "Quảng Trị")',
    );
    expect(text.messageVi).toBe(
      'Yêu cầu ViettelPost không hợp lệ: from: Phải là một đối tượng địa chỉ { province, ward, district?, street? } (tỉnh/thành phố, phường/xã, quận/huyện chỉ với địa chỉ cũ, số nhà/đường), ví dụ { province: "Quảng Trị", ward: "Xã Vĩnh Linh" } (nhận được string "Quảng Trị")',
    );
    const number = await refused(vtp.quote({ from, to: { ...to, province: 42 }, parcel: PARCEL } as never));
    expect(number.issues).toMatchObject([
      {
        path: 'to.province',
        value: 42,
        code: 'generic.invalid_type',
        messageVi: 'Phải là văn bản (chuỗi) (nhận được number 42)',
        messageEn: 'Must be text (got number 42)',
      },
    ]);
    expect(number.messageEn).not.toMatch(/needs a province|missing/);
    // Left out is still "missing".
    const left = await refused(vtp.quote({ from, to: { ward: 'Phường Cầu Giấy' }, parcel: PARCEL } as never));
    expect(left.issues).toMatchObject([{ path: 'to.province', code: 'address.province_required' }]);
    expect(box.state.requestCount()).toBe(before);
  });

  it('every problem at once: no route and a bad parcel weight; quoteService the same', async () => {
    const error = await refused(vtp.quote({ parcel: { ...PARCEL, weightGrams: -1 } } as never));
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['from', 'parcel.weightGrams', 'to']);
    const one = await refused(vtp.quoteService({ from, parcel: PARCEL } as never, 'VCN'));
    expect(one.issues.map((issue) => issue.path)).toEqual(['to']);
    expect(box.state.requestCount('getPrice') + box.state.requestCount('getPriceAll')).toBe(0);
  });

  it('createShipment names sender.address / receiver the same way; nothing created', async () => {
    const error = await refused(
      vtp.createShipment(
        {
          sender: { ...SENDER_2025, address: 'Quảng Trị' },
          receiver: undefined,
          parcel: PARCEL,
          serviceCode: 'VCN',
        } as never,
        { reference: 'route-contacts' },
      ),
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['receiver', 'sender.address']);
    expect(error.messageVi).toMatch(/^Yêu cầu ViettelPost không hợp lệ: /);
    expect(box.state.requestCount('createOrder')).toBe(0);
  });
});

describe('ViettelPost unknown service code: messageVi is Vietnamese only (trial 7 #2)', () => {
  for (const code of ['XXX999', 'VCNN']) {
    it(`${code}: the head in each language, the code named, nothing created`, async () => {
      const error = await refused(
        vtp.createShipment(
          { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: code },
          { reference: `svc-${code}` },
        ),
      );
      expect(error.messageVi).toMatch(
        new RegExp(`^Yêu cầu ViettelPost không hợp lệ: serviceCode: ViettelPost không có dịch vụ "${code}"`),
      );
      expect(error.messageVi).not.toMatch(/has no service|services:|Invalid|did you mean/);
      expect(error.messageEn).toMatch(
        new RegExp(`^Invalid ViettelPost request: serviceCode: ViettelPost has no service "${code}"`),
      );
      expect(error.messageEn).not.toMatch(/không có dịch vụ/);
      expect(error.issues[0]).toMatchObject({ path: 'serviceCode', code: 'shipment.unknown_service' });
      expect(box.state.requestCount('createOrder')).toBe(0);
    });
  }
});
