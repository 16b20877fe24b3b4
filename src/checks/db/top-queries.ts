/**
 * Top statements from `pg_stat_statements`: normalised text, calls, total/mean/max time, rows and
 * shared-block hit ratio, for this database only, the check's own statements left out. A missing
 * extension is one finding with the fix; the rest of the check goes on without it.
 */
import type { DbConfig } from '../../core/config/sections/db.js';
import type { Finding, Threshold } from '../../core/evidence/model.js';
import { quoteIdent } from '../../engines/postgres/connection.js';
import {
  OPSGATE_SQL_MARK,
  sqlState,
  type ReadOnlySession,
} from '../../engines/postgres/read-only-session.js';
import { dbFinding, grantTo } from './db-finding.js';

export interface StatementStats {
  queryId: string;
  query: string;
  role: string | null;
  calls: number;
  totalMs: number;
  meanMs: number;
  maxMs: number;
  rows: number;
  /** shared_blks_hit / (hit + read); null when the statement touched no shared blocks. */
  hitRatio: number | null;
}

export type TopQueries =
  | { available: true; byTotal: StatementStats[]; byMean: StatementStats[]; slowest?: StatementStats }
  | { available: false; reason: string };

interface Row {
  queryid: string | null;
  query: string;
  role: string | null;
  calls: string;
  total_ms: number;
  mean_ms: number;
  max_ms: number;
  rows: string;
  hit: string;
  read: string;
}

const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;

function toStats(r: Row): StatementStats {
  const hit = Number(r.hit);
  const read = Number(r.read);
  return {
    queryId: r.queryid ?? '',
    query: r.query,
    role: r.role,
    calls: Number(r.calls),
    totalMs: round(r.total_ms),
    meanMs: round(r.mean_ms, 3),
    maxMs: round(r.max_ms),
    rows: Number(r.rows),
    hitRatio: hit + read > 0 ? round(hit / (hit + read), 4) : null,
  };
}

/** Where the extension lives in this database, or undefined when it is not created here. */
async function extensionSchema(session: ReadOnlySession): Promise<string | undefined> {
  const rows = await session.query<{ schema: string }>(
    `${OPSGATE_SQL_MARK} SELECT n.nspname AS schema FROM pg_extension e
       JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'`,
  );
  return rows[0]?.schema;
}

const ENABLE_HOW =
  "Add pg_stat_statements to shared_preload_libraries in postgresql.conf (e.g. shared_preload_libraries = 'pg_stat_statements'), restart PostgreSQL, then run CREATE EXTENSION pg_stat_statements; in this database (managed services: enable it in the parameter group / flags).";

export async function readTopQueries(
  session: ReadOnlySession,
  cfg: DbConfig,
  findings: Finding[],
): Promise<TopQueries> {
  const schema = await extensionSchema(session);
  // Missing evidence warns (low) rather than fails: the guards still hold the promises that matter.
  const missing = (reason: string, title: string): TopQueries => {
    findings.push(
      dbFinding({
        rule: 'db-pg-stat-statements-missing',
        where: session.where,
        severity: 'low',
        title,
        detail: `${reason}. Top queries and the mean-time threshold are not measured; the query guards still run.`,
        solution: ENABLE_HOW,
      }),
    );
    return { available: false, reason };
  };
  if (!schema)
    return missing(
      `the pg_stat_statements extension is not installed in ${session.where}`,
      'pg_stat_statements is not enabled: no top-queries evidence',
    );
  const view = `${quoteIdent(schema)}.pg_stat_statements`;
  if (cfg['reset-statistics']) await resetStatistics(session, schema, findings);
  const select = (order: string, where = 'TRUE', limit = cfg['top-n']): Promise<Row[]> =>
    session.query<Row>(
      `${OPSGATE_SQL_MARK} SELECT s.queryid::text AS queryid, s.query, r.rolname AS role, s.calls::text AS calls,
              s.total_exec_time AS total_ms, s.mean_exec_time AS mean_ms, s.max_exec_time AS max_ms,
              s.rows::text AS rows, s.shared_blks_hit::text AS hit, s.shared_blks_read::text AS read
         FROM ${view} s LEFT JOIN pg_roles r ON r.oid = s.userid
        WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND s.query NOT LIKE $1 || '%' AND ${where}
        ORDER BY ${order} DESC LIMIT ${limit}`,
      [OPSGATE_SQL_MARK],
    );
  try {
    const byTotal = (await select('s.total_exec_time')).map(toStats);
    const byMean = (await select('s.mean_exec_time')).map(toStats);
    const minCalls = cfg.thresholds['min-calls'];
    const [slow] = await select('s.mean_exec_time', `s.calls >= ${minCalls}`, 1);
    return { available: true, byTotal, byMean, ...(slow ? { slowest: toStats(slow) } : {}) };
  } catch (err) {
    // 55000: created in this database but the library is not preloaded by the server.
    if (sqlState(err) === '55000')
      return missing(
        'pg_stat_statements is created but not loaded via shared_preload_libraries',
        'pg_stat_statements is not loaded: no top-queries evidence',
      );
    throw err;
  }
}

async function resetStatistics(session: ReadOnlySession, schema: string, findings: Finding[]): Promise<void> {
  try {
    await session.query(`${OPSGATE_SQL_MARK} SELECT ${quoteIdent(schema)}.pg_stat_statements_reset()`);
  } catch (err) {
    if (sqlState(err) !== '42501') throw err;
    findings.push(
      dbFinding({
        rule: 'db-cannot-reset-statistics',
        where: `${session.where} role ${session.role}`,
        severity: 'low',
        title: `role ${session.role} may not reset pg_stat_statements`,
        detail:
          'db.reset-statistics is on, but the statistics were not reset: the top queries cover the whole statistics window.',
        solution: grantTo(`EXECUTE ON FUNCTION ${quoteIdent(schema)}.pg_stat_statements_reset`, session.role),
      }),
    );
  }
}

/** "No statement with ≥ M calls has a mean above X ms", when max-mean-ms is configured. */
export function topQueryThresholds(top: TopQueries, cfg: DbConfig): Threshold[] {
  const limit = cfg.thresholds['max-mean-ms'];
  if (limit === undefined) return [];
  const minCalls = cfg.thresholds['min-calls'];
  const name = `mean time of statements with ≥ ${minCalls} calls`;
  if (!top.available)
    return [{ name, limit, actual: null, ok: true, unit: 'ms', skipped: 'pg_stat_statements unavailable' }];
  const s = top.slowest;
  return [
    {
      name,
      limit,
      actual: s ? s.meanMs : 0,
      ok: !s || s.meanMs <= limit,
      unit: 'ms',
      detail: s
        ? `slowest: ${s.query.replace(/\s+/g, ' ').slice(0, 200)} (${s.calls} calls, mean ${s.meanMs} ms)`
        : `no statement has ${minCalls} calls yet`,
    },
  ];
}
