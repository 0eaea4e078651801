import type { Command } from 'commander';
import type { PublishPlatformSummary } from 'ocop-connect';
import {
  createJobQueue,
  type HubJob,
  type HubJobResult,
  type HubJobStatus,
  type JobQueue,
} from 'ocop-connect/hub';
import { outputOf } from '../context.js';
import { type Bilingual, CliError } from '../errors.js';
import { checkHubDatabase, type HubFile, hubServiceError, loadHubFile } from '../hub-config.js';
import { type Lang, say } from '../i18n.js';
import type { Output } from '../output.js';
import { hubFileOption } from './hub-connector.js';

interface AddOptions {
  hub: string;
  cooperative: string;
  catalog?: string;
  dedupe?: string;
  dryRun?: boolean;
  assumeNoExistingListings?: boolean;
  wait?: boolean;
}

/**
 * Per platform account: how the items ended (held and failed included: a job is clean only without
 * them; planned: what a dry run would send).
 */
function printCounts(out: Output, platforms: readonly PublishPlatformSummary[]): void {
  const en = out.options.lang === 'en';
  out.table(
    en
      ? ['platform', 'created', 'updated', 'unchanged', 'held', 'failed', 'invalid', 'planned']
      : ['sàn', 'tạo mới', 'cập nhật', 'không đổi', 'chưa tạo', 'thất bại', 'không hợp lệ', 'dự kiến'],
    platforms.map((p) => [
      `${p.platform}/${p.account}`,
      p.created,
      p.updated,
      p.unchanged,
      p.held,
      p.failed,
      p.invalid,
      p.planned,
    ]),
  );
}

/** Fulfil: how the cooperative's ready orders ended. */
function printOrders(out: Output, orders: Record<string, number>): void {
  const en = out.options.lang === 'en';
  const vi: Record<string, string> = {
    shipped: 'đã gửi',
    waybill_pending: 'chờ vận đơn',
    reused: 'dùng lại',
    skipped: 'bỏ qua',
    failed: 'thất bại',
  };
  out.line(
    Object.entries(orders)
      .map(([k, n]) => `${en ? k : (vi[k] ?? k)} ${n}`)
      .join(', '),
  );
}

function printResult(out: Output, result: HubJobResult): void {
  const en = out.options.lang === 'en';
  out.line(
    `${result.cooperative} · ${result.kind} · ${result.durationMs} ms${
      result.catalogIssues
        ? en
          ? ` · ${result.catalogIssues} catalog issues`
          : ` · ${result.catalogIssues} lỗi danh mục`
        : ''
    }`,
  );
  if (result.platforms) printCounts(out, result.platforms);
  if (result.orders) printOrders(out, result.orders);
  if (result.pushes !== undefined)
    out.line(en ? `stock pushes: ${result.pushes}` : `lần đẩy tồn kho: ${result.pushes}`);
}

/** A job that ended failed: its reason and, for a publish that ran to its end, the per-item counts. */
function printFailed(out: Output, status: HubJobStatus): void {
  const en = out.options.lang === 'en';
  out.line(
    en
      ? `✗ job ${status.id} failed (attempt ${status.attemptsMade}): ${status.failedReasonEn ?? 'no reason given'}`
      : `✗ việc ${status.id} thất bại (lần ${status.attemptsMade}): ${status.failedReasonVi ?? 'không rõ lý do'}`,
  );
  if (status.progress?.summary) printCounts(out, status.progress.summary);
  else if (status.progress?.orders) printOrders(out, status.progress.orders);
}

/**
 * The queue (Redis) and, next to it, the hub's PostgreSQL — checked together, both failures said when
 * both are down; nothing is added or read unless both answer.
 */
async function openQueue(file: HubFile, hubPath: string, consequence: Bilingual): Promise<JobQueue> {
  const [database, queue] = await Promise.allSettled([
    checkHubDatabase(file, hubPath, consequence),
    createJobQueue({
      ...(file.redisUrl ? { redisUrl: file.redisUrl } : {}),
      ...(file.queue ? { queueName: file.queue } : {}),
    }).catch((error: unknown) => {
      throw hubServiceError(error, hubPath, consequence);
    }),
  ]);
  if (database.status === 'fulfilled' && queue.status === 'fulfilled') return queue.value;
  if (queue.status === 'fulfilled') await queue.value.close().catch(() => {});
  const errors = [queue, database].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (errors.length === 2 && errors.every((e) => e instanceof CliError)) {
    const [a, b] = errors as CliError[];
    throw new CliError('config', { vi: `${a!.text.vi}\n${b!.text.vi}`, en: `${a!.text.en}\n${b!.text.en}` });
  }
  throw errors[0];
}

