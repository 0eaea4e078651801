import type { Command } from 'commander';
import { contextOf } from '../context.js';
import { describeError } from '../errors.js';
import { type Lang, say } from '../i18n.js';
import { inventoryExitCode, platformProblemLines } from '../sync-exit.js';
import { openDay } from './day-context.js';

/** `sync`: orders in, available stock out to every marketplace; oversells reported (or resolved). */
export function registerSync(program: Command, lang: Lang): void {
  program
    .command('sync')
    .description(say(lang, 'đồng bộ tồn kho giữa các sàn', 'keep stock in step across marketplaces'))
    .option(
      '--resolve-oversells',
      say(lang, 'hủy đơn bán quá số hàng (OUT_OF_STOCK)', 'cancel orders stock cannot cover (OUT_OF_STOCK)'),
    )
    .option('--reconcile', say(lang, 'đọc lại tồn kho trên sàn', 'read stock back from the platforms'))
    .action(async (opts: { resolveOversells?: boolean; reconcile?: boolean }, command: Command) => {
      const { out, config, logger } = await contextOf(command);
      const day = await openDay(config, out, logger, { carrier: false });
      const vi = out.options.lang === 'vi';
      try {
        let result = await day.connector.syncInventory(opts.reconcile ? { reconcile: true } : {});
        const cancelled = opts.resolveOversells ? await day.connector.resolveOversells() : [];
        // Parcels of orders cancelled on the marketplace: noticed by the first run, never lost by the second.
        const parcels = result.cancelledOrderParcels ?? [];
        if (cancelled.length > 0) {
          result = await day.connector.syncInventory();
          parcels.push(...(result.cancelledOrderParcels ?? []));
        }
        const cancelledOrderParcels = parcels;
        out.json({ sandbox: day.sandbox, result: { ...result, cancelledOrderParcels }, cancelled });
        // Orders cancelled on the marketplace whose parcel was moving: cancelled at the carrier, or loud.
        for (const p of cancelledOrderParcels) {
          const mark = p.outcome === 'live' || p.outcome === 'failed' ? '⚠' : 'ℹ';
          out.line(`${mark} ${vi ? p.messageVi : p.messageEn}`);
        }
        out.table(
          vi ? ['SKU', 'Có', 'Giữ chỗ', 'Bán được'] : ['SKU', 'On hand', 'Reserved', 'Available'],
          result.stock.map((s) => [s.sku, s.onHand, s.reserved, s.available]),
        );
        for (const p of result.pushes)
          out.line(
            `${p.ok ? '✓' : '✗'} ${p.platform}/${p.account} ${p.sku} → ${p.quantity}${p.error ? ` (${describeError(p.error, out.options.lang).message})` : ''}`,
          );
        for (const o of result.oversold)
          out.line(
            vi
              ? `⚠ ${o.sku}: bán quá ${o.shortBy} — đơn ${o.orders.map((x) => `${x.platform}:${x.externalId}`).join(', ')}`
              : `⚠ ${o.sku}: oversold by ${o.shortBy} — orders ${o.orders.map((x) => `${x.platform}:${x.externalId}`).join(', ')}`,
          );
        for (const c of cancelled)
          out.line(
            `${c.ok ? '✓' : '✗'} ${vi ? 'hủy' : 'cancelled'} ${c.platform}:${c.externalId} (OUT_OF_STOCK)${c.error ? ` ${describeError(c.error, out.options.lang).message}` : ''}`,
          );
        out.line(
          vi ? `${result.pushes.length} lần cập nhật tồn kho` : `${result.pushes.length} stock updates`,
        );
        for (const l of platformProblemLines(result, out.options.lang, result.pushes)) out.line(l);
        const moving = cancelledOrderParcels.some((p) => p.outcome === 'live' || p.outcome === 'failed');
        process.exitCode = inventoryExitCode(result, moving);
      } finally {
        await day.close();
      }
    });
}
