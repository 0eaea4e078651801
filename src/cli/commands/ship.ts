import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import {
  type Address,
  createFileStore,
  formatVnd,
  normaliseServiceCode,
  type Parcel,
  parseVnPhone,
  type StateStore,
  ValidationError,
  VnPhoneError,
} from 'ocop-connect';
import { nearestChoice } from '../carrier-policy.js';
import { configFileOf } from '../config.js';
import type { CliConfig } from '../config-schema.js';
import { type CommandContext, exitCodeOf } from '../context.js';
import { type Bilingual, CliError, EXIT } from '../errors.js';
import { type Lang, say, t } from '../i18n.js';
import { isSandboxMode, openPlatforms, stateDirFor } from '../platforms.js';
import { senderFor } from '../sender.js';
import {
  deliveryTime,
  type ParcelOptions,
  parcelRequest,
  quotesWithCod,
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
  /** @default 'viettelpost' */
  carrier?: ShipCarrier;
}

export type ShipCarrier = 'viettelpost' | 'vnpost';

const CARRIER_NAME: Record<string, string> = { viettelpost: 'ViettelPost', vnpost: 'VNPost' };
const carrierName = (carrier: string | undefined) =>
  CARRIER_NAME[carrier ?? 'viettelpost'] ?? carrier ?? 'ViettelPost';

function alreadyExists(
  reference: string,
  waybill: string | undefined,
  carrier: string | undefined,
): CliError {
  const name = carrierName(carrier);
  return new CliError('exists', {
    vi: `Đã có vận đơn ${name} cho mã tham chiếu "${reference}"${waybill ? ` (số vận đơn ${waybill})` : ''}; không tạo lần hai. Dùng mã tham chiếu khác cho đơn mới.`,
    en: `A ${name} shipment with reference "${reference}" already exists${waybill ? ` (waybill ${waybill})` : ''}; not creating it twice. Use another reference for a new order.`,
  });
}

/**
 * A phone a carrier can call, by the library's rule (parseVnPhone: the one the carrier adapters check a
 * request with) — checked here before anything is sent (not even a quote), naming where it was given.
 */
function checkPhone(phone: string, where: string, kind: 'usage' | 'config'): void {
  try {
    parseVnPhone(phone);
  } catch (error) {
    if (!(error instanceof VnPhoneError)) throw error;
    throw new CliError(kind, { vi: `${where}: ${error.messageVi}`, en: `${where}: ${error.messageEn}` });
  }
}

/** The option that fills each request field the carrier adapter may refuse (its limits: COD, sizes, weight). */
const REQUEST_OPTION: Record<string, (keyof ShipOptions)[]> = {
  codAmountVnd: ['cod'],
  'parcel.weightGrams': ['weight'],
  'parcel.lengthCm': ['length'],
  'parcel.widthCm': ['width'],
  'parcel.heightCm': ['height'],
  // The box as a whole (its chargeable weight).
  parcel: ['length', 'width', 'height'],
  'parcel.declaredValueVnd': ['value'],
};

/** Amounts grouped the Vietnamese way (100.000.000 ₫), as formatVnd writes them everywhere else in the CLI. */
const viGrouping = (text: string) => text.replace(/\d{1,3}(?:,\d{3})+/g, (n) => n.replaceAll(',', '.'));

/**
 * A request the carrier adapter refused before sending (an amount above its limits) told by the options
 * that were typed: `--cod "1000000000000": 1.000.000.000.000 ₫ vượt quá …` — a usage error (exit 2).
 * Any other error is returned as it is.
 */
function namedByOption(error: unknown, options: ShipOptions): unknown {
  if (!(error instanceof ValidationError)) return error;
  const named = error.issues.map((issue) => {
    const keys = REQUEST_OPTION[issue.path];
    const given = keys
      ?.map((key) => `--${key}${options[key] !== undefined ? ` "${String(options[key])}"` : ''}`)
      .join(' ');
    const prefix = given ? `${given}: ` : '';
    return { vi: `${prefix}${viGrouping(issue.messageVi)}`, en: `${prefix}${viGrouping(issue.messageEn)}` };
  });
  if (!error.issues.some((issue) => REQUEST_OPTION[issue.path])) return error;
  return new CliError('usage', {
    vi: named.map((n) => n.vi).join('\n✗ '),
    en: named.map((n) => n.en).join('\n✗ '),
  });
}

