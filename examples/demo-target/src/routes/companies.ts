import { HttpError, type RequestContext } from '../context.js';
import { pagination, parseId, requireString, type Route } from './route.js';

const COLUMNS = 'id::int AS id, name, created_at';

async function list(ctx: RequestContext): Promise<void> {
  const { limit, offset } = pagination(ctx.url);
  const { rows } = await ctx.app.pool.query(
    `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM companies ORDER BY id LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  const total = (rows[0] as { total?: number } | undefined)?.total ?? 0;
  ctx.send(200, { items: rows.map(({ total: _t, ...row }) => row), total, limit, offset });
}

async function get(ctx: RequestContext, [id]: string[]): Promise<void> {
  const { rows } = await ctx.app.pool.query(`SELECT ${COLUMNS} FROM companies WHERE id = $1`, [parseId(id)]);
  if (!rows[0]) throw new HttpError(404, 'not found');
  ctx.send(200, rows[0]);
}

async function create(ctx: RequestContext): Promise<void> {
  ctx.requireRole('MANAGER', 'ADMIN');
  const name = requireString(await ctx.jsonBody(), 'name');
  const { rows } = await ctx.app.pool.query(`INSERT INTO companies (name) VALUES ($1) RETURNING ${COLUMNS}`, [
    name,
  ]);
  ctx.send(201, rows[0]);
}

async function update(ctx: RequestContext, [id]: string[]): Promise<void> {
  ctx.requireRole('MANAGER', 'ADMIN');
  const companyId = parseId(id);
  const name = requireString(await ctx.jsonBody(), 'name');
  const { rows } = await ctx.app.pool.query(
    `UPDATE companies SET name = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
    [companyId, name],
  );
  if (!rows[0]) throw new HttpError(404, 'not found');
  ctx.send(200, rows[0]);
}

/** ADMIN only; the viewer-can-delete flaw lets any role through (the classic missing server-side check). */
async function remove(ctx: RequestContext, [id]: string[]): Promise<void> {
  if (ctx.flaws.has('viewer-can-delete')) ctx.requireUser();
  else ctx.requireRole('ADMIN');
  const { rowCount } = await ctx.app.pool.query('DELETE FROM companies WHERE id = $1', [parseId(id)]);
  if (!rowCount) throw new HttpError(404, 'not found');
  ctx.send(204);
}

export const companyRoutes: Route[] = [
  { method: 'GET', pattern: /^\/api\/companies$/, handler: list },
  { method: 'POST', pattern: /^\/api\/companies$/, handler: create },
  { method: 'GET', pattern: /^\/api\/companies\/([^/]+)$/, handler: get },
  { method: 'PUT', pattern: /^\/api\/companies\/([^/]+)$/, handler: update },
  { method: 'DELETE', pattern: /^\/api\/companies\/([^/]+)$/, handler: remove },
];
