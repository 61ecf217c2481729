/**
 * Skips a failing dependency for a while: after `threshold` consecutive failures the circuit opens for
 * `cooldownMs`; then one trial call is let through (half-open) and its outcome closes or reopens it.
 * Per process on purpose: each instance judges the model's health from its own calls.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trial = false;

  constructor(
    private readonly options: { threshold: number; cooldownMs: number; now?: () => number } = { threshold: 3, cooldownMs: 30000 },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  /** Whether a call may go ahead now; in half-open state only one at a time. */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trial) return false;
    this.trial = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trial = false;
  }

  failure(): void {
    this.failures += 1;
    if (this.trial || this.failures >= this.options.threshold) this.openedAt = this.now();
    this.trial = false;
  }
}
