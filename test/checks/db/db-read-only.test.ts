import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openReadOnlySession, sqlState } from '../../../src/engines/postgres/read-only-session.js';
import { freshDemoDatabase } from '../../support/demo.js';
import { dbProject, runDb, sql } from './db-helpers.js';

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of drops.splice(0).reverse()) await d();
});

async function unitCount(url: string): Promise<number> {
  return Number((await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM units'))[0]!.n);
}

describe('db check sessions cannot write', () => {
  it('a session refuses a write even as a superuser (SQLSTATE 25006)', async () => {
    const db = await freshDemoDatabase();
    drops.push(db.drop);
    const session = await openReadOnlySession(db.url, { statementTimeoutMs: 300 });
    try {
      const err = await session.query("INSERT INTO companies (name) VALUES ('x')").catch((e: unknown) => e);
      expect(sqlState(err)).toBe('25006');
      expect((err as Error).message).toMatch(/read-only transaction/);
      // The statement timeout is set on the session too.
      const timeout = await session.query('SELECT 1 FROM pg_sleep(2)').catch((e: unknown) => e);
      expect(sqlState(timeout)).toBe('57014');
    } finally {
      await session.close();
    }
    expect(
      Number(
        (await sql<{ n: string }>(db.url, "SELECT count(*) AS n FROM companies WHERE name = 'x'"))[0]!.n,
      ),
    ).toBe(0);
  });

  it('hostile guards (writes, smuggled second statements, a session flipped to read-write) are refused and nothing changes', async () => {
    const db = await freshDemoDatabase();
    drops.push(db.drop);
    const before = await unitCount(db.url);
    const project = await dbProject(`
queries:
  - name: plain delete
    sql: DELETE FROM units
  - name: delete in a CTE
    sql: WITH gone AS (DELETE FROM units RETURNING id) SELECT count(*) FROM gone
  - name: smuggled statements
    sql: SELECT 1; COMMIT; SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM units
  - name: flip the session default
    sql: SELECT set_config('default_transaction_read_only', 'off', false)
  - name: delete after the flip
    sql: DELETE FROM units WHERE id < 100
  - name: still measured
    sql: SELECT count(*) FROM units
    runs: 2
`);
    const { code, evidence } = await runDb(project, db.url);
    expect(code).toBe(1);
    expect(await unitCount(db.url)).toBe(before);
    const byTitle = (t: string) => evidence.findings.find((f) => f.title === t);
    for (const name of ['plain delete', 'delete in a CTE', 'delete after the flip']) {
      const f = byTitle(`guard ${name} tried to write: refused by the read-only session`);
      expect(f, name).toBeDefined();
      expect(f!.severity).toBe('high');
      expect(f!.detail).toMatch(/cannot execute (DELETE|SELECT) in a read-only transaction/);
    }
    expect(byTitle('guard smuggled statements could not run')!.detail).toMatch(/multiple commands/);
    // The flip ran inside a rolled-back read-only transaction: it changed nothing that lasts.
    expect(evidence.findings.some((f) => f.title.startsWith('guard flip the session default'))).toBe(false);
    expect(evidence.metrics['guard still measured p95 ms']).toBeGreaterThan(0);
  });
});

describe('db check with a role that lacks privileges', () => {
  it('says what to GRANT: pg_read_all_stats, and SELECT on the table a guard reads', async () => {
    const db = await freshDemoDatabase();
    drops.push(db.drop);
    await sql(db.url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const role = `opsgate_ro_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('base64url');
    const dbName = new URL(db.url).pathname.slice(1);
    await sql(db.url, `CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    drops.push(async () => {
      await sql(db.url, `DROP OWNED BY ${role}`).catch(() => undefined);
      await sql(db.url, `DROP ROLE IF EXISTS ${role}`);
    });
    await sql(
      db.url,
      `GRANT CONNECT ON DATABASE "${dbName}" TO ${role}; GRANT SELECT ON companies TO ${role}`,
    );
    const u = new URL(db.url);
    u.username = role;
    u.password = password;

    const project = await dbProject(`
queries:
  - name: companies
    sql: SELECT id FROM companies WHERE id = $1
    params: [3]
    runs: 2
  - name: units
    sql: SELECT id FROM units WHERE company_id = $1
    params: [3]
`);
    const { evidence } = await runDb(project, u.toString());
    expect(evidence.error).toBeUndefined();
    const stats = evidence.findings.find((f) => f.ruleId === 'db-missing-pg-read-all-stats');
    expect(stats?.solution).toBe(`GRANT pg_read_all_stats TO "${role}";`);
    const denied = evidence.findings.find((f) => f.ruleId === 'db-guard-permission-denied');
    expect(denied?.title).toBe(`guard units: role ${role} lacks a privilege`);
    expect(denied?.solution).toBe(`GRANT SELECT ON units TO "${role}";`);
    // A read-only role is not reported as able to write; the guard it may run still runs.
    expect(evidence.findings.some((f) => f.ruleId === 'db-role-can-write')).toBe(false);
    expect(evidence.metrics['guard companies p95 ms']).toBeGreaterThan(0);
  });
});
