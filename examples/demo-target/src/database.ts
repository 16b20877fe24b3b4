import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { hashPassword } from './passwords.js';

export type Role = 'ADMIN' | 'MANAGER' | 'VIEWER';

/** Seeded accounts; lockout@ and ratelimit@ exist so abuse probes never lock out the accounts other probes use. */
export const DEMO_USERS: ReadonlyArray<{ email: string; role: Role }> = [
  { email: 'admin@demo.test', role: 'ADMIN' },
  { email: 'manager@demo.test', role: 'MANAGER' },
  { email: 'manager2@demo.test', role: 'MANAGER' },
  { email: 'viewer@demo.test', role: 'VIEWER' },
  { email: 'lockout@demo.test', role: 'VIEWER' },
  { email: 'ratelimit@demo.test', role: 'VIEWER' },
];

export const DEFAULT_USER_PASSWORD = 'demo-Passw0rd!';

const SQL_DIR = new URL('../', import.meta.url);

/** Creates the schema and seed data; drops and recreates the tables, so it is idempotent. */
export async function setupDemoDatabase(
  databaseUrl: string,
  opts: { userPassword?: string } = {},
): Promise<void> {
  const password = opts.userPassword ?? process.env.DEMO_USER_PASSWORD ?? DEFAULT_USER_PASSWORD;
  const [schema, seed] = await Promise.all([
    readFile(new URL('schema.sql', SQL_DIR), 'utf8'),
    readFile(new URL('seed.sql', SQL_DIR), 'utf8'),
  ]);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(schema);
    for (const user of DEMO_USERS) {
      await client.query('INSERT INTO users (email, role, password_hash) VALUES ($1, $2, $3)', [
        user.email,
        user.role,
        await hashPassword(password),
      ]);
    }
    await client.query(seed);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/**
 * The missing-index flaw drops the index behind "units of a company" (GET /api/units?company_id=…),
 * so that query scans all units; a healthy start puts the index back.
 */
export async function applyIndexFlaw(pool: pg.Pool, missing: boolean): Promise<void> {
  await pool.query(
    missing
      ? 'DROP INDEX IF EXISTS units_company_id_idx'
      : 'CREATE INDEX IF NOT EXISTS units_company_id_idx ON units (company_id)',
  );
}

/** One pool per target; statement_timeout bounds every handler's queries, connectionTimeoutMillis every connect. */
export function createPool(
  databaseUrl: string,
  statementTimeoutMs: number,
  connectTimeoutMs: number,
): pg.Pool {
  // A bounded connect: with the database gone, requests fail fast instead of queueing.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    statement_timeout: statementTimeoutMs,
    connectionTimeoutMillis: connectTimeoutMs,
  });
  // A dropped connection (database restarted or dropped) must not crash the server.
  pool.on('error', () => undefined);
  return pool;
}
