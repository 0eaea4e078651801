import type { Command } from 'commander';
import { type Address, formatVnd, type Parcel, ParcelSchema, type Quote, zodIssueText } from 'ocop-connect';
import type { ViettelPostAdapter } from 'ocop-connect/viettelpost';
import type { VnpostAdapter } from 'ocop-connect/vnpost';
import { parseAddressText } from '../address-text.js';
import { type CommandContext, exitCodeOf } from '../context.js';
import { CliError, describeError, EXIT } from '../errors.js';
import { type Lang, say, t } from '../i18n.js';
import type { Output } from '../output.js';
import { openPlatforms } from '../platforms.js';
import { originFor } from '../sender.js';

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

/**
 * A whole number as typed: digits, optionally grouped by three with "." or spaces as Vietnamese writes
 * thousands ("150.000", "1 200"), optionally negative (the caller's rule then names it). Anything else —
 * "abc", "1,5", and "0.5" (a decimal, never 5) — is NaN.
 */
function typedWholeNumber(value: string): number {
  const text = value.trim();
  if (!/^-?(\d+|\d{1,3}([.\s]\d{3})+)$/.test(text)) return Number.NaN;
  return Number(text.replace(/[.\s]/g, ''));
}

export function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typedWholeNumber(value);
  if (!Number.isInteger(n) || n < 0)
    throw new CliError('usage', {
      vi: `--${name}: "${value}" phải là số nguyên không âm`,
      en: `--${name}: "${value}" must be a whole number, 0 or more`,
    });
  return n;
}

/**
 * --weight: whatever was typed goes to the parcel check as a number (NaN when it is not a whole number),
 * so 0, -5, "abc" and "0.5" get the one answer ("must be a whole number greater than 0 (grams)") — never
 * one saying "0 or more" (#16, #18).
 */
function typedWeight(value: string | undefined): number | undefined {
  return value === undefined ? undefined : typedWholeNumber(value);
}

/** The parcel field each option fills, to name the option when the parcel is refused. */
const PARCEL_OPTION: Record<string, string> = {
  weightGrams: '--weight',
  lengthCm: '--length',
  widthCm: '--width',
  heightCm: '--height',
  declaredValueVnd: '--value',
};

export function parcelFrom(options: ParcelOptions): Parcel {
  const input = {
    weightGrams: typedWeight(options.weight) ?? 0,
    lengthCm: wholeNumber('length', options.length) ?? 0,
    widthCm: wholeNumber('width', options.width) ?? 0,
    heightCm: wholeNumber('height', options.height) ?? 0,
    declaredValueVnd: wholeNumber('value', options.value) ?? 0,
  };
  const result = ParcelSchema.safeParse(input);
  if (result.success) return result.data;
  const reasons = result.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const option = PARCEL_OPTION[field] ?? field;
    const given = options[option.replace(/^--/, '') as keyof ParcelOptions] ?? '';
    const reason = zodIssueText(issue, input);
    return {
      vi: `${option} "${given}": ${reason.vi}`,
      en: `${option} "${given}": ${reason.en}`,
    };
  });
  throw new CliError('usage', {
    vi: reasons.map((r) => r.vi).join('; '),
    en: reasons.map((r) => r.en).join('; '),
  });
}

/** What `quote` and `ship` read from the parcel options: the parcel, both addresses and the COD amount. */
export function parcelRequest(options: ParcelOptions): {
  parcel: Parcel;
  to: Address;
  /** `--from`; undefined: the config's sender. */
  from: Address | undefined;
  codAmountVnd: number;
} {
  const parcel = parcelFrom(options);
  const to = parseAddressText(options.to);
  const from = options.from ? parseAddressText(options.from, '--from') : undefined;
  return { parcel, to, from, codAmountVnd: wholeNumber('cod', options.cod) ?? 0 };
}

/** A quote with what the sender pays for cash on delivery, when the parcel carries COD. */
export interface QuoteWithCod extends Quote {
  /** COD fee (VAT included) that `ship` will be charged on top of `freightVnd`; 0 without COD. */
  codFeeVnd: number;
  /** Price without the COD fee, VAT included. */
  freightVnd: number;
}

/**
 * What `ship` will be charged, per carrier, COD fee included and shown apart:
 * - ViettelPost's all-services price list leaves the COD fee out; with COD each service is priced again
 *   with its fee breakdown;
 * - VNPost's ServicesCharge total already includes the COD add-on but gives no breakdown: the same parcel
 *   is priced without COD too, and the difference is the COD fee.
 */
