import cliProgress from 'cli-progress';
import type { PublishProgressEvent } from 'ocop-connect';
import type { Lang } from './i18n.js';

/** Receives publish progress events; `stop()` before printing anything else. */
export interface ProgressView {
  onEvent(event: PublishProgressEvent): void;
  stop(): void;
}

const PHASE: Record<Lang, Record<string, string>> = {
  vi: { validate: 'kiểm tra', plan: 'lập kế hoạch', apply: 'đăng', done: 'xong' },
  en: { validate: 'validating', plan: 'planning', apply: 'publishing', done: 'done' },
};

/** An item's outcome as shown on a progress line. */
export const OUTCOME: Record<Lang, Record<string, string>> = {
  vi: {
    planned: 'đã lập kế hoạch',
    created: 'đã tạo',
    updated: 'đã cập nhật',
    unchanged: 'không đổi',
    failed: 'lỗi khi gửi',
    invalid: 'không hợp lệ',
    held: 'chờ xác nhận liên kết',
  },
  en: {
    planned: 'planned',
    created: 'created',
    updated: 'updated',
    unchanged: 'unchanged',
    failed: 'failed',
    invalid: 'invalid',
    held: 'awaiting link decision',
  },
};

/**
 * The bar's counters. Invalid items (refused by our checks, nothing sent) are counted apart from items
 * that failed to send: the library's progress event adds both into `failed`.
 */
const COUNTER_LABELS: Record<Lang, { failed: string; invalid: string }> = {
  vi: { failed: 'lỗi khi gửi', invalid: 'không hợp lệ' },
  en: { failed: 'failed', invalid: 'invalid' },
};

/**
 * A dry run sends nothing: an item "fails" there only when its platform could not be checked (a refused
 * login, out of reach) — never "failed to send".
 */
const DRY_RUN_FAILED: Record<Lang, string> = { vi: 'không kiểm tra được', en: 'not checked' };

/** One bar per platform on a terminal. */
class BarsView implements ProgressView {
  private readonly multibar: cliProgress.MultiBar;
  constructor(
    private readonly lang: Lang,
    dryRun: boolean,
  ) {
    const failed = dryRun ? DRY_RUN_FAILED[lang] : COUNTER_LABELS[lang].failed;
    this.multibar = new cliProgress.MultiBar(
      {
        format: ` {platform} |{bar}| {value}/{total} · {phase} · ${failed} {failed} · ${COUNTER_LABELS[this.lang].invalid} {invalid}`,
        hideCursor: true,
        clearOnComplete: false,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
  }
  private readonly bars = new Map<string, cliProgress.SingleBar>();
  private readonly counts = new Map<string, { failed: number; invalid: number }>();

  onEvent(event: PublishProgressEvent): void {
    if (event.type !== 'platform') return;
    const key = `${event.platform}:${event.account}`;
    const counts = this.counts.get(key) ?? { failed: 0, invalid: 0 };
    this.counts.set(key, counts);
    if (event.item?.outcome === 'failed') counts.failed++;
    if (event.item?.outcome === 'invalid') counts.invalid++;
    const payload = {
      platform: event.platform.padEnd(9),
      phase: PHASE[this.lang][event.phase] ?? event.phase,
      ...counts,
    };
    let bar = this.bars.get(key);
    if (!bar) {
      bar = this.multibar.create(event.total, event.done, payload);
      this.bars.set(key, bar);
    }
    bar.setTotal(event.total);
    bar.update(event.done, payload);
  }

  stop(): void {
    this.multibar.stop();
  }
}

/** Plain lines when output is not a terminal (CI logs, files): one line per finished item. */
class LinesView implements ProgressView {
  constructor(
    private readonly lang: Lang,
    private readonly dryRun: boolean,
  ) {}
  onEvent(event: PublishProgressEvent): void {
    if (event.type !== 'platform' || !event.item) return;
    const item = event.item;
    const outcome =
      this.dryRun && item.outcome === 'failed'
        ? DRY_RUN_FAILED[this.lang]
        : (OUTCOME[this.lang][item.outcome] ?? item.outcome);
    process.stderr.write(`[${event.platform}] ${event.done}/${event.total} ${item.sku} ${outcome}\n`);
  }
  stop(): void {}
}

class SilentView implements ProgressView {
  onEvent(): void {}
  stop(): void {}
}

export function createProgressView(lang: Lang, options: { json: boolean; dryRun?: boolean }): ProgressView {
  if (options.json) return new SilentView();
  const dryRun = options.dryRun ?? false;
  return process.stderr.isTTY ? new BarsView(lang, dryRun) : new LinesView(lang, dryRun);
}
