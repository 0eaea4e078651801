import { A_MAP, AN_ORDER, checkArgument, type Expected, ROWS } from '../../core/argument-guards.js';
import { ValidationError } from '../../core/errors.js';
import type { Order } from '../../model/order.js';
import { productOffers } from '../../model/product.js';
import type { Parcel } from '../../model/shipment.js';
import { validateProduct } from '../../model/validation.js';

/** Weight and size of one sellable unit, from the catalog. */
export interface UnitFacts {
  weightGrams: number;
  dimensionsCm?: { length: number; width: number; height: number };
}

/** SKU → unit facts of every valid product of a catalog (its variants, or the product itself). */
export function unitFactsFromCatalog(catalog: Iterable<unknown>): Map<string, UnitFacts> {
  checkArgument(catalog, 'catalog', ROWS);
  const facts = new Map<string, UnitFacts>();
  for (const input of catalog) {
    const result = validateProduct(input);
    if (!result.ok) continue;
    for (const offer of productOffers(result.value)) {
      facts.set(offer.sku, {
        weightGrams: offer.weightGrams,
        ...(offer.dimensionsCm ? { dimensionsCm: offer.dimensionsCm } : {}),
      });
    }
  }
  return facts;
}

/**
 * The box for an order from the catalog's unit facts: weight Σ unit weight × quantity; size from the unit
 * dimensions (longest length and width, heights stacked) when every unit has them, else 0 (weight only).
 * A line whose SKU the catalog does not know is a ValidationError naming it — never a guessed weight.
 */
const AN_ORDER_WITH_LINES: Expected = {
  schema: AN_ORDER.schema.refine((v) => Array.isArray((v as { lines?: unknown }).lines)),
  vi: 'một đơn hàng (có platform, externalId, lines)',
  en: 'an order (with platform, externalId, lines)',
};

export function parcelForOrder(order: Order, facts: ReadonlyMap<string, UnitFacts>): Parcel {
  checkArgument(order, 'order', AN_ORDER_WITH_LINES);
  checkArgument(facts, 'facts', A_MAP);
  const missing = order.lines.filter((l) => !facts.has(l.sku));
  if (missing.length > 0) {
    throw new ValidationError(
      {
        vi: `Danh mục sản phẩm không có khối lượng của ${missing.map((l) => l.sku).join(', ')} (đơn ${order.platform}:${order.externalId})`,
        en: `No catalog weight for ${missing.map((l) => l.sku).join(', ')} (order ${order.platform}:${order.externalId})`,
      },
      missing.map((l) => ({
        path: `lines.${order.lines.indexOf(l)}.sku`,
        value: l.sku,
        sku: l.sku,
        code: 'shipment.weight_unknown',
        messageVi: `Không có khối lượng của ${l.sku} trong danh mục sản phẩm: không thể tính kiện hàng`,
        messageEn: `The catalog has no weight for ${l.sku}: the parcel cannot be weighed`,
      })),
    );
  }
  let weightGrams = 0;
  let lengthCm = 0;
  let widthCm = 0;
  let heightCm = 0;
  let sized = true;
  for (const line of order.lines) {
    const unit = facts.get(line.sku)!;
    weightGrams += unit.weightGrams * line.quantity;
    if (!unit.dimensionsCm) {
      sized = false;
      continue;
    }
    lengthCm = Math.max(lengthCm, Math.ceil(unit.dimensionsCm.length));
    widthCm = Math.max(widthCm, Math.ceil(unit.dimensionsCm.width));
    heightCm += Math.ceil(unit.dimensionsCm.height) * line.quantity;
  }
  return {
    weightGrams,
    lengthCm: sized ? lengthCm : 0,
    widthCm: sized ? widthCm : 0,
    heightCm: sized ? heightCm : 0,
    declaredValueVnd: order.payment.subtotalVnd,
    kind: 'goods',
    items: order.lines.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      priceVnd: l.unitPriceVnd,
      weightGrams: facts.get(l.sku)!.weightGrams,
    })),
  };
}
