import { z } from 'zod';
import { AddressSchema } from './address.js';
import { checkModelArgument, MODEL_TEXT } from './argument-check.js';
import {
  ExternalIdsSchema,
  InstantSchema,
  NonEmptyTextSchema,
  VndAmountSchema,
  WeightGramsSchema,
} from './common.js';
import { PhoneTextSchema } from './product.js';
import { ShipmentStatusSchema } from './status.js';

export const ContactSchema = z.object({
  name: NonEmptyTextSchema,
  phone: PhoneTextSchema,
  email: z.email().optional(),
  address: AddressSchema,
});
export type Contact = z.infer<typeof ContactSchema>;

export const ParcelItemSchema = z.object({
  name: NonEmptyTextSchema,
  quantity: z.number().int().positive(),
  priceVnd: VndAmountSchema,
  weightGrams: WeightGramsSchema,
});
export type ParcelItem = z.infer<typeof ParcelItemSchema>;

/** What goes in the box: weight in whole grams, dimensions in whole centimetres, money in VND. */
export const ParcelSchema = z.object({
  weightGrams: WeightGramsSchema,
  lengthCm: z.number().int().min(0).default(0),
  widthCm: z.number().int().min(0).default(0),
  heightCm: z.number().int().min(0).default(0),
  /** Declared value of the goods (drives insurance). */
  declaredValueVnd: VndAmountSchema.default(0),
  kind: z.enum(['goods', 'document']).default('goods'),
  items: z.array(ParcelItemSchema).default([]),
  description: z.string().optional(),
});
export type Parcel = z.infer<typeof ParcelSchema>;
export type ParcelInput = z.input<typeof ParcelSchema>;

export const QuoteSchema = z.object({
  carrier: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  /** Total price the sender pays, VAT included. */
  totalVnd: VndAmountSchema,
  /** Committed delivery time in hours, when the carrier states it. */
  deliveryHours: z.number().positive().optional(),
  /** The carrier's own wording, e.g. "48 giờ". */
  deliveryText: z.string().optional(),
  chargeableWeightGrams: z.number().int().min(0).optional(),
  extraServices: z.array(z.object({ code: z.string(), name: z.string() })).default([]),
});
export type Quote = z.infer<typeof QuoteSchema>;

export const ShipmentFeesSchema = z.object({
  totalVnd: VndAmountSchema,
  freightVnd: VndAmountSchema.optional(),
  fuelSurchargeVnd: VndAmountSchema.optional(),
  codFeeVnd: VndAmountSchema.optional(),
  otherVnd: VndAmountSchema.optional(),
  valueAddedServicesVnd: VndAmountSchema.optional(),
  vatVnd: VndAmountSchema.optional(),
});
export type ShipmentFees = z.infer<typeof ShipmentFeesSchema>;

/**
 * The one rule for service codes (#16): carriers publish them in upper case (ViettelPost VCN, LCOD;
 * VNPost CTN001, ETN031), so a code is compared and sent trimmed and upper-cased — `ctn001` and
 * ` CTN001 ` are CTN001 — in `fulfil`, the carrier adapters and the CLI alike.
 */
export function normaliseServiceCode(code: string): string {
  checkModelArgument(typeof code === 'string', 'code', code, MODEL_TEXT);
  return code.trim().toUpperCase();
}

export const ShipmentSchema = z.object({
  carrier: z.string(),
  /** Our deterministic reference (sent as the carrier's partner reference, e.g. VTP ORDER_NUMBER). */
  reference: z.string().min(1),
  /** The carrier's waybill / tracking number; absent while status is WAYBILL_PENDING. */
  trackingNumber: z.string().optional(),
  status: ShipmentStatusSchema,
  rawStatus: z.union([z.string(), z.number()]).optional(),
  rawStatusLabel: z.string().optional(),
  serviceCode: z.string(),
  fees: ShipmentFeesSchema.optional(),
  codAmountVnd: VndAmountSchema.default(0),
  chargeableWeightGrams: z.number().int().min(0).optional(),
  estimatedDeliveryHours: z.number().optional(),
  sortCode: z.string().optional(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  externalIds: ExternalIdsSchema.default({}),
});
export type Shipment = z.infer<typeof ShipmentSchema>;

/** One status change reported by a carrier (webhook or poll), normalised. */
export const ShipmentEventSchema = z.object({
  carrier: z.string(),
  trackingNumber: z.string(),
  /** Our reference, when the carrier echoes it (VTP ORDER_REFERENCE). */
  reference: z.string().optional(),
  status: ShipmentStatusSchema,
  rawStatus: z.union([z.string(), z.number()]),
  rawStatusLabel: z.string().optional(),
  occurredAt: InstantSchema,
  location: z.string().optional(),
  note: z.string().optional(),
  reasonCode: z.string().optional(),
  codAmountVnd: VndAmountSchema.optional(),
  /** No further events follow a terminal status. */
  terminal: z.boolean(),
  /** Same value for redeliveries of the same event; use it to apply each change once. */
  dedupeKey: z.string(),
  /**
   * The carrier's date lay in the future beyond clock skew (VNPost: a 2099 `statusDate`): `occurredAt` is
   * a stand-in (receive time + skew), so this event is ordered by the carrier's status progression, never
   * by time, and it never makes a later genuine event "older".
   */
  futureDateClamped: z.boolean().optional(),
});
export type ShipmentEvent = z.infer<typeof ShipmentEventSchema>;
