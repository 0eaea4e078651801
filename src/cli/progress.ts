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

/** One bar per platform on a terminal. */
class BarsView implements ProgressView {
  private readonly multibar = new cliProgress.MultiBar(
    {
      format: ' {platform} |{bar}| {value}/{total} · {phase} · lỗi/failed {failed}',
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  private readonly bars = new Map<string, cliProgress.SingleBar>();

  constructor(private readonly lang: Lang) {}

  onEvent(event: PublishProgressEvent): void {
    if (event.type !== 'platform') return;
    const key = `${event.platform}:${event.account}`;
    const payload = {
      platform: event.platform.padEnd(9),
      phase: PHASE[this.lang][event.phase] ?? event.phase,
      failed: event.failed,
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
  onEvent(event: PublishProgressEvent): void {
    if (event.type !== 'platform' || !event.item) return;
    const item = event.item;
    process.stderr.write(`[${event.platform}] ${event.done}/${event.total} ${item.sku} ${item.outcome}\n`);
  }
  stop(): void {}
}

class SilentView implements ProgressView {
  onEvent(): void {}
  stop(): void {}
}

export function createProgressView(lang: Lang, options: { json: boolean }): ProgressView {
  if (options.json) return new SilentView();
  return process.stderr.isTTY ? new BarsView(lang) : new LinesView();
}
