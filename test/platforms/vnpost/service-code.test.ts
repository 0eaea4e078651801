/**
 * #16 trial 5 item 3: the VNPost adapter follows the one service-code rule (normaliseServiceCode: trimmed,
 * upper case) and refuses a code that is no VNPost service before anything is sent, with a did-you-mean.
 */
import { afterEach, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { vnpost } from '../../../src/platforms/vnpost/index.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { StateStore } from '../../../src/store/state-store.js';
import { type Harness, PARCEL, RECEIVER, SENDER_2025, startHarness } from './helpers.js';

let h: Harness | undefined;
let store: StateStore | undefined;
afterEach(async () => {
  await h?.close();
  await store?.close();
});

it('a lower-case code is created as that service; an unknown code is refused before any create', async () => {
  store = createMemoryStore();
  h = await startHarness({}, { store });
  const request = { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL };

  const typo = await h.adapter
    .createShipment({ ...request, serviceCode: 'CTN01' }, { reference: 'svc-typo' })
    .catch((e: unknown) => e);
  expect(typo).toBeInstanceOf(ValidationError);
  expect((typo as ValidationError).issues[0]).toMatchObject({
    path: 'serviceCode',
    value: 'CTN01',
    code: 'shipment.unknown_service',
  });
  expect((typo as ValidationError).issues[0]!.messageEn).toMatch(
    /no service "CTN01"; did you mean "CTN001"\?/,
  );
  expect((typo as ValidationError).issues[0]!.messageVi).toMatch(
    /không có dịch vụ "CTN01"; có phải "CTN001"\?/,
  );
  expect(h.sandbox.state.requestCount('createOrder')).toBe(0);
  expect(await store.getShipment('svc-typo')).toBeUndefined();

  const quoteTypo = await h.adapter
    .quoteService({ from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL }, 'ETN31')
    .catch((e: unknown) => e);
  expect(quoteTypo).toBeInstanceOf(ValidationError);
  expect((quoteTypo as ValidationError).message).toMatch(/did you mean "ETN031"\?/);

  const quoted = await h.adapter.quoteService(
    { from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL },
    'etn031',
  );
  expect(quoted.serviceCode).toBe('ETN031');
  const created = await h.adapter.createShipment(
    { ...request, serviceCode: ' ctn001 ' },
    { reference: 'svc-lower' },
  );
  expect(created.serviceCode).toBe('CTN001');
  expect(h.sandbox.state.ordersByReference('svc-lower').map((o) => o.serviceCode)).toEqual(['CTN001']);
});

it('a code of the account beyond VNPOST_SERVICES is sent when named in extraServices (refused before any send otherwise)', async () => {
  store = createMemoryStore();
  h = await startHarness({}, { store, extraServices: [' etn099 '] });
  const request = { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'etn099' };
  // The adapter lets it through: what VNPost answers (the sandbox knows no ETN099) is VNPost's to say.
  const sent = await h.adapter.createShipment(request, { reference: 'svc-extra' }).catch((e: unknown) => e);
  expect((sent as ValidationError).issues?.[0]?.code).not.toBe('shipment.unknown_service');
  expect(h.sandbox.state.requests().some((r) => r.operation === 'createOrder')).toBe(true);

  const plain = vnpost({ baseUrl: h.sandbox.url, credentials: h.sandbox.credentials });
  const refused = await plain.createShipment(request, { reference: 'svc-plain' }).catch((e: unknown) => e);
  expect((refused as ValidationError).issues[0]).toMatchObject({ code: 'shipment.unknown_service' });
  await plain.close();
});
