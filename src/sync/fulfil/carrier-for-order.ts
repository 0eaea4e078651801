import { ConfigurationError, OcopConnectError, ServerError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import { pathProblem } from '../../model/option-problem.js';
import type { Order } from '../../model/order.js';
import type { Contact, Parcel } from '../../model/shipment.js';
import type { CarrierAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import { readOrderState } from '../orders/order-state.js';
import {
  type CarrierPolicy,
  type CarrierQuotes,
  carriersToQuote,
  chooseCarrier,
  isCarrierChoice,
} from './carrier-choice.js';
import { CarrierQuoteFailedError } from './errors.js';
import { factsOf, shipmentReference } from './fulfil-order.js';
import type { FulfilOptions } from './fulfil-types.js';
import { parcelForOrder } from './parcel.js';
import { serviceCodeProblem } from './service-check.js';
import { type ServicePolicy, servicePolicyOf } from './service-policy.js';

/** The carrier a policy fixes for a marketplace (`{ carrier }`, `byMarketplace`), if it fixes one. */
function fixedCarrierOf(policy: CarrierPolicy, platform: string): string | undefined {
  if (typeof policy !== 'object') return undefined;
  if ('carrier' in policy) return policy.carrier;
  const fixed = policy.byMarketplace[platform];
  if (fixed !== undefined) return fixed;
  const otherwise = policy.otherwise ?? 'cheapest';
  if (typeof otherwise === 'string')
    return otherwise === 'cheapest' || otherwise === 'fastest' ? undefined : otherwise;
  return fixedCarrierOf(otherwise, platform);
}

export interface CarrierForOrderOptions {
  carriers: readonly CarrierAdapter[];
  policy: CarrierPolicy;
  store: StateStore;
  sender: Contact;
  /** Within the chosen carrier. @default 'cheapest' */
  service?: ServicePolicy;
  catalog?: FulfilOptions['catalog'];
  /** The box, when you weigh it yourself (the catalog is then not needed). @default built from `catalog` */
  parcel?: Parcel;
  signal?: AbortSignal;
}

/**
 * The carrier that ships `order` under `policy`, recorded with its reason on the order's shipment record
 * (`carrier`, `carrierChoice`) before anything is created. Sticky: once an order's shipment names a
 * carrier (chosen earlier, or created), that carrier is returned without quoting again, so a rerun never
 * sends the order to a second carrier. Quotes only the carriers the policy needs; a carrier that cannot
 * quote is named in the reason and the others are still compared.
 */
export async function carrierForOrder(
  order: Order & { account: string },
  given: CarrierForOrderOptions,
): Promise<CarrierAdapter> {
  const service = servicePolicyOf(given.service);
  const options: CarrierForOrderOptions = service === undefined ? given : { ...given, service };
  const { carriers, store } = options;
  const key = { platform: order.platform, account: order.account, externalId: order.externalId };
  const reference = shipmentReference(key);
  const known =
    (await readOrderState(store, key))?.shipment?.carrier ?? (await store.getShipment(reference))?.carrier;
  if (known) {
    return carrierOf(carriers, order, known);
  }
  const names = carriers.map((c) => c.carrier);
  const explicit = typeof options.service === 'object' ? options.service.serviceCode : undefined;
  // An explicit service code is checked against every carrier's quotes, so a code of another carrier
  // than the policy's is named as such (refused), not reported as unknown.
  const wanted = explicit !== undefined ? names : carriersToQuote(options.policy, order.platform, names);
  const parcel = options.parcel ?? parcelForOrder(order, await factsOf(store, order, options.catalog));
  const call: CallOptions = options.signal ? { signal: options.signal } : {};
  const codAmountVnd = order.payment.method === 'cod' ? order.payment.codAmountVnd : 0;
  const quoteErrors = new Map<string, unknown>();
  const quotes: CarrierQuotes[] = await Promise.all(
    carriers
      .filter((c) => wanted.includes(c.carrier))
      .map(async (c): Promise<CarrierQuotes> => {
        try {
          const list = await c.quote(
            { from: options.sender.address, to: order.shippingAddress, parcel, codAmountVnd },
            call,
          );
          return { carrier: c.carrier, quotes: list };
        } catch (error) {
          quoteErrors.set(c.carrier, error);
          const e = error as { message?: string; kind?: string };
          return {
            carrier: c.carrier,
            error: { message: e.message ?? String(error), ...(e.kind ? { kind: e.kind } : {}) },
          };
        }
      }),
  );
  const id = `${order.platform}:${order.externalId}`;
  if (explicit !== undefined) {
    const fixed = fixedCarrierOf(options.policy, order.platform);
    const problem = serviceCodeProblem(id, explicit, quotes, fixed);
    if (problem) throw problem;
  }
  const choice = chooseCarrier({ order, quotes }, options.policy, options.service);
  if (explicit !== undefined && isCarrierChoice(choice) && choice.quote.serviceCode !== explicit) {
    throw serviceCodeProblem(id, explicit, quotes, choice.carrier)!;
  }
  if (!isCarrierChoice(choice)) {
    // The one carrier the policy ships with could not quote: a failure to retry, not a policy that
    // fits nothing — the carrier's own error (kind, retriable) named with the carrier.
    const fixed = fixedCarrierOf(options.policy, order.platform);
    const failedCarrier = fixed !== undefined && quoteErrors.has(fixed) ? fixed : undefined;
    if (failedCarrier !== undefined) {
      const cause = quoteErrors.get(failedCarrier);
      // A refusal of the order's own data (an address VNPost cannot place) stays that ValidationError.
      if (cause instanceof ValidationError) throw cause;
      throw new CarrierQuoteFailedError(id, failedCarrier, cause);
    }
    // Every carrier asked failed to quote (not a policy that fits nothing): a quote failure naming each
    // carrier's own error — retriable unless every failure is final (#16).
    const failures = quotes.filter((q) => 'error' in q).map((q) => q.carrier);
    const errors = failures.map((c) => quoteErrors.get(c));
    if (
      failures.length > 0 &&
      failures.length === quotes.length &&
      !errors.every((e) => e instanceof ValidationError)
    ) {
      // Each carrier's own text in each language (a platform's words stay in theirs).
      const each = (lang: 'messageVi' | 'messageEn') =>
        failures
          .map((c, i) => {
            const error = errors[i];
            const text =
              error instanceof OcopConnectError
                ? error[lang]
                : error instanceof Error
                  ? error.message
                  : String(error);
            return `${c}: ${text}`;
          })
          .join(' | ');
      const retriable = errors.some((e) => !(e instanceof OcopConnectError) || e.retriable);
      throw new CarrierQuoteFailedError(
        id,
        failures.join(' + '),
        new ServerError({ vi: each('messageVi'), en: each('messageEn') }, { retriable, cause: errors[0] }),
      );
    }
    throw new ValidationError(
      {
        vi: `Không hãng vận chuyển nào phù hợp cho đơn ${id}: ${choice.reasonVi ?? choice.reason}`,
        en: `No carrier fits the policy for ${id}: ${choice.reason}`,
      },
      [
        {
          path: 'carrier',
          code: 'shipment.no_carrier',
          messageVi: `Không hãng vận chuyển nào phù hợp cho đơn ${id}: ${choice.reasonVi ?? choice.reason}`,
          messageEn: `No carrier fits the policy for order ${id}: ${choice.reason}`,
        },
      ],
    );
  }
  // An atomic claim: a concurrent fulfil (this process or another sharing the store) that recorded its
  // carrier first wins, and this one ships with that carrier too — never a second carrier.
  let claimed: string | undefined;
  await store.updateShipment(reference, (previous) => {
    if (previous?.carrier) {
      claimed = previous.carrier;
      return previous;
    }
    claimed = choice.carrier;
    return {
      ...previous,
      reference,
      status: previous?.status ?? 'carrier_chosen',
      carrier: choice.carrier,
      carrierChoice: `${choice.rule}: ${choice.reason}`,
      carrierService: choice.quote.serviceCode,
    };
  });
  return carrierOf(carriers, order, claimed);
}

/** The connector's adapter of the carrier an order already ships with; refused when it has none. */
function carrierOf<T extends { readonly carrier: string }>(
  carriers: readonly T[],
  order: { readonly platform: string; readonly externalId: string },
  carrier: string | undefined,
): T {
  const adapter = carriers.find((c) => c.carrier === carrier);
  if (adapter) return adapter;
  throw new ConfigurationError({ vi: 'Không giao được đơn', en: 'Cannot fulfil' }, [
    pathProblem(
      `${order.platform}:${order.externalId}`,
      `đã giao qua ${carrier}, mà bộ kết nối này không có`,
      `already ships with ${carrier}, which this connector does not have`,
    ),
  ]);
}
