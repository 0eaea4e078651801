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

/** The names in `Text` (names separated by single spaces), as a union. */
type Words<Text extends string> = Text extends `${infer Head} ${infer Rest}` ? Head | Words<Rest> : Text;

/**
 * Every name of the union `Name`, written once as one space-separated string (what the fault counts may
 * name): a name left out or misspelt is a type error, so the list cannot drift from the union.
 */
export function everyName<Name extends string>() {
  return <const Text extends string>(
    text: Text & ([Name] extends [Words<Text>] ? ([Words<Text>] extends [Name] ? unknown : never) : never),
  ): readonly Name[] => text.split(' ') as Name[];
}
