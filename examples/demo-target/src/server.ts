import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, RequestContext, type AppState } from './context.js';
import { applyIndexFlaw, createPool } from './database.js';
import { DatabaseBreaker, isConnectionError, StaleCache } from './degradation.js';
import { parseFlaws } from './flaws.js';
import { FixedWindowLimiter, rateLimitHeaders } from './limiter.js';
import { createDemoMetrics } from './metrics.js';
import { resolveOptions, type DemoTargetOptions } from './options.js';
import { accountRoutes } from './routes/account.js';
import { authRoutes } from './routes/auth.js';
import { companyRoutes } from './routes/companies.js';
import { directoryPage } from './routes/directory.js';
import { leaseRoutes } from './routes/leases.js';
import type { Route } from './routes/route.js';
import { unitRoutes } from './routes/units.js';
import { SessionStore } from './sessions.js';
import { SuspendGuard } from './suspend-guard.js';

export { DEMO_FLAWS, type DemoFlaw } from './flaws.js';
export { setupDemoDatabase, DEMO_USERS, DEFAULT_USER_PASSWORD, type Role } from './database.js';
export { DEMO_PROFILES, type DemoProfile, type DemoTargetOptions } from './options.js';

export interface DemoTarget {
  url: string;
  port: number;
  close(): Promise<void>;
}

const ROUTES: Route[] = [...authRoutes, ...accountRoutes, ...companyRoutes, ...unitRoutes, ...leaseRoutes];

const HOME_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>demo-target</title></head>
<body><h1>demo-target</h1><p>A small property-management API for opsgate. See <code>/health</code> and <code>/api/*</code>.</p>
<p><a href="/directory?name=Acme">Company directory</a></p></body></html>
`;

function applyResponseHeaders(ctx: RequestContext): void {
  const { res, req, flaws } = ctx;
  res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  res.setHeader('Cache-Control', 'no-store');
  if (flaws.has('missing-headers')) {
    // What an unhardened Express app leaks: framework and version banners.
    res.setHeader('X-Powered-By', 'Express');
    res.setHeader('Server', 'demo-target/1.4.2');
  } else {
    res.setHeader('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
  }
  const origin = req.headers.origin;
  const allowed = flaws.has('cors-credentials-wildcard') ? origin : ctx.app.opts.corsOrigin;
  if (origin && allowed && origin === allowed) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  res.setHeader('Vary', 'Origin');
}

function sessionCookie(ctx: RequestContext): string {
  const value = `demo_session=${randomBytes(18).toString('base64url')}; Path=/`;
  return ctx.flaws.has('insecure-cookie') ? value : `${value}; HttpOnly; Secure; SameSite=Lax`;
}

/** Global limiter on /api/* (login has its own): keyed by a valid bearer token, else by the client IP. */
function applyRateLimit(ctx: RequestContext, token: string | undefined): void {
  if (ctx.flaws.has('no-rate-limit')) return;
  const bypass = ctx.app.opts.rateLimitBypassToken;
  if (bypass && ctx.req.headers['x-ratelimit-bypass'] === bypass) return;
  const key = ctx.user && token ? `token:${token}` : `ip:${ctx.req.socket.remoteAddress ?? 'unknown'}`;
  const state = ctx.app.apiLimiter.hit(key);
  const headers = rateLimitHeaders(state);
  for (const [name, value] of Object.entries(headers)) ctx.res.setHeader(name, value);
  if (state.limited) throw new HttpError(429, 'too many requests');
}

/**
 * Strict profile: one limiter per client IP that counts every request (logins, health checks,
 * 401s and 403s alike), with no bypass; only Retry-After is sent, as many real apps do.
 */
function applyIpRateLimit(ctx: RequestContext): void {
  if (ctx.flaws.has('no-rate-limit')) return;
  const state = ctx.app.apiLimiter.hit(`ip:${ctx.req.socket.remoteAddress ?? 'unknown'}`);
  if (state.limited)
    throw new HttpError(429, 'too many requests', { 'Retry-After': String(state.resetSeconds) });
}

async function handleApi(ctx: RequestContext): Promise<void> {
  const path = ctx.url.pathname;
  const auth = ctx.req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  if (token) ctx.user = ctx.app.sessions.get(token);
  if (path !== '/api/auth/login' && ctx.app.opts.profile !== 'strict') applyRateLimit(ctx, token);

  const candidates = ROUTES.map((route) => ({ route, match: route.pattern.exec(path) })).filter(
    (c) => c.match,
  );
  if (candidates.length === 0) throw new HttpError(404, 'not found');
  const hit = candidates.find((c) => c.route.method === ctx.req.method);
  if (!hit || !hit.match) {
    throw new HttpError(405, 'method not allowed', {
      Allow: candidates.map((c) => c.route.method).join(', '),
    });
  }
  if (!hit.route.public && !ctx.user)
    throw new HttpError(
      ctx.unauthenticatedStatus,
      token ? 'invalid or expired token' : 'authentication required',
    );
  await withDatabase(ctx, () => hit.route.handler(ctx, hit.match!.slice(1) as string[]));
}

/** Cache key of a cacheable answer: path and query (the same for every role). */
function cacheKey(ctx: RequestContext): string {
  return `${ctx.url.pathname}${ctx.url.search}`;
}

/**
 * Runs a database-backed handler behind the breaker: while it is open the database is not
 * touched (last good answer or 503 + Retry-After); a success closes it, a good list answer is kept.
 */
