/** Decrements a per-operation fault counter (fail the next N calls of an operation); true when it was positive. */
export function consume<Operation extends string>(
  counts: Partial<Record<Operation, number>>,
  operation: Operation,
): boolean {
  const left = counts[operation] ?? 0;
  if (left <= 0) return false;
  counts[operation] = left - 1;
  return true;
}
