import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { dbProject, demoDatabaseWithStatements, runDb, sql, threshold } from './db-helpers.js';

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of drops.splice(0).reverse()) await d();
});

describe('db check index and table health', () => {
  it('reports invalid and unused indexes, sequential-scan tables, dead tuples and connections over the pool size', async () => {
    const db = await demoDatabaseWithStatements();
    drops.push(db.drop);
    // A failed CREATE INDEX CONCURRENTLY leaves an invalid index behind.
    await expect(
      sql(db.url, 'CREATE UNIQUE INDEX CONCURRENTLY units_dupe_idx ON units (company_id)'),
    ).rejects.toThrow(/could not create unique index/);
    await sql(db.url, 'ALTER TABLE units SET (autovacuum_enabled = false)');
    await sql(db.url, 'UPDATE units SET rent_cents = rent_cents + 1');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    for (let i = 0; i < 100; i++) await client.query('SELECT count(*) FROM units WHERE rent_cents > $1', [i]);
    await client.end(); // a backend flushes its statistics when it exits
    // Three application connections held open against a pool of two.
    const held = await Promise.all(
      [1, 2, 3].map(async () => {
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        return c;
      }),
    );
    drops.push(async () => {
      for (const c of held) await c.end();
    });

    const project = await dbProject('health: { pool-size: 2, min-cache-hit-ratio: 0.5 }');
    const { evidence } = await runDb(project, db.url);
    expect(evidence.error).toBeUndefined();
    const byRule = (rule: string) => evidence.findings.filter((f) => f.ruleId === rule);
    expect(byRule('db-invalid-index').map((f) => f.title)).toEqual([
      'index units_dupe_idx on units is invalid',
    ]);
    expect(byRule('db-invalid-index')[0]!.solution).toBe('REINDEX INDEX CONCURRENTLY units_dupe_idx;');
    expect(byRule('db-unused-index').map((f) => f.location)).toEqual(
      expect.arrayContaining([expect.stringMatching(/ leases_owner_id_idx$/)]),
    );
    expect(byRule('db-seq-scan-table').map((f) => f.title)).toEqual([
      expect.stringMatching(/^units is read by large sequential scans \(\d+ scans, 6000 rows each\)$/),
    ]);
    expect(byRule('db-dead-tuples').map((f) => f.title)).toEqual(['units is 50% dead rows']);
    expect(threshold(evidence, 'connections to the database vs pool size')).toMatchObject({
      ok: false,
      limit: 2,
      actual: 3,
    });
    expect(threshold(evidence, 'connections on the server').ok).toBe(true);
    expect(threshold(evidence, 'cache hit ratio').ok).toBe(true);
    expect(evidence.verdict).toBe('fail');
  });
});
