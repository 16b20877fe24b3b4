/**
 * The only way the `db` check talks to a database: a session that cannot write. Every session
 * sets `default_transaction_read_only = on` and a `statement_timeout` before anything else runs,
 * proves the setting took, and every statement goes through the extended protocol so one
 * string can never carry a second command (`SELECT 1; COMMIT; DELETE …`).
 */
import pg from 'pg';
import { registerSecret } from '../../core/secrets.js';
import { describeConnection } from './connection.js';

/** Leads every statement opsgate sends, so its own work can be told apart in pg_stat_statements. */
export const OPSGATE_SQL_MARK = '/* opsgate-db */';

export interface ReadOnlySession {
  /** `host:port/database`, safe to print. */
  where: string;
  /** The role the session runs as (what a GRANT must name). */
  role: string;
  /** One statement, extended protocol, parameters sent separately. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  /**
   * Run `fn` inside `BEGIN READ ONLY … ROLLBACK`: whatever it does is undone, and a write
   * inside is refused by the server (SQLSTATE 25006).
   */
  readOnlyTransaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Register the URL's password as a secret (the whole URL already is one when it came from `${ENV}`). */
function registerPassword(url: string): void {
  try {
    registerSecret(decodeURIComponent(new URL(url).password));
  } catch {
    // An unparsable URL is refused by pg below with a message that does not echo it.
  }
}

export async function openReadOnlySession(
  url: string,
  opts: { statementTimeoutMs: number; applicationName?: string },
): Promise<ReadOnlySession> {
  registerPassword(url);
  const client = new pg.Client({
    connectionString: url,
    application_name: opts.applicationName ?? 'opsgate-db',
    connectionTimeoutMillis: 15_000,
  });
  // pg emits 'error' for a dropped connection; without a listener that would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const timeout = Math.max(1, Math.round(opts.statementTimeoutMs));
    await client.query(`${OPSGATE_SQL_MARK} SET default_transaction_read_only = on`);
    await client.query(`${OPSGATE_SQL_MARK} SET statement_timeout = ${timeout}`);
    const { rows } = await client.query<{ ro: string; role: string }>(
      `${OPSGATE_SQL_MARK} SELECT current_setting('transaction_read_only') AS ro, current_user AS role`,
    );
    if (rows[0]?.ro !== 'on') throw new Error('the session did not become read-only');
    const session: ReadOnlySession = {
      where: describeConnection(url),
      role: rows[0].role,
      async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
        // queryMode is in pg ≥ 8.8 but not in its type definitions.
        const config = { text: sql, values: params, queryMode: 'extended' } as pg.QueryConfig;
        const res = await client.query<R>(config);
        return res.rows;
      },
      async readOnlyTransaction<T>(fn: () => Promise<T>): Promise<T> {
        await client.query(`${OPSGATE_SQL_MARK} BEGIN READ ONLY`);
        try {
          return await fn();
        } finally {
          await client.query(`${OPSGATE_SQL_MARK} ROLLBACK`).catch(() => undefined);
        }
      },
      close: () => client.end().catch(() => undefined),
    };
    return session;
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
}

/** SQLSTATE of a PostgreSQL error, if it is one. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
