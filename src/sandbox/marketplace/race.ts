/**
 * Stages the oversell race: several buyers try to take the last unit(s) at the same instant — on one
 * platform (only the first can win) or on several platforms that were each told "1 left" (each platform
 * accepts its own buyer; the connector's ledger must notice and cancel the surplus).
 */
import { argumentProblem, isPlainObject } from '../../model/argument-check.js';
import { OcopConnectError } from '../../model/error-root.js';
import type { BilingualText } from '../../model/messages.js';
import { A_LIST, problemsOf, rule } from '../sandbox-options.js';
import { PLACE_ORDER_INPUT } from './handle-table.js';
import type { MarketplaceSandbox, PlaceOrderInput, PlaceOrderResult } from './types.js';

export interface RaceEntry extends PlaceOrderInput {
  sandbox: Pick<MarketplaceSandbox, 'buyers'>;
}

const A_SANDBOX = rule(
  (v) => isPlainObject(v) && isPlainObject(v.buyers) && typeof v.buyers.placeOrder === 'function',
  'một sandbox sàn (có buyers.placeOrder)',
  'a marketplace sandbox (with buyers.placeOrder)',
);

/** Every problem of the entries, each named by its place (`entries[1].sandbox`). */
function entryProblems(entries: unknown): BilingualText[] {
  if (!A_LIST.fits(entries)) return [argumentProblem('entries', entries, A_LIST)];
  return (entries as readonly unknown[]).flatMap((entry, index) => {
    const at = `entries[${index}]`;
    if (!isPlainObject(entry)) return [argumentProblem(at, entry, PLACE_ORDER_INPUT)];
    const { sandbox, ...input } = entry;
    return [
      ...(A_SANDBOX.fits(sandbox) ? [] : [argumentProblem(`${at}.sandbox`, sandbox, A_SANDBOX)]),
      ...problemsOf(at, input, PLACE_ORDER_INPUT),
    ];
  });
}

/**
 * Places every order in the same tick (no I/O in between), in the given order. Every entry is checked
 * first: one wrong entry places no order at all.
 */
export function raceForLastUnit(entries: readonly RaceEntry[]): PlaceOrderResult[] {
  const problems = entryProblems(entries);
  if (problems.length > 0) {
    throw new OcopConnectError(
      'validation',
      {
        vi: `raceForLastUnit: ${problems.map((p) => p.vi).join('; ')}`,
        en: `raceForLastUnit: ${problems.map((p) => p.en).join('; ')}`,
      },
      { operation: 'raceForLastUnit' },
    );
  }
  return entries.map(({ sandbox, ...input }) => sandbox.buyers.placeOrder(input));
}
