import { HttpError, type RequestContext } from '../context.js';
import { pagination, parseId, type Route } from './route.js';

const COLUMNS =
  'id::int AS id, company_id::int AS company_id, name, area_m2::float8 AS area_m2, rent_cents::int AS rent_cents';

async function list(ctx: RequestContext): Promise<void> {
  const { limit, offset } = pagination(ctx.url);
  const companyParam = ctx.url.searchParams.get('company_id');
  if (companyParam !== null && !/^\d{1,15}$/.test(companyParam))
    throw new HttpError(400, 'company_id must be an integer');
  const { rows } = await ctx.app.pool.query(
    `SELECT ${COLUMNS} FROM units WHERE ($1::bigint IS NULL OR company_id = $1) ORDER BY id LIMIT $2 OFFSET $3`,
    [companyParam === null ? null : Number(companyParam), limit, offset],
  );
  ctx.send(200, { items: rows, limit, offset });
}

async function get(ctx: RequestContext, [id]: string[]): Promise<void> {
  const { rows } = await ctx.app.pool.query(`SELECT ${COLUMNS} FROM units WHERE id = $1`, [parseId(id)]);
  if (!rows[0]) throw new HttpError(404, 'not found');
  ctx.send(200, rows[0]);
}

export const unitRoutes: Route[] = [
  { method: 'GET', pattern: /^\/api\/units$/, handler: list },
  { method: 'GET', pattern: /^\/api\/units\/([^/]+)$/, handler: get },
];
