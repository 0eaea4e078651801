/**
 * The stateful marketplace shared by the Voso, Postmart and Shopee sandboxes: the listings side
 * (ListingBook: listings, stock, review) and, here, images, orders and the simulated buyers, with the
 * events that become webhooks. Platform-neutral; the dialects translate HTTP to these calls and back.
 */
import { randomBytes } from 'node:crypto';
import type { EngineConfig, OrderQuery } from './engine-config.js';
import { SandboxError } from './errors.js';
import { SandboxImageStore } from './image-store.js';
import { ListingBook } from './listing-book.js';
import { canTransition } from './order-transitions.js';
import { pick } from './rng.js';
import type {
  SandboxBuyer,
  SandboxCancelReason,
  SandboxImage,
  SandboxOrder,
  SandboxOrderStatus,
} from './shop-data.js';
import type { BuyerActionResult, PlaceOrderInput, PlaceOrderResult } from './types.js';

type StoredOrder = Omit<SandboxOrder, 'rawStatus'>;

const CANCELLABLE_BY_SELLER: readonly SandboxOrderStatus[] = [
  'UNPAID',
  'PENDING_CONFIRM',
  'CONFIRMED',
  'READY_TO_SHIP',
  'CANCEL_REQUESTED',
];

function vietnamDateStamp(epochMs: number): string {
  // Order numbers carry the Vietnam calendar day (UTC+7, no DST).
  const date = new Date(epochMs + 7 * 3600 * 1000);
  const yy = String(date.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(date.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

export class MarketplaceEngine extends ListingBook {
  readonly #images: SandboxImageStore;
  readonly #orders = new Map<string, StoredOrder>();
  #orderSequence = 0;

  constructor(config: EngineConfig) {
    super(config);
    this.#images = new SandboxImageStore(config);
  }

  /** What a sandbox lets its tests read (and the stock it lets them set), straight from the engine. */
  stateView() {
    return {
      listings: () => this.listings(),
      listingBySku: (sku: string) => this.listingBySku(sku),
      images: () => this.images(),
      imageBytes: (id: string) => this.imageBytes(id),
      orders: () => this.orders(),
      order: (id: string) => this.getOrder(id),
      stockOf: (sku: string) => this.stockOf(sku),
      setStock: (sku: string, stock: number) => this.setStockDirect(sku, stock),
    };
  }

  // ---------- images ----------

  uploadImage(bytes: Buffer): { image: SandboxImage; stored: boolean } {
    const result = this.#images.upload(bytes);
    if (result.stored) this.counters.imageUploads += 1;
    return result;
  }

  /** Stores an image as the seller centre would (no API image rules): for hand-made listings. */
  insertHandMadeImage(bytes: Buffer): SandboxImage {
    return this.#images.insertHandMade(bytes);
  }

  hasImage(id: string): boolean {
    return this.#images.has(id);
  }

  images(): SandboxImage[] {
    return this.#images.all();
  }

  imageBytes(id: string): Buffer | undefined {
    return this.#images.bytesOf(id);
  }

  // ---------- orders ----------

  #orderPublic(order: StoredOrder): SandboxOrder {
    return { ...structuredClone(order), rawStatus: this.config.rawOrderStatus[order.status] };
  }

  #setStatus(order: StoredOrder, next: SandboxOrderStatus): void {
    const previous = order.status;
    if (previous === next) return;
    if (!canTransition(previous, next)) {
      throw new SandboxError('invalid_state', `Không thể chuyển đơn từ ${previous} sang ${next}`, {
        orderStatus: previous,
      });
    }
    order.status = next;
    order.updatedAtMs = Math.max(this.now(), order.updatedAtMs);
    if (next === 'CANCELLED') this.#restock(order);
    this.emit({ type: 'ORDER_STATUS_CHANGED', order: this.#orderPublic(order), previousStatus: previous });
  }

  #restock(order: StoredOrder): void {
    for (const line of order.lines) {
      const found = this.variantBySku(line.sku);
      if (found)
        found.variant.stock = Math.min(this.config.rules.stockMax, found.variant.stock + line.quantity);
    }
  }

  #mustGetOrder(id: string): StoredOrder {
    const order = this.#orders.get(id);
    if (!order) throw new SandboxError('not_found', 'Không tìm thấy đơn hàng');
    return order;
  }

  getOrder(id: string): SandboxOrder | undefined {
    const order = this.#orders.get(id);
    return order ? this.#orderPublic(order) : undefined;
  }

  orders(): SandboxOrder[] {
    return [...this.#orders.values()].map((order) => this.#orderPublic(order));
  }

  listOrders(query: OrderQuery): { items: SandboxOrder[]; next: { updatedAtMs: number; id: string } | null } {
    const after = query.after;
    const matching = [...this.#orders.values()]
      .filter((order) => order.updatedAtMs >= query.fromMs && order.updatedAtMs < query.toMs)
      .filter((order) => query.status === null || order.status === query.status)
      .filter(
        (order) =>
          after === null ||
          order.updatedAtMs > after.updatedAtMs ||
          (order.updatedAtMs === after.updatedAtMs && order.id > after.id),
      )
      .sort((a, b) => a.updatedAtMs - b.updatedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const page = matching.slice(0, query.limit);
    const last = page[page.length - 1];
    const next =
      matching.length > query.limit && last ? { updatedAtMs: last.updatedAtMs, id: last.id } : null;
    return { items: page.map((order) => this.#orderPublic(order)), next };
  }

  confirmOrder(id: string): SandboxOrder {
    const order = this.#mustGetOrder(id);
    if (order.status !== 'CONFIRMED') {
      if (order.status !== 'PENDING_CONFIRM' && order.status !== 'CANCEL_REQUESTED') {
        throw new SandboxError('invalid_state', 'Trạng thái đơn không cho phép xác nhận', {
          orderStatus: order.status,
        });
      }
      this.#setStatus(order, 'CONFIRMED');
    }
    return this.#orderPublic(order);
  }

  cancelOrder(id: string, reasonCode: SandboxCancelReason, reason: string | null): SandboxOrder {
    const order = this.#mustGetOrder(id);
    if (order.status === 'CANCELLED') return this.#orderPublic(order);
    if (!CANCELLABLE_BY_SELLER.includes(order.status)) {
      throw new SandboxError('invalid_state', 'Trạng thái đơn không cho phép hủy', {
        orderStatus: order.status,
      });
    }
    order.cancelReasonCode = reasonCode;
    order.cancelReason = reason;
    order.cancelledBy = 'SELLER';
    this.#setStatus(order, 'CANCELLED');
    return this.#orderPublic(order);
  }

  shipOrder(id: string, carrierCode: string, trackingNumber: string): SandboxOrder {
    const order = this.#mustGetOrder(id);
    if (order.trackingNumber !== null) {
      const alreadyShipped = order.status === this.config.shipTarget || order.status === 'SHIPPED';
      if (order.trackingNumber === trackingNumber && alreadyShipped) return this.#orderPublic(order);
      throw new SandboxError('invalid_state', 'Đơn đã có mã vận đơn khác', { orderStatus: order.status });
    }
    if (!this.config.shipAllowedFrom.includes(order.status)) {
      throw new SandboxError('invalid_state', 'Trạng thái đơn không cho phép giao hàng', {
        orderStatus: order.status,
      });
    }
    order.carrierCode = carrierCode;
    order.trackingNumber = trackingNumber;
    this.#setStatus(order, this.config.shipTarget);
    return this.#orderPublic(order);
  }

  advanceOrder(id: string, status: SandboxOrderStatus): SandboxOrder {
    const order = this.#orders.get(id);
    if (!order) throw new Error(`Unknown order ${id}`);
    if (status === 'CANCELLED' && canTransition(order.status, 'CANCELLED')) {
      // A platform-side cancellation (unpaid timeout, fraud check) is the system's, not a party's.
      order.cancelledBy = 'SYSTEM';
      order.cancelReasonCode = 'OTHER';
      order.cancelReason = 'Hệ thống hủy đơn';
    }
    this.#setStatus(order, status);
    return this.#orderPublic(order);
  }

  // ---------- buyers ----------

  placeOrder(input: PlaceOrderInput): PlaceOrderResult {
    const quantity = input.quantity ?? 1;
    const found = this.variantBySku(input.sku);
    const reject = (
      reason: 'SKU_NOT_FOUND' | 'NOT_APPROVED' | 'OUT_OF_STOCK' | 'INVALID_QUANTITY',
    ): PlaceOrderResult => {
      this.counters.ordersRejected += 1;
      return { ok: false, reason, available: found?.variant.stock ?? 0 };
    };
    if (!Number.isInteger(quantity) || quantity < 1) return reject('INVALID_QUANTITY');
    if (!found) return reject('SKU_NOT_FOUND');
    if (found.listing.reviewStatus !== 'APPROVED') return reject('NOT_APPROVED');
    if (found.variant.stock < quantity) return reject('OUT_OF_STOCK');
    found.variant.stock -= quantity;
    const template = pick(this.config.random, this.config.buyers) ?? (this.config.buyers[0] as SandboxBuyer);
    const buyer: SandboxBuyer = {
      name: input.buyer?.name ?? template.name,
      phone: input.buyer?.phone ?? template.phone,
      address: { ...template.address, ...input.buyer?.address },
    };
    const now = this.now();
    this.#orderSequence += 1;
    const id = `${this.config.orderIdPrefix}${vietnamDateStamp(now)}${String(this.#orderSequence).padStart(7, '0')}`;
    const { listing, variant } = found;
    const variantName = variant.tierIndex
      .map((position, tier) => listing.tiers[tier]?.options[position] ?? '')
      .join(', ');
    const itemsTotalVnd = variant.priceVnd * quantity;
    const paymentMethod = input.paymentMethod ?? 'COD';
    const totalVnd = itemsTotalVnd + this.config.shippingFeeVnd;
    const order: StoredOrder = {
      id,
      status: paymentMethod === 'PREPAID' ? 'UNPAID' : 'PENDING_CONFIRM',
      paymentMethod,
      buyer,
      lines: [
        {
          listingId: listing.id,
          sku: variant.sku,
          title: listing.title,
          variantName,
          quantity,
          unitPriceVnd: variant.priceVnd,
        },
      ],
      itemsTotalVnd,
      shippingFeeVnd: this.config.shippingFeeVnd,
      totalVnd,
      codAmountVnd: paymentMethod === 'COD' ? totalVnd : 0,
      carrierCode: null,
      trackingNumber: null,
      cancelReasonCode: null,
      cancelReason: null,
      cancelledBy: null,
      note: input.note ?? '',
      createdAtMs: now,
      updatedAtMs: now,
    };
    this.#orders.set(id, order);
    this.counters.ordersPlaced += 1;
    this.emit({ type: 'ORDER_CREATED', order: this.#orderPublic(order) });
    if (paymentMethod === 'PREPAID' && input.paid !== false) this.#setStatus(order, 'PENDING_CONFIRM');
    return { ok: true, order: this.#orderPublic(order) };
  }

  buyerCancel(id: string): BuyerActionResult {
    const order = this.#orders.get(id);
    if (!order) return { ok: false, reason: 'ORDER_NOT_FOUND' };
    if (order.status === 'UNPAID' || order.status === 'PENDING_CONFIRM') {
      order.cancelReasonCode = 'BUYER_REQUEST';
      order.cancelReason = 'Người mua hủy đơn';
      order.cancelledBy = 'BUYER';
      this.#setStatus(order, 'CANCELLED');
    } else if (order.status === 'CONFIRMED' || order.status === 'READY_TO_SHIP') {
      this.#setStatus(order, 'CANCEL_REQUESTED');
    } else {
      return { ok: false, reason: `NOT_CANCELLABLE_${order.status}` };
    }
    return { ok: true, order: this.#orderPublic(order) };
  }

  buyerPay(id: string): BuyerActionResult {
    const order = this.#orders.get(id);
    if (!order) return { ok: false, reason: 'ORDER_NOT_FOUND' };
    if (order.status !== 'UNPAID') return { ok: false, reason: `NOT_UNPAID_${order.status}` };
    this.#setStatus(order, 'PENDING_CONFIRM');
    return { ok: true, order: this.#orderPublic(order) };
  }

  openOrderIds(): string[] {
    return [...this.#orders.values()]
      .filter((order) => ['UNPAID', 'PENDING_CONFIRM', 'CONFIRMED', 'READY_TO_SHIP'].includes(order.status))
      .map((order) => order.id);
  }

  static randomHex(bytes: number): string {
    return randomBytes(bytes).toString('hex');
  }
}
