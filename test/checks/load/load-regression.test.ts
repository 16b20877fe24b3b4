import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsEvidenceStore } from '../../../src/core/store/fs-evidence-store.js';
import { endpointData, healthyAndSlowTargets, loadYaml, runLoadCli, type LoadRun } from './load-test-kit.js';

// Default regression settings (limit 20 %, the measured noise floor, median of 5, 3 runs needed).
const load = (engine: string): string => `  engine: ${engine}
  vus: 3
  duration: 2s
  endpoints:
    - { name: health, path: /health }
    - { name: dashboard, path: /api/dashboard, identity: viewer, weight: 3 }
  thresholds: {}
  # A 2 s run of a 400 ms endpoint has about 15 latency samples.
  regression: { min-samples: 10 }`;

const stored = async (storeDir: string): Promise<{ verdict: string; eligible: unknown; engine: unknown }[]> =>
  (await new FsEvidenceStore(storeDir).list('load')).map((s) => ({
    verdict: s.evidence.verdict,
    eligible: s.evidence.data?.baselineEligible,
    engine: s.evidence.data?.engine,
  }));

const regressed = (r: LoadRun): string[] =>
  (r.evidence.baseline?.comparisons ?? []).filter((c) => c.regressed).map((c) => c.metric);

describe('load regressions that survive noise', () => {
  const targets = healthyAndSlowTargets();

  it('ten healthy runs give no regression fail; the slowed dashboard still fails as a regression', async () => {
    const storeDir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-load-store-'));
    const yaml = loadYaml({ url: targets.healthy.url, load: load('k6'), storeDir });
    const seen: { p95: number; p99: number; dashP95: number; cpu: number; verdict: string }[] = [];
    const deltas: string[] = [];
    for (let i = 0; i < 10; i++) {
      const run = await runLoadCli(yaml, ['--branch', 'main']);
      for (const c of run.evidence.baseline?.comparisons ?? [])
        deltas.push(`${c.metric} ${(c.actual - c.baseline).toFixed(1)}`);
      expect(regressed(run), run.evidence.summary).toEqual([]);
      expect(run.code, run.evidence.summary).toBe(0);
      const total = endpointData(run.evidence, 'total');
      const generator = run.evidence.data?.generator as { cpuShare: number; saturated?: string };
      expect(generator.saturated, run.evidence.summary).toBeUndefined();
      seen.push({
        p95: total.latency.p95,
        p99: total.latency.p99,
        dashP95: endpointData(run.evidence, 'dashboard').latency.p95,
        cpu: generator.cpuShare,
        verdict: run.evidence.verdict,
      });
      if (i === 0) expect(run.evidence.baseline?.source).toMatch(/^none: no earlier run/);
      else if (i < 3) {
        // One or two accepted runs: shown, but inconclusive (warn), never a fail.
        expect(run.evidence.verdict).toBe('warn');
        expect(run.evidence.baseline!.comparisons.every((c) => c.inconclusive?.includes('3 needed'))).toBe(
          true,
        );
      } else {
        expect(run.evidence.baseline?.source).toMatch(
          new RegExp(`^latest on main: median of ${Math.min(i, 5)} accepted runs`),
        );
        expect(run.evidence.verdict).toBe('pass');
      }
    }
    const spread = (k: 'p95' | 'p99' | 'dashP95'): string => {
      const xs = seen.map((s) => s[k]);
      return `${k} ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} ms (spread ${(Math.max(...xs) - Math.min(...xs)).toFixed(1)})`;
    };
    console.info(`deltas vs median: ${deltas.join(', ')}`);
    console.info(
      `ten healthy runs: ${spread('p95')}, ${spread('p99')}, ${spread('dashP95')}; generator CPU share ${seen.map((s) => s.cpu).join(', ')}`,
    );

    const slow = await runLoadCli(loadYaml({ url: targets.slow.url, load: load('k6'), storeDir }), [
      '--branch',
      'main',
    ]);
    expect(slow.code).toBe(1);
    expect(regressed(slow)).toEqual(expect.arrayContaining(['p95 dashboard', 'p95 total', 'p99 dashboard']));
    expect(regressed(slow)).not.toContain('p95 health');
    expect(slow.evidence.summary).toMatch(/regressed vs latest on main: .*p95 dashboard/);
    const sections = Object.fromEntries((slow.evidence.sections ?? []).map((s) => [s.title, s.markdown]));
    expect(sections['Baseline comparison']).toMatch(
      /\| p95 dashboard \| [\d.]+ \| [\d.]+ \| \+\d+.*❌ regressed median of 5 runs, spread [\d.]+ ms/,
    );
    expect(sections['Latency trend']).toContain('"this run"');
    // The failed run is stored but is never a baseline: the next healthy run is judged against the healthy ones.
    const next = await runLoadCli(yaml, ['--branch', 'main']);
    expect(next.code, next.evidence.summary).toBe(0);
    expect(regressed(next)).toEqual([]);
    expect((await stored(storeDir)).map((s) => s.verdict).slice(0, 2)).toEqual(['pass', 'fail']);
  });

  it('an engine chosen by auto that differs from the baselines’ warns and is not kept as a baseline', async () => {
    const storeDir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-load-store-'));
    for (let i = 0; i < 3; i++) {
      const run = await runLoadCli(loadYaml({ url: targets.healthy.url, load: load('embedded'), storeDir }), [
        '--branch',
        'main',
      ]);
      expect(run.code, run.evidence.summary).toBe(0);
      expect(
        (run.evidence.data?.generator as { eventLoopLagP99Ms: number }).eventLoopLagP99Ms,
      ).toBeGreaterThan(0);
    }
    // k6 "appeared on PATH": auto now picks it.
    const auto = loadYaml({ url: targets.healthy.url, load: load('auto'), storeDir });
    for (let i = 0; i < 2; i++) {
      const run = await runLoadCli(auto, ['--branch', 'main']);
      expect(run.code).toBe(0);
      expect(run.evidence.verdict).toBe('warn');
      expect(run.evidence.run.tool?.name).toBe('k6');
      expect(run.evidence.baseline?.comparisons).toEqual([]);
      expect(run.evidence.baseline?.inconclusive).toMatch(
        /^engine changed: the stored runs of this plan used embedded autocannon [\d.]+, this run k6; not compared and not kept as a baseline/,
      );
      expect(run.stdout).toContain('regression vs baseline');
      expect(run.evidence.data?.baselineEligible).toBe(false);
    }
    // Choosing the engine on purpose starts its own baseline.
    const chosen = await runLoadCli(auto, ['--branch', 'main', '--engine', 'k6']);
    expect(chosen.evidence.data?.baselineEligible).toBe(true);
    expect((await stored(storeDir)).map((s) => [s.engine, s.eligible])).toEqual([
      ['k6', true],
      ['k6', false],
      ['k6', false],
      ['embedded', true],
      ['embedded', true],
      ['embedded', true],
    ]);
  });

  it('a saturated generator (k6 dropped iterations) warns with the reason and is not kept as a baseline', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-saturated-'));
    await writeFile(
      path.join(dir, 'arrival.js'),
      `import http from 'k6/http';
export const options = {
  scenarios: { arrivals: { executor: 'constant-arrival-rate', rate: Number(__ENV.ARRIVAL_RATE), timeUnit: '1s', duration: '2s', preAllocatedVUs: Number(__ENV.ARRIVAL_VUS), maxVUs: Number(__ENV.ARRIVAL_VUS) } },
};
export default function () {
  http.get(__ENV.BASE_URL + '/health');
}
`,
    );
    const yaml = (url: string): string => `version: 1
target: { base-url: ${url} }
store: { dir: store }
load:
  script: arrival.js
  thresholds: {}
  regression: { min-samples: 1 }
`;
    // One VU cannot start 20,000 iterations a second.
    process.env.ARRIVAL_RATE = '20000';
    process.env.ARRIVAL_VUS = '1';
    const saturated = await runLoadCli(yaml(targets.healthy.url), ['--branch', 'main'], dir);
    expect(saturated.code).toBe(0);
    expect(saturated.evidence.verdict).toBe('warn');
    const dropped = saturated.evidence.data?.droppedIterations as number;
    expect(dropped).toBeGreaterThan(5);
    expect(saturated.evidence.baseline?.inconclusive).toBe(
      `generator saturated: k6 dropped ${dropped} iterations (the generator could not keep the schedule); not compared and not kept as a baseline`,
    );
    expect(saturated.evidence.data?.baselineEligible).toBe(false);
    // 5 a second with 5 VUs to spare keeps the schedule even on a loaded machine.
    process.env.ARRIVAL_RATE = '5';
    process.env.ARRIVAL_VUS = '5';
    const next = await runLoadCli(yaml(targets.healthy.url), ['--branch', 'main'], dir);
    expect(next.evidence.data?.droppedIterations).toBeUndefined();
    expect(next.evidence.baseline?.source).toMatch(/^none: no earlier run of this plan/);
  });
});
