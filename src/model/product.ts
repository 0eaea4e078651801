import { z } from 'zod';
import { AddressSchema } from './address.js';
import { checkModelArgument, isPlainObject } from './argument-check.js';
import {
  CalendarDateSchema,
  DimensionsCmSchema,
  ExternalIdsSchema,
  NonEmptyTextSchema,
  PositiveVndSchema,
  SkuSchema,
  StockSchema,
  WeightGramsSchema,
} from './common.js';

/** Loose shape check only; strict Vietnamese prefix rules live in `vn/phone`. */
export const PhoneTextSchema = z.string({ error: 'phone.format' }).regex(/^\+?[\d\s.()-]{9,20}$/, {
  error: 'phone.format',
});

export const ProducerTypeSchema = z.enum(['cooperative', 'cooperative_group', 'enterprise', 'household']);
export type ProducerType = z.infer<typeof ProducerTypeSchema>;

export const ProducerSchema = z.object({
  type: ProducerTypeSchema,
  name: NonEmptyTextSchema,
  /** Vietnamese tax code: 10 digits, or 13 with a branch suffix ("0123456789-001"). */
  taxCode: z
    .string()
    .regex(/^\d{10}(-\d{3})?$/, { error: 'tax_code.format' })
    .optional(),
  phone: PhoneTextSchema.optional(),
  address: AddressSchema,
});
export type Producer = z.infer<typeof ProducerSchema>;

/** The certification's fields; OcopCertificationSchema adds the expiry rule (see `parseValidProduct`). */
const OcopFieldsSchema = z.object({
  /** Only 3–5 star products are recognised as OCOP (Decision 148/QĐ-TTg). */
  stars: z.union([z.literal(3), z.literal(4), z.literal(5)], { error: 'ocop.stars' }),
  /** Certificate number or recognition decision number, e.g. "1234/QĐ-UBND". */
  certificateNo: z
    .string({ error: 'ocop.certificate_required' })
    .trim()
    .min(1, { error: 'ocop.certificate_required' }),
  decisionNo: z.string().trim().min(1).optional(),
  issuedBy: z.string({ error: 'ocop.issuer_required' }).trim().min(1, { error: 'ocop.issuer_required' }),
  issuedAt: CalendarDateSchema,
  expiresAt: CalendarDateSchema.optional(),
  /** OCOP product group, e.g. "Thực phẩm chế biến". */
  productGroup: z.string().trim().min(1).optional(),
});

function checkOcop(ocop: z.output<typeof OcopFieldsSchema>, ctx: z.RefinementCtx): void {
  if (ocop.expiresAt && ocop.expiresAt <= ocop.issuedAt) {
    ctx.addIssue({
      code: 'custom',
      path: ['expiresAt'],
      message: 'ocop.expiry_before_issue',
      input: ocop.expiresAt,
    });
  }
}

export const OcopCertificationSchema = OcopFieldsSchema.superRefine(checkOcop);
export type OcopCertification = z.infer<typeof OcopCertificationSchema>;

export const NetContentUnitSchema = z.enum(['g', 'kg', 'ml', 'l', 'piece']);
export const FoodFactsSchema = z.object({
  netContent: z.object({
    value: z.number({ error: 'net_content.positive' }).positive({ error: 'net_content.positive' }),
    unit: NetContentUnitSchema,
  }),
  shelfLifeDays: z
    .number({ error: 'shelf_life.positive_integer' })
    .int({ error: 'shelf_life.positive_integer' })
    .positive({ error: 'shelf_life.positive_integer' }),
  storage: z.string().trim().min(1).optional(),
  ingredients: z.string().trim().min(1).optional(),
  /** e.g. "Giấy chứng nhận cơ sở đủ điều kiện ATTP số 12/2023/ATTP-CNĐK". */
  foodSafetyCertificate: z.string().trim().min(1).optional(),
});
export type FoodFacts = z.infer<typeof FoodFactsSchema>;

/** Where an image comes from. The image pipeline loads, checks and normalises it per platform. */
export const ImageSourceSchema = z.union(
  [
    z.object({ path: z.string().min(1), alt: z.string().optional() }).strict(),
    z
      .object({ url: z.url({ protocol: /^https?$/, error: 'image.url' }), alt: z.string().optional() })
      .strict(),
    z.object({ buffer: z.instanceof(Uint8Array), alt: z.string().optional() }).strict(),
  ],
  { error: 'image.source' },
);
export type ImageSource = z.infer<typeof ImageSourceSchema>;

