import { HttpError, type RequestContext } from '../context.js';
import { parseId, type Route } from './route.js';

async function me(ctx: RequestContext): Promise<void> {
  const user = ctx.requireUser();
  ctx.send(200, { id: user.id, email: user.email, role: user.role });
}

/** Aggregates in SQL; the slow-dashboard flaw adds pg_sleep inside the same query, like a missing index would. */
async function dashboard(ctx: RequestContext): Promise<void> {
  ctx.requireUser();
  const slowSeconds = ctx.flaws.has('slow-dashboard') ? ctx.app.opts.slowMs / 1000 : 0;
  const query = ctx.flaws.has('pool-exhaustion') ? queryLeavingConnectionHeld : pooledQuery;
  const rows = await query(
    ctx,
    `SELECT c.companies, u.units, l.leased_units, l.monthly_rent_cents,
            CASE WHEN u.units = 0 THEN 0 ELSE round(l.leased_units::numeric / u.units, 4)::float8 END AS occupancy
     FROM (SELECT count(*)::int AS companies FROM companies) AS c,
          (SELECT count(*)::int AS units FROM units) AS u,
          (SELECT count(DISTINCT unit_id)::int AS leased_units,
                  coalesce(sum(monthly_rent_cents), 0)::float8 AS monthly_rent_cents FROM leases) AS l,
          (SELECT CASE WHEN $1::float8 > 0 THEN pg_sleep($1::float8) END) AS delay`,
    [slowSeconds],
  );
  ctx.send(200, rows[0]);
}

type Row = Record<string, number>;

async function pooledQuery(ctx: RequestContext, sql: string, params: unknown[]): Promise<Row[]> {
  return (await ctx.app.pool.query<Row>(sql, params)).rows;
}

/** How long the pool-exhaustion flaw keeps a dashboard's connection after answering. */
export const POOL_HOLD_MS = 3000;

/**
 * The pool-exhaustion flaw: the dashboard checks out its own connection and gives it back only
 * when a cleanup timer fires, long after the answer (a forgotten release). Under load the pool's
 * 10 connections are all held and every other query waits for one.
 */
async function queryLeavingConnectionHeld(
  ctx: RequestContext,
  sql: string,
  params: unknown[],
): Promise<Row[]> {
  const conn = await ctx.app.pool.connect();
  try {
    return (await conn.query<Row>(sql, params)).rows;
  } finally {
    setTimeout(() => conn.release(), POOL_HOLD_MS).unref();
  }
}

async function listUsers(ctx: RequestContext): Promise<void> {
  ctx.requireRole('ADMIN');
  const { rows } = await ctx.app.pool.query('SELECT id::int AS id, email, role FROM users ORDER BY id');
  ctx.send(200, { items: rows });
}

async function deleteUser(ctx: RequestContext, [id]: string[]): Promise<void> {
  ctx.requireRole('ADMIN');
  const userId = parseId(id);
  const { rowCount } = await ctx.app.pool.query('DELETE FROM users WHERE id = $1', [userId]);
  if (!rowCount) throw new HttpError(404, 'not found');
  ctx.app.sessions.revokeUser(userId);
  ctx.send(204);
}

export const accountRoutes: Route[] = [
  { method: 'GET', pattern: /^\/api\/me$/, handler: me },
  { method: 'GET', pattern: /^\/api\/dashboard$/, handler: dashboard },
  { method: 'GET', pattern: /^\/api\/users$/, handler: listUsers },
  { method: 'DELETE', pattern: /^\/api\/users\/([^/]+)$/, handler: deleteUser },
];
