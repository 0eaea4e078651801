/**
 * Decrements a per-operation fault counter (fail the next N calls of an operation); true when it was
 * positive. No counters (undefined) means no fault.
 */
export function consume<Operation extends string>(
  counts: Partial<Record<Operation, number>> | undefined,
  operation: Operation,
): boolean {
  const left = counts?.[operation] ?? 0;
  if (left <= 0 || counts === undefined) return false;
  counts[operation] = left - 1;
  return true;
}
