import { closestName, didYouMean } from '../../catalog/catalog-issues.js';
import { ValidationError } from '../../core/errors.js';
import { type Product, productOffers } from '../../model/product.js';
import {
  bundleIssues,
  componentSpelling,
  spellComponents,
  type ValidationIssue,
  validateProduct,
} from '../../model/validation.js';
import { InvalidRecordError } from '../../store/errors.js';
import type { StateStore, StockEntry } from '../../store/state-store.js';
import { givenValue, invalidRecord } from '../../store/store-records.js';
import { recordBundles } from '../bundles/bundle-stock.js';
import { readLedgerState, writeLedgerState } from '../orders/order-state.js';

/**
 * The catalog's stock figures as counts: a SKU the ledger does not hold starts at its figure; a figure
 * different from the one last applied replaces `onHand` (a recount: reserved units stay reserved); an
 * unchanged figure changes nothing. Each unit's weight and size is kept for `fulfil`. Invalid products
 * only add issues.
 */
export async function applyCatalogCounts(
  store: StateStore,
  catalog: Iterable<unknown>,
  issues: ValidationIssue[],
): Promise<void> {
  // Nothing held for a caller: one transaction per COUNTS_PER_TRANSACTION offers.
  for await (const _row of countedCatalog(store, catalog, { issues, yieldRows: false })) {
    // Drained: every count is recorded when the loop ends.
  }
}

/** Rows read ahead of the engine at most, per counts transaction, when counts are applied while streaming. */
export const STREAMED_COUNTS_ROWS = 128;

/**
 * The catalog's rows, each yielded only once its stock figures are recorded as counts (see
 * `applyCatalogCounts`), so a publish can stream a catalog instead of reading it whole before the first
 * request (#14): rows are read in chunks (one store transaction each, #17), growing from 16 rows to
 * `maxRows` so the first request leaves early; at most one chunk is held. Gift boxes are counted after
 * the last row (their components may come after them) and before the iteration ends.
 */
export async function* countedCatalog(
  store: StateStore,
  catalog: Iterable<unknown>,
  options: { issues?: ValidationIssue[]; maxRows?: number; yieldRows?: boolean } = {},
): AsyncGenerator<unknown> {
  const keep = options.yieldRows ?? true;
  const maxRows = keep ? (options.maxRows ?? STREAMED_COUNTS_ROWS) : Number.POSITIVE_INFINITY;
  let chunkRows = Math.min(16, maxRows);
  let row = 0;
  const bundles: Array<{ product: Product; row: number }> = [];
  /** SKUs of the catalog's valid rows, and its products with variants: what a gift box may hold. */
  const owners = new Set<string>();
  const variantsOf = new Map<string, string[]>();
  let rows: unknown[] = [];
  let batch: { offer: ReturnType<typeof productOffers>[number]; inactive: boolean }[] = [];
  const flush = async function* () {
    if (batch.length > 0) await applyCounts(store, batch);
    batch = [];
    const ready = rows;
    rows = [];
    chunkRows = Math.min(chunkRows * 2, maxRows);
    yield* ready;
  };
  for (const input of catalog) {
    row += 1;
    if (keep) rows.push(input);
    const result = validateProduct(input, { row });
    if (!result.ok) {
      options.issues?.push(...result.issues);
    } else if (result.value.bundle) {
      // A gift box has no count of its own: derived from its components once they are all counted.
      owners.add(result.value.sku);
      bundles.push({ product: result.value, row });
    } else {
      for (const offer of [result.value, ...result.value.variants]) owners.add(offer.sku);
      if (result.value.variants.length > 0)
        variantsOf.set(
          result.value.sku,
          result.value.variants.map((v) => v.sku),
        );
      const inactive = result.value.status === 'inactive';
      for (const offer of productOffers(result.value)) batch.push({ offer, inactive });
    }
    if (batch.length >= COUNTS_PER_TRANSACTION || (keep && rows.length >= chunkRows)) yield* flush();
  }
  yield* flush();
  // Only a valid box enters the ledger, its components in the catalog's spelling ("vl-trm" is VL-TRM):
  // a box with a component nobody counts would reserve some components of an order and not others
  // (#19 re-trial MEDIUM 4).
  const spelling = componentSpelling(owners);
  const context = {
    known: (sku: string) => owners.has(sku),
    bundles: new Set(bundles.map((b) => b.product.sku)),
    variantsOf,
  };
  const valid: Product[] = [];
  for (const { product, row: at } of bundles) {
    spellComponents(product, spelling);
    const problems = bundleIssues(product, context, at);
    if (problems.length > 0) options.issues?.push(...problems);
    else valid.push(product);
  }
  await recordBundles(store, valid);
}

