import type { PendingOutcome } from '../sync/fulfil/fulfil-pending.js';
import type { PublishItemResult, PublishPlatformSummary } from '../sync/publish/types.js';
import type { HubJobItemCounts } from './job-types.js';

const COUNT_KEYS = ['created', 'updated', 'unchanged', 'held', 'failed', 'invalid', 'planned'] as const;
const COUNT_WORDS_VI: Record<(typeof COUNT_KEYS)[number], string> = {
  created: 'tạo mới',
  updated: 'cập nhật',
  unchanged: 'không đổi',
  held: 'chưa tạo',
  failed: 'thất bại',
  invalid: 'không hợp lệ',
  planned: 'dự kiến',
};

export function countItems(platforms: readonly PublishPlatformSummary[]): HubJobItemCounts {
  const counts: HubJobItemCounts = {
    created: 0,
    updated: 0,
    unchanged: 0,
    held: 0,
    failed: 0,
    invalid: 0,
    planned: 0,
  };
  for (const p of platforms) for (const key of COUNT_KEYS) counts[key] += p[key];
  return counts;
}

/** `created 3, held 2, …` (planned only in a dry run), in one language. */
export function countsText(items: HubJobItemCounts, lang: 'vi' | 'en'): string {
  return COUNT_KEYS.filter((k) => k !== 'planned' || items.planned > 0)
    .map((k) => `${lang === 'en' ? k : COUNT_WORDS_VI[k]} ${items[k]}`)
    .join(', ');
}

/** Per platform account: how many items ended `outcome`, and the first one's row, SKU and reason. */
export function reasonsOf(
  items: readonly PublishItemResult[],
  outcome: 'held' | 'failed',
  cooperative: string,
  /** Item row (1-based position in the products published) → the catalog row as validate and Excel show it. */
  sheetRow: (row: number) => number,
): { vi: string; en: string }[] {
  const byAccount = new Map<string, PublishItemResult[]>();
  for (const item of items) {
    if (item.outcome !== outcome) continue;
    const where = `${item.platform}/${item.account}`;
    byAccount.set(where, [...(byAccount.get(where) ?? []), item]);
  }
  return [...byAccount].map(([where, list]) => {
    const first = list[0]!;
    const row = sheetRow(first.row);
    const issue = first.issues?.[0];
    const code = issue?.code ?? first.error?.kind ?? 'error';
    let vi = issue?.messageVi ?? first.error?.message ?? 'không rõ lý do';
    let en = issue?.messageEn ?? first.error?.message ?? 'no reason given';
    if (code === 'link.not_matched') {
      // The library names its option; a hub operator acts through the hub's commands.
      vi = vi.replace(
        /chạy match trước \(đối chiếu tin đăng có sẵn với danh mục\), hoặc chọn assumeNoExistingListings nếu chắc chắn không trùng/,
        `chạy "ocop-connect match <danh mục> --hub <hub.json> --cooperative ${cooperative}" rồi "ocop-connect link <bảng> --catalog <danh mục> --hub <hub.json> --cooperative ${cooperative}", hoặc thêm việc với "jobs add publish --assume-no-existing-listings" nếu chắc chắn không trùng`,
      );
      en = en.replace(
        /run match first \(match the existing listings to the catalog\), or pass assumeNoExistingListings if none of them is a catalog product/,
        `run "ocop-connect match <catalog> --hub <hub.json> --cooperative ${cooperative}", then "ocop-connect link <sheet> --catalog <catalog> --hub <hub.json> --cooperative ${cooperative}", or add the job with "jobs add publish --assume-no-existing-listings" if none of them is a catalog product`,
      );
    }
    return {
      vi: `${where}: ${list.length} ${COUNT_WORDS_VI[outcome]} (dòng ${row}, SKU ${first.sku}, ${code}: ${vi})`,
      en: `${where}: ${list.length} ${outcome} (row ${row}, SKU ${first.sku}, ${code}: ${en})`,
    };
  });
}

/** `shipped 2, waybill_pending 0, …`. */
export function ordersText(orders: Record<PendingOutcome, number>): string {
  return Object.entries(orders)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

export function roundMs(ms: number): number {
  return Math.round(ms);
}
