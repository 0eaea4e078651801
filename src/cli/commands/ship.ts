import { type Command, Option } from 'commander';
import { formatVnd, type Logger } from 'ocop-connect';
import { parseAddressText } from '../address-text.js';
import type { CliConfig } from '../config.js';
import { contextOf } from '../context.js';
import { t } from '../i18n.js';
import type { Output } from '../output.js';
import { openPlatforms } from '../platforms.js';
import { SANDBOX_SENDER } from '../sandbox-sender.js';
import { type ParcelOptions, parcelFrom, withParcelOptions } from './quote.js';

export interface ShipOptions extends ParcelOptions {
  name: string;
  phone: string;
  reference: string;
  /** A service code, or `cheapest` / `fastest`. */
  service: string;
  item?: string;
  note?: string;
  label?: 'A5' | 'A6' | 'A7';
}

/** One shipment for one order given on the command line: quote, choose a service, create, print the label link. */
export async function runShip(
  options: ShipOptions,
  config: CliConfig,
  out: Output,
  logger?: Logger,
): Promise<number> {
  const lang = out.options.lang;
  const platforms = await openPlatforms(config, { marketplaces: [], carrier: true }, logger);
  if (platforms.sandbox) out.notice(`⚠ ${t(lang, 'sandboxNotice')}`);
  try {
    const carrier = platforms.carrier!;
    const sender = config.sender ?? SANDBOX_SENDER;
    const receiver = { name: options.name, phone: options.phone, address: parseAddressText(options.to) };
    const parcel = parcelFrom(options);
    const codAmountVnd = Number(options.cod ?? 0);
    const quotes = await carrier.quote({ from: sender.address, to: receiver.address, parcel, codAmountVnd });
    const chosen =
      options.service === 'cheapest'
        ? quotes[0]
        : options.service === 'fastest'
          ? [...quotes].sort((a, b) => (a.deliveryHours ?? Infinity) - (b.deliveryHours ?? Infinity))[0]
          : quotes.find((q) => q.serviceCode === options.service.toUpperCase());
    if (!chosen) {
      const offered = quotes.map((q) => q.serviceCode).join(', ');
      throw new Error(
        `Dịch vụ "${options.service}" không có cho tuyến này / not offered on this route (${offered})`,
      );
    }
    const shipment = await carrier.createShipment(
      {
        sender,
        receiver,
        parcel: options.item ? { ...parcel, description: options.item } : parcel,
        serviceCode: chosen.serviceCode,
        codAmountVnd,
        ...(options.note ? { note: options.note } : {}),
      },
      { reference: options.reference },
    );
    const label = shipment.trackingNumber
      ? await carrier.labelUrl([shipment.trackingNumber], options.label ?? 'A6')
      : undefined;
    out.json({ sandbox: platforms.sandbox, quote: chosen, shipment, labelUrl: label });
    out.line(
      `${t(lang, 'shipCreated')}: ${shipment.trackingNumber ?? '(đang chờ số vận đơn / waybill pending)'}`,
    );
    out.line(`  ${lang === 'vi' ? 'Mã tham chiếu' : 'Reference'}: ${shipment.reference}`);
    out.line(`  ${lang === 'vi' ? 'Dịch vụ' : 'Service'}: ${chosen.serviceCode} ${chosen.serviceName}`);
    if (shipment.fees)
      out.line(
        `  ${lang === 'vi' ? 'Cước' : 'Fee'}: ${formatVnd(shipment.fees.totalVnd, { space: 'space' })}`,
      );
    if (codAmountVnd > 0) out.line(`  COD: ${formatVnd(codAmountVnd, { space: 'space' })}`);
    if (label) out.line(`  ${lang === 'vi' ? 'Tem in' : 'Label'}: ${label}`);
    return 0;
  } finally {
    await platforms.close();
  }
}

export function registerShip(program: Command): void {
  withParcelOptions(
    program
      .command('ship')
      .description('tạo vận đơn ViettelPost cho một đơn / create one ViettelPost shipment'),
  )
    .requiredOption('--name <name>', 'người nhận / receiver name')
    .requiredOption('--phone <phone>', 'SĐT người nhận / receiver phone')
    .requiredOption(
      '--reference <ref>',
      'mã đơn của bạn (chống tạo trùng) / your order reference (prevents duplicates)',
    )
    .option(
      '--service <code>',
      'mã dịch vụ, cheapest hoặc fastest / service code, cheapest or fastest',
      'cheapest',
    )
    .option('--item <text>', 'tên hàng / goods description')
    .option('--note <text>', 'ghi chú / note')
    .addOption(new Option('--label <size>', 'khổ tem / label size').choices(['A5', 'A6', 'A7']).default('A6'))
    .action(async (opts: ShipOptions, command: Command) => {
      const { out, config, logger } = await contextOf(command);
      process.exitCode = await runShip(opts, config, out, logger);
    });
}
