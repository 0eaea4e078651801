/** One page as a platform returns it. */
export interface Page<TItem, TCursor> {
  items: TItem[];
  /** Where the following page starts; also the checkpoint to resume from after this page. */
  next?: TCursor;
  /** No more pages now. @default `next === undefined` */
  done?: boolean;
}

export interface PaginateOptions<TItem, TCursor> {
  /** Fetches the page starting at `cursor` (undefined = the very first page). */
  fetchPage: (cursor: TCursor | undefined) => Promise<Page<TItem, TCursor>>;
  /** Resume point persisted by an earlier run. */
  checkpoint?: TCursor;
  /**
   * Persists progress. Called only after the caller has consumed a whole page, so a page that
   * failed to fetch, or that the caller stopped in the middle of, is fetched again next time.
   */
  saveCheckpoint?: (cursor: TCursor) => Promise<void> | void;
  /** Safety stop against a platform that never ends its cursor chain. @default 10 000 */
  maxPages?: number;
}

export interface PageWithCursor<TItem, TCursor> extends Page<TItem, TCursor> {
  /** The cursor this page was fetched with. */
  cursor: TCursor | undefined;
  index: number;
}

export const DEFAULT_MAX_PAGES = 10_000;

/** Pages one by one; the checkpoint advances when the caller asks for the page after. */
export async function* paginatePages<TItem, TCursor>(
  options: PaginateOptions<TItem, TCursor>,
): AsyncGenerator<PageWithCursor<TItem, TCursor>, void, undefined> {
  let cursor = options.checkpoint;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  for (let index = 0; index < maxPages; index++) {
    const page = await options.fetchPage(cursor);
    yield { ...page, cursor, index };
    // Reaching here means the caller consumed the page completely.
    if (page.next !== undefined) await options.saveCheckpoint?.(page.next);
    if (page.done ?? page.next === undefined) return;
    cursor = page.next;
  }
}

/** Items one by one across pages; same checkpoint guarantee as paginatePages. */
export async function* paginate<TItem, TCursor>(
  options: PaginateOptions<TItem, TCursor>,
): AsyncGenerator<TItem, void, undefined> {
  for await (const page of paginatePages(options)) {
    yield* page.items;
  }
}

export interface OffsetPaginateOptions<TItem> {
  /** Fetches up to `limit` items starting at `offset`. */
  fetchPage: (offset: number, limit: number) => Promise<TItem[]>;
  pageSize: number;
  /** Resume offset persisted by an earlier run. @default 0 */
  checkpoint?: number;
  saveCheckpoint?: (offset: number) => Promise<void> | void;
  maxPages?: number;
}

/** Offset/limit paging: a short page is the last one; its end is still saved to resume from. */
export function paginateOffset<TItem>(
  options: OffsetPaginateOptions<TItem>,
): AsyncGenerator<TItem, void, undefined> {
  return paginate<TItem, number>({
    checkpoint: options.checkpoint ?? 0,
    ...(options.saveCheckpoint ? { saveCheckpoint: options.saveCheckpoint } : {}),
    ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
    fetchPage: async (cursor) => {
      const offset = cursor ?? 0;
      const items = await options.fetchPage(offset, options.pageSize);
      return { items, next: offset + items.length, done: items.length < options.pageSize };
    },
  });
}
