import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../../../src/cli/main.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { api, loginAs, startTestDemo, type TestDemo } from '../../support/demo.js';
import { sql, threshold } from './db-helpers.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples/demo-target');
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

/** A project holding the shipped demo config's db section; one store for every run, as a repo has. */
async function demoDbProject(): Promise<{ config: string; out: string }> {
  const demo = parse(await readFile(path.join(EXAMPLES, 'opsgate.demo.yml'), 'utf8')) as { db: unknown };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-db-demo-'));
  const config = path.join(dir, 'opsgate.yml');
  await writeFile(
    config,
    stringify({ target: { 'base-url': '${DEMO_URL}' }, db: demo.db, store: { dir: 'store' } }),
  );
  return { config, out: path.join(dir, 'out') };
}

/** The demo's real traffic over HTTP: the units-of-a-company list and the dashboard. */
async function traffic(demo: TestDemo): Promise<void> {
  const viewer = await loginAs(demo.url, 'viewer@demo.test');
  const manager = await loginAs(demo.url, 'manager@demo.test');
  for (let i = 0; i < 30; i++)
    expect((await api(demo.url, 'GET', `/api/units?company_id=${1 + i}`, { token: viewer })).status).toBe(
      200,
    );
  for (let i = 0; i < 10; i++)
    expect((await api(demo.url, 'GET', '/api/dashboard', { token: manager })).status).toBe(200);
}

async function runDemoDb(
  project: { config: string; out: string },
  demo: TestDemo,
): Promise<{ code: number; evidence: Evidence }> {
  await sql(demo.databaseUrl, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await traffic(demo);
  process.env.DEMO_URL = demo.url;
  process.env.DEMO_DATABASE_URL = demo.databaseUrl;
  const code = await main(['db', '--config', project.config, '--out', project.out]);
  const evidence = JSON.parse(
    await readFile(path.join(project.out, 'evidence', 'db.json'), 'utf8'),
  ) as Evidence;
  return { code, evidence };
}

async function demoWith(flaws: string[], slowMs?: number): Promise<TestDemo> {
  const demo = await startTestDemo({ flaws, ...(slowMs ? { slowMs } : {}) });
  stops.push(demo.stopAll);
  return demo;
}

describe('db check against the demo target (shipped demo config)', () => {
  it('passes on the healthy demo; DEMO_FLAWS=missing-index fails the guard on its Seq Scan and shows the plan change; slow-dashboard fails the top queries', async () => {
    const project = await demoDbProject();

    const healthy = await runDemoDb(project, await demoWith([]));
    expect(healthy.code, JSON.stringify(healthy.evidence.thresholds)).toBe(0);
    const top = (healthy.evidence.data as { topQueries: { byTotal: { query: string; calls: number }[] } })
      .topQueries;
    const units = top.byTotal.find((s) => s.query.includes('company_id = $1'));
    expect(units?.calls).toBe(30);
    expect(top.byTotal.some((s) => s.query.includes('pg_sleep'))).toBe(true); // the dashboard statement
    expect(threshold(healthy.evidence, 'guard units of a company uses index units_company_id_idx').ok).toBe(
      true,
    );
    expect(threshold(healthy.evidence, 'guard lease by id p95').ok).toBe(true);
    expect(threshold(healthy.evidence, 'connections to the database vs pool size').ok).toBe(true);
    expect(threshold(healthy.evidence, 'cache hit ratio').ok).toBe(true);

    const flawed = await runDemoDb(project, await demoWith(['missing-index']));
    expect(flawed.code).toBe(1);
    const forbid = threshold(flawed.evidence, 'guard units of a company plan has no Seq Scan on units');
    expect(forbid).toMatchObject({ ok: false, actual: 'Seq Scan on units' });
    expect(forbid.detail).toMatch(/^offending node: Seq Scan on units \(5 rows actual/);
    const change = flawed.evidence.findings.find((f) => f.ruleId === 'db-plan-change');
    expect(change?.title).toBe(
      'guard units of a company: plan changed from Bitmap Heap Scan on units to Seq Scan on units',
    );
    const report = await readFile(path.join(project.out, 'report.md'), 'utf8');
    expect(report).toContain('Seq Scan on units');
    // The slow-query runbook is generated from this evidence, with the measured numbers.
    expect(await main(['runbooks', '--config', project.config, '--out', project.out])).toBe(0);
    const runbook = await readFile(path.join(project.out, 'runbooks', 'slow-query-triage.md'), 'utf8');
    expect(runbook).toContain('Latest db run: **fail**');
    expect(runbook).toContain('offending node: Seq Scan on units');
    expect(runbook).toContain('plan changed from Bitmap Heap Scan on units to Seq Scan on units');
    expect(runbook).toMatch(
      /\| units of a company \| [\d.]+ \| [\d.]+ \| Limit → Sort → Seq Scan on units \|/,
    );
    expect(runbook).toMatch(/\| SELECT id::int AS id, company_id::int AS company_id.* \| 30 \| [\d.]+ \|/);
    expect(runbook).not.toContain(new URL(process.env.DEMO_DATABASE_URL!).password);

    const slow = await runDemoDb(project, await demoWith(['slow-dashboard'], 150));
    expect(slow.code).toBe(1);
    const mean = threshold(slow.evidence, 'mean time of statements with ≥ 10 calls');
    expect(mean.ok).toBe(false);
    expect(mean.actual as number).toBeGreaterThanOrEqual(150);
    expect(mean.detail).toMatch(/^slowest: SELECT c.companies, u.units/); // the dashboard statement
  });
});
