/**
 * The requests a carrier emulator has answered: the latest entries (the oldest thousand dropped once
 * `maxEntries` + 1000 are held), a count per operation and a total that is never trimmed.
 */
export class RequestLog<Entry extends { operation: Operation | undefined }, Operation extends string> {
  readonly entries: Entry[] = [];
  readonly counts: Partial<Record<Operation, number>> = {};
  total = 0;

  constructor(private readonly maxEntries = 10_000) {}

  add(entry: Entry): void {
    this.total += 1;
    const { operation } = entry;
    if (operation) this.counts[operation] = (this.counts[operation] ?? 0) + 1;
    this.entries.push(entry);
    if (this.entries.length > this.maxEntries + 1_000) this.entries.splice(0, 1_000);
  }
}
