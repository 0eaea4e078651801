/**
 * Rows whose planning is in flight, at most `size` at once: a row waiting for its category's attributes
 * (a request, once per category) or the store no longer holds back every row behind it. The first
 * planning that throws is kept; `room` and `drain` throw it (planning already started still settles).
 */
export class PlanningWindow {
  readonly #size: number;
  #planning = 0;
  #failure: { error: unknown } | undefined;
  #slotFreed: (() => void) | undefined;

  constructor(size: number) {
    this.#size = size;
  }

  /** Holds one row's planning until it settles. */
  add(planning: Promise<void>): void {
    this.#planning++;
    planning
      .catch((error: unknown) => {
        this.#failure ??= { error };
      })
      .finally(() => {
        this.#planning--;
        const wake = this.#slotFreed;
        this.#slotFreed = undefined;
        wake?.();
      });
  }

  /** Resolves once another row may start planning; throws the first failure. */
  async room(): Promise<void> {
    while (this.#planning >= this.#size) await this.#nextSlot();
    if (this.#failure) throw this.#failure.error;
  }

  /** Resolves once every row's planning settled; throws the first failure. */
  async drain(): Promise<void> {
    while (this.#planning > 0) await this.#nextSlot();
    if (this.#failure) throw this.#failure.error;
  }

  #nextSlot(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#slotFreed = resolve;
    });
  }
}
