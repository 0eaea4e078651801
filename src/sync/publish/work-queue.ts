interface RoomWaiter {
  below: number;
  resolve: () => void;
}

/**
 * A small bounded-concurrency queue: at most `concurrency` tasks run at once, the rest wait in FIFO
 * order. One per platform, so a slow platform never holds back a fast one.
 */
export class WorkQueue {
  readonly #concurrency: number;
  #running = 0;
  readonly #waiting: Array<() => void> = [];
  #idleWaiters: Array<() => void> = [];
  #roomWaiters: RoomWaiter[] = [];

  constructor(concurrency: number) {
    this.#concurrency = Math.max(1, Math.floor(concurrency));
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `task` when a slot is free; resolves or rejects with the task. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.#running++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.#running--;
            const next = this.#waiting.shift();
            if (next) next();
            else if (this.#running === 0) this.#notifyIdle();
            this.#notifyRoom();
          });
      };
      if (this.#running < this.#concurrency) start();
      else this.#waiting.push(start);
    });
  }

  /** Resolves when nothing runs and nothing waits. */
  onIdle(): Promise<void> {
    if (this.#running === 0 && this.#waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Resolves once fewer than `below` tasks wait: lets a producer slow down instead of piling up work. */
  waitForRoom(below: number): Promise<void> {
    if (this.#waiting.length < below) return Promise.resolve();
    return new Promise((resolve) => this.#roomWaiters.push({ below, resolve }));
  }

  #notifyRoom(): void {
    if (this.#roomWaiters.length === 0) return;
    const stillWaiting: RoomWaiter[] = [];
    for (const waiter of this.#roomWaiters) {
      if (this.#waiting.length < waiter.below) waiter.resolve();
      else stillWaiting.push(waiter);
    }
    this.#roomWaiters = stillWaiting;
  }

  #notifyIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
