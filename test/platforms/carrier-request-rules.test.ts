/**
 * The request rules both carriers share (src/platforms/carrier-request.ts), each checked against the
 * carrier's sandbox: what the caller gets back, and that the sandbox holds nothing it should not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../src/core/errors.js';
import { ReferenceReusedError } from '../../src/index.js';
import type { CarrierAdapter } from '../../src/platforms/types.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import {
  startViettelPostSandbox,
  startVnpostSandbox,
  type ViettelPostSandbox,
  type VnpostSandbox,
} from '../../src/sandbox/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { PARCEL, RECEIVER, SENDER_2025 } from './viettelpost/helpers.js';

let vtpBox: ViettelPostSandbox;
let vnBox: VnpostSandbox;
const open: CarrierAdapter[] = [];

beforeAll(async () => {
  vtpBox = await startViettelPostSandbox({ stepMs: 0 });
  vnBox = await startVnpostSandbox({ stepMs: 0 });
});
afterAll(async () => {
  for (const adapter of open) await adapter.close();
  await vtpBox?.close();
  await vnBox?.close();
});

interface Carrier {
  name: string;
  service: string;
  adapter(store?: StateStore): CarrierAdapter;
  /** The parcels the sandbox holds under a reference. */
  held(reference: string): { cod: number }[];
  created(): number;
}

