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

/**
 * One line per platform whose order read or stock read-back failed, in the run's language, unless a failed
 * push to that account already printed a reason — the reason a run ends 3 must be on screen even when
 * nothing had to be pushed to that platform (trial 12, M-a).
 */
export function platformProblemLines(
  result: InventorySyncResult,
  lang: 'vi' | 'en',
  printedPushes: InventorySyncResult['pushes'],
): string[] {
  const told = new Set(printedPushes.filter((p) => !p.ok).map((p) => `${p.platform}/${p.account}`));
  return result.platforms
    .filter((p) => !told.has(`${p.platform}/${p.account}`))
    .flatMap((p) =>
      [p.error, p.reconcileError]
        .filter((e) => e !== undefined)
        .map((e) => `✗ ${p.platform}/${p.account}: ${describeError(e, lang).message}`),
    );
}
