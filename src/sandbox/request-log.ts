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

/** What a carrier sandbox's state tells about the requests it answered and the webhooks it sent. */
export interface CarrierTraffic<Entry, Operation extends string, Delivery> {
  /** The newest requests (the log keeps at least the last 10 000). */
  requests(): Entry[];
  /** Requests of one operation, or of all (never trimmed). */
  requestCount(operation?: Operation): number;
  /** Requests per operation. */
  requestCounts(): Partial<Record<Operation, number>>;
  /** Webhook deliveries, oldest first. */
  webhookDeliveries(): Delivery[];
}

/** The traffic view of `log`, with the webhook deliveries `deliveries` holds (copies, never the live arrays). */
export function carrierTraffic<
  Entry extends { operation: Operation | undefined },
  Operation extends string,
  Delivery,
>(
  log: RequestLog<Entry, Operation>,
  deliveries: () => readonly Delivery[],
): CarrierTraffic<Entry, Operation, Delivery> {
  return {
    requests: () => [...log.entries],
    requestCount: (operation) => (operation === undefined ? log.total : (log.counts[operation] ?? 0)),
    requestCounts: () => ({ ...log.counts }),
    webhookDeliveries: () => [...deliveries()],
  };
}
