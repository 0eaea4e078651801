import type { Logger } from 'pino';
import { ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { Address } from '../../model/address.js';
import type { ResolvedAddress } from '../types.js';
import { AddressResolutionError, type ViettelPostAddressResolver } from './address-resolver.js';

/** Sender and receiver ids, or neither (free-text fallback: VTP geocodes the address text). */
export type EndpointPair = { sender?: ResolvedAddress; receiver?: ResolvedAddress };

/**
 * The order endpoint for `pair`: `name` with both ends' ids, else its free-text twin `${name}Nlp`
 * (VTP geocodes the address text; only reached with `nlpFallback`).
 */
export function orderEndpoint<N extends string>(
  pair: EndpointPair,
  name: N,
): { operation: N | `${N}Nlp`; path: string } {
  const operation: N | `${N}Nlp` = pair.sender && pair.receiver ? name : `${name}Nlp`;
  return { operation, path: `/v2/order/${operation}` };
}

const DISTRICT_FIELD = /^(SENDER|RECEIVER)_DISTRICT$/;

/** A 2025 address sent with the province's pseudo-district (not already district 0). */
const usesPseudoDistrict = (ids: ResolvedAddress | undefined): boolean =>
  ids !== undefined && ids.era === '2025' && ids.districtId !== 0;

const withDistrictZero = (ids: ResolvedAddress | undefined): ResolvedAddress | undefined =>
  ids && usesPseudoDistrict(ids) ? { ...ids, districtId: 0 } : ids;

/**
 * Address ids for a request, and the fallback for the post-2025 district field. VTP documents no value
 * for `*_DISTRICT` with a new (two-level) ward; we send the province's pseudo-district (the id VTP
 * pairs with those wards in its own catalog). If VTP refuses it (an "Incorrect data: …_DISTRICT"
 * answer), the same request is sent once more with district 0 — the other practice integrators report
 * — and every later request of this adapter sends 0 straight away.
 */
export class Endpoints {
  #pseudoDistrictRefused = false;

  constructor(
    private readonly resolver: ViettelPostAddressResolver,
    private readonly logger: Logger,
    private readonly nlpFallback: boolean,
  ) {}

  /** Whether VTP refused the pseudo-district in this adapter's lifetime. */
  get pseudoDistrictRefused(): boolean {
    return this.#pseudoDistrictRefused;
  }

  async resolve(address: Address, options?: CallOptions): Promise<ResolvedAddress> {
    const ids = await this.resolver.resolve(address, options);
    return this.#pseudoDistrictRefused ? withDistrictZero(ids)! : ids;
  }

  /** Both ends; with `nlpFallback` an unresolvable address yields no ids (free-text endpoints). */
  async resolveBoth(from: Address, to: Address, options?: CallOptions): Promise<EndpointPair> {
    try {
      const [sender, receiver] = await Promise.all([this.resolve(from, options), this.resolve(to, options)]);
      return { sender, receiver };
    } catch (error) {
      // Free-text fallback: VTP geocodes the full address itself (opt-in: it may pick the wrong commune).
      if (error instanceof AddressResolutionError && this.nlpFallback) {
        this.logger.warn(
          { event: 'address.nlpFallback', part: error.part },
          'address not resolved to ViettelPost ids; using the free-text endpoint',
        );
        return {};
      }
      throw error;
    }
  }

  /** Sends with `pair`; on a refused pseudo-district, once more with district 0 (see the class comment). */
  async send<T>(pair: EndpointPair, request: (pair: EndpointPair) => Promise<T>): Promise<T> {
    try {
      return await request(pair);
    } catch (error) {
      const refusedDistrict =
        error instanceof ValidationError &&
        !(error instanceof AddressResolutionError) &&
        error.issues.some((issue) => DISTRICT_FIELD.test(issue.path));
      if (!refusedDistrict || !(usesPseudoDistrict(pair.sender) || usesPseudoDistrict(pair.receiver)))
        throw error;
      this.#pseudoDistrictRefused = true;
      this.logger.warn(
        { event: 'address.pseudoDistrictRefused' },
        'ViettelPost refused the two-level pseudo-district; sending district 0 with the new ward',
      );
      return request({ sender: withDistrictZero(pair.sender), receiver: withDistrictZero(pair.receiver) });
    }
  }
}
