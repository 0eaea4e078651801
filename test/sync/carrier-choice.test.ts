import { describe, expect, it } from 'vitest';
import type { Quote } from '../../src/model/shipment.js';
import {
  type CarrierChoice,
  type CarrierQuotes,
  carriersToQuote,
  chooseCarrier,
  isCarrierChoice,
} from '../../src/sync/fulfil/carrier-choice.js';

const q = (carrier: string, serviceCode: string, totalVnd: number, deliveryHours?: number): Quote => ({
  carrier,
  serviceCode,
  serviceName: serviceCode,
  totalVnd,
  extraServices: [],
  ...(deliveryHours !== undefined ? { deliveryHours } : {}),
});

const QUOTES: CarrierQuotes[] = [
  {
    carrier: 'viettelpost',
    quotes: [q('viettelpost', 'VCN', 30_000, 24), q('viettelpost', 'LCOD', 26_000, 72)],
  },
  { carrier: 'vnpost', quotes: [q('vnpost', 'ETN031', 28_000), q('vnpost', 'CTN007', 24_000)] },
];
const postmart = { platform: 'postmart', externalId: 'PM1' };
const voso = { platform: 'voso', externalId: 'V1' };

function chosen(result: ReturnType<typeof chooseCarrier>): CarrierChoice {
  if (!isCarrierChoice(result)) throw new Error(`no choice: ${result.reason}`);
  return result;
}

describe('carrier choice (pure)', () => {
  it('cheapest compares every carrier and says why, naming the runner-up', () => {
    const choice = chosen(chooseCarrier({ order: voso, quotes: QUOTES }, 'cheapest'));
    expect([choice.carrier, choice.quote.serviceCode, choice.rule]).toEqual(['vnpost', 'CTN007', 'cheapest']);
    expect(choice.reason).toContain('vnpost CTN007 24.000 ₫');
    expect(choice.reason).toContain('next: viettelpost LCOD');
  });

  it('fastest compares stated delivery times only, and says which carrier stated none', () => {
    const choice = chosen(chooseCarrier({ order: voso, quotes: QUOTES }, 'fastest'));
    expect([choice.carrier, choice.quote.serviceCode]).toEqual(['viettelpost', 'VCN']);
    // VNPost's quotes state no delivery time: not guessed, not silently ranked — named in the reason.
    expect(choice.reason).toContain('viettelpost VCN 30.000 ₫ 24 h');
    expect(choice.reason).toContain('not compared, no delivery time stated: vnpost');
  });

  it('fastest with no stated delivery time at all chooses the cheapest and says speed was not compared', () => {
    const untimed: CarrierQuotes[] = [
      { carrier: 'vnpost', quotes: [q('vnpost', 'ETN031', 28_000), q('vnpost', 'CTN007', 24_000)] },
      { carrier: 'other', quotes: [q('other', 'STD', 25_000)] },
    ];
    const choice = chosen(chooseCarrier({ order: postmart, quotes: untimed }, 'fastest'));
    expect([choice.carrier, choice.quote.serviceCode, choice.rule]).toEqual(['vnpost', 'CTN007', 'fastest']);
    expect(choice.reason).toContain('no quote states a delivery time');
    expect(choice.reason).toContain('chose the cheapest: vnpost CTN007 24.000 ₫');
  });

  it('a fixed carrier per marketplace wins over price; others fall back to `otherwise`', () => {
    const policy = { byMarketplace: { postmart: 'vnpost', voso: 'viettelpost' } } as const;
    const pm = chosen(chooseCarrier({ order: postmart, quotes: QUOTES }, policy, 'fastest'));
    expect([pm.carrier, pm.rule, pm.reason.startsWith('postmart orders ship with vnpost')]).toEqual([
      'vnpost',
      'marketplace',
      true,
    ]);
    const vs = chosen(chooseCarrier({ order: voso, quotes: QUOTES }, policy));
    expect([vs.carrier, vs.quote.serviceCode]).toEqual(['viettelpost', 'LCOD']);
    const other = chosen(
      chooseCarrier(
        { order: { platform: 'shopee', externalId: 'S' }, quotes: QUOTES },
        { byMarketplace: { postmart: 'vnpost' }, otherwise: 'fastest' },
      ),
    );
    expect(other.rule).toBe('fastest');
  });

  it('a fixed carrier and a service code: the exact service or a failure that names every carrier', () => {
    expect(
      chosen(chooseCarrier({ order: voso, quotes: QUOTES }, { carrier: 'vnpost' }, { serviceCode: 'ETN031' }))
        .quote.totalVnd,
    ).toBe(28_000);
    const failed = chooseCarrier(
      { order: voso, quotes: QUOTES },
      { carrier: 'vnpost' },
      { serviceCode: 'NOPE' },
    );
    expect(isCarrierChoice(failed)).toBe(false);
    expect(failed.reason).toContain('vnpost has no service');
  });

  it('a carrier that failed to quote is skipped by comparisons and named when nothing is left', () => {
    const broken: CarrierQuotes[] = [
      { carrier: 'vnpost', error: { message: 'ward not in catalog' } },
      QUOTES[0]!,
    ];
    expect(chosen(chooseCarrier({ order: voso, quotes: broken }, 'cheapest')).carrier).toBe('viettelpost');
    const none = chooseCarrier({ order: voso, quotes: [broken[0]!] }, 'cheapest');
    expect(none.reason).toContain('vnpost: ward not in catalog');
  });

  it('a function policy gets every quote and its reason is kept; an unquoted pick is refused', () => {
    const choice = chosen(
      chooseCarrier({ order: postmart, quotes: QUOTES }, ({ quotes }) => ({
        carrier: 'viettelpost',
        serviceCode: 'VCN',
        reason: `COD under 24 h (${quotes.length} carriers compared)`,
      })),
    );
    expect([choice.carrier, choice.rule, choice.reason]).toEqual([
      'viettelpost',
      'custom',
      'custom policy: COD under 24 h (2 carriers compared)',
    ]);
    expect(
      isCarrierChoice(
        chooseCarrier({ order: postmart, quotes: QUOTES }, () => ({
          carrier: 'ghn',
          serviceCode: 'X',
          reason: '',
        })),
      ),
    ).toBe(false);
  });

  it('asks only the carriers a policy needs', () => {
    const all = ['viettelpost', 'vnpost'];
    expect(carriersToQuote('cheapest', 'voso', all)).toEqual(all);
    expect(carriersToQuote({ carrier: 'vnpost' }, 'voso', all)).toEqual(['vnpost']);
    expect(carriersToQuote({ byMarketplace: { postmart: 'vnpost' } }, 'postmart', all)).toEqual(['vnpost']);
    expect(carriersToQuote({ byMarketplace: { postmart: 'vnpost' } }, 'voso', all)).toEqual(all);
  });
});

