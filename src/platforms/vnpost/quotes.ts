import { ContractViolationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { Quote } from '../../model/shipment.js';
import type { QuoteRequest } from '../types.js';
import { resolveBoth, type VnpostContext } from './context.js';
import { VNPOST } from './errors.js';
import { API_PREFIX } from './options.js';
import { servicesChargeBody } from './order-payload.js';
import { knownServiceCode, validQuoteRequest } from './request-validation.js';
import { quoteFromRow, quoteRows } from './response-mapping.js';

/** ServicesCharge: every service of a route, or one. */
export function createQuotes(ctx: VnpostContext) {
  const { http, options, account } = ctx;

  async function servicesCharge(input: QuoteRequest, serviceCode: string | undefined, call?: CallOptions) {
    const request = validQuoteRequest(input);
    const [sender, receiver] = await resolveBoth(ctx, request.from, request.to, call);
    const response = await http.request(
      {
        operation: 'servicesCharge',
        method: 'POST',
        path: `${API_PREFIX}/ServicesCharge`,
        body: servicesChargeBody(request, sender.codes, receiver.codes, account, serviceCode),
        trafficClass: 'read',
        idempotent: true,
      },
      call,
    );
    return quoteRows(response.data, 'servicesCharge').map((row) => quoteFromRow(row, 'servicesCharge'));
  }

  /** ServicesCharge without a service code: every service open to the account, cheapest first. */
  async function quote(request: QuoteRequest, call?: CallOptions): Promise<Quote[]> {
    const quotes = await servicesCharge(request, undefined, call);
    return quotes.sort((a, b) => a.totalVnd - b.totalVnd || a.serviceCode.localeCompare(b.serviceCode));
  }

  /** ServicesCharge for one service. */
  async function quoteService(
    request: QuoteRequest,
    requestedCode: string,
    call?: CallOptions,
  ): Promise<Quote> {
    const serviceCode = knownServiceCode(requestedCode, options.extraServices);
    const quotes = await servicesCharge(request, serviceCode, call);
    const quote = quotes.find((q) => q.serviceCode === serviceCode);
    if (!quote)
      throw new ContractViolationError(
        {
          vi: `MyVNPost ServicesCharge: câu trả lời không có dòng nào cho ${serviceCode}`,
          en: `MyVNPost ServicesCharge returned no row for ${serviceCode}`,
        },
        {
          platform: VNPOST,
          operation: 'servicesCharge',
        },
      );
    return quote;
  }

  return { quote, quoteService };
}
