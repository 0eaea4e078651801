import { z } from 'zod';
import { AN_ORDER, checkArgument, type Expected } from '../../core/argument-guards.js';
import { ConfigurationError } from '../../core/errors.js';
import { nearestName as nearest } from '../../model/nearest-name.js';
import type { Order } from '../../model/order.js';
import { normaliseServiceCode, type Quote } from '../../model/shipment.js';
import { formatVnd } from '../../vn/money.js';
import { chooseQuote, type ServicePolicy } from './service-policy.js';

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
 *   (default `'cheapest'`) for marketplaces not listed — a policy, or a carrier's name for a fixed
 *   carrier (`otherwise: 'viettelpost'` = `otherwise: { carrier: 'viettelpost' }`);
 * - a function of the order and all quotes: its carrier and serviceCode are the ones shipped (a service
 *   that carrier did not quote is an error before anything is created).
 *
 * `createConnector` checks the policy: an unknown policy name, or a carrier that is not configured
 * (in `carrier`, `byMarketplace` or `otherwise`), is a ConfigurationError naming the key.
 */
export type CarrierPolicy =
  | 'cheapest'
  | 'fastest'
  | { carrier: string }
  | { byMarketplace: Readonly<Record<string, string>>; otherwise?: CarrierPolicy | string }
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
  /** The same in Vietnamese, where the failure is the policy's own (a custom policy's pick). */
  reasonVi?: string;
}

const vnd = (amount: number) => formatVnd(amount, { space: 'space' });
const label = (q: Quote) =>
  `${q.carrier} ${q.serviceCode} ${vnd(q.totalVnd)}${q.deliveryHours ? ` ${q.deliveryHours} h` : ''}`;

/** `otherwise`: a policy, or a carrier's name meaning that fixed carrier. */
function otherwiseOf(policy: { otherwise?: CarrierPolicy | string }): CarrierPolicy {
  const o = policy.otherwise ?? 'cheapest';
  return typeof o === 'string' && o !== 'cheapest' && o !== 'fastest' ? { carrier: o } : o;
}

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
      : carriersToQuote(otherwiseOf(policy), platform, configured);
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

const PICK_SHAPE = '{ carrier, serviceCode, reason }';

/**
 * Runs a custom policy and checks what it returned: a throw is a ConfigurationError naming the policy
 * (its error as `cause`); a Promise (policies are synchronous), a string, or a pick without a carrier or
 * serviceCode is a failure whose bilingual reason says what was returned and what is expected.
 */
