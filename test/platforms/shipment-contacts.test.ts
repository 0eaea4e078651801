/**
 * #18 (files/CLI): a shipment request's sender and receiver are checked before anything is sent — a
 * phone a postman cannot call ("123", an unallocated "012…" prefix) is a bilingual ValidationError naming
 * `receiver.phone` / `sender.phone`, at both carriers, not the carrier's refusal once the request is out.
 * Network is disabled: any request would fail as a network error, not as a ValidationError.
 */
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShipmentRequest } from '../../src/platforms/types.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import { validationRejection } from '../core/helpers/failure.js';
import { PARCEL, RECEIVER, SENDER_2025 } from './viettelpost/helpers.js';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

const REQUEST: ShipmentRequest = {
  sender: { ...SENDER_2025, phone: '0912345678' },
  receiver: { ...RECEIVER, phone: '123' },
  parcel: PARCEL,
  serviceCode: 'VCN',
  codAmountVnd: 0,
};

const adapters = {
  viettelpost: () =>
    viettelpost({ environment: 'development', credentials: { token: 'stored-token-0123456789' } }),
  vnpost: () =>
    vnpost({
      baseUrl: 'https://vnpost.invalid',
      credentials: { username: 'u', password: 'p', customerCode: 'C1' },
      retry: { retries: 0 },
    }),
};

describe.each(Object.entries(adapters))('%s createShipment checks the contacts first', (_name, make) => {
  it('a receiver phone "123" is named, in both languages; nothing is sent', async () => {
    const adapter = make();
    const serviceCode = _name === 'vnpost' ? 'CTN001' : 'VCN';
    const e = await validationRejection(() =>
      adapter.createShipment({ ...REQUEST, serviceCode }, { reference: 'DH-PHONE-1' }),
    );
    expect(e.issues.map((i) => i.path)).toEqual(['receiver.phone']);
    expect(e.messageVi).toContain(
      'receiver.phone: Số điện thoại người nhận: số di động "123" phải có 10 chữ số',
    );
    expect(e.messageEn).toContain(
      'receiver.phone: The receiver\'s phone: the mobile number "123" must have 10 digits',
    );
    await adapter.close();
  });

  it('every contact problem at once: a sender phone on an unallocated prefix, an empty receiver name', async () => {
    const adapter = make();
    const serviceCode = _name === 'vnpost' ? 'CTN001' : 'VCN';
    const e = await validationRejection(() =>
      adapter.createShipment(
        {
          ...REQUEST,
          serviceCode,
          sender: { ...REQUEST.sender, phone: '0123456789' },
          receiver: { ...REQUEST.receiver, name: '', phone: '0987654321' },
        },
        { reference: 'DH-PHONE-2' },
      ),
    );
    expect(e.issues.map((i) => i.path).sort()).toEqual(['receiver.name', 'sender.phone']);
    expect(e.messageVi).toContain('sender.phone: Số điện thoại người gửi: đầu số "012"');
    expect(e.messageEn).toContain("sender.phone: The sender's phone:");
    await adapter.close();
  });
});
