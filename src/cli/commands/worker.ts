import type { Command } from 'commander';
import { createHub, createRedisRateLimiter, startWorker } from 'ocop-connect/hub';
import { createPostgresStore } from 'ocop-connect/postgres';
import { contextOf } from '../context.js';
import { loadHubFile } from '../hub-config.js';
import { untilInterrupted } from '../lifecycle.js';

interface WorkerCommandOptions {
  hub: string;
  concurrency: string;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'chạy một worker của hub (nhiều HTX, PostgreSQL + Redis) / run a hub worker (many cooperatives, PostgreSQL + Redis)',
    )
    .requiredOption('--hub <file>', 'tệp cấu hình hub / hub file (hub.json)')
    .option('--concurrency <n>', 'số việc chạy cùng lúc / jobs at once', '2')
    .action(async (opts: WorkerCommandOptions, command: Command) => {
      const { out, logger } = await contextOf(command);
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
      const file = await loadHubFile(opts.hub);
      // Every worker of the hub shares one quota per platform account through Redis.
      const limiter = await createRedisRateLimiter(file.redisUrl ? { redisUrl: file.redisUrl } : {});
      const hub = createHub({
        cooperatives: file.cooperatives,
        limiter,
        store: (id) => createPostgresStore({ connectionString: file.databaseUrl, scope: id }),
        ...(logger ? { logger } : {}),
      });
      const worker = await startWorker({
        hub,
        concurrency,
        ...(file.redisUrl ? { redisUrl: file.redisUrl } : {}),
        ...(file.queue ? { queueName: file.queue } : {}),
        ...(logger ? { logger } : {}),
      });
      out.line(
        lang === 'en'
          ? `worker ready: ${file.cooperatives.length} cooperatives, ${concurrency} jobs at once (Ctrl+C or SIGTERM stops it after the running jobs)`
          : `worker sẵn sàng: ${file.cooperatives.length} HTX, ${concurrency} việc cùng lúc (Ctrl+C hoặc SIGTERM: dừng sau khi xong việc đang chạy)`,
      );
      // The CLI's own signal handling (lifecycle.ts) hands Ctrl+C / SIGTERM to a command that waits for it.
      await untilInterrupted();
      await worker.close();
      await hub.close();
      await limiter.close();
      out.line(lang === 'en' ? 'worker stopped' : 'worker đã dừng');
    });
}