/** One shipment for one order given on the command line: quote, choose a service, create, print the label link. */
export async function runShip(
  options: ShipOptions,
  { config, out, logger }: CommandContext,
): Promise<number> {
  const lang = out.options.lang;
  const { parcel, to, from: given, codAmountVnd } = parcelRequest(options);
  if (options.name.trim() === '')
    throw new CliError('usage', {
      vi: '--name: tên người nhận không được để trống',
      en: "--name: the receiver's name must not be empty",
    });
  checkPhone(options.phone, '--phone', 'usage');
  const receiver = { name: options.name, phone: options.phone, address: to };
  const chosenCarrier: ShipCarrier = options.carrier ?? 'viettelpost';
  // Shipments are remembered by reference between runs, in sandbox mode too (the embedded emulator
  // starts empty on every run, the state folder does not); sandbox records live in their own folder.
  // VNPost keeps its own records there too: a create whose answer was lost is looked up by reference on
  // the next run, never sent twice (MyVNPost has no duplicate protection).
  const stateDir = stateDirFor(config, isSandboxMode(config));
  const store: StateStore = await createFileStore({ dir: stateDir });
  let platforms: Awaited<ReturnType<typeof openPlatforms>> | undefined;
  try {
    platforms = await openPlatforms(
      config,
      chosenCarrier === 'vnpost'
        ? { marketplaces: [], carrier: false, vnpost: 'required', vnpostStore: store }
        : { marketplaces: [], carrier: true, shipmentRecords: store },
      logger,
    );
    if (platforms.sandbox) out.notice(`⚠ ${t(lang, 'sandboxNotice')}`);
    const sender = senderFor(config, platforms.sandbox);
    checkPhone(sender.phone, `sender.phone (${configFileOf(config)})`, 'config');
    const from = given ?? sender.address;
    const known = await store.getShipment(options.reference);
    // A reference with a waybill is done; one without (VNPost: a create whose answer was lost) is for
    // that carrier's adapter to look up first — at another carrier it is refused.
    if (known?.waybill) throw alreadyExists(options.reference, known.waybill, known.carrier);
    if (known && (known.carrier ?? 'viettelpost') !== chosenCarrier)
      throw alreadyExists(options.reference, undefined, known.carrier);
    const carrier = chosenCarrier === 'vnpost' ? platforms.vnpost! : platforms.carrier!;
    const quotes = await quotesWithCod(carrier, { from, to: receiver.address, parcel, codAmountVnd }).catch(
      (error: unknown) => {
        throw namedByOption(error, options);
      },
    );
    // Quotes come cheapest first. `fastest` compares stated delivery times only: VNPost states none, so
    // its speed cannot be compared — the cheapest is taken and the user is told so, and why.
    const timed = quotes.filter((q) => q.deliveryHours !== undefined);
    const fastest = [...timed].sort(
      (a, b) => a.deliveryHours! - b.deliveryHours! || a.totalVnd - b.totalVnd,
    )[0];
    // One rule with the library: the keywords, else a service code trimmed and upper-cased
    // (normaliseServiceCode) — `ctn001` is CTN001.
    const keyword = options.service.trim().toLowerCase();
    const chosen =
      keyword === 'cheapest'
        ? quotes[0]
        : keyword === 'fastest'
          ? (fastest ?? quotes[0])
          : quotes.find((q) => q.serviceCode === normaliseServiceCode(options.service));
    const name = carrierName(chosenCarrier);
    const untimed = quotes.filter((q) => q.deliveryHours === undefined).map((q) => q.serviceCode);
    const speedNotice: Bilingual | undefined =
      keyword !== 'fastest' || !chosen
        ? undefined
        : timed.length === 0
          ? {
              vi: `${name} không nêu thời gian giao hàng cho dịch vụ nào (${untimed.join(', ')}), nên không so sánh được tốc độ: đã chọn dịch vụ rẻ nhất ${chosen.serviceCode} ${chosen.serviceName} (${formatVnd(chosen.totalVnd, { space: 'space' })}).`,
              en: `${name} states no delivery time for any service (${untimed.join(', ')}), so speed could not be compared: picked the cheapest service ${chosen.serviceCode} ${chosen.serviceName} (${formatVnd(chosen.totalVnd, { space: 'space' })}).`,
            }
          : untimed.length > 0
            ? {
                vi: `Đã chọn ${chosen.serviceCode}, nhanh nhất trong các dịch vụ có nêu thời gian giao (${chosen.deliveryHours} giờ); ${untimed.join(', ')} không nêu thời gian nên không được so sánh.`,
                en: `Picked ${chosen.serviceCode}, the fastest of the services that state a delivery time (${chosen.deliveryHours} h); ${untimed.join(', ')} state none and were not compared.`,
              }
            : undefined;
    if (speedNotice) out.notice(`ℹ ${speedNotice.vi}\n  ${speedNotice.en}`);
    if (!chosen) {
      // Refused before anything is created, with the closest keyword or quoted code (cheapset → cheapest).
      const codes = quotes.map((q) => q.serviceCode);
      const offered = codes.join(', ') || '—';
      const near = nearestChoice(options.service.trim(), ['cheapest', 'fastest', ...codes]);
      // Another carrier's code (VCN with --carrier vnpost): said so, as fulfil does (#16 re-trial 8).
      const other: ShipCarrier = chosenCarrier === 'vnpost' ? 'viettelpost' : 'vnpost';
      const code = normaliseServiceCode(options.service);
      if (await otherCarrierQuotes(config, other, { from, to: receiver.address, parcel }, code)) {
        const otherName = carrierName(other);
        throw new CliError('usage', {
          vi: `Dịch vụ ${code} là của ${otherName}, không phải của ${name} (dịch vụ ${name} có báo giá: ${offered}; hoặc cheapest, fastest): dùng --carrier ${other}, hoặc chọn dịch vụ của ${name}`,
          en: `Service ${code} is a ${otherName} service, not a ${name} one (${name} quoted: ${offered}; or cheapest, fastest): use --carrier ${other}, or pick a ${name} service`,
        });
      }
      throw new CliError('usage', {
        vi: `Dịch vụ "${options.service}" không có cho tuyến này của ${name} (có: ${offered}; hoặc cheapest, fastest)${near ? `; có phải "${near}"?` : ''}`,
        en: `Service "${options.service}" is not offered by ${name} on this route (offered: ${offered}; or cheapest, fastest)${near ? `; did you mean "${near}"?` : ''}`,
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
    if (!shipment.trackingNumber) throw alreadyExists(options.reference, undefined, chosenCarrier);
    const waybill = shipment.trackingNumber;
    // Merged: VNPost's adapter keeps its own fields in the same record.
    await store.updateShipment(options.reference, (previous) => ({
      ...previous,
      reference: options.reference,
      carrier: chosenCarrier,
      waybill,
      status: previous?.status ?? shipment.status,
    }));
    let label = await carrier.labelUrl([waybill], options.label ?? 'A6');
    // MyVNPost serves no label page, only the PDF: written to the state folder, its path printed.
    if (label.startsWith('data:application/pdf;base64,')) {
      const file = join(stateDir, 'labels', `${options.reference.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`);
      await mkdir(join(stateDir, 'labels'), { recursive: true });
      await writeFile(file, Buffer.from(label.slice(label.indexOf(',') + 1), 'base64'));
      label = resolve(file);
    }
    out.json({
      ok: true,
      sandbox: platforms.sandbox,
      carrier: chosenCarrier,
      quote: chosen,
      ...(speedNotice ? { serviceChoice: speedNotice } : {}),
      shipment,
      labelUrl: label,
    });
    const money = (vnd: number) => formatVnd(vnd, { space: 'space' });
    out.line(`${t(lang, 'shipCreated')}: ${shipment.trackingNumber}`);
    out.line(`  ${say(lang, 'Mã tham chiếu', 'Reference')}: ${shipment.reference}`);
    // VNPost quotes state no delivery time.
    const time = deliveryTime(chosen, lang);
    out.line(
      `  ${say(lang, 'Dịch vụ', 'Service')}: ${chosen.serviceCode} ${chosen.serviceName}${time ? ` (${time})` : ''}`,
    );
    if (speedNotice && timed.length === 0)
      out.line(
        `  ${say(lang, 'Lý do', 'Why')}: ${say(lang, `${name} không nêu thời gian giao, không so sánh được tốc độ → rẻ nhất`, `${name} states no delivery times, speed could not be compared → the cheapest`)}`,
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
    await store.close();
    await platforms?.close();
  }
}

export function registerShip(program: Command, lang: Lang): void {
  withParcelOptions(
    program
      .command('ship')
      .description(
        say(
          lang,
          'tạo vận đơn cho một đơn (ViettelPost, hoặc VNPost với --carrier vnpost)',
          'create one shipment (ViettelPost, or VNPost with --carrier vnpost)',
        ),
      ),
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
    .addOption(
      new Option('--carrier <name>', say(lang, 'hãng vận chuyển', 'carrier'))
        .choices(['viettelpost', 'vnpost'])
        .default('viettelpost'),
    )
    .option('--item <text>', say(lang, 'tên hàng', 'goods description'))
    .option('--note <text>', say(lang, 'ghi chú cho bưu tá', 'note for the courier'))
    .addOption(
      new Option('--label <size>', say(lang, 'khổ tem', 'label size'))
        .choices(['A5', 'A6', 'A7'])
        .default('A6'),
    )
    .action(exitCodeOf(runShip));
}

/**
 * Whether `other` (the carrier not asked for) quotes `code` for this parcel: asked only once a code was
 * refused, so a ViettelPost code given with VNPost (or the reverse) is named as such. A carrier that is
 * not configured, or does not answer, quotes nothing here.
 */
async function otherCarrierQuotes(
  config: CliConfig,
  other: ShipCarrier,
  route: { from: Address; to: Address; parcel: Parcel },
  code: string,
): Promise<boolean> {
  let platforms: Awaited<ReturnType<typeof openPlatforms>> | undefined;
  try {
    platforms = await openPlatforms(
      config,
      other === 'vnpost'
        ? { marketplaces: [], carrier: false, vnpost: 'required' }
        : { marketplaces: [], carrier: true },
    );
    const carrier = other === 'vnpost' ? platforms.vnpost : platforms.carrier;
    if (!carrier) return false;
    const quotes = await carrier.quote(route);
    return quotes.some((q) => normaliseServiceCode(q.serviceCode) === code);
  } catch {
    return false;
  } finally {
    await platforms?.close();
  }
}
