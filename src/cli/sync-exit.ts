import type { InventorySyncResult } from 'ocop-connect';
import { describeError, EXIT } from './errors.js';

/**
 * The exit code of an inventory sync (`sync`, `stock set`), as the README's table says: a platform that
 * refused the login or failed (an order read, a push) is a platform failure, exit 3; anything else not
 * ok, exit 1.
 */
export function inventoryExitCode(result: InventorySyncResult, extraProblem = false): number {
  const errors = [
    ...result.platforms.flatMap((p) => [p.error, p.reconcileError]),
    ...result.pushes.map((p) => p.error),
  ].filter((e) => e !== undefined);
  if (errors.some((e) => describeError(e, 'en').exitCode === EXIT.platform)) return EXIT.platform;
  return result.ok && !extraProblem ? EXIT.ok : EXIT.problems;
}
