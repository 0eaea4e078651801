import type { Command } from 'commander';
import { createLogger } from 'ocop-connect';
import { createHub, createRedisRateLimiter, type Hub, type HubWorker, startWorker } from 'ocop-connect/hub';
import { createPostgresStore } from 'ocop-connect/postgres';
import { contextOf, type GlobalOptions } from '../context.js';
import { type HubFile, hubServiceError, loadHubFile } from '../hub-config.js';
import { type Lang, say } from '../i18n.js';
import { untilInterrupted } from '../lifecycle.js';
import { hubFileOption } from './hub-connector.js';

interface WorkerCommandOptions {
  hub: string;
  concurrency: string;
}

/** Opens (migrating if needed) and closes one store: a wrong databaseUrl fails now, not at the first job. */
async function checkDatabase(file: HubFile): Promise<void> {
  const first = file.cooperatives[0];
  if (!first) return;
  const store = await createPostgresStore({ connectionString: file.databaseUrl, scope: first.id });
  await store.close();
}

export function registerWorker(program: Command, lang: Lang): void {
  program
    .command('worker')
    .description(
      say(
        lang,
        'chạy một worker của hub (nhiều HTX, PostgreSQL + Redis)',
        'run a hub worker (many cooperatives, PostgreSQL + Redis)',
      ),
    )
    .addOption(hubFileOption(lang))
    .option('--concurrency <n>', say(lang, 'số việc chạy cùng lúc', 'jobs at once'), '2')
    .action(async (opts: WorkerCommandOptions, command: Command) => {
      const { out } = await contextOf(command);
      const lang = out.options.lang;
      const concurrency = Number(opts.concurrency);
      if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
        out.notice(
          lang === 'en'
            ? '✗ --concurrency must be a whole number ≥ 1'
            : '✗ --concurrency phải là số nguyên ≥ 1',
        );
        process.exitCode = 2;
        return;
      }
      // A worker is a service: it always logs each job's start and end (JSON lines on stderr, secrets
      // redacted by the library's logger); --verbose adds the request-level detail.
      const verbose = Boolean(command.optsWithGlobals<GlobalOptions>().verbose);
      const logger = createLogger({ level: verbose ? 'debug' : 'info', destination: process.stderr });
      // Every check that can refuse the file runs before anything is connected.
      const file = await loadHubFile(opts.hub);
      // What was opened, closed in reverse order on a start-up failure: an open Redis connection
      // would otherwise keep the process alive after the error was printed.
      const opened: (() => Promise<unknown>)[] = [];
      let hub: Hub;
      let worker: HubWorker;
      let closeLimiter: () => Promise<void>;
      try {
        await checkDatabase(file);
        // Every worker of the hub shares one quota per platform account through Redis.
        const limiter = await createRedisRateLimiter(file.redisUrl ? { redisUrl: file.redisUrl } : {});
        closeLimiter = () => limiter.close();
        opened.push(closeLimiter);
        hub = createHub({
          cooperatives: file.cooperatives,
          limiter,
          store: (id) => createPostgresStore({ connectionString: file.databaseUrl, scope: id }),
          logger,
        });
        const openedHub = hub;
        opened.push(() => openedHub.close());
        worker = await startWorker({
          hub,
          concurrency,
          ...(file.redisUrl ? { redisUrl: file.redisUrl } : {}),
          ...(file.queue ? { queueName: file.queue } : {}),
          logger,
        });
      } catch (error) {
        for (const close of opened.reverse()) await close().catch(() => {});
        throw hubServiceError(error, opts.hub, {
          vi: 'worker không khởi động',
          en: 'the worker did not start',
        });
      }
      out.line(
        lang === 'en'
          ? `worker ready: ${file.cooperatives.length} cooperatives, ${concurrency} jobs at once (Ctrl+C or SIGTERM stops it after the running jobs)`
          : `worker sẵn sàng: ${file.cooperatives.length} HTX, ${concurrency} việc cùng lúc (Ctrl+C hoặc SIGTERM: dừng sau khi xong việc đang chạy)`,
      );
      // The CLI's own signal handling (lifecycle.ts) hands Ctrl+C / SIGTERM to a command that waits for it.
      await untilInterrupted();
      await worker.close();
      await hub.close();
      await closeLimiter();
      out.line(lang === 'en' ? 'worker stopped' : 'worker đã dừng');
    });
}
