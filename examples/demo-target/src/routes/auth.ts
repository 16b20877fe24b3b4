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
  const limiter = ctx.app.loginLimiter;
  if (limiterOn) {
    const state = limiter.peek(email);
    if (state.limited) throw new HttpError(429, 'too many failed login attempts', rateLimitHeaders(state));
  }

  const { rows } = await ctx.app.pool.query<{ id: string; email: string; role: Role; password_hash: string }>(
    'SELECT id, email, role, password_hash FROM users WHERE email = $1',
    [email],
  );
  const user = rows[0];
  const ok = await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !ok) {
    const headers = limiterOn ? rateLimitHeaders({ ...limiter.hit(email), limited: false }) : {};
    throw new HttpError(401, 'invalid email or password', headers);
  }
  const token = ctx.app.sessions.create({ id: Number(user.id), email: user.email, role: user.role });
  const headers = limiterOn ? rateLimitHeaders(limiter.peek(email)) : {};
  ctx.send(200, { token, role: user.role, expiresIn: Math.round(ctx.app.sessions.ttlMs / 1000) }, headers);
}

export const authRoutes: Route[] = [
  { method: 'POST', pattern: /^\/api\/auth\/login$/, public: true, handler: login },
];