export const VariantSchema = z.object({
  sku: SkuSchema,
  /**
   * 1 or 2 option values keyed by option (tier) name, e.g. `{ "Quy cách": "Hộp 500 g" }`.
   * Marketplaces accept at most two variant tiers.
   */
  options: z
    .record(z.string().trim().min(1), z.string().trim().min(1))
    .refine((o) => Object.keys(o).length >= 1 && Object.keys(o).length <= 2, {
      error: 'variants.options_count',
    }),
  priceVnd: PositiveVndSchema,
  listPriceVnd: PositiveVndSchema.optional(),
  stock: StockSchema,
  weightGrams: WeightGramsSchema,
  dimensionsCm: DimensionsCmSchema.optional(),
  /** Index into the product's `images` shown for this variant. */
  imageIndex: z.number().int().min(0).optional(),
  externalIds: ExternalIdsSchema.default({}),
});
export type Variant = z.infer<typeof VariantSchema>;

/** One product (or variant) SKU inside a gift box, and how many units of it one box holds. */
export const BundleComponentSchema = z.object({
  sku: SkuSchema,
  quantity: z
    .number({ error: 'bundle.components' })
    .int({ error: 'bundle.components' })
    .positive({ error: 'bundle.components' }),
});
export type BundleComponent = z.infer<typeof BundleComponentSchema>;

/**
 * A gift box ("hộp quà OCOP") sold as one product and made of other catalog products. It has no stock
 * of its own: what is available is derived from its components, and an order of a box reserves them.
 */
export const BundleSchema = z.object({
  components: z
    .array(BundleComponentSchema, { error: 'bundle.components' })
    .min(2, { error: 'bundle.components' })
    .refine((c) => new Set(c.map((x) => x.sku)).size === c.length, { error: 'bundle.components' }),
});
export type Bundle = z.infer<typeof BundleSchema>;

export const ProductStatusSchema = z.enum(['active', 'inactive']);
export type ProductStatus = z.infer<typeof ProductStatusSchema>;

const ProductObjectSchema = z.object({
  sku: SkuSchema,
  name: z
    .string({ error: 'name.length' })
    .trim()
    .min(3, { error: 'name.length' })
    .max(255, { error: 'name.length' }),
  description: z.string().trim().max(20_000).default(''),
  brand: z.string().trim().min(1).optional(),
  /** The seller's own category keys (or OCOP product groups), mapped to platform category ids by config. */
  categoryHints: z.array(z.string().trim().min(1)).default([]),
  /** Province of origin, as written by the seller ("Quảng Trị"). */
  origin: NonEmptyTextSchema,
  producer: ProducerSchema,
  ocop: OcopCertificationSchema.optional(),
  food: FoodFactsSchema.optional(),
  images: z.array(ImageSourceSchema).default([]),
  /** Required when the product has no variants; otherwise each variant carries its own. */
  priceVnd: PositiveVndSchema.optional(),
  listPriceVnd: PositiveVndSchema.optional(),
  stock: StockSchema.optional(),
  weightGrams: WeightGramsSchema.optional(),
  dimensionsCm: DimensionsCmSchema.optional(),
  variants: z.array(VariantSchema).default([]),
  /** Extra platform attribute values by attribute code (e.g. `{ brand_origin: "Việt Nam" }`). */
  attributes: z.record(z.string(), z.string()).default({}),
  status: ProductStatusSchema.default('active'),
  externalIds: ExternalIdsSchema.default({}),
  /** Set for a gift box: its components; `stock` is then derived from theirs (any given is ignored). */
  bundle: BundleSchema.optional(),
});

type OfferFields = { priceVnd?: number; listPriceVnd?: number };
function checkListPrice(offer: OfferFields, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (
    offer.listPriceVnd !== undefined &&
    offer.priceVnd !== undefined &&
    offer.listPriceVnd < offer.priceVnd
  ) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'listPriceVnd'],
      message: 'list_price.below_price',
      input: offer.listPriceVnd,
    });
  }
}

type ProductDraft = z.output<typeof ProductObjectSchema>;

/**
 * Cross-field rules. Runs even when single fields already failed (`when: () => true`), so a clerk sees every
 * problem of a row at once; hence the defensive checks on shapes that may still be wrong.
 */
