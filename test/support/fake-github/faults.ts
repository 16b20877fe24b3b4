/** One injected failure: the next `times` requests matching `match` get this response instead. */
export interface Fault {
  /** `METHOD /path` is tested against it; all requests when absent. */
  match?: RegExp;
  times: number;
  status: number;
  /** Seconds, sent as `retry-after` (secondary rate limits). */
  retryAfter?: number;
  message?: string;
  /**
   * Carry the request out first, then answer with the fault: GitHub applied the write and the
   * answer was lost (an ambiguous create).
   */
  apply?: boolean;
  /** Runs when the fault fires, before answering (e.g. a human deletes the comment meanwhile). */
  onHit?: () => void;
}

export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

/** Queue of faults consumed in order, so tests say "the next 3 writes get a 502". */
export class FaultPlan {
  private readonly queue: Fault[] = [];
  /** Requests answered with an injected fault, for assertions. */
  injected = 0;

  add(fault: Fault): void {
    this.queue.push({ ...fault });
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** The fault to answer `METHOD /path` with, if any (consumes one of its `times`). */
  take(request: string): Fault | undefined {
    const fault = this.queue.find((f) => f.times > 0 && (!f.match || f.match.test(request)));
    if (!fault) return undefined;
    fault.times--;
    this.injected++;
    return fault;
  }

  get pending(): number {
    return this.queue.reduce((n, f) => n + f.times, 0);
  }
}
