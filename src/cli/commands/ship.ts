import { type Command, Option } from 'commander';
import { createFileStore, formatVnd, type Logger, type StateStore } from 'ocop-connect';
import { parseAddressText } from '../address-text.js';
import type { CliConfig } from '../config.js';
import { contextOf } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { type Lang, say, t } from '../i18n.js';
import type { Output } from '../output.js';
import { openPlatforms, senderFor, stateDirFor } from '../platforms.js';
import {
  deliveryTime,
  type ParcelOptions,
  parcelFrom,
  quotesWithCod,
  wholeNumber,
  withParcelOptions,
} from './quote.js';

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

function alreadyExists(reference: string, waybill: string | undefined): CliError {
  return new CliError('exists', {
    vi: `Đã có vận đơn cho mã tham chiếu "${reference}"${waybill ? ` (số vận đơn ${waybill})` : ' trên ViettelPost'}; không tạo lần hai. Dùng mã tham chiếu khác cho đơn mới.`,
    en: `A shipment with reference "${reference}" already exists${waybill ? ` (waybill ${waybill})` : ' at ViettelPost'}; not creating it twice. Use another reference for a new order.`,
  });
}

/** One shipment for one order given on the command line: quote, choose a service, create, print the label link. */
export async function runShip(
  options: ShipOptions,
  config: CliConfig,
  out: Output,
  logger?: Logger,
): Promise<number> {
  const lang = out.options.lang;
  const parcel = parcelFrom(options);
  const codAmountVnd = wholeNumber('cod', options.cod) ?? 0;
  const receiver = { name: options.name, phone: options.phone, address: parseAddressText(options.to) };
  const platforms = await openPlatforms(config, { marketplaces: [], carrier: true }, logger);
  if (platforms.sandbox) out.notice(`⚠ ${t(lang, 'sandboxNotice')}`);
  // Shipments are remembered by reference between runs, in sandbox mode too (the embedded emulator
  // starts empty on every run, the state folder does not); sandbox records live in their own folder.
  let store: StateStore | undefined;
  try {
    const sender = senderFor(config, platforms.sandbox);
    const from = options.from ? parseAddressText(options.from) : sender.address;
    store = await createFileStore({ dir: stateDirFor(config, platforms.sandbox) });
    const known = await store.getShipment(options.reference);
    if (known) throw alreadyExists(options.reference, known.waybill);
    const carrier = platforms.carrier!;
    const quotes = await quotesWithCod(carrier, { from, to: receiver.address, parcel, codAmountVnd });
    const chosen =
      options.service === 'cheapest'
        ? quotes[0]
        : options.service === 'fastest'
          ? [...quotes].sort((a, b) => (a.deliveryHours ?? Infinity) - (b.deliveryHours ?? Infinity))[0]
          : quotes.find((q) => q.serviceCode === options.service.toUpperCase());
    if (!chosen) {
      const offered = quotes.map((q) => q.serviceCode).join(', ') || '—';
      throw new CliError('usage', {
        vi: `Dịch vụ "${options.service}" không có cho tuyến này (có: ${offered})`,
        en: `Service "${options.service}" is not offered on this route (offered: ${offered})`,
      });
    }
    const shipment = await carrier.createShipment(
      {
        sender: { ...sender, address: from },
        receiver,
        parcel: options.item ? { ...parcel, description: options.item } : parcel,
        serviceCode: chosen.serviceCode,
        codAmountVnd,
        ...(options.note ? { note: options.note } : {}),
      },
      { reference: options.reference },
    );
    // No waybill number back: ViettelPost refused the create because it already holds this reference.
    if (!shipment.trackingNumber) throw alreadyExists(options.reference, undefined);
    await store.putShipment({
      reference: options.reference,
      carrier: 'viettelpost',
      waybill: shipment.trackingNumber,
      status: shipment.status,
    });
    const label = await carrier.labelUrl([shipment.trackingNumber], options.label ?? 'A6');
    out.json({ sandbox: platforms.sandbox, quote: chosen, shipment, labelUrl: label });
    const money = (vnd: number) => formatVnd(vnd, { space: 'space' });
    out.line(`${t(lang, 'shipCreated')}: ${shipment.trackingNumber}`);
    out.line(`  ${say(lang, 'Mã tham chiếu', 'Reference')}: ${shipment.reference}`);
    out.line(
      `  ${say(lang, 'Dịch vụ', 'Service')}: ${chosen.serviceCode} ${chosen.serviceName} (${deliveryTime(chosen, lang)})`,
    );
    if (shipment.fees)
      out.line(`  ${say(lang, 'Cước (gồm VAT)', 'Fee (incl. VAT)')}: ${money(shipment.fees.totalVnd)}`);
    if (codAmountVnd > 0) {
      out.line(`  ${say(lang, 'Tiền thu hộ (COD)', 'Cash on delivery')}: ${money(codAmountVnd)}`);
      if (shipment.fees?.codFeeVnd !== undefined)
        out.line(
          `  ${say(lang, 'Phí thu hộ (chưa VAT)', 'COD fee (before VAT)')}: ${money(shipment.fees.codFeeVnd)}`,
        );
    }
    out.line(`  ${say(lang, 'Tem in', 'Label')}: ${label}`);
    return EXIT.ok;
  } finally {
    await store?.close();
    await platforms.close();
  }
}

export function registerShip(program: Command, lang: Lang): void {
  withParcelOptions(
    program
      .command('ship')
      .description(say(lang, 'tạo vận đơn ViettelPost cho một đơn', 'create one ViettelPost shipment')),
    lang,
  )
    .requiredOption('--name <name>', say(lang, 'tên người nhận', 'receiver name'))
    .requiredOption('--phone <phone>', say(lang, 'SĐT người nhận', 'receiver phone'))
    .requiredOption(
      '--reference <ref>',
      say(lang, 'mã đơn của bạn (chống tạo trùng)', 'your order reference (prevents duplicates)'),
    )
    .option(
      '--service <code>',
      say(lang, 'mã dịch vụ, hoặc cheapest / fastest', 'service code, or cheapest / fastest'),
      'cheapest',
    )
    .option('--item <text>', say(lang, 'tên hàng', 'goods description'))
    .option('--note <text>', say(lang, 'ghi chú cho bưu tá', 'note for the courier'))
    .addOption(
      new Option('--label <size>', say(lang, 'khổ tem', 'label size'))
        .choices(['A5', 'A6', 'A7'])
        .default('A6'),
    )
    .action(async (opts: ShipOptions, command: Command) => {
      const { out, config, logger } = await contextOf(command);
      process.exitCode = await runShip(opts, config, out, logger);
    });
}
