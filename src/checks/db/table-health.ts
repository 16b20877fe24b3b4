/**
 * Index and table health from the statistics views: invalid indexes (high — the planner ignores
 * them), unused indexes with their size (info — a cost on every write), tables read mostly by
 * large sequential scans (a missing-index hint), dead tuples (VACUUM), the cache hit ratio, and
 * connections against max_connections and the application's pool size.
 */
import type { DbConfig } from '../../core/config/sections/db.js';
import type { Finding, Threshold } from '../../core/evidence/model.js';
import { OPSGATE_SQL_MARK, type ReadOnlySession } from '../../engines/postgres/read-only-session.js';
import { dbFinding } from './db-finding.js';

export interface TableHealth {
  invalidIndexes: { index: string; table: string }[];
  unusedIndexes: { index: string; table: string; bytes: number }[];
  seqScanTables: { table: string; seqScans: number; rowsPerScan: number; indexScans: number }[];
  deadTuples: { table: string; dead: number; live: number }[];
  cacheHitRatio: number | null;
  connections: { database: number; server: number; maxConnections: number };
}

const q = <R extends Record<string, unknown>>(s: ReadOnlySession, sql: string): Promise<R[]> =>
  s.query<R>(`${OPSGATE_SQL_MARK} ${sql}`);

export async function readTableHealth(session: ReadOnlySession): Promise<TableHealth> {
  const invalid = await q<{ index: string; table: string }>(
    session,
    `SELECT i.indexrelid::regclass::text AS index, i.indrelid::regclass::text AS table
       FROM pg_index i WHERE NOT i.indisvalid ORDER BY 1`,
  );
  const unused = await q<{ index: string; table: string; bytes: string }>(
    session,
    `SELECT s.indexrelid::regclass::text AS index, s.relid::regclass::text AS table,
            pg_relation_size(s.indexrelid)::text AS bytes
       FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
      WHERE s.idx_scan = 0 AND NOT i.indisunique AND NOT i.indisprimary
      ORDER BY pg_relation_size(s.indexrelid) DESC LIMIT 20`,
  );
  const seq = await q<{ table: string; seq: string; per: string; idx: string }>(
    session,
    `SELECT relid::regclass::text AS table, seq_scan::text AS seq,
            (seq_tup_read / seq_scan)::text AS per, coalesce(idx_scan, 0)::text AS idx
       FROM pg_stat_user_tables
      WHERE seq_scan >= 100 AND seq_tup_read / seq_scan >= 1000 AND seq_scan > coalesce(idx_scan, 0)
      ORDER BY seq_tup_read DESC LIMIT 10`,
  );
  const dead = await q<{ table: string; dead: string; live: string }>(
    session,
    // n_live_tup starts at 0 in a fresh statistics window; the planner's reltuples knows better then.
    `SELECT s.relid::regclass::text AS table, s.n_dead_tup::text AS dead,
            greatest(s.n_live_tup, c.reltuples::bigint)::text AS live
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE s.n_dead_tup >= 1000 ORDER BY s.n_dead_tup DESC LIMIT 20`,
  );
  const [db] = await q<{ hit: string; read: string; here: string; server: string; max: string }>(
    session,
    `SELECT d.blks_hit::text AS hit, d.blks_read::text AS read,
            (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database())::text AS here,
            (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::text AS server,
            current_setting('max_connections') AS max
       FROM pg_stat_database d WHERE d.datname = current_database()`,
  );
  const hit = Number(db?.hit ?? 0);
  const read = Number(db?.read ?? 0);
  return {
    invalidIndexes: invalid,
    unusedIndexes: unused.map((u) => ({ ...u, bytes: Number(u.bytes) })),
    seqScanTables: seq.map((s) => ({
      table: s.table,
      seqScans: Number(s.seq),
      rowsPerScan: Number(s.per),
      indexScans: Number(s.idx),
    })),
    deadTuples: dead.map((d) => ({ table: d.table, dead: Number(d.dead), live: Number(d.live) })),
    cacheHitRatio: hit + read > 0 ? Math.round((hit / (hit + read)) * 10000) / 10000 : null,
    connections: {
      database: Number(db?.here ?? 0),
      server: Number(db?.server ?? 0),
      maxConnections: Number(db?.max ?? 0),
    },
  };
}

export function healthFindings(h: TableHealth, cfg: DbConfig, where: string): Finding[] {
  const out: Finding[] = [];
  for (const i of h.invalidIndexes)
    out.push(
      dbFinding({
        rule: 'db-invalid-index',
        where: `${where} ${i.index}`,
        severity: 'high',
        title: `index ${i.index} on ${i.table} is invalid`,
        detail:
          'An invalid index (a failed CREATE INDEX CONCURRENTLY) is maintained on writes but never used by the planner.',
        solution: `REINDEX INDEX CONCURRENTLY ${i.index};`,
      }),
    );
  for (const i of h.unusedIndexes)
    out.push(
      dbFinding({
        rule: 'db-unused-index',
        where: `${where} ${i.index}`,
        severity: 'info',
        title: `index ${i.index} on ${i.table} has not been scanned since the statistics reset`,
        detail: `${Math.round(i.bytes / 1024)} KiB, updated on every write to ${i.table}. Check replicas and rare jobs before dropping it.`,
      }),
    );
  for (const t of h.seqScanTables)
    out.push(
      dbFinding({
        rule: 'db-seq-scan-table',
        where: `${where} ${t.table}`,
        severity: 'info',
        title: `${t.table} is read by large sequential scans (${t.seqScans} scans, ${t.rowsPerScan} rows each)`,
        detail: `${t.seqScans} sequential vs ${t.indexScans} index scans. A missing index is the usual cause: look for the filter columns of the top queries on ${t.table}.`,
      }),
    );
  for (const t of h.deadTuples) {
    const ratio = t.dead / Math.max(1, t.dead + t.live);
    if (ratio <= cfg.health['max-dead-tuple-ratio']) continue;
    out.push(
      dbFinding({
        rule: 'db-dead-tuples',
        where: `${where} ${t.table}`,
        severity: 'low',
        title: `${t.table} is ${Math.round(ratio * 100)}% dead rows`,
        detail: `${t.dead} dead vs ${t.live} live rows: autovacuum is not keeping up.`,
        solution: `VACUUM (ANALYZE) ${t.table}; and review autovacuum settings for it.`,
      }),
    );
  }
  return out;
}

export function healthThresholds(h: TableHealth, cfg: DbConfig): Threshold[] {
  const out: Threshold[] = [];
  const limit = Math.floor(h.connections.maxConnections * cfg.health['max-connections-ratio']);
  out.push({
    name: 'connections on the server',
    limit,
    actual: h.connections.server,
    ok: h.connections.server <= limit,
    detail: `${Math.round(cfg.health['max-connections-ratio'] * 100)}% of max_connections ${h.connections.maxConnections}`,
  });
  const pool = cfg.health['pool-size'];
  if (pool !== undefined)
    out.push({
      name: 'connections to the database vs pool size',
      limit: pool,
      // The check's own session is not the application's.
      actual: Math.max(0, h.connections.database - 1),
      ok: h.connections.database - 1 <= pool,
    });
  const min = cfg.health['min-cache-hit-ratio'];
  if (min !== undefined)
    out.push({
      name: 'cache hit ratio',
      limit: min,
      actual: h.cacheHitRatio,
      ok: h.cacheHitRatio === null || h.cacheHitRatio >= min,
      ...(h.cacheHitRatio === null ? { skipped: 'no blocks read yet' } : {}),
    });
  return out;
}
