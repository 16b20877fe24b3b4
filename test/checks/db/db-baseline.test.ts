import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsEvidenceStore } from '../../../src/core/store/fs-evidence-store.js';
import { freshDemoDatabase } from '../../support/demo.js';
import { dbProject, demoDatabaseWithStatements, runDb, sql, threshold } from './db-helpers.js';

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of drops.splice(0)) await d();
});

const guardYaml = `
thresholds: { max-mean-ms: 100 }
queries:
  - name: units of a company
    sql: SELECT id, name FROM units WHERE company_id = $1
    params: [11]
    runs: 5
    plan: { forbid: ['Seq Scan on units'] }
`;

describe('db check without pg_stat_statements', () => {
  it('reports one finding with the fix; the guards still run and the check warns', async () => {
    const db = await freshDemoDatabase();
    drops.push(db.drop);
    const project = await dbProject(guardYaml);
    const { code, evidence } = await runDb(project, db.url);
    expect(code).toBe(0);
    expect(evidence.verdict).toBe('warn');
    const missing = evidence.findings.filter((f) => f.ruleId === 'db-pg-stat-statements-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.solution).toMatch(/shared_preload_libraries.*CREATE EXTENSION pg_stat_statements/);
    expect(threshold(evidence, 'mean time of statements with ≥ 10 calls').skipped).toBe(
      'pg_stat_statements unavailable',
    );
    expect(threshold(evidence, 'guard units of a company plan has no Seq Scan on units').ok).toBe(true);
  });
});

describe('db check against its baseline', () => {
  it('reports the plan change (index scan → Seq Scan) against the last passing run, with p95 comparisons', async () => {
    const db = await demoDatabaseWithStatements();
    drops.push(db.drop);
    const project = await dbProject(guardYaml);
    const first = await runDb(project, db.url);
    expect(first.evidence.verdict).toBe('pass');
    expect(first.evidence.baseline).toBeUndefined();
    // The stored copy is the whole record: verdict and summary included.
    const [stored] = await new FsEvidenceStore(path.join(project.dir, 'store')).list('db');
    expect(stored!.evidence).toMatchObject({ verdict: 'pass', summary: first.evidence.summary });

    const second = await runDb(project, db.url);
    expect(second.evidence.verdict).toBe('pass');
    expect(second.evidence.baseline?.comparisons).toEqual([
      expect.objectContaining({ metric: 'p95 guard units of a company', regressed: false }),
    ]);

    await sql(db.url, 'DROP INDEX units_company_id_idx');
    const third = await runDb(project, db.url);
    expect(third.code).toBe(1);
    // Compared with the last passing run, not with a failed one.
    expect(third.evidence.baseline?.recordedAt).toBeDefined();
    const change = third.evidence.findings.find((f) => f.ruleId === 'db-plan-change');
    expect(change?.title).toMatch(
      /^guard units of a company: plan changed from (Bitmap Heap Scan|Index Scan|Bitmap Index Scan)\b.* on units to Seq Scan on units$/,
    );
    expect(change?.severity).toBe('high');
    const fourth = await runDb(project, db.url);
    expect(fourth.evidence.findings.some((f) => f.ruleId === 'db-plan-change')).toBe(true);
  });
});
