/**
 * Graceful degradation when PostgreSQL goes away: a circuit breaker that answers 503 with
 * Retry-After instead of queueing requests on a dead database, and the last good answer of the
 * cacheable list endpoints. The breaker half-opens after its retry window, so the target
 * reconnects by itself when the database returns (unless the no-db-reconnect flaw is on).
 */

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown: pg_ctl stop
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '08000',
  '08001',
  '08003',
  '08006',
  '53300', // too_many_connections
]);
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error|not queryable|ECONNREFUSED/i;

/** True when an error means "the database is unreachable", not "this query is wrong". */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string; errors?: unknown[] } | undefined;
  if (!e) return false;
  if (e.code && CONNECTION_CODES.has(e.code)) return true;
  // AggregateError from a dual-stack connect attempt.
  if (Array.isArray(e.errors) && e.errors.some(isConnectionError)) return true;
  return CONNECTION_MESSAGES.test(e.message ?? '');
}

export class DatabaseBreaker {
  private openUntil = 0;
  private lost = false;

  constructor(
    private readonly retryMs: number,
    /** The no-db-reconnect flaw: once the database was lost, never try it again. */
    private readonly neverReconnect: boolean,
  ) {}

  /** Open: requests do not touch the database. After retryMs one may try again (half-open). */
  get open(): boolean {
    return this.lost || Date.now() < this.openUntil;
  }

  /** Seconds a client should wait, for Retry-After (at least 1). */
  retryAfter(): string {
    return String(Math.max(1, Math.ceil((this.lost ? this.retryMs : this.openUntil - Date.now()) / 1000)));
  }

  failure(): void {
    this.openUntil = Date.now() + this.retryMs;
    if (this.neverReconnect) this.lost = true;
  }

  success(): void {
    if (!this.lost) this.openUntil = 0;
  }
}

/** Paths whose last 200 answer may be served while the database is down (same data for every role). */
const CACHEABLE = new Set(['/api/companies']);
const MAX_ENTRIES = 50;

/** Last good JSON body per path + query, bounded. */
export class StaleCache {
  private readonly entries = new Map<string, string>();

  static cacheable(method: string, pathname: string): boolean {
    return method === 'GET' && CACHEABLE.has(pathname);
  }

  put(key: string, payload: string): void {
    this.entries.delete(key);
    this.entries.set(key, payload);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }
}
