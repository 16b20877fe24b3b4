import type pg from 'pg';
import { quoteIdent } from './connection.js';

/** Per-table exact row counts, keyed `schema.table`. */
export type RowCounts = Record<string, number>;

/** User tables (ordinary and partitioned), as `schema.table`, sorted. */
export async function listTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
      ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** `users` → `public.users`; `app.users` stays. */
export function qualifyTable(name: string): string {
  return name.includes('.') ? name : `public.${name}`;
}

/**
 * Exact `count(*)` per table (statistics are estimates and would hide a lost row). Run inside
 * the caller's transaction so all counts see one snapshot. A missing table counts as -1.
 */
export async function countRows(client: pg.ClientBase, tables: string[]): Promise<RowCounts> {
  const existing = new Set(await listTables(client));
  const counts: RowCounts = {};
  for (const table of tables.map(qualifyTable)) {
    if (!existing.has(table)) {
      counts[table] = -1;
      continue;
    }
    const [schema, ...rest] = table.split('.');
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::bigint AS n FROM ${quoteIdent(schema!)}.${quoteIdent(rest.join('.'))}`,
    );
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}
