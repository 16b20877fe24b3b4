import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { endpointData, healthyAndSlowTargets, loadYaml, refusedLogins, runLoadCli } from './load-test-kit.js';

const load = (engine: string): string => `  engine: ${engine}
  vus: 3
  duration: 2s
  endpoints:
    - { name: health, path: /health }
    - { name: dashboard, path: /api/dashboard, identity: viewer, thresholds: { p95: 380 } }`;

/** The structure of evidence without its measured values. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== 'reasons')
        .map(([k, x]) => [k, shape(x)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return typeof v;
}

function comparable(e: Evidence): unknown {
  return {
    metrics: Object.keys(e.metrics).sort(),
    thresholds: e.thresholds.map((t) => [t.name, t.unit]),
    endpoints: shape((e.data as { endpoints: unknown }).endpoints),
    total: shape((e.data as { total: unknown }).total),
    data: Object.keys(e.data ?? {})
      .filter((k) => k !== 'k6ThresholdsCrossed' && k !== 'baselineIneligible')
      .sort(),
    sections: e.sections?.map((s) => s.title),
  };
}

describe('embedded load engine', () => {
  const targets = healthyAndSlowTargets();

  it('produces the same evidence shape as k6 from the same config', async () => {
    const [embedded, k6] = [
      await runLoadCli(loadYaml({ url: targets.healthy.url, load: load('embedded') })),
      await runLoadCli(loadYaml({ url: targets.healthy.url, load: load('k6') })),
    ];
    expect(embedded.code, embedded.evidence.summary).toBe(0);
    expect(embedded.evidence.run.tool?.name).toBe('embedded');
    expect(embedded.evidence.run.tool?.version).toMatch(/^autocannon \d+/);
    expect(comparable(embedded.evidence)).toEqual(comparable(k6.evidence));
    for (const name of ['health', 'dashboard']) {
      const d = endpointData(embedded.evidence, name);
      expect(d.requests).toBeGreaterThan(5);
      expect(d.failed).toBe(0);
      expect(d.latency.p95).toBeGreaterThan(0);
    }
    expect(embedded.evidence.artifacts.map((a) => a.path)).toEqual(['artifacts/load/raw-metrics.json']);
  });

  it('fails the dashboard p95 on the slowed target, and reports a wrong password as login failures', async () => {
    const slowRun = await runLoadCli(loadYaml({ url: targets.slow.url, load: load('embedded') }));
    expect(slowRun.code).toBe(1);
    expect(slowRun.evidence.thresholds.filter((t) => !t.ok).map((t) => t.name)).toEqual([
      'p95 dashboard (GET /api/dashboard)',
    ]);
    const refusedBefore = await refusedLogins(targets.healthy);
    const badLogin = await runLoadCli(
      loadYaml({ url: targets.healthy.url, load: load('embedded'), passwordEnv: 'LOAD_TEST_BAD_PASSWORD' }),
    );
    expect(badLogin.code).toBe(1);
    expect(Object.keys(endpointData(badLogin.evidence, 'dashboard').reasons)).toEqual(['login failed (401)']);
    expect((await refusedLogins(targets.healthy)) - refusedBefore).toBe(1);
  });
});
