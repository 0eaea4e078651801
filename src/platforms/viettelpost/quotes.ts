import { A_TEXT, AN_OBJECT, checkArgument } from '../../core/argument-guards.js';
import { ContractViolationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import { normaliseServiceCode, type Quote, type Shipment } from '../../model/shipment.js';
import { routeIssues } from '../carrier-contacts.js';
import type { QuoteRequest } from '../types.js';
import type { ViettelPostContext } from './context.js';
import { type EndpointPair, orderEndpoint } from './endpoints.js';
import { VIETTELPOST } from './errors.js';
import { fullAddressText, idFields, parcelPricingFields } from './order-payload.js';
import { validParcelAndCod } from './request-validation.js';
import { feesFrom, kpiHours, priceAllRows, quoteFromPriceAllRow, sortQuotes } from './response-mapping.js';
import { envelopeObject, readInt } from './wire.js';

/** DOMESTIC price table: 1 in both `TYPE` (getPriceAll) and `NATIONAL_TYPE` (getPrice). 0 = international. */
export const DOMESTIC_PRICE_TABLE = 1;

export interface ViettelPostServiceQuote extends Quote {
  fees: NonNullable<Shipment['fees']>;
}

function pricingBody(request: QuoteRequest, pair: EndpointPair): Record<string, unknown> {
  const parcelFields = parcelPricingFields(request.parcel, request.codAmountVnd ?? 0);
  if (pair.sender && pair.receiver) {
    return { ...idFields('SENDER', pair.sender), ...idFields('RECEIVER', pair.receiver), ...parcelFields };
  }
  return {
    SENDER_ADDRESS: fullAddressText(request.from),
    RECEIVER_ADDRESS: fullAddressText(request.to),
    ...parcelFields,
  };
}

/**
 * The route (`from`, `to`), parcel and COD checked before anything is sent: every problem in one
 * bilingual ValidationError naming the field (VNPost's quote checks the same way).
 */
function checked(request: QuoteRequest): QuoteRequest {
  return { ...request, ...validParcelAndCod(request, routeIssues(request, VIETTELPOST), 'quote') };
}

/** getPriceAll(Nlp) and getPrice(Nlp). */
export function createQuotes(ctx: ViettelPostContext) {
  const { http, endpoints, serviceNames } = ctx;

  /**
   * One pricing call: both ends resolved, then `endpoint` (or its Nlp twin for free-text addresses) with
   * the route and parcel plus `fields`; `read` turns the answer into the result.
   */
  async function price<T>(
    request: QuoteRequest,
    endpoint: 'getPriceAll' | 'getPrice',
    fields: Record<string, unknown>,
    callOptions: CallOptions | undefined,
    read: (data: unknown, operation: string) => T,
  ): Promise<T> {
    const resolved = await endpoints.resolveBoth(request.from, request.to, callOptions);
    return endpoints.send(resolved, async (pair) => {
      const { operation, path } = orderEndpoint(pair, endpoint);
      const response = await http.request(
        {
          operation,
          method: 'POST',
          path,
          body: { ...pricingBody(request, pair), ...fields },
          trafficClass: 'read',
          idempotent: true,
        },
        callOptions,
      );
      return read(response.data, operation);
    });
  }

  /** Price every service for a route (getPriceAll), cheapest first. */
  async function quote(input: QuoteRequest, callOptions?: CallOptions): Promise<Quote[]> {
    checkArgument(input, 'request', AN_OBJECT);
    // getPriceAll names the price table TYPE (getPrice calls it NATIONAL_TYPE); 1 = domestic.
    const fields = { TYPE: DOMESTIC_PRICE_TABLE };
    return price(checked(input), 'getPriceAll', fields, callOptions, (data, operation) => {
      const quotes = priceAllRows(data, operation)
        .map(quoteFromPriceAllRow)
        .filter((q): q is Quote => q !== undefined);
      for (const q of quotes) serviceNames.set(q.serviceCode, q.serviceName);
      return sortQuotes(quotes);
    });
  }

  /** Price one service with its fee breakdown (getPrice). */
  async function quoteService(
    input: QuoteRequest,
    requestedCode: string,
    callOptions?: CallOptions,
  ): Promise<ViettelPostServiceQuote> {
    checkArgument(input, 'request', AN_OBJECT);
    checkArgument(requestedCode, 'serviceCode', A_TEXT);
    const request = checked(input);
    const serviceCode = normaliseServiceCode(String(requestedCode));
    const fields = { ORDER_SERVICE: serviceCode, ORDER_SERVICE_ADD: '', NATIONAL_TYPE: DOMESTIC_PRICE_TABLE };
    return price(request, 'getPrice', fields, callOptions, (answer, operation) => {
      const data = envelopeObject(answer, operation);
      const fees = feesFrom(data);
      if (!fees) {
        throw new ContractViolationError(
          {
            vi: `ViettelPost ${operation}: câu trả lời không có MONEY_TOTAL`,
            en: `ViettelPost ${operation} returned no MONEY_TOTAL`,
          },
          {
            platform: VIETTELPOST,
            operation,
          },
        );
      }
      const hours = kpiHours(data);
      const chargeable = readInt(data.EXCHANGE_WEIGHT);
      return {
        carrier: VIETTELPOST,
        serviceCode,
        serviceName: serviceNames.get(serviceCode) ?? serviceCode,
        totalVnd: fees.totalVnd,
        ...(hours !== undefined ? { deliveryHours: hours } : {}),
        ...(chargeable !== undefined && chargeable >= 0 ? { chargeableWeightGrams: chargeable } : {}),
        extraServices: [],
        fees,
      };
    });
  }

  return { quote, quoteService };
}
