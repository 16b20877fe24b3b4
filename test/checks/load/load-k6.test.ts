import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findK6 } from '../../../src/engines/k6/find-k6.js';
import { DEMO_PASSWORD } from '../../support/demo.js';
import {
  BYPASS_TOKEN,
  endpointData,
  healthyAndSlowTargets,
  loadYaml,
  refusedLogins,
  runLoadCli,
} from './load-test-kit.js';

const exec = promisify(execFile);

const endpoints = `  engine: k6
  vus: 4
  duration: 3s
  dataset: 1,000 companies, 5,000 units (demo seed)
  thresholds: { error-rate: 0.01, p95: 1000 }
  endpoints:
    - { name: health, path: /health, weight: 1 }
    - { name: companies, path: /api/companies, identity: viewer, weight: 2 }
    - { name: dashboard, path: /api/dashboard, identity: viewer, weight: 2, thresholds: { p95: 380 } }`;

describe('load check with k6 against the demo target', () => {
  const targets = healthyAndSlowTargets();

  it('passes on the healthy target with per-endpoint evidence, re-runnable artifacts and no secrets', async () => {
    const run = await runLoadCli(loadYaml({ url: targets.healthy.url, load: endpoints }));
    expect(run.code, run.evidence.summary).toBe(0);
    const e = run.evidence;
    expect(e.verdict).toBe('pass');
    expect(e.run.tool?.name).toBe('k6');
    for (const name of ['health', 'companies', 'dashboard']) {
      const d = endpointData(e, name);
      expect(d.requests).toBeGreaterThan(5);
      expect(d.failed).toBe(0);
      expect(d.latency.p99).toBeGreaterThanOrEqual(d.latency.p95);
      expect(d.latency.max).toBeGreaterThanOrEqual(d.latency.p99);
    }
    const total = endpointData(e, 'total');
    expect(total.requests).toBe(
      ['health', 'companies', 'dashboard'].reduce((a, n) => a + endpointData(e, n).requests, 0),
    );
    expect(e.metrics['endpoint.dashboard.p95_ms']).toBeGreaterThan(0);
    expect(e.data?.dataset).toBe('1,000 companies, 5,000 units (demo seed)');
    expect(e.thresholds.map((t) => t.name)).toContain('p95 dashboard (GET /api/dashboard)');
    expect(e.sections?.map((s) => s.title)).toContain('Load results');

    // Nothing secret in evidence, report or the generated script.
    const script = await readFile(path.join(run.outDir, 'artifacts/load/script.js'), 'utf8');
    for (const text of [
      JSON.stringify(e),
      await readFile(path.join(run.outDir, 'report.md'), 'utf8'),
      script,
    ]) {
      expect(text).not.toContain(BYPASS_TOKEN);
      expect(text).not.toContain(DEMO_PASSWORD);
    }
    expect(e.artifacts.map((a) => a.path)).toEqual([
      'artifacts/load/script.js',
      'artifacts/load/summary.json',
    ]);

    // The artifact re-runs with plain k6, secrets from the environment it names.
    expect(script).toContain('OPSGATE_SECRET_1');
    const k6 = (await findK6())!;
    const { stdout } = await exec(k6, ['run', '--quiet', '--vus', '1', '--iterations', '5', 'script.js'], {
      cwd: path.join(run.outDir, 'artifacts/load'),
      env: {
        ...process.env,
        OPSGATE_SECRET_1: BYPASS_TOKEN,
        OPSGATE_SECRET_2: DEMO_PASSWORD,
        OPSGATE_SUMMARY: 'rerun-summary.json',
      },
    });
    expect(stdout).toMatch(/opsgate: 5 requests, p95 [\d.]+ ms, p99 [\d.]+ ms, errors 0\.00%/);
  });

  it('fails the p95 threshold on the slowed dashboard and names the endpoint (exit 1)', async () => {
    const run = await runLoadCli(loadYaml({ url: targets.slow.url, load: endpoints }));
    expect(run.code).toBe(1);
    const failed = run.evidence.thresholds.filter((t) => !t.ok);
    expect(failed.map((t) => t.name)).toEqual(['p95 dashboard (GET /api/dashboard)']);
    expect(failed[0]!.actual as number).toBeGreaterThanOrEqual(400);
    expect(run.evidence.data?.k6ThresholdsCrossed).toBe(true);
    expect(run.stdout).toContain('p95 dashboard (GET /api/dashboard)');
    expect(run.evidence.summary).toContain('crossed: p95 dashboard');
  });

  it('judges each endpoint by its own expected statuses while VUs switch between them', async () => {
    // A 404 is the promise on `gone` and a failure on `missing`: the same answer, judged per endpoint.
    const run = await runLoadCli(
      loadYaml({
        url: targets.healthy.url,
        load: `  engine: k6
  vus: 3
  duration: 2s
  thresholds: { error-rate: 0.5 }
  endpoints:
    - { name: health, path: /health, weight: 1 }
    - { name: gone, path: /api/no-such-route, identity: viewer, weight: 1, expect: [404] }
    - { name: missing, path: /api/no-such-route, identity: viewer, weight: 1 }`,
      }),
    );
    const [health, gone, missing] = ['health', 'gone', 'missing'].map((n) => endpointData(run.evidence, n));
    for (const d of [health!, gone!, missing!]) expect(d.requests).toBeGreaterThan(5);
    expect(health!.failed).toBe(0);
    expect(gone!.failed).toBe(0);
    expect(missing!.failed).toBe(missing!.requests);
    expect(missing!.reasons).toEqual({ 'status 404': missing!.requests });
    expect(endpointData(run.evidence, 'total').failed).toBe(missing!.requests);
  });

  it('reports a wrong password as login failures by reason, not a bare error rate', async () => {
    const refusedBefore = await refusedLogins(targets.healthy);
    const run = await runLoadCli(
      loadYaml({
        url: targets.healthy.url,
        passwordEnv: 'LOAD_TEST_BAD_PASSWORD',
        load: endpoints.replace('vus: 4', 'vus: 2').replace('duration: 3s', 'duration: 2s'),
      }),
    );
    expect(run.code).toBe(1);
    const dashboard = endpointData(run.evidence, 'dashboard');
    expect(dashboard.failed).toBe(dashboard.requests);
    expect(Object.keys(dashboard.reasons).every((r) => r.startsWith('login failed ('))).toBe(true);
    expect(dashboard.reasons['login failed (401)']).toBeGreaterThan(0);
    // setup() logs in once for the whole run: one refused attempt, however many VUs and iterations.
    expect((await refusedLogins(targets.healthy)) - refusedBefore).toBe(1);
    expect(endpointData(run.evidence, 'health').failed).toBe(0);
    const errorRate = run.evidence.thresholds.find((t) => t.name === 'error rate total')!;
    expect(errorRate.ok).toBe(false);
    expect(errorRate.detail).toMatch(/login failed \(401\): \d+/);
    // The latency promise on an endpoint that never answered is not silently met.
    const p95 = run.evidence.thresholds.find((t) => t.name === 'p95 dashboard (GET /api/dashboard)')!;
    expect(p95).toMatchObject({ ok: false, actual: null, detail: 'no responses were measured' });
    expect(JSON.stringify(run.evidence)).not.toContain('not-the-Passw0rd!');
  });
});
