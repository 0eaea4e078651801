import type { Command } from 'commander';
import { listOrderStates } from 'ocop-connect';
import { contextOf } from '../context.js';
import { type Lang, say } from '../i18n.js';
import { orderStatusWord } from '../status-words.js';
import { openDay } from './day-context.js';

function lines(items: readonly { sku: string; quantity: number }[]): string {
  return items.map((l) => `${l.quantity} × ${l.sku}`).join(', ');
}

/** `orders`: read new and changed orders from every marketplace (or list every order the store knows). */
export function registerOrders(program: Command, lang: Lang): void {
  program
    .command('orders')
    .description(
      say(lang, 'đọc đơn mới và đơn thay đổi', 'pull new and changed orders from every marketplace'),
    )
    .option('--all', say(lang, 'liệt kê mọi đơn đã biết', 'list every order the state knows'))
    .action(async (opts: { all?: boolean }, command: Command) => {
      const { out, config, logger } = await contextOf(command);
      const day = await openDay(config, out, logger, { carrier: false });
      const lang = out.options.lang;
      const vi = lang === 'vi';
      try {
        const pulled = await day.connector.pullOrders();
        for (const p of pulled.platforms.filter((x) => x.error))
          out.line(`✗ ${p.platform}/${p.account}: ${p.error!.message}`);
        const rows = opts.all
          ? (await listOrderStates(day.store)).map((s) => [
              `${s.key.platform}/${s.key.account}`,
              s.key.externalId,
              orderStatusWord(s.order.status, lang),
              s.shipment?.waybill ?? '',
              lines(s.order.lines),
            ])
          : pulled.orders.map((o) => [
              `${o.order.platform}/${o.order.account}`,
              o.order.externalId,
              orderStatusWord(o.order.status, lang),
              o.previousStatus ? orderStatusWord(o.previousStatus, lang) : vi ? 'mới' : 'new',
              lines(o.order.lines),
            ]);
        out.json({
          sandbox: day.sandbox,
          ok: pulled.ok,
          orders: pulled.orders,
          platforms: pulled.platforms,
          cancelledOrderParcels: pulled.cancelledOrderParcels ?? [],
        });
        // Orders cancelled on the marketplace whose parcel was moving: cancelled at the carrier, or loud.
        for (const p of pulled.cancelledOrderParcels ?? []) {
          const mark = p.outcome === 'live' || p.outcome === 'failed' ? '⚠' : 'ℹ';
          out.line(`${mark} ${vi ? p.messageVi : p.messageEn}`);
        }
        const fourth = opts.all ? (vi ? 'Vận đơn' : 'Waybill') : vi ? 'Trước' : 'Before';
        out.table(
          vi
            ? ['Sàn', 'Mã đơn', 'Trạng thái', fourth, 'Hàng']
            : ['Market', 'Order', 'Status', fourth, 'Lines'],
          rows,
        );
        out.line(
          vi
            ? `${pulled.orders.length} đơn mới hoặc thay đổi`
            : `${pulled.orders.length} new or changed orders`,
        );
        const moving = (pulled.cancelledOrderParcels ?? []).some(
          (p) => p.outcome === 'live' || p.outcome === 'failed',
        );
        process.exitCode = pulled.ok && !moving ? 0 : 1;
      } finally {
        await day.close();
      }
    });
}
