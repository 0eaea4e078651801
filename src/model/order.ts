import { z } from 'zod';
import { AddressSchema } from './address.js';
import { checkModelArgument, isPlainObject } from './argument-check.js';
import {
  ExternalIdsSchema,
  InstantSchema,
  NonEmptyTextSchema,
  SkuSchema,
  VndAmountSchema,
} from './common.js';
import { PhoneTextSchema } from './product.js';
import { OrderStatusSchema } from './status.js';

/**
 * A phone number a marketplace shows only in part (Shopee and others mask the buyer's number, e.g.
 * `******678`, or with the country / network prefix shown: `84****1234`, `+84****1234`, `091****678`)
 * when the platform ships the parcel itself. Kept as given; it can never be used as a
 * receiver phone, so a carrier adapter refuses it before sending.
 */
export const MaskedPhoneTextSchema = z
  .string({ error: 'phone.format' })
  .regex(/^(?:\+?\d{1,4}\s?)?[*xX•]{2,}[\d\s*xX•]{0,10}\d{2,4}$/, { error: 'phone.format' });

export const BuyerSchema = z.object({
  name: NonEmptyTextSchema,
  /**
   * The buyer's number, the masked form the marketplace gives (`******678`), or absent when the
   * marketplace gives none (an empty field is "not given", not a malformed order).
   */
  phone: z.union([PhoneTextSchema, MaskedPhoneTextSchema], { error: 'phone.format' }).optional(),
  email: z.email().optional(),
});
export type Buyer = z.infer<typeof BuyerSchema>;

export const OrderLineSchema = z.object({
  sku: SkuSchema,
  name: NonEmptyTextSchema,
  quantity: z
    .number({ error: 'order.quantity' })
    .int({ error: 'order.quantity' })
    .positive({ error: 'order.quantity' }),
  unitPriceVnd: VndAmountSchema,
  weightGrams: z.number().int().positive().optional(),
  externalLineId: z.string().optional(),
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

export const PaymentMethodSchema = z.enum(['cod', 'prepaid']);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/** Amounts in VND. `codAmountVnd` is what the courier collects from the buyer (0 when prepaid). */
export const PaymentSchema = z
  .object({
    method: PaymentMethodSchema,
    subtotalVnd: VndAmountSchema,
    shippingFeeVnd: VndAmountSchema.default(0),
    discountVnd: VndAmountSchema.default(0),
    totalVnd: VndAmountSchema,
    codAmountVnd: VndAmountSchema.default(0),
  })
  .superRefine((p, ctx) => {
    if (p.method === 'prepaid' && p.codAmountVnd > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['codAmountVnd'],
        message: 'payment.cod_amount',
        input: p.codAmountVnd,
      });
    }
  });
export type Payment = z.infer<typeof PaymentSchema>;

export const OrderSchema = z.object({
  /** The marketplace that owns the order. */
  platform: z.string().min(1),
  /**
   * The seller account on that marketplace, set by the connector when it reads the order (adapters
   * leave it out). Two accounts of one marketplace are told apart by it.
   */
  account: z.string().min(1).optional(),
  /** The marketplace's order id. `platform` + `externalId` identify an order. */
  externalId: z.string().min(1),
  status: OrderStatusSchema,
  /** The platform's own status string, kept next to the canonical one. */
  rawStatus: z.string().optional(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  buyer: BuyerSchema,
  shippingAddress: AddressSchema,
  lines: z.array(OrderLineSchema).min(1, { error: 'order.lines_required' }),
  payment: PaymentSchema,
  note: z.string().optional(),
  /** Set once the parcel is handed to a carrier. */
  tracking: z.object({ carrier: z.string(), trackingNumber: z.string() }).optional(),
  externalIds: ExternalIdsSchema.default({}),
});
export type Order = z.infer<typeof OrderSchema>;
export type OrderInput = z.input<typeof OrderSchema>;

/** Stable key of an order across platforms, e.g. "voso:100234". */
export function orderKey(order: Pick<Order, 'platform' | 'externalId'>): string {
  checkModelArgument(
    isPlainObject(order) && typeof order.platform === 'string' && typeof order.externalId === 'string',
    'order',
    order,
    { vi: 'một đơn hàng (có platform, externalId)', en: 'an order (with platform, externalId)' },
  );
  return `${order.platform}:${order.externalId}`;
}

/** Why a seller cancels an order: the codes every marketplace of this library knows. */
export const CANCEL_REASONS = [
  'OUT_OF_STOCK',
  'BUYER_REQUEST',
  'WRONG_PRICE',
  'CANNOT_SHIP',
  'OTHER',
] as const;
export type CancelReasonCode = (typeof CANCEL_REASONS)[number];

/**
 * A cancel reason: a code, or a code with the text shown to the buyer. `OTHER` needs the text (the
 * platforms refuse it without one).
 */
export type CancelReason =
  | Exclude<CancelReasonCode, 'OTHER'>
  | { code: Exclude<CancelReasonCode, 'OTHER'>; note?: string }
  | { code: 'OTHER'; note: string };

export const CancelReasonSchema = z.union([
  z.enum(['OUT_OF_STOCK', 'BUYER_REQUEST', 'WRONG_PRICE', 'CANNOT_SHIP']),
  z.strictObject({
    code: z.enum(['OUT_OF_STOCK', 'BUYER_REQUEST', 'WRONG_PRICE', 'CANNOT_SHIP']),
    note: z.string().trim().min(1).max(255).optional(),
  }),
  z.strictObject({ code: z.literal('OTHER'), note: z.string().trim().min(1).max(255) }),
]);

/** The code and optional text of a cancel reason. */
export function cancelReasonParts(reason: CancelReason): { code: CancelReasonCode; note?: string } {
  return typeof reason === 'string' ? { code: reason } : reason;
}

/** Stable key of an order and the account it belongs to, e.g. "voso/htx-demo:VS2611270000001". */
export function accountOrderKey(order: Pick<Order, 'platform' | 'externalId'> & { account: string }): string {
  return `${order.platform}/${order.account}:${order.externalId}`;
}