describe('custom policy service codes (#16 re-trial MEDIUM 3, LOW 8)', () => {
  const vnpostBoth: CarrierQuotes[] = [
    QUOTES[0]!,
    { carrier: 'vnpost', quotes: [q('vnpost', 'ETN031', 28_000), q('vnpost', 'ETN011', 31_000)] },
  ];
  it('a function returning a lower-case code is normalised like every service code: etn011 is ETN011', () => {
    const choice = chosen(
      chooseCarrier({ order: postmart, quotes: vnpostBoth }, () => ({
        carrier: 'vnpost',
        serviceCode: ' etn011 ',
        reason: 'express',
      })),
    );
    expect([choice.carrier, choice.quote.serviceCode]).toEqual(['vnpost', 'ETN011']);
  });

  it('did-you-mean compares normalised codes: etn012 points to ETN011, not ETN031', () => {
    const result = chooseCarrier({ order: postmart, quotes: vnpostBoth }, () => ({
      carrier: 'vnpost',
      serviceCode: 'etn012',
      reason: 'express',
    }));
    expect(isCarrierChoice(result)).toBe(false);
    expect(result.reason).toContain('did you mean "ETN011"?');
  });

  it('a ViettelPost code returned with VNPost is named as a ViettelPost service', () => {
    const result = chooseCarrier({ order: postmart, quotes: vnpostBoth }, () => ({
      carrier: 'vnpost',
      serviceCode: 'vcn',
      reason: 'fast',
    }));
    expect(isCarrierChoice(result)).toBe(false);
    if (isCarrierChoice(result)) return;
    expect(result.reason).toContain('service VCN, which is a viettelpost service');
    expect(result.reasonVi).toContain('đó là dịch vụ của viettelpost');
  });
});