const CARRIERS: Carrier[] = [
  {
    name: 'viettelpost',
    service: 'VCN',
    adapter(store) {
      const adapter = viettelpost({
        baseUrl: vtpBox.url,
        credentials: vtpBox.memberCredentials,
        retry: { retries: 0 },
        ...(store ? { store } : {}),
      });
      open.push(adapter);
      return adapter;
    },
    held: (reference) => vtpBox.state.ordersByReference(reference).map((o) => ({ cod: o.codVnd })),
    created: () => vtpBox.state.orders().length,
  },
  {
    name: 'vnpost',
    service: 'CTN001',
    adapter(store) {
      const adapter = vnpost({
        baseUrl: vnBox.url,
        credentials: vnBox.credentials,
        retry: { retries: 0 },
        ...(store ? { store } : {}),
      });
      open.push(adapter);
      return adapter;
    },
    held: (reference) => vnBox.state.ordersByReference(reference).map((o) => ({ cod: o.codAmountVnd })),
    created: () => vnBox.state.orders().length,
  },
];

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe.each(
  CARRIERS,
)('$name: a request field the shape does not have is refused, nothing sent', (carrier) => {
  const shipment = (more: Record<string, unknown> = {}) => ({
    sender: SENDER_2025,
    receiver: RECEIVER,
    parcel: PARCEL,
    serviceCode: carrier.service,
    ...more,
  });

  it('codAmount (for codAmountVnd) on createShipment: did-you-mean, no parcel created', async () => {
    const adapter = carrier.adapter();
    const before = carrier.created();
    const reference = `MIS-${carrier.name}`;
    const error = await caught(
      adapter.createShipment(shipment({ codAmount: 190_000 }) as never, { reference }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    const issue = (error as ValidationError).issues.find((i) => i.path === 'codAmount');
    expect(issue?.messageEn).toContain('Did you mean "codAmountVnd"?');
    expect(issue?.messageVi).toContain('Có phải ý bạn là "codAmountVnd"?');
    expect((error as ValidationError).messageEn).toContain('codAmount: no such field');
    expect(carrier.held(reference)).toEqual([]);
    expect(carrier.created()).toBe(before);
  });

  it('a misspelt nested field (reciever, parcel.wieghtGrams, items[0].prise) is named by its path', async () => {
    const adapter = carrier.adapter();
    const before = carrier.created();
    const { receiver: _r, ...rest } = shipment();
    const request = {
      ...rest,
      reciever: RECEIVER,
      parcel: { ...PARCEL, declaredValue: 5, items: [{ ...PARCEL.items[0], prise: 1 }] },
    };
    const error = (await caught(
      adapter.createShipment(request as never, { reference: `NEST-${carrier.name}` }),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['reciever', 'parcel.declaredValue', 'parcel.items.0.prise']),
    );
    expect(error.issues.find((i) => i.path === 'reciever')?.messageEn).toContain('Did you mean "receiver"?');
    expect(error.issues.find((i) => i.path === 'parcel.declaredValue')?.messageEn).toContain(
      '"declaredValueVnd"',
    );
    expect(carrier.created()).toBe(before);
  });

  it('quote refuses { foo } and a misspelt key inside an address', async () => {
    const adapter = carrier.adapter();
    const error = (await caught(
      adapter.quote({
        from: { ...SENDER_2025.address, provnce: 'x' },
        to: RECEIVER.address,
        parcel: PARCEL,
        foo: 1,
      } as never),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['foo', 'from.provnce']));
    expect(error.issues.find((i) => i.path === 'from.provnce')?.messageEn).toContain('"province"');
  });

  it('absurd amounts are refused before sending (COD, weight, declared value), naming the limit', async () => {
    const adapter = carrier.adapter();
    const before = carrier.created();
    const error = (await caught(
      adapter.createShipment(
        shipment({
          codAmountVnd: 1_000_000_000_000,
          parcel: { ...PARCEL, weightGrams: 50_000_000, declaredValueVnd: 2_000_000_000 },
        }) as never,
        { reference: `BIG-${carrier.name}` },
      ),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    const cod = error.issues.find((i) => i.path === 'codAmountVnd');
    expect(cod?.messageEn).toBe(
      '1,000,000,000,000 ₫ is above the 100,000,000 ₫ this library sends to a carrier',
    );
    expect(cod?.messageVi).toContain('vượt quá mức tối đa 100.000.000 ₫');
    expect(error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['parcel.weightGrams', 'parcel.declaredValueVnd']),
    );
    expect(carrier.created()).toBe(before);
    // At the limit is fine.
    const quotes = await adapter.quote({
      from: SENDER_2025.address,
      to: RECEIVER.address,
      parcel: PARCEL,
      codAmountVnd: 100_000_000,
    });
    expect(quotes.length).toBeGreaterThan(0);
  });

  it('absurd sizes are refused before sending: a side above 10,000 cm, a box whose chargeable weight is above 200 kg', async () => {
    const adapter = carrier.adapter();
    const before = carrier.created();
    const reference = `DIM-${carrier.name}`;
    const error = (await caught(
      adapter.createShipment(
        shipment({
          parcel: { ...PARCEL, weightGrams: 800, lengthCm: 50_000, widthCm: 1000, heightCm: 1000 },
        }) as never,
        { reference },
      ),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    const length = error.issues.find((i) => i.path === 'parcel.lengthCm');
    expect(length?.messageVi).toBe(
      '50.000 cm vượt quá mức tối đa 10.000 cm mà thư viện cho phép gửi tới hãng vận chuyển',
    );
    expect(length?.messageEn).toBe('50,000 cm is above the 10,000 cm this library sends to a carrier');
    const box = error.issues.find((i) => i.path === 'parcel');
    expect(box?.messageEn).toBe(
      'A 50,000 × 1,000 × 1,000 cm box has a chargeable (L×W×H/6000) weight of 8,333,333,334 g, above the 200,000 g this library sends to a carrier',
    );
    expect(box?.messageVi).toContain(
      'khối lượng quy đổi (D×R×C/6000) 8.333.333.334 g, vượt quá mức tối đa 200.000 g',
    );
    // One tall side alone (20 × 15 × 10,000 cm = 500 kg chargeable) is refused too.
    const tall = (await caught(
      adapter.quote({
        from: SENDER_2025.address,
        to: RECEIVER.address,
        parcel: { ...PARCEL, heightCm: 10_000 },
      }),
    )) as ValidationError;
    expect(tall).toBeInstanceOf(ValidationError);
    expect(tall.issues.map((i) => i.path)).toEqual(['parcel']);
    expect(carrier.created()).toBe(before);
    expect(carrier.held(reference)).toEqual([]);
    // A large real order is fine: 39 bags of rice (5.1 kg, 40 × 30 × 12 cm each) stacked as fulfil does,
    // 198.9 kg in a 40 × 30 × 468 cm box (93.6 kg chargeable).
    const quotes = await adapter.quote({
      from: SENDER_2025.address,
      to: RECEIVER.address,
      parcel: { ...PARCEL, weightGrams: 198_900, lengthCm: 40, widthCm: 30, heightCm: 468, items: [] },
    });
    expect(quotes.length).toBeGreaterThan(0);
  });

  it('item lines are held to the same caps: quantity ≤ 10,000, line weight ≤ 200 kg, line value ≤ 1,000,000,000 ₫', async () => {
    const adapter = carrier.adapter();
    const before = carrier.created();
    const reference = `ITEMS-${carrier.name}`;
    const error = (await caught(
      adapter.createShipment(
        shipment({
          parcel: {
            ...PARCEL,
            weightGrams: 800,
            items: [
              {
                name: 'Bột sắn',
                quantity: 10_000_000,
                priceVnd: 5_000_000_000_000,
                weightGrams: 900_000_000,
              },
            ],
          },
        }) as never,
        { reference },
      ),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'parcel.items.0.quantity',
        'parcel.items.0.weightGrams',
        'parcel.items.0.priceVnd',
      ]),
    );
    const quantity = error.issues.find((i) => i.path === 'parcel.items.0.quantity');
    expect(quantity?.messageVi).toBe(
      'Số lượng 10.000.000 vượt quá mức tối đa 10.000 mà thư viện cho phép gửi tới hãng vận chuyển',
    );
    expect(quantity?.messageEn).toBe(
      'A quantity of 10,000,000 is above the 10,000 this library sends to a carrier',
    );
    expect(carrier.created()).toBe(before);
    expect(carrier.held(reference)).toEqual([]);
    // Lines each within the caps that together weigh more than 200 kg.
    const together = (await caught(
      adapter.quote({
        from: SENDER_2025.address,
        to: RECEIVER.address,
        parcel: {
          ...PARCEL,
          items: [
            { name: 'Gạo', quantity: 30, priceVnd: 140_000, weightGrams: 5_100 },
            { name: 'Gạo 2 kg', quantity: 30, priceVnd: 60_000, weightGrams: 2_050 },
          ],
        },
      }),
    )) as ValidationError;
    expect(together).toBeInstanceOf(ValidationError);
    expect(together.issues.map((i) => [i.path, i.messageEn])).toEqual([
      [
        'parcel.items',
        'The item lines weigh together: 214,500 g is above the 200,000 g this library sends to a carrier',
      ],
    ]);
  });
});

describe.each(
  CARRIERS,
)('$name: one reference, one content (the fingerprint lives in the store)', (carrier) => {
  const request = (codAmountVnd: number, name = RECEIVER.name) => ({
    sender: SENDER_2025,
    receiver: { ...RECEIVER, name },
    parcel: PARCEL,
    serviceCode: carrier.service,
    codAmountVnd,
  });

  it('a same-reference create with other content is refused, even from another adapter on the store', async () => {
    const store = createMemoryStore();
    const reference = `SAME-${carrier.name}`;
    const first = await carrier.adapter(store).createShipment(request(190_000), { reference });
    // The same content again: the stored shipment, nothing new at the carrier.
    const again = await carrier.adapter(store).createShipment(request(190_000), { reference });
    expect(again.trackingNumber).toBe(first.trackingNumber);
    expect(again.codAmountVnd).toBe(190_000);
    // Another process (another adapter sharing the store) with another COD and receiver name.
    const other = carrier.adapter(store);
    const error = await caught(other.createShipment(request(5_000, 'Anh Trần Văn B'), { reference }));
    expect(error).toBeInstanceOf(ReferenceReusedError);
    expect(error).toBeInstanceOf(ConflictError);
    const reused = error as ReferenceReusedError;
    expect(reused.reference).toBe(reference);
    expect(reused.differingFields).toEqual(['codAmountVnd', 'receiver.name']);
    expect(reused.messageEn).toContain(`Shipment reference "${reference}" was already used`);
    expect(reused.messageEn).toContain('differs in: codAmountVnd, receiver.name');
    expect(reused.messageVi).toContain('khác ở: codAmountVnd, receiver.name');
    // The carrier holds one parcel, with the first COD.
    expect(carrier.held(reference)).toEqual([{ cod: 190_000 }]);
  });

  it('the normalised request is compared: a lower-case service code is the same content', async () => {
    const store = createMemoryStore();
    const reference = `NORM-${carrier.name}`;
    const first = await carrier.adapter(store).createShipment(request(0), { reference });
    const again = await carrier
      .adapter(store)
      .createShipment({ ...request(0), serviceCode: carrier.service.toLowerCase() }, { reference });
    expect(again.trackingNumber).toBe(first.trackingNumber);
    expect(carrier.held(reference)).toHaveLength(1);
  });
});

describe.each(CARRIERS)('$name: one reference rule for both carriers', (carrier) => {
  it.each([
    ['ORD 1 2', 'must be 1–50 characters of A–Z, a–z, 0–9, _ or -'],
    [' ORD-1', 'leading or trailing spaces'],
    ['Đơn-1', 'must be 1–50 characters'],
    ['A'.repeat(51), 'must be 1–50 characters'],
  ])('refuses %j before sending', async (reference, reason) => {
    const adapter = carrier.adapter();
    const before = carrier.created();
    const error = (await caught(
      adapter.createShipment(
        { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: carrier.service },
        { reference },
      ),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]?.path).toBe('reference');
    expect(error.messageEn).toContain(reason);
    expect(carrier.created()).toBe(before);
  });

  it('a 5,000-character reference is echoed once, capped at 60 characters', async () => {
    const adapter = carrier.adapter();
    const reference = 'R'.repeat(5000);
    const error = (await caught(
      adapter.createShipment(
        { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: carrier.service },
        { reference },
      ),
    )) as ValidationError;
    for (const text of [error.messageEn, error.messageVi]) {
      expect(text.length).toBeLessThan(400);
      expect(text.split(`"${'R'.repeat(60)}…"`)).toHaveLength(2);
      expect(text).not.toContain('R'.repeat(61));
    }
  });
});

describe.each(CARRIERS)('$name: a blank or padded id is refused locally, naming the argument', (carrier) => {
  it.each([['   '], [' EB1VN'], ['EB1VN\t']])('cancelShipment(%j) and shipmentRecord(%j)', async (id) => {
    const adapter = carrier.adapter();
    const requests = () =>
      carrier.name === 'vnpost' ? vnBox.state.requests().length : vtpBox.state.requests().length;
    const before = requests();
    const cancel = (await caught(adapter.cancelShipment(id))) as ValidationError;
    expect(cancel).toBeInstanceOf(ValidationError);
    expect(cancel.issues[0]?.path).toBe('trackingNumber');
    expect(cancel.messageEn).toContain(
      'trackingNumber: must be an id that is not blank, without leading or trailing spaces',
    );
    expect(cancel.messageVi).toContain('trackingNumber: phải là một mã không rỗng');
    const lookup = (await caught(
      (adapter as unknown as { shipmentRecord(r: string): Promise<unknown> }).shipmentRecord(id),
    )) as ValidationError;
    expect(lookup).toBeInstanceOf(ValidationError);
    expect(lookup.issues[0]?.path).toBe('reference');
    expect(requests()).toBe(before);
  });
});

describe.each(
  CARRIERS,
)('$name: an unknown key named like an Object.prototype member is refused, nothing sent', (carrier) => {
  const shipment = (more: Record<string, unknown> = {}) => ({
    sender: SENDER_2025,
    receiver: RECEIVER,
    parcel: PARCEL,
    serviceCode: carrier.service,
    ...more,
  });
  it.each([
    ['constructor', shipment({ constructor: 1 })],
    ['toString', shipment({ toString: 'x' })],
    ['hasOwnProperty', shipment({ hasOwnProperty: 1 })],
    ['parcel.constructor', shipment({ parcel: { ...PARCEL, constructor: 1 } })],
    ['__proto__', JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(shipment()).slice(1)}`)],
  ])('%s', async (path, request) => {
    const adapter = carrier.adapter();
    const before = carrier.created();
    const reference = `PROTO-${carrier.name}-${path.replace(/\W/g, '')}`;
    const error = await caught(adapter.createShipment(request as never, { reference }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([path]);
    expect((error as ValidationError).messageEn).toContain(`${path}: no such field`);
    expect(carrier.held(reference)).toEqual([]);
    expect(carrier.created()).toBe(before);
  });
});

describe('one reference, one carrier: the store record is never taken over by the other carrier', () => {
  const [vtp, vn] = CARRIERS as [Carrier, Carrier];
  const request = (carrier: Carrier) => ({
    sender: SENDER_2025,
    receiver: RECEIVER,
    parcel: PARCEL,
    serviceCode: carrier.service,
    codAmountVnd: 190_000,
  });

  it.each([
    { first: vtp, second: vn },
    { first: vn, second: vtp },
  ])('$first.name first, then $second.name with the same reference: refused, nothing sent', async ({
    first,
    second,
  }) => {
    const store = createMemoryStore();
    const reference = `OWN-${first.name}`;
    const made = await first.adapter(store).createShipment(request(first), { reference });
    const [record] = await store.listShipments();
    expect(record).toMatchObject({ reference, carrier: first.name, waybill: made.trackingNumber });
    const before = second.created();
    const error = await caught(second.adapter(store).createShipment(request(second), { reference }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).messageEn).toContain(
      `Shipment reference "${reference}" already belongs to a ${first.name} waybill (${made.trackingNumber}); nothing was sent`,
    );
    expect((error as ConflictError).messageVi).toContain(
      `đã thuộc về một vận đơn ${first.name} (${made.trackingNumber})`,
    );
    // Nothing at the second carrier, the first carrier's one parcel, the store record as it was.
    expect(second.held(reference)).toEqual([]);
    expect(second.created()).toBe(before);
    expect(first.held(reference)).toEqual([{ cod: 190_000 }]);
    expect(await store.listShipments()).toEqual([record]);
  });

  it.each([
    { first: vtp, second: vn },
    { first: vn, second: vtp },
  ])('$first.name holds a create without its waybill yet: $second.name is refused too', async ({
    first,
    second,
  }) => {
    const store = createMemoryStore();
    const reference = `OWNP-${first.name}`;
    await store.updateShipment(reference, () => ({
      reference,
      status: 'WAYBILL_PENDING',
      carrier: first.name,
      account: 'someone',
      pendingSince: '2026-01-01T00:00:00.000Z',
    }));
    const [record] = await store.listShipments();
    const before = second.created();
    const error = await caught(second.adapter(store).createShipment(request(second), { reference }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).messageEn).toContain(
      `already belongs to a ${first.name} create whose waybill is not known yet`,
    );
    expect(second.created()).toBe(before);
    expect(await store.listShipments()).toEqual([record]);
  });

  it.each([
    vtp,
    vn,
  ])('$name: another account of the same carrier holding the waybill is refused', async (carrier) => {
    const store = createMemoryStore();
    const reference = `OWNA-${carrier.name}`;
    await store.updateShipment(reference, () => ({
      reference,
      status: 'CREATED',
      carrier: carrier.name,
      account: 'another-account',
      waybill: 'W-OTHER-1',
    }));
    const [record] = await store.listShipments();
    const before = carrier.created();
    const error = await caught(carrier.adapter(store).createShipment(request(carrier), { reference }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).messageEn).toContain(
      `already belongs to a ${carrier.name} waybill (W-OTHER-1) of another account`,
    );
    expect((error as ConflictError).messageVi).toContain('của một tài khoản khác');
    expect(carrier.created()).toBe(before);
    expect(await store.listShipments()).toEqual([record]);
  });
});
