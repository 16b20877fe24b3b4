import { afterEach, describe, expect, it } from 'vitest';
import { dbProject, demoDatabaseWithStatements, runDb, sql, threshold, unitsTraffic } from './db-helpers.js';

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of drops.splice(0)) await d();
});

const guardsYaml = `
top-n: 3
thresholds: { min-calls: 20, max-mean-ms: 100 }
queries:
  - name: units of a company
    sql: SELECT id, name, rent_cents FROM units WHERE company_id = $1
    params: [7]
    runs: 12
    max-p95-ms: 50
    plan:
      forbid: ['Seq Scan on units']
      require-index: [units_company_id_idx]
      max-cost: 500
`;

describe('db check on the demo database', () => {
  it('passes: top queries of real traffic, every guard kind green, p50/p95 and plan in evidence', async () => {
    const db = await demoDatabaseWithStatements();
    drops.push(db.drop);
    await unitsTraffic(db.url, 60);
    const project = await dbProject(guardsYaml);

    const { code, evidence } = await runDb(project, db.url);
    expect(evidence.error).toBeUndefined();
    expect(code, JSON.stringify(evidence.thresholds)).toBe(0);
    expect(evidence.verdict).toBe('pass');

    const top = (
      evidence.data as {
        topQueries: { available: boolean; byTotal: { query: string; calls: number; hitRatio: number }[] };
      }
    ).topQueries;
    expect(top.available).toBe(true);
    const traffic = top.byTotal.find((s) => s.query.includes('FROM units WHERE company_id = $1'));
    expect(traffic, JSON.stringify(top.byTotal)).toBeDefined();
    expect(traffic!.calls).toBe(60);
    expect(traffic!.hitRatio).toBeGreaterThan(0.5);
    // The check's own statements stay out of the top queries.
    expect(top.byTotal.some((s) => s.query.includes('opsgate-db'))).toBe(false);
    expect(threshold(evidence, 'mean time of statements with ≥ 20 calls')).toMatchObject({
      ok: true,
      limit: 100,
    });

    const guard = (
      evidence.data as {
        guardRuns: {
          name: string;
          runs: number;
          executionMs: number[];
          p50Ms: number;
          p95Ms: number;
          plan: { indexes: string[]; nodeTypes: string[]; estimatedRows: number; actualRows: number };
        }[];
      }
    ).guardRuns[0]!;
    expect(guard.runs).toBe(12);
    expect(guard.executionMs).toHaveLength(12);
    expect(guard.p95Ms).toBeGreaterThanOrEqual(guard.p50Ms);
    expect(guard.plan.indexes).toContain('units_company_id_idx');
    expect(guard.plan.actualRows).toBe(5);
    expect(guard.plan.estimatedRows).toBeGreaterThan(0);
    for (const name of [
      'guard units of a company p95',
      'guard units of a company plan has no Seq Scan on units',
      'guard units of a company uses index units_company_id_idx',
      'guard units of a company plan cost',
    ])
      expect(threshold(evidence, name).ok, name).toBe(true);
    expect(evidence.sections?.map((s) => s.title)).toEqual([
      'Top queries',
      'Index and table health',
      'Query guards',
    ]);
  });

  it('fails each guard kind, naming the offending node, once the index is gone', async () => {
    const db = await demoDatabaseWithStatements();
    drops.push(db.drop);
    await sql(db.url, 'DROP INDEX units_company_id_idx');
    const project = await dbProject(`
queries:
  - name: units of a company
    sql: SELECT id, name, rent_cents FROM units WHERE company_id = $1
    params: [7]
    runs: 5
    plan:
      forbid: ['Seq Scan on units']
      require-index: [units_company_id_idx]
      max-cost: 10
  - name: slow statement
    sql: SELECT pg_sleep(0.02)
    runs: 3
    max-p95-ms: 5
`);
    const { code, evidence } = await runDb(project, db.url);
    expect(code).toBe(1);
    expect(evidence.verdict).toBe('fail');
    const forbid = threshold(evidence, 'guard units of a company plan has no Seq Scan on units');
    expect(forbid).toMatchObject({ ok: false, actual: 'Seq Scan on units' });
    expect(forbid.detail).toMatch(/^offending node: Seq Scan on units \(5 rows actual/);
    const index = threshold(evidence, 'guard units of a company uses index units_company_id_idx');
    expect(index).toMatchObject({ ok: false, actual: 'not used' });
    expect(index.detail).toMatch(/^offending node: Seq Scan on units/);
    const cost = threshold(evidence, 'guard units of a company plan cost');
    expect(cost.ok).toBe(false);
    expect(cost.actual as number).toBeGreaterThan(10);
    const p95 = threshold(evidence, 'guard slow statement p95');
    expect(p95.ok).toBe(false);
    expect(p95.actual as number).toBeGreaterThanOrEqual(20);
  });

  it('fails the top-queries threshold when a frequent statement is slow on average', async () => {
    const db = await demoDatabaseWithStatements();
    drops.push(db.drop);
    for (let i = 0; i < 5; i++) await sql(db.url, 'SELECT pg_sleep(0.03)');
    const project = await dbProject('thresholds: { min-calls: 5, max-mean-ms: 10 }');
    const { code, evidence } = await runDb(project, db.url);
    expect(code).toBe(1);
    const t = threshold(evidence, 'mean time of statements with ≥ 5 calls');
    expect(t.ok).toBe(false);
    expect(t.actual as number).toBeGreaterThanOrEqual(30);
    expect(t.detail).toContain('pg_sleep');
  });
});