export function registerJobs(program: Command, lang: Lang): void {
  const jobs = program
    .command('jobs')
    .description(say(lang, 'việc của hub (hàng đợi Redis)', 'hub jobs (Redis queue)'));
  jobs
    .command('add')
    .description(say(lang, 'thêm một việc cho một HTX', 'add a job for one cooperative'))
    .argument('<kind>', 'publish | syncInventory | fulfil')
    .addOption(hubFileOption(lang))
    .requiredOption('--cooperative <id>', say(lang, 'mã HTX', 'cooperative id'))
    .option(
      '--catalog <file>',
      say(lang, 'danh mục (mặc định: của HTX)', 'catalog (default: the cooperative’s)'),
    )
    .option(
      '--dedupe <key>',
      say(lang, 'khoá chống trùng (cùng khoá = cùng việc)', 'dedupe key (same key = same job)'),
    )
    .option('--dry-run', say(lang, 'chỉ lập kế hoạch', 'plan only'))
    .option(
      '--assume-no-existing-listings',
      say(
        lang,
        'publish: tạo mới dù tài khoản đã có tin đăng chưa đối chiếu (chỉ khi chắc chắn không tin nào là sản phẩm trong danh mục)',
        'publish: create even though the account has listings match never saw (only if none of them is a catalog product)',
      ),
    )
    .option('--wait', say(lang, 'chờ xong và in kết quả', 'wait and print the result'))
    .action(async (kind: string, opts: AddOptions, command: Command) => {
      const out = outputOf(command);
      const en = out.options.lang === 'en';
      if (kind !== 'publish' && kind !== 'syncInventory' && kind !== 'fulfil') {
        out.notice(
          en
            ? `✗ unknown job kind "${kind}": publish, syncInventory or fulfil`
            : `✗ loại việc "${kind}" không có: publish, syncInventory hoặc fulfil`,
        );
        process.exitCode = 2;
        return;
      }
      const file = await loadHubFile(opts.hub);
      if (!file.cooperatives.some((c) => c.id === opts.cooperative)) {
        out.notice(
          en
            ? `✗ cooperative "${opts.cooperative}" is not in ${opts.hub}`
            : `✗ HTX "${opts.cooperative}" không có trong ${opts.hub}`,
        );
        process.exitCode = 2;
        return;
      }
      const queue = await openQueue(file, opts.hub, { vi: 'chưa thêm việc nào', en: 'no job was added' });
      try {
        const job: HubJob =
          kind === 'publish'
            ? {
                cooperative: opts.cooperative,
                kind,
                ...(opts.catalog ? { catalog: opts.catalog } : {}),
                ...(opts.dryRun ? { dryRun: true } : {}),
                ...(opts.assumeNoExistingListings ? { assumeNoExistingListings: true } : {}),
              }
            : { cooperative: opts.cooperative, kind };
        const added = await queue.add(job, opts.dedupe ? { dedupeKey: opts.dedupe } : {});
        const { id } = added;
        if (added.existed) {
          // Same dedupe key: nothing was added; say which job it is and where it stands.
          out.line(
            en
              ? `job ${id} already exists (${added.state}): nothing added for --dedupe ${opts.dedupe}`
              : `việc ${id} đã có (${added.state}): không thêm việc mới cho --dedupe ${opts.dedupe}`,
          );
        } else {
          out.line(en ? `job ${id} queued` : `đã xếp việc ${id}`);
        }
        if (!opts.wait) {
          out.json({ id, existed: added.existed, state: added.state });
          return;
        }
        const result = await queue.waitFor(id).catch(() => undefined);
        if (!result) {
          // Failed for good (held items, failed items after the retries, a bad job): say why, with counts.
          const status = await queue.status(id);
          out.json({ id, existed: added.existed, status: status ?? null });
          if (status?.state === 'failed') printFailed(out, status);
          else if (status)
            // Not finished (the wait timed out while it is retried or waits): never called a failure.
            out.line(
              en
                ? `job ${id} is not finished yet (${status.state}, attempts so far ${status.attemptsMade}): see jobs status ${id}`
                : `việc ${id} chưa xong (${status.state}, đã chạy ${status.attemptsMade} lần): xem jobs status ${id}`,
            );
          process.exitCode = 1;
          return;
        }
        out.json({ id, existed: added.existed, result });
        printResult(out, result);
        process.exitCode = result.platforms?.some((p) => p.failed > 0 || p.held > 0) ? 1 : 0;
      } finally {
        await queue.close();
      }
    });
  jobs
    .command('status')
    .description(say(lang, 'trạng thái một việc', 'a job’s state and progress'))
    .argument('<id>')
    .addOption(hubFileOption(lang))
    .action(async (id: string, opts: { hub: string }, command: Command) => {
      const out = outputOf(command);
      const en = out.options.lang === 'en';
      const file = await loadHubFile(opts.hub);
      const queue = await openQueue(file, opts.hub, {
        vi: 'không đọc được trạng thái',
        en: 'no status read',
      });
      try {
        const status = await queue.status(id);
        out.json(status ?? null);
        if (!status) {
          out.line(en ? `no job ${id}` : `không có việc ${id}`);
          process.exitCode = 1;
          return;
        }
        const reason = en ? status.failedReasonEn : status.failedReasonVi;
        out.line(`${id}: ${status.state}${reason ? ` — ${reason}` : ''}`);
        for (const [platform, p] of Object.entries(status.progress?.platforms ?? {})) {
          out.line(
            `  ${platform}: ${p.done}/${p.total}${p.failed ? (en ? `, ${p.failed} failed` : `, ${p.failed} lỗi`) : ''}`,
          );
        }
        if (status.result) printResult(out, status.result);
        else if (status.progress?.summary) printCounts(out, status.progress.summary);
        else if (status.progress?.orders) printOrders(out, status.progress.orders);
        // A failed job is data with problems (held or failed items, a bad job): exit 1, as `jobs add --wait`.
        if (status.state === 'failed') process.exitCode = 1;
      } finally {
        await queue.close();
      }
    });
}
