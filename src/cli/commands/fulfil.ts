import { type Command, Option } from 'commander';
import { contextOf } from '../context.js';
import { openDay } from './day-context.js';

interface FulfilCliOptions {
  confirm: boolean;
  approve: boolean;
  labels?: 'A5' | 'A6' | 'A7';
}

/** `fulfil`: ship every ready order (oversold ones skipped), one line per order, labels on request. */
export function registerFulfil(program: Command): void {
  program
    .command('fulfil')
    .description(
      'giao mọi đơn sẵn sàng / ship every ready order (confirm, weigh, ship, approve, tracking back)',
    )
    .option('--no-confirm', 'không xác nhận đơn trên sàn / do not confirm orders on the marketplace')
    .option('--no-approve', 'không duyệt vận đơn / do not approve the waybills (no courier comes)')
    .addOption(new Option('--labels <size>', 'in tem / label links').choices(['A5', 'A6', 'A7']))
    .action(async (opts: FulfilCliOptions, command: Command) => {
      const { out, config, logger } = await contextOf(command);
      const day = await openDay(config, out, logger);
      const vi = out.options.lang === 'vi';
      try {
        const result = await day.connector.fulfilPending({ confirm: opts.confirm, approve: opts.approve });
        const waybills = result.orders.flatMap((o) =>
          o.fulfilment?.trackingNumber ? [o.fulfilment.trackingNumber] : [],
        );
        const carrier = day.connector.carrier;
        const labelUrl =
          opts.labels && carrier && waybills.length > 0
            ? await carrier.labelUrl(waybills, opts.labels)
            : undefined;
        out.json({ sandbox: day.sandbox, result, labelUrl });
        out.table(
          vi
            ? ['Sàn', 'Mã đơn', 'Kết quả', 'Vận đơn', 'Ghi chú']
            : ['Market', 'Order', 'Outcome', 'Waybill', 'Note'],
          result.orders.map((o) => [
            `${o.platform}/${o.account}`,
            o.externalId,
            o.outcome,
            o.fulfilment?.trackingNumber ?? '',
            o.reason ??
              o.error?.message ??
              (o.fulfilment?.parcel ? `${o.fulfilment.parcel.weightGrams} g` : ''),
          ]),
        );
        if (labelUrl) out.line(`${vi ? 'Tem in' : 'Labels'}: ${labelUrl}`);
        const c = result.counts;
        out.line(
          vi
            ? `đã giao ${c.shipped} · chờ số vận đơn ${c.waybill_pending} · dùng lại ${c.reused} · bỏ qua ${c.skipped} · lỗi ${c.failed}`
            : `shipped ${c.shipped} · waybill pending ${c.waybill_pending} · reused ${c.reused} · skipped ${c.skipped} · failed ${c.failed}`,
        );
        process.exitCode = result.ok ? 0 : 1;
      } finally {
        await day.close();
      }
    });
}
