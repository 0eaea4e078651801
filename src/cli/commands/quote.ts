import type { Command } from 'commander';
import type { Logger } from 'ocop-connect';
import { formatVnd, type Parcel, ParcelSchema } from 'ocop-connect';
import { parseAddressText } from '../address-text.js';
import type { CliConfig } from '../config.js';
import { contextOf } from '../context.js';
import { t } from '../i18n.js';
import type { Output } from '../output.js';
import { openPlatforms } from '../platforms.js';
import { SANDBOX_SENDER } from '../sandbox-sender.js';

export interface ParcelOptions {
  from?: string;
  to: string;
  weight: string;
  length?: string;
  width?: string;
  height?: string;
  value?: string;
  cod?: string;
}

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/[.\s]/g, ''));
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name}: "${value}" phải là số nguyên / must be a whole number`);
  return n;
}

export function parcelFrom(options: ParcelOptions): Parcel {
  return ParcelSchema.parse({
    weightGrams: wholeNumber('weight', options.weight) ?? 0,
    lengthCm: wholeNumber('length', options.length) ?? 0,
    widthCm: wholeNumber('width', options.width) ?? 0,
    heightCm: wholeNumber('height', options.height) ?? 0,
    declaredValueVnd: wholeNumber('value', options.value) ?? 0,
  });
}

export async function runQuote(
  options: ParcelOptions,
  config: CliConfig,
  out: Output,
  logger?: Logger,
): Promise<number> {
  const lang = out.options.lang;
  const platforms = await openPlatforms(config, { marketplaces: [], carrier: true }, logger);
  if (platforms.sandbox) out.notice(`⚠ ${t(lang, 'sandboxNotice')}`);
  try {
    const carrier = platforms.carrier!;
    const from = options.from
      ? parseAddressText(options.from)
      : (config.sender?.address ?? SANDBOX_SENDER.address);
    const quotes = await carrier.quote({
      from,
      to: parseAddressText(options.to),
      parcel: parcelFrom(options),
      codAmountVnd: wholeNumber('cod', options.cod) ?? 0,
    });
    out.json({ sandbox: platforms.sandbox, quotes });
    out.line(t(lang, 'quoteTitle'));
    out.table(
      [
        lang === 'vi' ? 'Mã DV' : 'Service',
        lang === 'vi' ? 'Tên dịch vụ' : 'Name',
        lang === 'vi' ? 'Cước (gồm VAT)' : 'Price (incl. VAT)',
        lang === 'vi' ? 'Thời gian' : 'Time',
      ],
      quotes.map((q) => [
        q.serviceCode,
        q.serviceName,
        formatVnd(q.totalVnd, { space: 'space' }),
        q.deliveryText ?? (q.deliveryHours ? `${q.deliveryHours} h` : ''),
      ]),
    );
    return 0;
  } finally {
    await platforms.close();
  }
}

/** The parcel options `quote` and `ship` share. */
export function withParcelOptions(command: Command): Command {
  return command
    .option('--from <address>', 'địa chỉ gửi / sender address (default: config sender)')
    .requiredOption('--to <address>', 'địa chỉ nhận "phường/xã, tỉnh" / receiver address "ward, province"')
    .requiredOption('--weight <grams>', 'khối lượng (g) / weight in grams')
    .option('--length <cm>')
    .option('--width <cm>')
    .option('--height <cm>')
    .option('--value <vnd>', 'giá trị hàng / declared value (VND)')
    .option('--cod <vnd>', 'tiền thu hộ / cash on delivery for the goods (VND)');
}

export function registerQuote(program: Command): void {
  withParcelOptions(
    program.command('quote').description('báo giá ViettelPost / ViettelPost quotes for a parcel'),
  ).action(async (opts: ParcelOptions, command: Command) => {
    const { out, config, logger } = await contextOf(command);
    process.exitCode = await runQuote(opts, config, out, logger);
  });
}
