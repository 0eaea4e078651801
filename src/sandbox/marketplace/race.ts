/**
 * Stages the oversell race: several buyers try to take the last unit(s) at the same instant — on one
 * platform (only the first can win) or on several platforms that were each told "1 left" (each platform
 * accepts its own buyer; the connector's ledger must notice and cancel the surplus).
 */
import type { MarketplaceSandbox, PlaceOrderInput, PlaceOrderResult } from './types.js';

export interface RaceEntry extends PlaceOrderInput {
  sandbox: Pick<MarketplaceSandbox, 'buyers'>;
}

/** Places every order in the same tick (no I/O in between), in the given order. */
export function raceForLastUnit(entries: readonly RaceEntry[]): PlaceOrderResult[] {
  return entries.map(({ sandbox, ...input }) => sandbox.buyers.placeOrder(input));
}
