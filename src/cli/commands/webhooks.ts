import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { contextOf } from '../context.js';
import { type Lang, say } from '../i18n.js';
import { untilInterrupted } from '../lifecycle.js';
import { openDay } from './day-context.js';

interface ServeOptions {
  port: string;
  host: string;
  /** Stop after this many seconds (tests, demos). */
  for?: string;
}

/**
 * `webhooks serve`: the receiver. POST /webhooks/<voso|postmart|viettelpost>: verify, dedupe durably,
 * apply once, answer. Shares the state folder with scheduled runs (shared FileStore).
 */
export function registerWebhooks(program: Command, lang: Lang): void {
  const webhooks = program
    .command('webhooks')
    .description(
      say(
        lang,
        'nhận webhook của các sàn và hãng vận chuyển',
        "receive the marketplaces' and carriers' webhooks",
      ),
    );
  webhooks
    .command('serve')
    .description(
      say(
        lang,
        'chạy máy nhận webhook (POST /webhooks/<nguồn>)',
        'run the webhook receiver (POST /webhooks/<source>)',
      ),
    )
    .option('--port <port>', say(lang, 'cổng', 'port'), '8080')
    .option('--host <host>', say(lang, 'địa chỉ', 'host'), '127.0.0.1')
    .option('--for <seconds>', say(lang, 'dừng sau N giây', 'stop after N seconds'))
    .action(async (opts: ServeOptions, command: Command) => {
      const { out, config, logger } = await contextOf(command);
      const day = await openDay(config, out, logger);
      const counts: Record<string, number> = {};
      const server = createServer(
        day.connector.webhookHandler({
          onResult: (r) => {
            counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
            out.line(
              `${r.httpStatus} ${r.source}${r.account ? `/${r.account}` : ''} ${r.outcome}${r.order ? ` ${r.order.externalId}` : ''}${r.shipment ? ` ${r.shipment.trackingNumber} ${r.shipment.status}` : ''}`,
            );
          },
        }),
      );
      await new Promise<void>((resolve) => server.listen(Number(opts.port), opts.host, resolve));
      const { port } = server.address() as AddressInfo;
      const base = `http://${opts.host}:${port}/webhooks`;
      out.line(
        `${out.options.lang === 'vi' ? 'Đang nhận webhook tại' : 'Receiving webhooks at'} ${base}/<voso|postmart|viettelpost|vnpost>`,
      );
      if (day.sandboxes) {
        // The sandboxes post their events here; a demo journey shows the receiver at work.
        day.sandboxes.voso.webhooks.setUrl(`${base}/voso`);
        day.sandboxes.postmart.webhooks.setUrl(`${base}/postmart`);
        day.sandboxes.viettelpost.setWebhook(`${base}/viettelpost`, day.sandboxes.viettelpost.webhookSecret);
        day.sandboxes.vnpost.setWebhook(`${base}/vnpost`);
        await day.connector.fulfilPending();
      }
      const stop = new Promise<void>((resolve) => {
        // Ctrl+C, SIGTERM, or the process that started this one gone (npx killed): stop cleanly.
        void untilInterrupted().then(() => resolve());
        if (opts.for) setTimeout(resolve, Number(opts.for) * 1000).unref();
      });
      await stop;
      // Keep-alive connections (the sandboxes' webhook senders) would hold close() open forever.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      out.json({ sandbox: day.sandbox, counts });
      await day.close();
    });
}
