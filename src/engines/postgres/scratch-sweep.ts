/**
 * Before a drill creates its scratch database, it removes those of dead drills (a kill -9 or a
 * lost machine leaves them, with their disk): stop the restore tools still writing into them,
 * terminate their backends, drop them, and say so in the evidence.
 */
import pg from 'pg';
import { quoteIdent } from './connection.js';
import { stopProcesses, toolProcessesFor } from './leftover-tools.js';
import { deadOwnerReason, parseOwnerTag, type OwnerTag } from './run-owner.js';
import { isScratchName, scratchCreatedAt } from './scratch-database.js';

export interface SweptDatabase {
  name: string;
  sizeBytes: number;
  /** Why its drill is taken as dead. */
  reason: string;
  owner?: OwnerTag;
  /** Restore tools of the dead drill stopped on this host. */
  stoppedProcesses: number;
  terminatedBackends: number;
}

export interface SweepResult {
  swept: SweptDatabase[];
  /** Drill databases left alone because their drill may still be running. */
  kept: string[];
  /** Dead drills' databases that could not be dropped (permissions, a lock). */
  failed: Array<{ name: string; reason: string; error: string }>;
}

interface Row {
  datname: string;
  comment: string | null;
  size: string | null;
}

/**
 * Find the scratch databases of dead drills on the server and remove them. Only databases the
 * connecting role owns are considered: drills of other teams sharing the server are theirs.
 */
export async function sweepDeadScratch(
  serverUrl: string,
  opts: { staleAfterMs: number; now?: Date },
): Promise<SweepResult> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  const result: SweepResult = { swept: [], kept: [], failed: [] };
  try {
    const { rows } = await client.query<Row>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS comment,
              CASE WHEN has_database_privilege(oid, 'CONNECT') THEN pg_database_size(oid) END AS size
         FROM pg_database
        WHERE datname LIKE 'opsgate\\_drill\\_%'
          AND datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)
        ORDER BY datname`,
    );
    for (const row of rows) {
      if (!isScratchName(row.datname)) continue;
      const owner = parseOwnerTag(row.comment);
      const reason = await deadOwnerReason(owner, scratchCreatedAt(row.datname), opts);
      if (!reason) {
        result.kept.push(row.datname);
        continue;
      }
      try {
        const stoppedProcesses = await stopProcesses(await toolProcessesFor(row.datname));
        const terminated = await client.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [row.datname],
        );
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(row.datname)} WITH (FORCE)`);
        result.swept.push({
          name: row.datname,
          sizeBytes: Number(row.size ?? 0),
          reason,
          ...(owner ? { owner } : {}),
          stoppedProcesses,
          terminatedBackends: terminated.rows[0]?.n ?? 0,
        });
      } catch (err) {
        result.failed.push({ name: row.datname, reason, error: (err as Error).message });
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return result;
}

/** `12.3 MB` for the evidence line. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
