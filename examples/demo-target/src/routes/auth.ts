import { HttpError, type RequestContext } from '../context.js';
import type { Role } from '../database.js';
import { rateLimitHeaders } from '../limiter.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../passwords.js';
import type { Route } from './route.js';

/**
 * POST /api/auth/login. The limiter counts only failed attempts per email (skipSuccessfulRequests
 * semantics): a success neither counts nor resets, and a locked email gets 429 even with the right password.
 */
async function login(ctx: RequestContext): Promise<void> {
  const body = await ctx.jsonBody();
  const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
  const password = typeof body.password === 'string' ? body.password : '';
  if (!email || !password) throw new HttpError(400, 'email and password are required');

  const limiterOn = !ctx.flaws.has('no-login-limit');
  if (ctx.app.opts.profile === 'strict') return strictLogin(ctx, email, password, limiterOn);
  const limiter = ctx.app.loginLimiter;
  if (limiterOn) {
    const state = limiter.peek(email);
    if (state.limited) throw new HttpError(429, 'too many failed login attempts', rateLimitHeaders(state));
  }

  const user = await findUser(ctx, email);
  const ok = await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !ok) {
    const headers = limiterOn ? rateLimitHeaders({ ...limiter.hit(email), limited: false }) : {};
    throw new HttpError(401, 'invalid email or password', headers);
  }
  const token = ctx.app.sessions.create({ id: Number(user.id), email: user.email, role: user.role });
  const headers = limiterOn ? rateLimitHeaders(limiter.peek(email)) : {};
  ctx.send(200, { token, role: user.role, expiresIn: Math.round(ctx.app.sessions.ttlMs / 1000) }, headers);
}

async function findUser(ctx: RequestContext, email: string) {
  const { rows } = await ctx.app.pool.query<{ id: string; email: string; role: Role; password_hash: string }>(
    'SELECT id, email, role, password_hash FROM users WHERE email = $1',
    [email],
  );
  return rows[0];
}

/** Strict profile: suspend on the attempt after N since the last success; 401 for all of them. */
async function strictLogin(
  ctx: RequestContext,
  email: string,
  password: string,
  guardOn: boolean,
): Promise<void> {
  const guard = ctx.app.suspendGuard;
  const admitted = !guardOn || guard.admit(email);
  const user = await findUser(ctx, email);
  const ok = await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH_PROMISE));
  // Suspended accounts look exactly like a wrong password: the CMS gives nothing away.
  if (!admitted || !user || !ok) throw new HttpError(401, 'invalid email or password');
  guard.succeeded(email);
  const token = ctx.app.sessions.create({ id: Number(user.id), email: user.email, role: user.role });
  ctx.send(200, {
    token,
    user: { id: Number(user.id), email: user.email, role: user.role },
    expiresIn: Math.round(ctx.app.sessions.ttlMs / 1000),
  });
}

/** POST /api/admin/unlock {email}: ADMIN re-activates a suspended or rate-limited account. */
async function unlock(ctx: RequestContext): Promise<void> {
  ctx.requireRole('ADMIN');
  const body = await ctx.jsonBody();
  const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
  if (!email) throw new HttpError(400, 'email is required');
  if (!(await findUser(ctx, email))) throw new HttpError(404, 'not found');
  ctx.app.suspendGuard.reactivate(email);
  ctx.app.loginLimiter.reset(email);
  ctx.send(204);
}

export const authRoutes: Route[] = [
  { method: 'POST', pattern: /^\/api\/auth\/login$/, public: true, handler: login },
  { method: 'POST', pattern: /^\/api\/admin\/unlock$/, handler: unlock },
];
