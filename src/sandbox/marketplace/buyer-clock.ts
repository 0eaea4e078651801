/** Periodic simulated shoppers: buy a random approved in-stock variant, sometimes cancel an open order. */
import type { MarketplaceEngine } from './engine.js';
import { pick, type Random } from './rng.js';
import type { BuyerClockOptions } from './types.js';

const DEFAULT_CANCEL_RATE = 0.1;
const DEFAULT_MAX_QUANTITY = 2;

export class BuyerClock {
  readonly #engine: MarketplaceEngine;
  readonly #random: Random;
  #timer: NodeJS.Timeout | undefined;

  constructor(engine: MarketplaceEngine, random: Random) {
    this.#engine = engine;
    this.#random = random;
  }

  start(options: BuyerClockOptions): void {
    if (!(options.everyMs > 0)) throw new RangeError('everyMs must be > 0');
    this.stop();
    const cancelRate = options.cancelRate ?? DEFAULT_CANCEL_RATE;
    const maxQuantity = Math.max(1, options.maxQuantity ?? DEFAULT_MAX_QUANTITY);
    this.#timer = setInterval(() => this.#tick(cancelRate, maxQuantity, options.skus), options.everyMs);
    this.#timer.unref();
  }

  #tick(cancelRate: number, maxQuantity: number, skus: string[] | undefined): void {
    if (this.#random() < cancelRate) {
      const orderId = pick(this.#random, this.#engine.openOrderIds());
      if (orderId) {
        this.#engine.buyerCancel(orderId);
        return;
      }
    }
    const buyable = this.#engine.buyableSkus().filter((sku) => !skus || skus.includes(sku));
    const sku = pick(this.#random, buyable);
    if (!sku) return;
    const quantity = 1 + Math.floor(this.#random() * maxQuantity);
    // Asking for more than is left is realistic: the platform refuses and the attempt is counted.
    this.#engine.placeOrder({ sku, quantity });
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
