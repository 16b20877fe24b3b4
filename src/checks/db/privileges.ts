/**
 * What the check's role may see. It needs only a read-only role plus `pg_read_all_stats`; each
 * missing privilege becomes a finding that says the exact GRANT, instead of silently hiding
 * other roles' statements behind `<insufficient privilege>`.
 */
import type { Finding } from '../../core/evidence/model.js';
import { OPSGATE_SQL_MARK, type ReadOnlySession } from '../../engines/postgres/read-only-session.js';
import { dbFinding, grantTo } from './db-finding.js';

export interface RolePrivileges {
  role: string;
  superuser: boolean;
  readAllStats: boolean;
  /** Privileges that let the role write; reported so a too-powerful role is visible. */
  canWrite: boolean;
}

export async function readRolePrivileges(session: ReadOnlySession): Promise<RolePrivileges> {
  const [row] = await session.query<{ superuser: boolean; stats: boolean; write: boolean }>(
    `${OPSGATE_SQL_MARK} SELECT r.rolsuper AS superuser,
            pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS stats,
            EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind IN ('r', 'p')
                       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                       AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')) AS write
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  return {
    role: session.role,
    superuser: row?.superuser ?? false,
    readAllStats: Boolean(row?.superuser || row?.stats),
    canWrite: Boolean(row?.superuser || row?.write),
  };
}

export function privilegeFindings(p: RolePrivileges, where: string): Finding[] {
  const out: Finding[] = [];
  if (!p.readAllStats)
    out.push(
      dbFinding({
        rule: 'db-missing-pg-read-all-stats',
        where: `${where} role ${p.role}`,
        severity: 'low',
        title: `role ${p.role} lacks pg_read_all_stats: other roles' statements are hidden`,
        detail:
          'Without pg_read_all_stats, pg_stat_statements shows other roles’ query text as <insufficient privilege> and the statistics views are partial.',
        solution: grantTo('pg_read_all_stats', p.role),
      }),
    );
  if (p.canWrite)
    out.push(
      dbFinding({
        rule: 'db-role-can-write',
        where: `${where} role ${p.role}`,
        severity: 'info',
        title: `role ${p.role} could write outside opsgate's read-only sessions`,
        detail: p.superuser
          ? 'The check runs as a superuser. Its sessions are read-only, but a dedicated read-only role limits what a leaked credential can do.'
          : 'The role holds INSERT/UPDATE/DELETE/TRUNCATE on some tables. The check’s sessions are read-only, but a dedicated read-only role limits what a leaked credential can do.',
        solution: `CREATE ROLE opsgate_ro LOGIN PASSWORD '…'; ${grantTo('pg_read_all_stats', 'opsgate_ro')} GRANT SELECT ON ALL TABLES IN SCHEMA public TO "opsgate_ro";`,
      }),
    );
  return out;
}

/** `permission denied for table units` → the GRANT that fixes it. */
export function grantForDenied(message: string, role: string): string | undefined {
  const m = /permission denied for (table|view|relation|schema|function|sequence) ("?[\w.$]+"?)/i.exec(
    message,
  );
  if (!m) return undefined;
  const kind = m[1]!.toLowerCase();
  if (kind === 'schema') return grantTo(`USAGE ON SCHEMA ${m[2]}`, role);
  if (kind === 'function') return grantTo(`EXECUTE ON FUNCTION ${m[2]}`, role);
  return grantTo(`SELECT ON ${m[2]}`, role);
}
