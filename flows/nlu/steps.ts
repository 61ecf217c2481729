/**
 * Training is written as generators that yield between units of work (one intent's solver, a batch of
 * phrases), so one implementation serves two drivers: {@link runToEnd} in one go, and {@link runInSlices},
 * which gives the event loop a turn whenever a slice of `sliceMs` has passed.
 */
export type Steps<T> = Generator<void, T, void>;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export async function runInSlices<T>(steps: Steps<T>, sliceMs = 20): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
