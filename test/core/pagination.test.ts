import { describe, expect, it } from 'vitest';
import { type Page, paginate, paginateOffset, paginatePages } from '../../src/core/index.js';

/** 7 items in pages of 3 behind opaque cursors; optionally fails once on one cursor. */
function cursorSource(failOnce?: string) {
  const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const calls: (string | undefined)[] = [];
  let failed = false;
  const fetchPage = async (cursor: string | undefined): Promise<Page<string, string>> => {
    calls.push(cursor);
    if (cursor !== undefined && cursor === failOnce && !failed) {
      failed = true;
      throw new Error('page fetch failed');
    }
    const start = cursor === undefined ? 0 : Number(cursor.slice(1));
    const end = Math.min(start + 3, items.length);
    return { items: items.slice(start, end), ...(end < items.length ? { next: `c${end}` } : {}) };
  };
  return { fetchPage, calls };
}

describe('cursor pagination', () => {
  it('yields every item across pages and saves the checkpoint after each consumed page', async () => {
    const source = cursorSource();
    const saved: string[] = [];
    const seen: string[] = [];
    for await (const item of paginate({
      fetchPage: source.fetchPage,
      saveCheckpoint: (c) => void saved.push(c),
    })) {
      seen.push(item);
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(saved).toEqual(['c3', 'c6']);
  });

  it('a failed page never advances the checkpoint; resuming refetches it', async () => {
    const source = cursorSource('c3');
    const saved: string[] = [];
    const seen: string[] = [];
    await expect(async () => {
      for await (const item of paginate({
        fetchPage: source.fetchPage,
        saveCheckpoint: (c) => void saved.push(c),
      })) {
        seen.push(item);
      }
    }).rejects.toThrow('page fetch failed');
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(saved).toEqual(['c3']);
    const resumed: string[] = [];
    for await (const item of paginate({ fetchPage: source.fetchPage, checkpoint: saved.at(-1) }))
      resumed.push(item);
    expect(resumed).toEqual(['d', 'e', 'f', 'g']);
  });

  it('stopping in the middle of a page does not save that page', async () => {
    const source = cursorSource();
    const saved: string[] = [];
    for await (const item of paginate({
      fetchPage: source.fetchPage,
      saveCheckpoint: (c) => void saved.push(c),
    })) {
      if (item === 'e') break;
    }
    expect(saved).toEqual(['c3']);
  });

  it('exposes pages with the cursor each was fetched with', async () => {
    const source = cursorSource();
    const pages = [];
    for await (const page of paginatePages({ fetchPage: source.fetchPage }))
      pages.push([page.index, page.cursor]);
    expect(pages).toEqual([
      [0, undefined],
      [1, 'c3'],
      [2, 'c6'],
    ]);
  });

  it('stops at maxPages on a platform whose cursor never ends', async () => {
    let n = 0;
    const pages = paginate({ fetchPage: async () => ({ items: [n++], next: 'same' }), maxPages: 5 });
    const seen = [];
    for await (const item of pages) seen.push(item);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('offset pagination', () => {
  it('pages until a short page and saves the resume offset including the last page', async () => {
    const data = Array.from({ length: 25 }, (_, i) => i);
    const saved: number[] = [];
    const seen: number[] = [];
    for await (const item of paginateOffset({
      pageSize: 10,
      fetchPage: async (offset, limit) => data.slice(offset, offset + limit),
      saveCheckpoint: (offset) => void saved.push(offset),
    })) {
      seen.push(item);
    }
    expect(seen).toEqual(data);
    expect(saved).toEqual([10, 20, 25]);
  });

  it('a failure on the second page leaves the checkpoint at the first', async () => {
    const saved: number[] = [];
    const iterate = async () => {
      for await (const _ of paginateOffset({
        pageSize: 2,
        checkpoint: 4,
        fetchPage: async (offset) => {
          if (offset === 6) throw new Error('HTTP 503');
          return [offset, offset + 1];
        },
        saveCheckpoint: (offset) => void saved.push(offset),
      })) {
        // consume
      }
    };
    await expect(iterate()).rejects.toThrow('HTTP 503');
    expect(saved).toEqual([6]);
  });
});
