import { appendFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import type { ResolvedOptions } from './options.js';
import type { SessionStore, SessionUser } from './sessions.js';
import type { DatabaseBreaker, StaleCache } from './degradation.js';
import type { FixedWindowLimiter } from './limiter.js';
import { routeLabel, type DemoMetrics } from './metrics.js';
import type { SuspendGuard } from './suspend-guard.js';

/** Thrown by handlers to answer with a JSON error; anything else becomes a 500 without details. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Everything one target instance shares between requests. */
export interface AppState {
  pool: pg.Pool;
  opts: ResolvedOptions;
  sessions: SessionStore;
  loginLimiter: FixedWindowLimiter;
  apiLimiter: FixedWindowLimiter;
  breaker: DatabaseBreaker;
  cache: StaleCache;
  /** Strict profile: suspend-on-N-attempts login guard. */
  suspendGuard: SuspendGuard;
  /** What GET /metrics exposes (prom-client). */
  metrics: DemoMetrics;
}

const MAX_BODY_BYTES = 64 * 1024;

/** One request: parsed URL, the caller once authenticated, and the single place responses are sent. */
export class RequestContext {
  readonly url: URL;
  readonly started = performance.now();
  user: SessionUser | undefined;
  /** What was sent (status and body), so a good answer can be cached. */
  sentStatus = 0;
  sentPayload = '';
  private sent = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly app: AppState,
  ) {
    this.url = new URL(req.url ?? '/', 'http://127.0.0.1');
  }

  /** The strict profile answers 403 to unauthenticated calls, as some frameworks do. */
  get unauthenticatedStatus(): number {
    return this.app.opts.profile === 'strict' ? 403 : 401;
  }

  get flaws(): ReadonlySet<string> {
    return this.app.opts.flaws;
  }

  requireUser(): SessionUser {
    if (!this.user) throw new HttpError(this.unauthenticatedStatus, 'authentication required');
    return this.user;
  }

  requireRole(...roles: string[]): SessionUser {
    const user = this.requireUser();
    if (!roles.includes(user.role)) throw new HttpError(403, 'forbidden');
    return user;
  }

  async jsonBody(): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
      chunks.push(chunk as Buffer);
    }
    if (size === 0) return {};
    try {
      const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      // fall through to the 400 below
    }
    throw new HttpError(400, 'body must be a JSON object');
  }

  send(status: number, body?: unknown, headers: Record<string, string> = {}): void {
    if (this.sent) return;
    this.sent = true;
    const isHtml = typeof body === 'string';
    const payload = body === undefined ? '' : isHtml ? body : JSON.stringify(body);
    if (payload)
      headers['Content-Type'] ??= isHtml ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
    this.sentStatus = status;
    this.sentPayload = payload;
    // Logged before the response leaves, so a test that reads the log after the reply always sees it.
    this.log(status);
    const seconds = (performance.now() - this.started) / 1000;
    this.app.metrics.observe(
      this.req.method ?? 'GET',
      routeLabel(this.url.pathname, status),
      status,
      seconds,
    );
    this.res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(payload)) });
    this.res.end(payload);
  }

  private log(status: number): void {
    const file = this.app.opts.requestLogPath;
    if (!file) return;
    const line = {
      ts: new Date().toISOString(),
      method: this.req.method ?? 'GET',
      path: this.url.pathname, // never the query string: it could carry secrets
      status,
      role: this.user?.role ?? null,
      ms: Math.round((performance.now() - this.started) * 10) / 10,
    };
    try {
      appendFileSync(file, JSON.stringify(line) + '\n');
    } catch {
      // an unwritable log must not take the API down
    }
  }
}
