import { HttpError, type RequestContext } from '../context.js';
import { parseId, requireCents, requireString, type Route } from './route.js';

const COLUMNS =
  'id::int AS id, unit_id::int AS unit_id, owner_id::int AS owner_id, tenant, monthly_rent_cents::int AS monthly_rent_cents, created_at';

/**
 * Whether the caller may see every lease. Non-owners get 404, not 403, on purpose: the API hides
 * that a lease exists. The idor flaw drops the ownership check entirely.
 */
function seesAll(ctx: RequestContext): boolean {
  return ctx.requireUser().role === 'ADMIN' || ctx.flaws.has('idor');
}

/** Own leases (ADMIN: all); the idor flaw drops the owner filter here too. `?tenant=` narrows by tenant. */
async function list(ctx: RequestContext): Promise<void> {
  const user = ctx.requireUser();
  const tenant = ctx.url.searchParams.get('tenant');
  const { rows } = await ctx.app.pool.query(
    `SELECT ${COLUMNS} FROM leases WHERE ($1 OR owner_id = $2) AND ($3::text IS NULL OR tenant = $3)
     ORDER BY id LIMIT 500`,
    [seesAll(ctx), user.id, tenant],
  );
  ctx.send(200, { items: rows });
}

async function create(ctx: RequestContext): Promise<void> {
  const user = ctx.requireRole('MANAGER', 'ADMIN');
  const body = await ctx.jsonBody();
  const unitId = typeof body.unit_id === 'number' && Number.isSafeInteger(body.unit_id) ? body.unit_id : NaN;
  if (!(unitId > 0)) throw new HttpError(400, 'unit_id must be a positive integer');
  const tenant = requireString(body, 'tenant');
  const rent = requireCents(body, 'monthly_rent_cents');
  const strict = ctx.app.opts.profile === 'strict';
  // Strict profile: the client names the owner, which must be the caller (a user id fixtures must fill).
  if (strict && body.owner_id !== user.id)
    throw new HttpError(
      400,
      `owner_id must be the caller's user id (got ${JSON.stringify(body.owner_id ?? null)})`,
    );
  const { rows } = await ctx.app.pool.query(
    `INSERT INTO leases (unit_id, owner_id, tenant, monthly_rent_cents)
     SELECT id, $2, $3, $4 FROM units WHERE id = $1 RETURNING ${COLUMNS}`,
    [unitId, user.id, tenant, rent],
  );
  if (!rows[0]) throw new HttpError(400, 'unit_id does not name an existing unit');
  // Strict profile: 204 without a body or Location; the client finds the lease in its list.
  if (strict) return ctx.send(204);
  ctx.send(201, rows[0]);
}

async function get(ctx: RequestContext, [id]: string[]): Promise<void> {
  const { rows } = await ctx.app.pool.query(
    `SELECT ${COLUMNS} FROM leases WHERE id = $1 AND ($2 OR owner_id = $3)`,
    [parseId(id), seesAll(ctx), ctx.requireUser().id],
  );
  if (!rows[0]) throw new HttpError(404, 'not found');
  ctx.send(200, rows[0]);
}

async function update(ctx: RequestContext, [id]: string[]): Promise<void> {
  const leaseId = parseId(id);
  const all = seesAll(ctx);
  const body = await ctx.jsonBody();
  const tenant = body.tenant === undefined ? null : requireString(body, 'tenant');
  const rent = body.monthly_rent_cents === undefined ? null : requireCents(body, 'monthly_rent_cents');
  const { rows } = await ctx.app.pool.query(
    `UPDATE leases SET tenant = coalesce($4, tenant), monthly_rent_cents = coalesce($5, monthly_rent_cents)
     WHERE id = $1 AND ($2 OR owner_id = $3) RETURNING ${COLUMNS}`,
    [leaseId, all, ctx.requireUser().id, tenant, rent],
  );
  if (!rows[0]) throw new HttpError(404, 'not found');
  ctx.send(200, rows[0]);
}

async function remove(ctx: RequestContext, [id]: string[]): Promise<void> {
  const { rowCount } = await ctx.app.pool.query(
    'DELETE FROM leases WHERE id = $1 AND ($2 OR owner_id = $3)',
    [parseId(id), seesAll(ctx), ctx.requireUser().id],
  );
  if (!rowCount) throw new HttpError(404, 'not found');
  ctx.send(204);
}

export const leaseRoutes: Route[] = [
  { method: 'GET', pattern: /^\/api\/leases$/, handler: list },
  { method: 'POST', pattern: /^\/api\/leases$/, handler: create },
  { method: 'GET', pattern: /^\/api\/leases\/([^/]+)$/, handler: get },
  { method: 'PUT', pattern: /^\/api\/leases\/([^/]+)$/, handler: update },
  { method: 'DELETE', pattern: /^\/api\/leases\/([^/]+)$/, handler: remove },
];