function pickOf(
  policy: CarrierPolicyFunction,
  context: CarrierChoiceContext,
): { picked: { carrier: string; serviceCode: string; reason: string } | undefined } | CarrierChoiceFailure {
  const name = policy.name ? `carrierPolicy function "${policy.name}"` : 'carrierPolicy function';
  const id = `${context.order.platform}:${context.order.externalId}`;
  let value: unknown;
  try {
    value = policy(context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigurationError(
      { vi: 'Chính sách chọn hãng tự viết bị lỗi', en: 'The custom carrier policy failed' },
      [
        `${name} ném lỗi với đơn ${id}: ${message} (chưa tạo gì) / ${name} threw for order ${id}: ${message} (nothing was created)`,
      ],
      { cause: error },
    );
  }
  if (value === undefined || value === null) return { picked: undefined };
  const wrong = (en: string, vi: string): CarrierChoiceFailure => ({
    reason: `the ${name} ${en}; it must return ${PICK_SHAPE} synchronously, or undefined for none`,
    reasonVi: `chính sách chọn hãng tự viết (${name}) ${vi}; hàm phải trả về ngay ${PICK_SHAPE}, hoặc undefined nếu không chọn`,
  });
  if (typeof (value as { then?: unknown }).then === 'function') {
    // Never awaited: keep its rejection from surfacing as an unhandled one.
    Promise.resolve(value).catch(() => undefined);
    return wrong(
      'returned a Promise (async functions are not supported)',
      'trả về một Promise (không hỗ trợ hàm async)',
    );
  }
  if (typeof value !== 'object') {
    const shown = JSON.stringify(value) ?? String(value);
    return wrong(`returned ${shown}, not an object`, `trả về ${shown}, không phải một đối tượng`);
  }
  const pick = value as { carrier?: unknown; serviceCode?: unknown; reason?: unknown };
  const missing = (['carrier', 'serviceCode'] as const).filter(
    (field) => typeof pick[field] !== 'string' || (pick[field] as string).trim() === '',
  );
  if (missing.length > 0) {
    const fields = missing.join(', ');
    return wrong(
      `returned no ${fields} (a text value is needed)`,
      `không trả về ${fields} (cần một chuỗi ký tự)`,
    );
  }
  return {
    picked: {
      carrier: (pick.carrier as string).trim(),
      // The one rule for service codes (#16 re-trial 3): `etn011` is ETN011, as everywhere else.
      serviceCode: normaliseServiceCode(pick.serviceCode as string),
      reason: typeof pick.reason === 'string' && pick.reason !== '' ? pick.reason : '(no reason given)',
    },
  };
}

/**
 * Pure: the order, every carrier's quotes and the policies in, one decision (or the reason there is
 * none) out. No carrier is called here; fulfil calls them and records the result on the shipment.
 */
/** What chooseCarrier compares: an order, and one entry per quoted carrier. */
const CHOICE_CONTEXT: Expected = {
  schema: z.object({ order: AN_ORDER.schema, quotes: z.array(z.object({ carrier: z.string() })) }),
  vi: 'một đối tượng { order (có platform, externalId), quotes: mảng [{ carrier, … }] }',
  en: 'an object { order (with platform, externalId), quotes: an array of { carrier, … } }',
};
const A_POLICY: Expected = {
  schema: z.union([z.string(), z.custom((v) => typeof v === 'function'), z.object({})]),
  vi: 'một chính sách ("cheapest", "fastest", { carrier }, { byMarketplace } hoặc một hàm)',
  en: 'a policy ("cheapest", "fastest", { carrier }, { byMarketplace } or a function)',
};

export function chooseCarrier(
  context: CarrierChoiceContext,
  policy: CarrierPolicy,
  service?: ServicePolicy,
): CarrierChoice | CarrierChoiceFailure {
  checkArgument(context, 'context', CHOICE_CONTEXT);
  checkArgument(policy, 'policy', A_POLICY);
  const { quotes, order } = context;
  if (typeof policy === 'function') {
    const read = pickOf(policy, context);
    if (!('picked' in read)) return read;
    // An explicit service code wins over the function's (the caller asked for it).
    const picked =
      read.picked && typeof service === 'object'
        ? {
            ...read.picked,
            serviceCode: service.serviceCode,
            reason: `${read.picked.reason} (service ${service.serviceCode} as the caller asked)`,
          }
        : read.picked;
    if (!picked) {
      return {
        reason: `the custom carrier policy chose no carrier (${failures(quotes)})`,
        reasonVi: `chính sách chọn hãng tự viết không chọn hãng nào (${failures(quotes)})`,
      };
    }
    const entry = quotes.find((q) => q.carrier === picked.carrier);
    if (!entry) {
      const known = quotes.map((q) => q.carrier).join(', ');
      const near = nearest(
        picked.carrier,
        quotes.map((q) => q.carrier),
      );
      return {
        reason: `the custom carrier policy chose carrier "${picked.carrier}", which is not configured (configured: ${known})${near ? `; did you mean "${near}"?` : ''}`,
        reasonVi: `chính sách chọn hãng tự viết chọn hãng "${picked.carrier}" nhưng hãng này chưa được cấu hình (đã cấu hình: ${known})${near ? `; có phải "${near}"?` : ''}`,
      };
    }
    if ('error' in entry) {
      return {
        reason: `the custom carrier policy chose ${picked.carrier}, which could not quote: ${entry.error.message}`,
        reasonVi: `chính sách chọn hãng tự viết chọn ${picked.carrier} nhưng hãng này không báo giá được: ${entry.error.message}`,
      };
    }
    const quote = entry.quotes.find((q) => normaliseServiceCode(q.serviceCode) === picked.serviceCode);
    // Another carrier's code (a ViettelPost VCN for VNPost): said so, not "not quoted" (#16 re-trial 8).
    const owner = quote
      ? undefined
      : quotes.find(
          (q) =>
            q.carrier !== picked.carrier &&
            'quotes' in q &&
            q.quotes.some((x) => normaliseServiceCode(x.serviceCode) === picked.serviceCode),
        );
    if (owner) {
      const offered = entry.quotes.map((q) => q.serviceCode).join(', ') || '—';
      return {
        reason: `the custom carrier policy chose ${picked.carrier} with service ${picked.serviceCode}, which is a ${owner.carrier} service (${picked.carrier} quoted: ${offered}); return a ${picked.carrier} service or carrier ${owner.carrier}`,
        reasonVi: `chính sách chọn hãng tự viết chọn ${picked.carrier} với dịch vụ ${picked.serviceCode}, nhưng đó là dịch vụ của ${owner.carrier} (${picked.carrier} có báo giá: ${offered}); hãy trả về một dịch vụ của ${picked.carrier} hoặc hãng ${owner.carrier}`,
      };
    }
    if (!quote) {
      const offered = entry.quotes.map((q) => q.serviceCode).join(', ') || '—';
      const near = nearest(
        picked.serviceCode,
        entry.quotes.map((q) => q.serviceCode),
      );
      return {
        reason: `the custom carrier policy chose ${picked.carrier} service "${picked.serviceCode}", which ${picked.carrier} did not quote for this parcel (quoted: ${offered})${near ? `; did you mean "${near}"?` : ''}`,
        reasonVi: `chính sách chọn hãng tự viết chọn dịch vụ "${picked.serviceCode}" của ${picked.carrier}, nhưng ${picked.carrier} không báo giá dịch vụ này cho kiện hàng (dịch vụ có báo giá: ${offered})${near ? `; có phải "${near}"?` : ''}`,
      };
    }
    return { carrier: picked.carrier, quote, rule: 'custom', reason: `custom policy: ${picked.reason}` };
  }
  if (typeof policy === 'object') {
    const fixedByMarketplace = 'byMarketplace' in policy ? policy.byMarketplace[order.platform] : undefined;
    if ('byMarketplace' in policy && fixedByMarketplace === undefined) {
      const fallback = chooseCarrier(context, otherwiseOf(policy), service);
      return isCarrierChoice(fallback)
        ? { ...fallback, reason: `${order.platform} is not in byMarketplace, otherwise ${fallback.reason}` }
        : fallback;
    }
    const carrier = 'carrier' in policy ? policy.carrier : fixedByMarketplace!;
    const rule: CarrierChoiceRule = 'carrier' in policy ? 'fixed' : 'marketplace';
    const own = quotesOf(quotes, carrier);
    const quote = own ? chooseQuote(own, service ?? 'cheapest') : undefined;
    if (!quote) return { reason: `${carrier} has no service matching the policy (${failures(quotes)})` };
    const why =
      rule === 'fixed' ? `fixed carrier ${carrier}` : `${order.platform} orders ship with ${carrier}`;
    return { carrier, quote, rule, reason: `${why}: ${label(quote)}` };
  }
  const all = quotes.flatMap((entry) => {
    if (!('quotes' in entry)) return [];
    // Within a carrier the caller's service policy (when given) picks; across carriers, the policy.
    const best = chooseQuote(entry.quotes, service ?? policy);
    return best ? [best] : [];
  });
  if (all.length === 0) return { reason: `no carrier could quote this order (${failures(quotes)})` };
  const carriers = quotes.map((q) => q.carrier).join(', ');
  const unquoted = notQuoted(quotes);
  if (policy === 'fastest') {
    const choice = fastest(all, carriers);
    return { ...choice, reason: `${choice.reason}${unquoted}` };
  }
  const best = chooseQuote(all, policy)!;
  const next = chooseQuote(
    all.filter((q) => q !== best),
    policy,
  );
  return {
    carrier: best.carrier,
    quote: best,
    rule: policy,
    reason: `${policy} of ${carriers}: ${label(best)}${next ? ` (next: ${label(next)})` : ''}${unquoted}`,
  };
}

/**
 * The carriers left out of a comparison because their quote failed, each with why — so the recorded
 * reason never reads as if they had been compared.
 */
function notQuoted(quotes: readonly CarrierQuotes[]): string {
  const failed = quotes.flatMap((q) =>
    'error' in q ? [`${q.carrier} (${q.error.message || q.error.kind || 'no message'})`] : [],
  );
  return failed.length > 0 ? `; not compared, its quote failed: ${failed.join('; ')}` : '';
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
