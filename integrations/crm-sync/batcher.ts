/**
 * Coalesces calls made in the same tick into one batch call (DataLoader-style): with many concurrent jobs,
 * one database round trip serves them all. `run` returns one result per input, same order.
 */
export class MicroBatcher<In, Out> {
  private pending: { input: In; resolve: (v: Out) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 200,
  ) {}

  call(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.run(batch.map((b) => b.input)).then(
      (results) => batch.forEach((b, i) => b.resolve(results[i])),
      (error) => batch.forEach((b) => b.reject(error)),
    );
  }
}
