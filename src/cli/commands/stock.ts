import type { Command } from 'commander';
import { ValidationError } from 'ocop-connect';
import { contextOf } from '../context.js';
import { CliError, describeError } from '../errors.js';
import { type Lang, say } from '../i18n.js';
import { inventoryExitCode, platformProblemLines } from '../sync-exit.js';
import { openDay } from './day-context.js';

/** `stock set <sku> <count>`: a manual stock count, pushed to every marketplace at once. */
export function registerStock(program: Command, lang: Lang): void {
  const stock = program
    .command('stock')
    .description(
      say(
        lang,
        'tồn kho do HTX tự đếm: "stock set <sku> <số>" ghi số đếm và đẩy số bán được lên mọi sàn',
        'stock counted by hand: "stock set <sku> <count>" records the count and pushes what can be sold to every marketplace',
      ),
    );
  stock
    .command('set <sku> <count>')
    .description(say(lang, 'ghi số đếm tồn kho và đẩy lên các sàn', 'record a stock count and push it'))
    .action(async (sku: string, count: string, _opts: unknown, command: Command) => {
      const { out, config, logger } = await contextOf(command);
      const n = Number(count);
      if (!Number.isSafeInteger(n) || n < 0) {
        throw new CliError('usage', {
          vi: `Số lượng "${count}" phải là số nguyên ≥ 0`,
          en: `The count "${count}" must be a whole number ≥ 0`,
        });
      }
      const day = await openDay(config, out, logger, { carrier: false });
      const vi = out.options.lang === 'vi';
      try {
        const entry = await unknownSkuIsData(() => day.connector.setStockCount(sku, n), day.demoSkus);
        const result = await day.connector.syncInventory();
        const line = result.stock.find((s) => s.sku === sku);
        out.json({
          sandbox: day.sandbox,
          entry,
          stock: line,
          pushes: result.pushes.filter((p) => p.sku === sku),
          ok: result.ok,
          platforms: result.platforms.filter((p) => p.error || p.reconcileError),
        });
        out.line(
          vi
            ? `${sku}: có ${line?.onHand ?? entry.onHand}, giữ chỗ ${line?.reserved ?? entry.reserved}, bán được ${line?.available ?? 0}`
            : `${sku}: on hand ${line?.onHand ?? entry.onHand}, reserved ${line?.reserved ?? entry.reserved}, available ${line?.available ?? 0}`,
        );
        for (const p of result.pushes.filter((x) => x.sku === sku))
          out.line(
            `${p.ok ? '✓' : '✗'} ${p.platform}/${p.account} → ${p.quantity}${p.error ? ` (${describeError(p.error, out.options.lang).message})` : ''}`,
          );
        for (const l of platformProblemLines(
          result,
          out.options.lang,
          result.pushes.filter((p) => p.sku === sku),
        ))
          out.line(l);
        process.exitCode = inventoryExitCode(result);
      } finally {
        await day.close();
      }
    });
}

/**
 * An unknown SKU is a problem of the data, not of the command line: exit 1, as the README's exit-code
 * table says (a mistyped count is a bad option: exit 2). The library's bilingual text, nearest SKU named.
 */
async function unknownSkuIsData<T>(set: () => Promise<T>, demoSkus?: readonly string[]): Promise<T> {
  try {
    return await set();
  } catch (error) {
    const issue =
      error instanceof ValidationError ? error.issues.find((i) => i.code === 'stock.unknown_sku') : undefined;
    if (!issue) throw error;
    // The sandbox's demo shop is not the one `list` published to: name what it holds.
    const demo = demoSkus
      ? {
          vi: ` SANDBOX: cửa hàng mẫu của các lệnh hằng ngày chỉ có ${demoSkus.join(', ')}`,
          en: ` SANDBOX: the day commands' demo shop holds only ${demoSkus.join(', ')}`,
        }
      : { vi: '', en: '' };
    throw new CliError('data', { vi: `${issue.messageVi}${demo.vi}`, en: `${issue.messageEn}${demo.en}` });
  }
}
