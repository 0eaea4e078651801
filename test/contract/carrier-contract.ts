import type { Logger } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../src/core/errors.js';
import { createLogger } from '../../src/core/logger.js';
import type { Address } from '../../src/model/address.js';
import type { Contact, Parcel, ShipmentEvent } from '../../src/model/shipment.js';
import { canTransitionShipment } from '../../src/model/status.js';
import type { CarrierShipmentStore } from '../../src/platforms/carrier-state.js';
import type { CarrierAdapter, HeaderBag, ShipmentRequest } from '../../src/platforms/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

/** One webhook delivery as the receiver got it. */
export interface CarrierDelivery {
  rawBody: string;
  headers: HeaderBag;
}

/** What the carrier's sandbox holds for one order, read from its own records. */
export interface CarrierSandboxOrder {
  trackingNumber: string;
  cancelled: boolean;
  weightGrams: number;
  /** Goods money the courier was asked to collect (not the freight). */
  codAmountVnd: number;
}

/**
 * Everything the suite needs from one carrier and its sandbox. Written per carrier in its
 * `carrier-<name>.test.ts`; the suite itself only sees the plain CarrierAdapter interface.
 */
export interface CarrierContractHarness {
  /** A new adapter instance on the sandbox (a new "process" when given the same store). */
  adapter(extra?: { store?: CarrierShipmentStore; logger?: Logger }): CarrierAdapter;
  sender: Contact;
  /** A receiver in the 2025 two-level structure, and one in the legacy three-level one. */
  receiver: Contact;
  legacyAddress: Address;
  /** Orders the sandbox holds under our reference (several would be a duplicate). */
  ordersByReference(reference: string): CarrierSandboxOrder[];
  /** Requests the sandbox has received so far (every operation). */
  requestCount(): number;
  /** The next create is committed by the sandbox, then its answer is lost. */
  dropNextCreateAnswer(): void;
  /** Drives the sandbox journey of a waybill to "delivered"; resolves once its webhooks were sent. */
  deliver(trackingNumber: string): Promise<void>;
  /** Every webhook delivery received so far, in arrival order. */
  deliveries(): CarrierDelivery[];
  /** Resolves when the sandbox has no webhook left to send. */
  webhooksIdle(): Promise<void>;
  /** The same delivery as someone without the webhook secret / key could produce it. */
  forge(delivery: CarrierDelivery): CarrierDelivery;
  close(): Promise<void>;
}

export interface CarrierContractCapabilities {
  /** cancelShipment works in the sandbox before pickup. */
  cancel: boolean;
  /** labelUrl returns a page the sandbox serves. */
  labels: boolean;
}

export interface CarrierContractOptions {
  carrier: string;
  start: () => Promise<CarrierContractHarness>;
  capabilities: CarrierContractCapabilities;
}

export const CONTRACT_PARCEL: Parcel = {
  weightGrams: 1500,
  lengthCm: 25,
  widthCm: 20,
  heightCm: 12,
  declaredValueVnd: 300_000,
  kind: 'goods',
  items: [{ name: 'Mật ong bạc hà OCOP 4 sao', quantity: 2, priceVnd: 150_000, weightGrams: 750 }],
  description: 'Hai hũ mật ong 500 ml',
};

let referenceCounter = 0;
/** References unique per run, so suites sharing a sandbox process never collide. */
function newReference(tag: string): string {
  referenceCounter += 1;
  return `CT-${tag}-${process.pid}-${Date.now().toString(36)}-${referenceCounter}`;
}

