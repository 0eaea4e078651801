import type { Order } from '../../model/order.js';
import type { Quote } from '../../model/shipment.js';
import { formatVnd } from '../../vn/money.js';
import { chooseQuote, type ServicePolicy } from './fulfil-order.js';

/** What a custom carrier policy sees: the order, and every configured carrier's quotes. */
export interface CarrierChoiceContext {
  order: Pick<Order, 'platform' | 'externalId'> & Partial<Order>;
  /** One entry per carrier that was quoted, in configuration order. */
  quotes: readonly CarrierQuotes[];
}

/** One carrier's answer: its quotes, or why it could not quote (other carriers are still compared). */
export type CarrierQuotes =
  | { carrier: string; quotes: readonly Quote[] }
  | { carrier: string; error: { message: string; kind?: string } };

/** A custom policy returns the carrier and service, with its own reason, or undefined for "none fits". */
export type CarrierPolicyFunction = (
  context: CarrierChoiceContext,
) => { carrier: string; serviceCode: string; reason: string } | undefined;

/**
 * Which carrier ships an order:
 * - `'cheapest'` / `'fastest'`: compare every configured carrier's quotes. Fastest = shortest STATED
 *   delivery time, ties to the cheaper; carriers whose quotes state none (VNPost) are not compared and
 *   the reason names them; when no quote states a time, the cheapest, and the reason says so;
 * - `{ carrier }`: always this carrier;
 * - `{ byMarketplace: { postmart: 'vnpost' }, otherwise }`: the marketplace decides, `otherwise`
 *   (default `'cheapest'`) for marketplaces not listed;
 * - a function of the order and all quotes.
 */
export type CarrierPolicy =
  | 'cheapest'
  | 'fastest'
  | { carrier: string }
  | { byMarketplace: Readonly<Record<string, string>>; otherwise?: CarrierPolicy }
  | CarrierPolicyFunction;

export type CarrierChoiceRule = 'cheapest' | 'fastest' | 'fixed' | 'marketplace' | 'custom';

/** The decision, recorded on the shipment: which carrier and service, and why in words. */
export interface CarrierChoice {
  carrier: string;
  quote: Quote;
  rule: CarrierChoiceRule;
  /** e.g. "cheapest of 9 quotes from vnpost, viettelpost: vnpost CTN007 23.760 ₫ (next: viettelpost …)". */
  reason: string;
}

/** Why no carrier could be chosen (each carrier's problem named). */
export interface CarrierChoiceFailure {
  reason: string;
}

const vnd = (amount: number) => formatVnd(amount, { space: 'space' });
const label = (q: Quote) =>
  `${q.carrier} ${q.serviceCode} ${vnd(q.totalVnd)}${q.deliveryHours ? ` ${q.deliveryHours} h` : ''}`;

/**
 * The carriers a policy needs quotes from: a fixed carrier (directly or through its marketplace) needs
 * only its own; comparisons and custom policies need all of them.
 */
export function carriersToQuote(
  policy: CarrierPolicy,
  platform: string,
  configured: readonly string[],
): string[] {
  if (typeof policy === 'object' && 'carrier' in policy)
    return configured.filter((c) => c === policy.carrier);
  if (typeof policy === 'object' && 'byMarketplace' in policy) {
    const fixed = policy.byMarketplace[platform];
    return fixed !== undefined
      ? configured.filter((c) => c === fixed)
      : carriersToQuote(policy.otherwise ?? 'cheapest', platform, configured);
  }
  return [...configured];
}

function failures(quotes: readonly CarrierQuotes[]): string {
  return quotes
    .map((q) =>
      'error' in q ? `${q.carrier}: ${q.error.message}` : `${q.carrier}: ${q.quotes.length} quotes`,
    )
    .join('; ');
}

function quotesOf(quotes: readonly CarrierQuotes[], carrier: string): readonly Quote[] | undefined {
  const entry = quotes.find((q) => q.carrier === carrier);
  return entry && 'quotes' in entry ? entry.quotes : undefined;
}

