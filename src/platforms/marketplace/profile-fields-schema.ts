import { z } from 'zod';
import { jsonPath as path } from './profile-schema-primitives.js';

/** Where each canonical field sits in a platform's JSON (listings, orders, categories, bulk bodies). */

const ListingFieldsSchema = z.strictObject({
  id: path,
  sku: path,
  title: path,
  description: path,
  categoryId: path,
  attributes: path,
  imageIds: path,
  weightGrams: path,
  lengthCm: path,
  widthCm: path,
  heightCm: path,
  tiers: path,
  variants: path,
  reviewStatus: path,
  rejectReasons: path,
  url: path.optional(),
  /** Image URLs in listing answers (read only), in the order of `imageIds`. */
  imageUrls: path.optional(),
});

const AttributesStyleSchema = z.discriminatedUnion('style', [
  z.strictObject({
    style: z.literal('array'),
    code: path,
    /** May index into an array of objects: `attribute_value_list[0].original_value_name`. */
    value: path,
    /** The platform's attribute codes are numbers (Shopee `attribute_id`). @default false */
    numericCode: z.boolean().default(false),
  }),
  z.strictObject({ style: z.literal('object') }),
]);

const OrderFieldsSchema = z.strictObject({
  id: path,
  status: path,
  paymentMethod: path,
  buyer: path,
  address: path,
  lines: path,
  subtotalVnd: path,
  shippingFeeVnd: path,
  totalVnd: path,
  codAmountVnd: path,
  discountVnd: path.optional(),
  carrier: path,
  trackingNumber: path,
  note: path.optional(),
  createdAt: path,
  updatedAt: path,
});

export const FieldMapSchema = z.strictObject({
  listing: ListingFieldsSchema,
  tier: z.strictObject({ name: path, options: path }),
  variant: z.strictObject({
    id: path,
    sku: path,
    tierIndex: path,
    priceVnd: path,
    stock: path,
    listPriceVnd: path.optional(),
  }),
  rejectReason: z.strictObject({ code: path, message: path }),
  attributes: AttributesStyleSchema,
  /**
   * `leaf` (true on a leaf) or `hasChildren` (true on a parent, Shopee) tells leaves apart. `parentId`
   * is where a category names its parent; `null` (or left out) when the tree does not say it on each
   * category: the parent then comes from where the category sits — nested under `childrenPath`
   * (Lazada's `category/tree/get`) or asked for by parent (level by level).
   */
  category: z.strictObject({
    id: path,
    name: path,
    parentId: z
      .string()
      .min(1, {
        error:
          "'' sẽ đọc chính danh mục làm danh mục cha; hãy đưa đường dẫn tới mã danh mục cha, hoặc null khi danh mục cha lấy từ cấu trúc lồng nhau / '' would read the category itself as its parent; give the parent id's path, or null when the parent comes from nesting",
      })
      .nullable()
      .optional(),
    leaf: path.optional(),
    hasChildren: path.optional(),
  }),
  categoryAttribute: z.strictObject({
    code: path,
    name: path,
    required: path,
    type: path,
    options: path.optional(),
    /** When options are objects (`[{ value_id, original_value_name }]`), the path of each one's value. */
    optionValue: path.optional(),
    min: path.optional(),
    max: path.optional(),
  }),
  /** Platform attribute type names. A NUMBER attribute is sent as a JSON number. */
  attributeTypes: z.strictObject({ number: z.array(z.string()), enum: z.array(z.string()) }),
  image: z.strictObject({ id: path, url: path.optional() }),
  order: OrderFieldsSchema,
  buyer: z.strictObject({ name: path, phone: path, email: path.optional() }),
  /** Relative to `order.address`. Omit `district` for 2-level (post-2025) addresses. */
  address: z.strictObject({ province: path, district: path.optional(), ward: path, street: path.optional() }),
  orderLine: z.strictObject({
    sku: path,
    name: path,
    variantName: path.optional(),
    quantity: path,
    unitPriceVnd: path,
    lineId: path.optional(),
  }),
  /** Bodies of markShipped and cancelOrder. */
  ship: z.strictObject({ carrier: path, trackingNumber: path }),
  cancel: z.strictObject({ reasonCode: path, reason: path }),
  bulk: z.strictObject({
    /** Request: `{ <items>: [{ <sku>, <stock>|<priceVnd> }] }`. */
    items: path,
    sku: path,
    stock: path,
    priceVnd: path,
    listPriceVnd: path.optional(),
    /** Response (inside the envelope data). */
    results: path,
    success: path,
    errorCode: path,
    message: path,
  }),
});
export type FieldMap = z.infer<typeof FieldMapSchema>;