/** The behaviour every carrier adapter must show, checked against its sandbox's own records. */
export function defineCarrierContract(options: CarrierContractOptions): void {
  const caps = options.capabilities;

  describe(`${options.carrier} carrier adapter contract`, () => {
    let harness: CarrierContractHarness;
    const adapters: CarrierAdapter[] = [];
    const make = (extra?: { store?: CarrierShipmentStore; logger?: Logger }) => {
      const adapter = harness.adapter(extra);
      adapters.push(adapter);
      return adapter;
    };
    const requestFor = (parcel: unknown = CONTRACT_PARCEL, codAmountVnd = 300_000): ShipmentRequest =>
      ({
        sender: harness.sender,
        receiver: harness.receiver,
        parcel,
        serviceCode: '',
        codAmountVnd,
      }) as ShipmentRequest;

    /** A shippable request: the service is the cheapest quote for the route. */
    async function shippable(
      adapter: CarrierAdapter,
      extra: Partial<ShipmentRequest> = {},
    ): Promise<ShipmentRequest> {
      const quotes = await adapter.quote({
        from: harness.sender.address,
        to: harness.receiver.address,
        parcel: CONTRACT_PARCEL,
        codAmountVnd: 300_000,
      });
      return { ...requestFor(), serviceCode: quotes[0]!.serviceCode, ...extra };
    }

    beforeAll(async () => {
      harness = await options.start();
    });
    afterEach(async () => {
      await Promise.all(adapters.splice(0).map((a) => a.close()));
    });
    afterAll(async () => {
      await harness?.close();
    });

    it('resolves a 2025 two-level address and a legacy three-level one', async () => {
      const adapter = make();
      const modern = await adapter.resolveAddress(harness.receiver.address);
      expect(modern.era).toBe('2025');
      expect(modern.wardId).toBeGreaterThan(0);
      const legacy = await adapter.resolveAddress(harness.legacyAddress);
      expect(legacy.era).toBe('legacy');
      expect(legacy.districtId).toBeGreaterThan(0);
    });

    it('quotes whole positive VND, cheapest first', async () => {
      const quotes = await make().quote({
        from: harness.sender.address,
        to: harness.receiver.address,
        parcel: CONTRACT_PARCEL,
      });
      expect(quotes.length).toBeGreaterThan(0);
      for (const quote of quotes) {
        expect(quote.carrier).toBe(options.carrier);
        expect(Number.isSafeInteger(quote.totalVnd) && quote.totalVnd > 0).toBe(true);
      }
      const totals = quotes.map((q) => q.totalVnd);
      expect(totals).toEqual([...totals].sort((a, b) => a - b));
    });

    it.each([
      ['NaN grams', { weightGrams: Number.NaN }],
      ['0 grams', { weightGrams: 0 }],
      ['0.4 grams', { weightGrams: 0.4 }],
      ['a NaN declared value', { declaredValueVnd: Number.NaN }],
    ])('refuses to quote a parcel of %s with a bilingual ValidationError, sending nothing', async (_name, change) => {
      const adapter = make();
      const before = harness.requestCount();
      const error = await adapter
        .quote({
          from: harness.sender.address,
          to: harness.receiver.address,
          parcel: { ...CONTRACT_PARCEL, ...change },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const issue = (error as ValidationError).issues[0]!;
      expect(issue.path).toMatch(/^parcel\.(weightGrams|declaredValueVnd)$/);
      expect(issue.messageVi).not.toBe('');
      expect(issue.messageEn).not.toBe(issue.messageVi);
      expect(harness.requestCount()).toBe(before);
    });

    it('creates one waybill per reference; asked again, returns the same one and sends no second order', async () => {
      const adapter = make();
      const reference = newReference('ONCE');
      const request = await shippable(adapter);
      const first = await adapter.createShipment(request, { reference });
      expect(first).toMatchObject({ carrier: options.carrier, reference, status: 'CREATED' });
      expect(first.trackingNumber).toBeTruthy();
      const again = await adapter.createShipment(request, { reference });
      expect(again.trackingNumber).toBe(first.trackingNumber);
      const held = harness.ordersByReference(reference);
      expect(held).toHaveLength(1);
      expect(held[0]).toMatchObject({
        trackingNumber: first.trackingNumber,
        weightGrams: 1500,
        codAmountVnd: 300_000,
      });
    });

    it('COD on the shipment is the goods money only, also when the receiver pays the freight', async () => {
      const adapter = make();
      const reference = newReference('COD');
      const shipment = await adapter.createShipment(await shippable(adapter, { freightPaidBy: 'receiver' }), {
        reference,
      });
      expect(shipment.codAmountVnd).toBe(300_000);
      expect(shipment.fees?.totalVnd ?? 0).toBeGreaterThan(0);
      expect(harness.ordersByReference(reference)[0]?.codAmountVnd).toBe(300_000);
    });

    it.each([
      ['weight NaN', { ...CONTRACT_PARCEL, weightGrams: Number.NaN }],
      ['weight 0', { ...CONTRACT_PARCEL, weightGrams: 0 }],
      ['weight 0.4 g', { ...CONTRACT_PARCEL, weightGrams: 0.4 }],
      ['declared value NaN', { ...CONTRACT_PARCEL, declaredValueVnd: Number.NaN }],
    ])('refuses a parcel with %s before sending anything (no waybill)', async (_name, parcel) => {
      const adapter = make();
      const reference = newReference('BADPARCEL');
      const request = { ...(await shippable(adapter)), parcel };
      const before = harness.requestCount();
      const error = await adapter.createShipment(request, { reference }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.messageVi).toBeTruthy();
      expect(harness.requestCount()).toBe(before);
      expect(harness.ordersByReference(reference)).toHaveLength(0);
    });

    it.each([
      ['a NUL', 'CT-NUL\u0000X'],
      ['a newline', 'CT-LINE\nX'],
      ['a tab', 'CT-TAB\tX'],
      ['only spaces', '   '],
    ])('refuses a reference holding %s before sending anything', async (_name, reference) => {
      const adapter = make();
      const request = await shippable(adapter);
      const before = harness.requestCount();
      const error = await adapter.createShipment(request, { reference }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]).toMatchObject({ path: 'reference' });
      expect(harness.requestCount()).toBe(before);
    });

    it('a lost create answer never becomes a second order, in this process or the next one sharing the store', async () => {
      const store = createMemoryStore();
      const adapter = make({ store });
      const reference = newReference('LOST');
      const request = await shippable(adapter);
      harness.dropNextCreateAnswer();
      const first = await adapter.createShipment(request, { reference });
      expect(['CREATED', 'WAYBILL_PENDING']).toContain(first.status);
      expect(harness.ordersByReference(reference)).toHaveLength(1);
      const next = make({ store });
      const second = await next.createShipment(request, { reference });
      expect(['CREATED', 'WAYBILL_PENDING']).toContain(second.status);
      expect(harness.ordersByReference(reference)).toHaveLength(1);
      const waybill = harness.ordersByReference(reference)[0]!.trackingNumber;
      if (second.trackingNumber) expect(second.trackingNumber).toBe(waybill);
      // Adapters that keep state in the store learn the waybill from its verified journey events; a
      // third instance then answers from the store with no request at all.
      if (next.applyEvent) {
        await harness.webhooksIdle();
        for (const delivery of harness.deliveries()) {
          if (!next.verifyWebhook(delivery.rawBody, delivery.headers)) continue;
          const event = next.parseWebhook(delivery.rawBody);
          if (event.trackingNumber === waybill) await next.applyEvent(event);
        }
        const before = harness.requestCount();
        const third = await make({ store }).createShipment(request, { reference });
        expect(third.trackingNumber).toBe(waybill);
        expect(harness.requestCount()).toBe(before);
      }
      expect(harness.ordersByReference(reference)).toHaveLength(1);
      await store.close();
    });

    it.runIf(caps.cancel)(
      'a cancelled reference cannot be shipped again: a conflict, and no new order',
      async () => {
        const store = createMemoryStore();
        const adapter = make({ store });
        const reference = newReference('CANCEL');
        const request = await shippable(adapter);
        const shipment = await adapter.createShipment(request, { reference });
        await adapter.cancelShipment(shipment.trackingNumber!, 'Khách hủy');
        expect(harness.ordersByReference(reference)[0]?.cancelled).toBe(true);
        const error = await make({ store })
          .createShipment(request, { reference })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConflictError);
        expect(String((error as Error).message)).toContain(reference);
        expect(harness.ordersByReference(reference)).toHaveLength(1);
        await store.close();
      },
    );

    it('journey webhooks verify, parse to the waybill and reference, move forward only, and end DELIVERED', async () => {
      const adapter = make();
      const reference = newReference('JOURNEY');
      const shipment = await adapter.createShipment(await shippable(adapter), { reference });
      const before = harness.deliveries().length;
      await harness.deliver(shipment.trackingNumber!);
      await harness.webhooksIdle();
      const events: ShipmentEvent[] = [];
      for (const delivery of harness.deliveries().slice(before)) {
        expect(adapter.verifyWebhook(delivery.rawBody, delivery.headers)).toBe(true);
        const event = adapter.parseWebhook(delivery.rawBody);
        if (event.trackingNumber === shipment.trackingNumber) events.push(event);
      }
      expect(events.length).toBeGreaterThan(1);
      for (const event of events) expect(event.reference ?? reference).toBe(reference);
      const ordered = [...events].sort((a, b) =>
        a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0,
      );
      for (let i = 1; i < ordered.length; i++) {
        const from = ordered[i - 1]!.status;
        const to = ordered[i]!.status;
        if (from !== to) expect(canTransitionShipment(from, to), `${from} → ${to}`).toBe(true);
      }
      expect(ordered.at(-1)).toMatchObject({ status: 'DELIVERED', terminal: true });
    });

    it('a forged delivery fails verification and the failure is logged without any secret', async () => {
      const lines: string[] = [];
      const logger = createLogger({
        level: 'info',
        destination: { write: (line: string) => lines.push(line) },
      });
      const adapter = make({ logger });
      const shipment = await adapter.createShipment(await shippable(adapter), {
        reference: newReference('FORGE'),
      });
      const before = harness.deliveries().length;
      await harness.deliver(shipment.trackingNumber!);
      await harness.webhooksIdle();
      const genuine = harness.deliveries().slice(before)[0]!;
      const forged = harness.forge(genuine);
      expect(adapter.verifyWebhook(forged.rawBody, forged.headers)).toBe(false);
      expect(lines.length).toBeGreaterThan(0);
      const secretValues = Object.values(genuine.headers).filter(
        (v): v is string => typeof v === 'string' && v.length >= 8,
      );
      for (const value of secretValues) expect(lines.join('\n')).not.toContain(value);
    });

    it('parseWebhook is pure: parsing a delivery changes nothing a later create sees', async () => {
      const adapter = make();
      const reference = newReference('PURE');
      const request = await shippable(adapter);
      // A real delivery of another shipment, parsed first; the new reference still gets its own order.
      const other = await adapter.createShipment(request, { reference: newReference('PURE-OTHER') });
      const before = harness.deliveries().length;
      await harness.deliver(other.trackingNumber!);
      await harness.webhooksIdle();
      for (const delivery of harness.deliveries().slice(before)) adapter.parseWebhook(delivery.rawBody);
      const created = await adapter.createShipment(request, { reference });
      expect(created.status).toBe('CREATED');
      expect(created.trackingNumber).not.toBe(other.trackingNumber);
      expect(harness.ordersByReference(reference)).toHaveLength(1);
    });

    it.runIf(caps.labels)('returns a label URL for created waybills that the label host serves', async () => {
      const adapter = make();
      const shipment = await adapter.createShipment(await shippable(adapter), {
        reference: newReference('LABEL'),
      });
      const url = await adapter.labelUrl([shipment.trackingNumber!]);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(shipment.trackingNumber!);
    });
  });
}
