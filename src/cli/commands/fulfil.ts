import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { carrierPolicyOption } from '../carrier-policy.js';
import { contextOf } from '../context.js';
import { describeError } from '../errors.js';
import { type Lang, say } from '../i18n.js';
import { stateDirFor } from '../platforms.js';
import { FULFIL_OUTCOME_WORDS, SKIP_REASON_WORDS } from '../status-words.js';
import { openDay } from './day-context.js';

interface FulfilCliOptions {
  confirm: boolean;
  approve: boolean;
  labels?: 'A5' | 'A6' | 'A7';
  carrierPolicy?: string;
}

/** `fulfil`: ship every ready order (oversold ones skipped), one line per order, labels on request. */
export function registerFulfil(program: Command, lang: Lang): void {
  program
    .command('fulfil')
    .description(
      say(
        lang,
        'giao mọi đơn sẵn sàng (xác nhận, cân, gửi, duyệt, cập nhật hành trình)',
        'ship every ready order (confirm, weigh, ship, approve, tracking back)',
      ),
    )
    .option(
      '--no-confirm',
      say(lang, 'không xác nhận đơn trên sàn', 'do not confirm orders on the marketplace'),
    )
    .option(
      '--no-approve',
      say(
        lang,
        'không duyệt vận đơn (bưu tá không đến lấy)',
        'do not approve the waybills (no courier comes)',
      ),
    )
    .addOption(
      new Option('--labels <size>', say(lang, 'in tem (khổ)', 'label links (size)')).choices([
        'A5',
        'A6',
        'A7',
      ]),
    )
    .option(
      '--carrier-policy <policy>',
      say(
        lang,
        'chọn hãng cho từng đơn: cheapest | fastest | viettelpost | vnpost | JSON { "byMarketplace": { "postmart": "vnpost" }, "otherwise": "viettelpost" } (mặc định: khóa "carrierPolicy" của cấu hình, nếu không có thì Postmart → VNPost, các sàn khác → ViettelPost)',
        'which carrier ships each order: cheapest | fastest | viettelpost | vnpost | JSON { "byMarketplace": { "postmart": "vnpost" }, "otherwise": "viettelpost" } (default: config "carrierPolicy", else Postmart → VNPost, others → ViettelPost)',
      ),
    )
    .action(async (opts: FulfilCliOptions, command: Command) => {
      const { out, config, logger } = await contextOf(command);
      const day = await openDay(config, out, logger, {
        carrier: true,
        ...(opts.carrierPolicy !== undefined
          ? { carrierPolicy: carrierPolicyOption(opts.carrierPolicy) }
          : {}),
      });
      const lang = out.options.lang;
      const vi = lang === 'vi';
      try {
        const result = await day.connector.fulfilPending({ confirm: opts.confirm, approve: opts.approve });
        // One label link per carrier (VNPost's is a PDF, written to the state folder like `ship` does).
        const labels: Record<string, string> = {};
        for (const carrier of day.connector.carriers) {
          const waybills = result.orders.flatMap((o) =>
            o.fulfilment?.trackingNumber && o.fulfilment.carrier === carrier.carrier
              ? [o.fulfilment.trackingNumber]
              : [],
          );
          if (!opts.labels || waybills.length === 0) continue;
          let label = await carrier.labelUrl(waybills, opts.labels);
          if (label.startsWith('data:application/pdf;base64,')) {
            const dir = join(stateDirFor(config, day.sandbox), 'labels');
            const file = join(
              dir,
              `fulfil-${carrier.carrier}-${waybills[0]!.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`,
            );
            await mkdir(dir, { recursive: true });
            await writeFile(file, Buffer.from(label.slice(label.indexOf(',') + 1), 'base64'));
            label = resolve(file);
          }
          labels[carrier.carrier] = label;
        }
        const carrierOf = (o: (typeof result.orders)[number]) => o.fulfilment?.carrier ?? '';
        out.json({
          sandbox: day.sandbox,
          ...(day.carrierPolicy && typeof day.carrierPolicy !== 'function'
            ? { carrierPolicy: day.carrierPolicy }
            : {}),
          orders: result.orders.map((o) => ({
            platform: o.platform,
            account: o.account,
            externalId: o.externalId,
            outcome: o.outcome,
            carrier: o.fulfilment?.carrier ?? null,
            service: o.fulfilment?.quote?.serviceCode ?? null,
            trackingNumber: o.fulfilment?.trackingNumber ?? null,
            carrierChoice: o.fulfilment?.carrierChoice ?? null,
          })),
          result,
          labels,
          labelUrl: Object.values(labels)[0],
        });
        out.table(
          vi
            ? ['Sàn', 'Mã đơn', 'Kết quả', 'Hãng', 'Vận đơn', 'Ghi chú']
            : ['Market', 'Order', 'Outcome', 'Carrier', 'Waybill', 'Note'],
          result.orders.map((o) => [
            `${o.platform}/${o.account}`,
            o.externalId,
            FULFIL_OUTCOME_WORDS[o.outcome][lang],
            carrierOf(o),
            o.fulfilment?.trackingNumber ?? '',
            [
              o.reason ? SKIP_REASON_WORDS[o.reason][lang] : '',
              o.error ? describeError(o.error, lang).message : '',
              o.fulfilment?.parcel ? `${o.fulfilment.parcel.weightGrams} g` : '',
            ]
              .filter(Boolean)
              .join(': '),
          ]),
        );
        for (const [carrier, label] of Object.entries(labels))
          out.line(`${vi ? 'Tem in' : 'Labels'} (${carrier}): ${label}`);
        const c = result.counts;
        out.line(
          (['shipped', 'waybill_pending', 'reused', 'skipped', 'failed'] as const)
            .map((outcome) => `${FULFIL_OUTCOME_WORDS[outcome][lang]} ${c[outcome]}`)
            .join(' · '),
        );
        process.exitCode = result.ok ? 0 : 1;
      } finally {
        await day.close();
      }
    });
}
