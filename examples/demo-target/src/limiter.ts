/** Result of one limiter decision, with what the IETF RateLimit-* headers report. */
export interface LimitState {
  limited: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/**
 * Fixed-window counter per key (the same model as express-rate-limit's memory store):
 * the window starts with the first counted hit and resets as a whole.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private current(key: string, now: number): { count: number; resetAt: number } {
    const win = this.windows.get(key);
    if (win && win.resetAt > now) return win;
    const fresh = { count: 0, resetAt: now + this.windowMs };
    this.windows.set(key, fresh);
    return fresh;
  }

  private state(win: { count: number; resetAt: number }, limited: boolean, now: number): LimitState {
    return {
      limited,
      limit: this.limit,
      remaining: Math.max(0, this.limit - win.count),
      resetSeconds: Math.max(1, Math.ceil((win.resetAt - now) / 1000)),
    };
  }

  /** Looks without counting: used by the login limiter, which only counts failures. */
  peek(key: string, now = Date.now()): LimitState {
    const win = this.current(key, now);
    return this.state(win, win.count >= this.limit, now);
  }

  /** Counts one hit; limited once the count would exceed the limit. */
  hit(key: string, now = Date.now()): LimitState {
    const win = this.current(key, now);
    if (win.count >= this.limit) return this.state(win, true, now);
    win.count++;
    return this.state(win, false, now);
  }

  /** Forgets a key's window (admin unlock). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  /** Drops expired windows so a flood of distinct keys cannot grow memory forever. */
  sweep(now = Date.now()): void {
    for (const [key, win] of this.windows) if (win.resetAt <= now) this.windows.delete(key);
  }
}

export function rateLimitHeaders(state: LimitState): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
  };
  if (state.limited) headers['Retry-After'] = String(state.resetSeconds);
  return headers;
}