/**
 * Pure: the order, every carrier's quotes and the policies in, one decision (or the reason there is
 * none) out. No carrier is called here; fulfil calls them and records the result on the shipment.
 */
export function chooseCarrier(
  context: CarrierChoiceContext,
  policy: CarrierPolicy,
  service: ServicePolicy = 'cheapest',
): CarrierChoice | CarrierChoiceFailure {
  const { quotes, order } = context;
  if (typeof policy === 'function') {
    const picked = policy(context);
    const quote = picked
      ? quotesOf(quotes, picked.carrier)?.find((q) => q.serviceCode === picked.serviceCode)
      : undefined;
    if (!picked || !quote) {
      return { reason: `the custom carrier policy chose no quoted service (${failures(quotes)})` };
    }
    return { carrier: picked.carrier, quote, rule: 'custom', reason: `custom policy: ${picked.reason}` };
  }
  if (typeof policy === 'object') {
    const fixedByMarketplace = 'byMarketplace' in policy ? policy.byMarketplace[order.platform] : undefined;
    if ('byMarketplace' in policy && fixedByMarketplace === undefined) {
      return chooseCarrier(context, policy.otherwise ?? 'cheapest', service);
    }
    const carrier = 'carrier' in policy ? policy.carrier : fixedByMarketplace!;
    const rule: CarrierChoiceRule = 'carrier' in policy ? 'fixed' : 'marketplace';
    const own = quotesOf(quotes, carrier);
    const quote = own ? chooseQuote(own, service) : undefined;
    if (!quote) return { reason: `${carrier} has no service matching the policy (${failures(quotes)})` };
    const why =
      rule === 'fixed' ? `fixed carrier ${carrier}` : `${order.platform} orders ship with ${carrier}`;
    return { carrier, quote, rule, reason: `${why}: ${label(quote)}` };
  }
  const all = quotes.flatMap((entry) => {
    if (!('quotes' in entry)) return [];
    const best = chooseQuote(entry.quotes, typeof service === 'object' ? service : policy);
    return best ? [best] : [];
  });
  if (all.length === 0) return { reason: `no carrier could quote this order (${failures(quotes)})` };
  const carriers = quotes.map((q) => q.carrier).join(', ');
  if (policy === 'fastest') return fastest(all, carriers);
  const best = chooseQuote(all, policy)!;
  const next = chooseQuote(
    all.filter((q) => q !== best),
    policy,
  );
  return {
    carrier: best.carrier,
    quote: best,
    rule: policy,
    reason: `${policy} of ${carriers}: ${label(best)}${next ? ` (next: ${label(next)})` : ''}`,
  };
}

/**
 * Fastest compares only quotes that state a delivery time (VNPost's ServicesCharge states none, and
 * no time is made up for it): the shortest wins, ties to the cheaper, and the reason names every
 * carrier left out for stating no time. When no quote states one, the cheapest is chosen and the
 * reason says that "fastest" could not be decided.
 */
function fastest(all: readonly Quote[], carriers: string): CarrierChoice {
  const timed = all.filter((q) => q.deliveryHours !== undefined);
  const untimed = [...new Set(all.filter((q) => q.deliveryHours === undefined).map((q) => q.carrier))];
  if (timed.length === 0) {
    const best = chooseQuote(all, 'cheapest')!;
    return {
      carrier: best.carrier,
      quote: best,
      rule: 'fastest',
      reason: `fastest of ${carriers}: no quote states a delivery time, so speed could not be compared; chose the cheapest: ${label(best)}`,
    };
  }
  const best = chooseQuote(timed, 'fastest')!;
  const next = chooseQuote(
    timed.filter((q) => q !== best),
    'fastest',
  );
  const left = untimed.length > 0 ? `; not compared, no delivery time stated: ${untimed.join(', ')}` : '';
  return {
    carrier: best.carrier,
    quote: best,
    rule: 'fastest',
    reason: `fastest of ${carriers}: ${label(best)}${next ? ` (next: ${label(next)})` : ''}${left}`,
  };
}

export function isCarrierChoice(value: CarrierChoice | CarrierChoiceFailure): value is CarrierChoice {
  return 'carrier' in value;
}