export async function quotesWithCod(
  carrier: ViettelPostAdapter | VnpostAdapter,
  request: { from: Address; to: Address; parcel: Parcel; codAmountVnd: number },
): Promise<QuoteWithCod[]> {
  if (carrier.carrier === 'vnpost') {
    const [withCod, freight] = await Promise.all([
      carrier.quote(request),
      request.codAmountVnd > 0 ? carrier.quote({ ...request, codAmountVnd: 0 }) : undefined,
    ]);
    const without = new Map((freight ?? withCod).map((q) => [q.serviceCode, q.totalVnd]));
    return withCod
      .map((q) => {
        const freightVnd = Math.min(without.get(q.serviceCode) ?? q.totalVnd, q.totalVnd);
        return { ...q, freightVnd, codFeeVnd: q.totalVnd - freightVnd };
      })
      .sort((a, b) => a.totalVnd - b.totalVnd);
  }
  const quotes = await carrier.quote(request);
  if (request.codAmountVnd <= 0) return quotes.map((q) => ({ ...q, codFeeVnd: 0, freightVnd: q.totalVnd }));
  const priced = await Promise.all(
    quotes.map(async (q) => {
      const one = await carrier.quoteService(request, q.serviceCode);
      const codFee = one.fees.codFeeVnd ?? 0;
      const vatRate =
        one.fees.vatVnd && one.fees.totalVnd > one.fees.vatVnd
          ? one.fees.vatVnd / (one.fees.totalVnd - one.fees.vatVnd)
          : 0;
      const codFeeWithVat = Math.round(codFee * (1 + vatRate));
      return {
        ...q,
        totalVnd: one.fees.totalVnd,
        codFeeVnd: codFeeWithVat,
        freightVnd: one.fees.totalVnd - codFeeWithVat,
      };
    }),
  );
  return priced.sort((a, b) => a.totalVnd - b.totalVnd);
}

export function deliveryTime(quote: Quote, lang: Lang): string {
  if (quote.deliveryHours) return lang === 'vi' ? `${quote.deliveryHours} giờ` : `${quote.deliveryHours} h`;
  return quote.deliveryText ?? '';
}

/** VNPost's quotes (total with the COD fee, the fee shown apart), or why there are none. */
async function vnpostQuotes(
  adapter: VnpostAdapter | undefined,
  request: { from: Address; to: Address; parcel: Parcel; codAmountVnd: number },
  lang: Lang,
): Promise<{ quotes?: QuoteWithCod[]; error?: string } | undefined> {
  if (!adapter) return undefined;
  try {
    return { quotes: await quotesWithCod(adapter, request) };
  } catch (error) {
    // In the run's language only (#16 re-trial 6), as every error the CLI prints.
    return { error: describeError(error, lang).message };
  }
}

/** Both carriers' quotes for the same parcel, row by row from the cheapest, and the cheapest overall. */
function printSideBySide(
  out: Output,
  lang: Lang,
  viettelpostQuotes: readonly QuoteWithCod[],
  second: { quotes?: QuoteWithCod[]; error?: string },
  cod: boolean,
): void {
  const money = (vnd: number) => formatVnd(vnd, { space: 'space' });
  out.line('');
  out.line(say(lang, 'ViettelPost và VNPost, cùng gói hàng:', 'ViettelPost and VNPost, same parcel:'));
  if (!second.quotes) {
    out.line(
      say(lang, `  VNPost không báo giá được: ${second.error}`, `  VNPost gave no quote: ${second.error}`),
    );
    return;
  }
  const left = [...viettelpostQuotes].sort((a, b) => a.totalVnd - b.totalVnd);
  const right = [...second.quotes].sort((a, b) => a.totalVnd - b.totalVnd);
  const cell = (q: Quote | undefined) => (q ? `${q.serviceCode} ${q.serviceName}` : '');
  // With COD each carrier's total includes its COD fee; the fee is shown beside it, as in the table above.
  const codTitle = say(lang, 'Phí thu hộ (COD)', 'COD fee');
  const codCell = (q: QuoteWithCod | undefined) => (cod ? [q ? money(q.codFeeVnd) : ''] : []);
  out.table(
    [
      '#',
      'ViettelPost',
      ...(cod ? [codTitle] : []),
      say(lang, 'Tổng (gồm VAT)', 'Total (incl. VAT)'),
      'VNPost',
      ...(cod ? [codTitle] : []),
      say(lang, 'Tổng (gồm VAT)', 'Total (incl. VAT)'),
    ],
    Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [
      i + 1,
      cell(left[i]),
      ...codCell(left[i]),
      left[i] ? money(left[i]!.totalVnd) : '',
      cell(right[i]),
      ...codCell(right[i]),
      right[i] ? money(right[i]!.totalVnd) : '',
    ]),
  );
  const best = [...left, ...right].sort((a, b) => a.totalVnd - b.totalVnd)[0];
  if (best) {
    const name = best.carrier === 'vnpost' ? 'VNPost' : 'ViettelPost';
    out.line(
      say(
        lang,
        `Rẻ nhất: ${name} ${best.serviceCode} (${best.serviceName}) ${money(best.totalVnd)}`,
        `Cheapest: ${name} ${best.serviceCode} (${best.serviceName}) ${money(best.totalVnd)}`,
      ),
    );
  }
}

