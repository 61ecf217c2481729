/** Counts running turns so shutdown can wait for them to finish. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  async track<T>(task: () => Promise<T>): Promise<T> {
    this.count += 1;
    try {
      return await task();
    } finally {
      this.count -= 1;
      if (this.count === 0) this.waiters.splice(0).forEach((wake) => wake());
    }
  }

  /** Resolves true when idle, false when the timeout passed first. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  get active(): number {
    return this.count;
  }
}