async function withDatabase(ctx: RequestContext, handler: () => Promise<void>): Promise<void> {
  const { breaker, cache } = ctx.app;
  const guarded = !ctx.flaws.has('crash-on-db-loss');
  if (guarded && breaker.open) return degraded(ctx);
  await handler();
  breaker.success();
  if (ctx.sentStatus === 200 && StaleCache.cacheable(ctx.req.method ?? '', ctx.url.pathname))
    cache.put(cacheKey(ctx), ctx.sentPayload);
}

/** The answer while the database is away: the last good copy, else 503 with Retry-After. */
function degraded(ctx: RequestContext): void {
  const cached = StaleCache.cacheable(ctx.req.method ?? '', ctx.url.pathname)
    ? ctx.app.cache.get(cacheKey(ctx))
    : undefined;
  if (cached !== undefined)
    return ctx.send(200, cached, { 'Content-Type': 'application/json; charset=utf-8', 'X-Cache': 'stale' });
  ctx.send(503, { error: 'database unavailable' }, { 'Retry-After': ctx.app.breaker.retryAfter() });
}

/** /health reports the database: 503 + Retry-After while it is away (a lying 200 hides outages). */
async function health(ctx: RequestContext): Promise<void> {
  if (!ctx.flaws.has('crash-on-db-loss') && ctx.app.breaker.open)
    return ctx.send(
      503,
      { status: 'degraded', database: 'down' },
      { 'Retry-After': ctx.app.breaker.retryAfter() },
    );
  await ctx.app.pool.query('SELECT 1');
  ctx.app.breaker.success();
  ctx.send(200, { status: 'ok' });
}

async function handle(ctx: RequestContext): Promise<void> {
  applyResponseHeaders(ctx);
  if (ctx.app.opts.profile === 'strict') applyIpRateLimit(ctx);
  const { pathname } = ctx.url;
  const method = ctx.req.method ?? 'GET';
  if (method === 'OPTIONS') return ctx.send(204, undefined, corsPreflightHeaders());
  if (pathname === '/health' && method === 'GET') return health(ctx);
  if (pathname === '/metrics' && method === 'GET')
    return ctx.send(200, await ctx.app.metrics.render(), { 'Content-Type': ctx.app.metrics.contentType });
  if (pathname === '/' && method === 'GET')
    return ctx.send(200, HOME_PAGE, { 'Set-Cookie': sessionCookie(ctx) });
  if (pathname === '/directory' && method === 'GET') return withDatabase(ctx, () => directoryPage(ctx));
  if (pathname.startsWith('/api/')) return handleApi(ctx);
  throw new HttpError(404, 'not found');
}

function corsPreflightHeaders(): Record<string, string> {
  return {
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
  };
}

function sendError(ctx: RequestContext, err: unknown): void {
  if (err instanceof HttpError) return ctx.send(err.status, { error: err.message }, err.headers);
  const code = (err as { code?: string }).code;
  if (code === '57014') return ctx.send(503, { error: 'query timed out' }); // statement_timeout
  if (isConnectionError(err) && !ctx.flaws.has('crash-on-db-loss')) {
    ctx.app.breaker.failure();
    if (ctx.url.pathname === '/health')
      return ctx.send(
        503,
        { status: 'degraded', database: 'down' },
        { 'Retry-After': ctx.app.breaker.retryAfter() },
      );
    return degraded(ctx);
  }
  // Message only: a stack or query text would leak internals to the client and secrets to logs.
  console.error(`demo-target: ${ctx.req.method} ${ctx.url.pathname} failed: ${(err as Error).message}`);
  ctx.send(500, { error: 'internal error' });
}

/** Starts the demo target on PostgreSQL; resolves once it accepts connections. */
export async function startDemoTarget(opts: DemoTargetOptions): Promise<DemoTarget> {
  const flaws = parseFlaws(opts.flaws);
  const resolved = resolveOptions(opts, flaws);
  const pool = createPool(
    opts.databaseUrl,
    Math.max(5000, resolved.slowMs + 5000),
    resolved.dbConnectTimeoutMs,
  );
  try {
    await pool.query('SELECT 1 FROM users LIMIT 1');
  } catch (err) {
    await pool.end();
    throw new Error(
      `demo-target cannot use its database (run with --setup first?): ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  try {
    await applyIndexFlaw(pool, flaws.has('missing-index'));
  } catch (err) {
    await pool.end();
    throw err;
  }
  const app: AppState = {
    pool,
    opts: resolved,
    sessions: new SessionStore(resolved.tokenTtlMs),
    loginLimiter: new FixedWindowLimiter(resolved.loginMaxFailures, resolved.loginWindowMs),
    apiLimiter: new FixedWindowLimiter(resolved.rateLimit, resolved.rateWindowMs),
    breaker: new DatabaseBreaker(resolved.dbRetryMs, flaws.has('no-db-reconnect')),
    cache: new StaleCache(),
    suspendGuard: new SuspendGuard(resolved.loginMaxFailures),
    metrics: createDemoMetrics(pool),
  };
  const sweeper = setInterval(() => {
    app.loginLimiter.sweep();
    app.apiLimiter.sweep();
    app.sessions.sweep();
  }, 60_000);
  sweeper.unref();

  const server = http.createServer((req, res) => {
    const ctx = new RequestContext(req, res, app);
    handle(ctx).catch((err: unknown) => sendError(ctx, err));
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => {
      closing ??= (async () => {
        clearInterval(sweeper);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await pool.end();
      })();
      return closing;
    },
  };
}
