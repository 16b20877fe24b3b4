import pg from 'pg';
import type { ComparisonOp, RestoreConfig } from '../../core/config/sections/restore.js';
import { countRows, listTables, qualifyTable, type RowCounts } from '../../engines/postgres/row-counts.js';

/** One declared assertion, evaluated on the restored database. */
export interface AssertionResult {
  name: string;
  sql: string;
  op: ComparisonOp;
  expected: number | string | boolean;
  actual: number | string | boolean | null;
  ok: boolean;
  severity: 'low' | 'medium' | 'high' | 'critical';
  error?: string;
}

/** A table's row count in the restored database vs the backup's (or the source's). */
export interface RowCountResult {
  table: string;
  /** -1 when the table is missing on that side. */
  expected: number;
  actual: number;
  ok: boolean;
}

export interface SmokeResult {
  sql: string;
  ok: boolean;
  ms: number;
  rows?: number;
  error?: string;
}

export interface VerificationResult {
  assertions: AssertionResult[];
  rowCounts?: { compareWith: 'recorded' | 'source'; tables: RowCountResult[]; unavailable?: string };
  smoke: SmokeResult[];
}

/** Compare as numbers when both sides are numeric (count(*) arrives as a string), else as strings. */
export function compareValues(
  actual: unknown,
  op: ComparisonOp,
  expected: number | string | boolean,
): boolean {
  const a = typeof actual === 'boolean' ? actual : typeof actual === 'number' ? actual : String(actual);
  const numeric =
    a !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(expected)) && typeof expected !== 'boolean';
  const x = numeric ? Number(a) : String(a);
  const y = numeric ? Number(expected) : String(expected);
  switch (op) {
    case '=':
      return x === y;
    case '!=':
      return x !== y;
    case '>=':
      return x >= y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '<':
      return x < y;
  }
}

/**
 * Verify phase: declared assertions, row counts per table, smoke queries, all on the restored
 * scratch database. Errors in a query are results (a failed verification), not crashes.
 */
export async function verifyRestore(opts: {
  restoredUrl: string;
  verify: RestoreConfig['verify'];
  recordedCounts?: RowCounts;
  /** Counts the source now (only for compare-with: source). */
  sourceCounts?: (tables: string[]) => Promise<RowCounts>;
}): Promise<VerificationResult> {
  const client = new pg.Client({ connectionString: opts.restoredUrl, statement_timeout: 300_000 });
  await client.connect();
  try {
    const assertions: AssertionResult[] = [];
    for (const a of opts.verify.assertions) {
      const base = {
        name: a.name,
        sql: a.sql,
        op: a.expect.op,
        expected: a.expect.value,
        severity: a.severity,
      };
      try {
        const res = await client.query({ text: a.sql, rowMode: 'array' });
        const actual = (res.rows[0] as unknown[] | undefined)?.[0] ?? null;
        const shown = showValue(actual);
        assertions.push({
          ...base,
          actual: shown,
          ok: actual !== null && compareValues(actual, a.expect.op, a.expect.value),
        });
      } catch (err) {
        assertions.push({ ...base, actual: null, ok: false, error: (err as Error).message });
      }
    }
    const rowCounts = opts.verify['row-counts'] ? await compareRowCounts(client, opts) : undefined;
    const smoke: SmokeResult[] = [];
    for (const sql of opts.verify['smoke-queries']) {
      const t = performance.now();
      try {
        const res = await client.query(sql);
        smoke.push({ sql, ok: true, ms: performance.now() - t, rows: res.rowCount ?? 0 });
      } catch (err) {
        smoke.push({ sql, ok: false, ms: performance.now() - t, error: (err as Error).message });
      }
    }
    return { assertions, ...(rowCounts ? { rowCounts } : {}), smoke };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function compareRowCounts(
  client: pg.Client,
  opts: Parameters<typeof verifyRestore>[0],
): Promise<NonNullable<VerificationResult['rowCounts']>> {
  const cfg = opts.verify['row-counts']!;
  const compareWith = cfg['compare-with'];
  const restoredTables = await listTables(client);
  let expected: RowCounts | undefined;
  const wanted = cfg.tables === 'all' ? undefined : cfg.tables.map(qualifyTable);
  if (compareWith === 'recorded') {
    if (!opts.recordedCounts)
      return {
        compareWith,
        tables: [],
        unavailable:
          'the backup has no recorded row counts (<backup>.counts.json); take backups with the pg-dump source or compare-with: source',
      };
    expected = wanted
      ? Object.fromEntries(wanted.map((t) => [t, opts.recordedCounts![t] ?? -1]))
      : opts.recordedCounts;
  } else {
    if (!opts.sourceCounts)
      return { compareWith, tables: [], unavailable: 'compare-with: source needs the pg-dump backup source' };
    expected = await opts.sourceCounts(wanted ?? restoredTables);
  }
  const names = [...new Set([...Object.keys(expected), ...(wanted ? [] : restoredTables)])].sort();
  const actual = await countRows(client, names);
  return {
    compareWith,
    tables: names.map((table) => {
      const e = expected[table] ?? -1;
      const a = actual[table] ?? -1;
      return { table, expected: e, actual: a, ok: e === a };
    }),
  };
}

/** bigint/numeric arrive as strings: show them as numbers when that is exact. */
function showValue(v: unknown): number | string | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'number') return v;
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /^-?\d+(\.\d+)?$/.test(s) && Number.isSafeInteger(Math.trunc(Number(s))) ? Number(s) : s;
}