function checkProduct(product: ProductDraft, ctx: z.RefinementCtx): void {
  // `when: () => true` runs this even when the input is not an object at all (`null` in a JSON list).
  if (product === null || typeof product !== 'object') return;
  checkListPrice(product, [], ctx);
  const variants: unknown = product.variants;
  if (product.bundle) {
    if (Array.isArray(variants) && variants.length > 0)
      ctx.addIssue({ code: 'custom', path: ['bundle'], message: 'bundle.with_variants', input: undefined });
    if (product.bundle.components?.some?.((c) => c?.sku === product.sku))
      ctx.addIssue({
        code: 'custom',
        path: ['bundle', 'components'],
        message: 'bundle.nested',
        input: product.sku,
      });
  }
  if (!Array.isArray(variants) || variants.length === 0) {
    // A gift box's stock is derived from its components.
    const needed = product.bundle
      ? (['priceVnd', 'weightGrams'] as const)
      : (['priceVnd', 'stock', 'weightGrams'] as const);
    for (const field of needed) {
      if (product[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'variants.offer_required', input: undefined });
      }
    }
    return;
  }
  const wellFormed = (variants as Partial<Variant>[]).every(
    (v) =>
      v && typeof v === 'object' && v.options && typeof v.options === 'object' && typeof v.sku === 'string',
  );
  if (!wellFormed) return;
  const list = variants as Variant[];
  const tierKey = (v: Variant) => Object.keys(v.options).sort().join('|');
  const firstTiers = tierKey(list[0]!);
  const seenOptions = new Set<string>();
  // SKUs compared without regard to case (#18): 'VL-BSD' and 'vl-bsd' would be one SKU on a marketplace.
  const fold = (sku: string) => sku.normalize('NFC').trim().toLowerCase();
  const skus = new Set<string>([fold(product.sku)]);
  list.forEach((variant, index) => {
    checkListPrice(variant, ['variants', index], ctx);
    if (tierKey(variant) !== firstTiers) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants', index, 'options'],
        message: 'variants.tiers_mismatch',
        input: variant.options,
      });
    }
    const optionValues = Object.entries(variant.options)
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join('|');
    if (seenOptions.has(optionValues)) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants', index, 'options'],
        message: 'variants.duplicate_options',
        input: variant.options,
      });
    }
    seenOptions.add(optionValues);
    if (skus.has(fold(variant.sku))) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants', index, 'sku'],
        message: 'sku.duplicate',
        input: variant.sku,
      });
    }
    skus.add(fold(variant.sku));
  });
}

export const ProductSchema = ProductObjectSchema.superRefine(checkProduct, { when: () => true });

/** ProductObjectSchema with no check on any object: the OCOP expiry rule runs in parseValidProduct. */
const ValidRowFieldsSchema = ProductObjectSchema.extend({ ocop: OcopFieldsSchema.optional() });

/**
 * A row's fields parsed without the cross-field rules (the product's and the OCOP expiry), then those
 * rules run on the result: the fast path of `validateProduct` for the common valid row (its output is
 * exactly ProductSchema's then; a row refused here is parsed again with ProductSchema for the complete
 * list of issues). Why: on Node 20 a zod check on an object made V8 keep each parsed product alive past
 * the next minor GC — in a 100k-row dry run ~1 KB per row reached the old generation as garbage, ~100 MB
 * of heap between full GCs (#14). Internal: not exported from the package root.
 */
export function parseValidProduct(input: unknown): Product | undefined {
  const parsed = ValidRowFieldsSchema.safeParse(input);
  if (!parsed.success) return undefined;
  let broken = false;
  const ctx = {
    addIssue: () => {
      broken = true;
    },
  } as unknown as z.RefinementCtx;
  if (parsed.data.ocop) checkOcop(parsed.data.ocop, ctx);
  checkProduct(parsed.data, ctx);
  return broken ? undefined : parsed.data;
}

/** A validated product (output of `ProductSchema`). */
export type Product = z.infer<typeof ProductSchema>;
/** What a caller may write before defaults are applied. */
export type ProductInput = z.input<typeof ProductSchema>;

/** One thing a buyer can put in a cart: a variant, or the product itself when it has no variants. */
export interface Offer {
  sku: string;
  /** Display label, e.g. "Hộp 500 g"; the product name for a product without variants. */
  label: string;
  options: Record<string, string>;
  priceVnd: number;
  listPriceVnd?: number;
  stock: number;
  weightGrams: number;
  dimensionsCm?: { length: number; width: number; height: number };
  imageIndex?: number;
}

/** The sellable units of a product: its variants, or the product itself. Adapters iterate these. */
export function productOffers(product: Product): Offer[] {
  checkModelArgument(isPlainObject(product) && Array.isArray(product.variants), 'product', product, {
    vi: 'một sản phẩm (có variants)',
    en: 'a product (with variants)',
  });
  if (product.variants.length === 0) {
    return [
      {
        sku: product.sku,
        label: product.name,
        options: {},
        // ProductSchema guarantees these when there are no variants.
        priceVnd: product.priceVnd!,
        listPriceVnd: product.listPriceVnd,
        // A gift box without a figure: 0 until the ledger derives it from the components.
        stock: product.stock ?? 0,
        weightGrams: product.weightGrams!,
        dimensionsCm: product.dimensionsCm,
      },
    ];
  }
  return product.variants.map((v) => ({
    sku: v.sku,
    label: Object.values(v.options).join(' / '),
    options: v.options,
    priceVnd: v.priceVnd,
    listPriceVnd: v.listPriceVnd,
    stock: v.stock,
    weightGrams: v.weightGrams,
    dimensionsCm: v.dimensionsCm ?? product.dimensionsCm,
    imageIndex: v.imageIndex,
  }));
}