export async function runQuote(
  options: ParcelOptions,
  { config, out, logger }: CommandContext,
): Promise<number> {
  const lang = out.options.lang;
  const { parcel, to, from: given, codAmountVnd } = parcelRequest(options);
  const platforms = await openPlatforms(config, { marketplaces: [], carrier: true, vnpost: true }, logger);
  if (platforms.sandbox) out.notice(`⚠ ${t(lang, 'sandboxNotice')}`);
  try {
    const carrier = platforms.carrier!;
    const from = originFor(config, platforms.sandbox, given);
    const [quotes, second] = await Promise.all([
      quotesWithCod(carrier, { from, to, parcel, codAmountVnd }),
      vnpostQuotes(platforms.vnpost, { from, to, parcel, codAmountVnd }, lang),
    ]);
    const money = (vnd: number) => formatVnd(vnd, { space: 'space' });
    out.json({
      ok: true,
      sandbox: platforms.sandbox,
      codAmountVnd,
      codFeeIncluded: true,
      // Every carrier's quotes, each with its `carrier`, cheapest first (as the text's side-by-side
      // table and its "cheapest" line); `byCarrier` keeps them apart per carrier.
      quotes: [...quotes, ...(second?.quotes ?? [])].sort((a, b) => a.totalVnd - b.totalVnd),
      byCarrier: { viettelpost: quotes, ...(second ? { vnpost: second.quotes ?? null } : {}) },
      ...(second?.error ? { vnpostError: second.error } : {}),
    });
    out.line(t(lang, 'quoteTitle'));
    const cod = codAmountVnd > 0;
    out.table(
      [
        say(lang, 'Mã DV', 'Service'),
        say(lang, 'Tên dịch vụ', 'Name'),
        ...(cod ? [say(lang, 'Cước vận chuyển', 'Freight'), say(lang, 'Phí thu hộ (COD)', 'COD fee')] : []),
        say(lang, 'Tổng cước (gồm VAT)', 'Total (incl. VAT)'),
        say(lang, 'Thời gian', 'Time'),
      ],
      quotes.map((q) => [
        q.serviceCode,
        q.serviceName,
        ...(cod ? [money(q.freightVnd), money(q.codFeeVnd)] : []),
        money(q.totalVnd),
        deliveryTime(q, lang),
      ]),
    );
    if (second) printSideBySide(out, lang, quotes, second, cod);
    if (cod) {
      out.line(
        say(
          lang,
          `Tổng cước đã gồm phí thu hộ cho ${money(codAmountVnd)} tiền hàng; đó là số ship sẽ bị tính.`,
          `The total includes the COD fee for collecting ${money(codAmountVnd)}; it is what ship will be charged.`,
        ),
      );
    }
    return EXIT.ok;
  } finally {
    await platforms.close();
  }
}

/** The parcel options `quote` and `ship` share. */
export function withParcelOptions(command: Command, lang: Lang): Command {
  return command
    .option(
      '--from <address>',
      say(
        lang,
        'địa chỉ gửi (mặc định: sender trong cấu hình)',
        'sender address (default: the config sender)',
      ),
    )
    .requiredOption(
      '--to <address>',
      say(lang, 'địa chỉ nhận "…, phường/xã, tỉnh"', 'receiver address "…, ward, province"'),
    )
    .requiredOption('--weight <grams>', say(lang, 'khối lượng (gam)', 'weight in grams'))
    .option('--length <cm>', say(lang, 'chiều dài gói hàng (cm)', 'parcel length (cm)'))
    .option('--width <cm>', say(lang, 'chiều rộng gói hàng (cm)', 'parcel width (cm)'))
    .option('--height <cm>', say(lang, 'chiều cao gói hàng (cm)', 'parcel height (cm)'))
    .option('--value <vnd>', say(lang, 'giá trị hàng khai báo (VND)', 'declared value (VND)'))
    .option(
      '--cod <vnd>',
      say(lang, 'tiền thu hộ, chỉ tiền hàng (VND)', 'cash on delivery, goods only (VND)'),
    );
}

export function registerQuote(program: Command, lang: Lang): void {
  withParcelOptions(
    program
      .command('quote')
      .description(
        say(
          lang,
          'báo giá ViettelPost và VNPost cạnh nhau cho một gói hàng (gồm phí thu hộ khi có --cod)',
          'ViettelPost and VNPost quotes side by side for a parcel (COD fee included with --cod)',
        ),
      ),
    lang,
  ).action(exitCodeOf(runQuote));
}