/**
 * Catalog counts per store transaction. One transaction per SKU made a 300-product publish wait for
 * 300 serialised round-trip transactions on PostgreSQL (~1.5 s under load) before its first request
 * (#17); a batch is one transaction, still bounded in size for a large catalog.
 */
const COUNTS_PER_TRANSACTION = 500;

async function applyCounts(
  store: StateStore,
  batch: readonly { offer: ReturnType<typeof productOffers>[number]; inactive: boolean }[],
): Promise<void> {
  await store.transaction(async (tx) => {
    for (const { offer, inactive } of batch) {
      const entry = await tx.getStock(offer.sku);
      const ledger = await readLedgerState(tx, offer.sku);
      const unit = {
        weightGrams: offer.weightGrams,
        ...(offer.dimensionsCm ? { dimensionsCm: offer.dimensionsCm } : {}),
      };
      const sameUnit = JSON.stringify(ledger.unit) === JSON.stringify(unit);
      if (ledger.catalogCount === offer.stock && entry && sameUnit && Boolean(ledger.inactive) === inactive)
        continue;
      // A ledger kept before catalog counts were recorded: remember the figure, do not recount.
      const recount =
        entry === undefined || (ledger.catalogCount !== undefined && ledger.catalogCount !== offer.stock);
      if (recount) await tx.putStock({ sku: offer.sku, onHand: offer.stock, reserved: entry?.reserved ?? 0 });
      const { inactive: _was, ...rest } = ledger;
      await writeLedgerState(tx, offer.sku, {
        ...rest,
        catalogCount: offer.stock,
        unit,
        ...(inactive ? { inactive: true } : {}),
      });
    }
  });
}

/**
 * Records a manual stock count: `onHand` becomes `count`; units reserved by open orders stay reserved,
 * so the marketplaces will show `count − reserved` after the next push.
 */
export async function setStockCount(store: StateStore, sku: string, count: number): Promise<StockEntry> {
  if (typeof sku !== 'string' || sku.trim() === '')
    throw invalidRecord('sku', sku, 'phải là chuỗi không rỗng', 'must be a non-empty string');
  if (!Number.isSafeInteger(count) || count < 0) {
    const got = givenValue(count);
    throw new InvalidRecordError({
      path: 'count',
      value: count,
      messageVi: `setStockCount: count phải là số nguyên ≥ 0 (số đếm tồn kho của ${sku}) (nhận được ${got}).`,
      messageEn: `setStockCount: count must be an integer ≥ 0 (the stock count of ${sku}) (got ${got}).`,
    });
  }
  return store.transaction(async (tx) => {
    const entry = await tx.getStock(sku);
    if (!entry) {
      // A typo would start a second ledger line that no listing sells: refuse, naming the nearest SKU.
      const known = (await tx.listStock()).map((e) => e.sku);
      const hint = didYouMean(closestName(sku, known));
      throw new ValidationError(
        { vi: `Mã SKU ${sku} chưa có trong sổ tồn kho`, en: `Unknown SKU ${sku}: not in the stock ledger` },
        [
          {
            path: 'sku',
            value: sku,
            code: 'stock.unknown_sku',
            sku,
            messageVi: `Mã SKU "${sku}" chưa có trong sổ tồn kho (chưa đăng bán hay nhập từ danh mục).${hint.vi}`,
            messageEn: `SKU "${sku}" is not in the stock ledger (never published or read from the catalog).${hint.en}`,
          },
        ],
      );
    }
    return tx.putStock({ sku, onHand: count, reserved: entry.reserved });
  });
}
