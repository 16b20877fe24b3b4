import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsEvidenceStore } from '../../../src/core/store/fs-evidence-store.js';
import { startTestDemo, type TestDemo } from '../../support/demo.js';
import { BYPASS_TOKEN, loadYaml, runLoadCli } from './load-test-kit.js';

// The machine running the tests is shared, so the noise floor is generous; the slowed target
// adds 400 ms, far beyond it. The maths at the boundaries is unit-tested in test/core/baseline.
const load = `  engine: k6
  vus: 3
  duration: 2s
  endpoints:
    - { name: health, path: /health }
    - { name: dashboard, path: /api/dashboard, identity: viewer, weight: 3 }
  regression: { limit: 0.2, noise-floor-ms: 100, metrics: [p50, p95] }`;

describe('load regression against the stored baseline', () => {
  let healthy: TestDemo;
  let slowed: TestDemo;
  let storeDir: string;
  beforeAll(async () => {
    storeDir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-load-store-'));
    [healthy, slowed] = await Promise.all([
      startTestDemo({ rateLimitBypassToken: BYPASS_TOKEN }),
      startTestDemo({ rateLimitBypassToken: BYPASS_TOKEN, flaws: ['slow-dashboard'], slowMs: 400 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([healthy?.stopAll(), slowed?.stopAll()]);
  });

  it('stores a baseline, lets a run within noise pass, and flags the slowed dashboard', async () => {
    const first = await runLoadCli(loadYaml({ url: healthy.url, load, storeDir }), [
      '--commit',
      'aaaaaaa1111111111111111111111111111111111',
      '--branch',
      'main',
    ]);
    expect(first.code, first.evidence.summary).toBe(0);
    expect(first.evidence.baseline?.comparisons).toEqual([]);
    expect(first.evidence.baseline?.source).toMatch(/^none: no earlier run/);
    const stored = await new FsEvidenceStore(storeDir).list('load', { branch: 'main' });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.commit).toBe('aaaaaaa1111111111111111111111111111111111');

    // Same healthy target again: compared with the latest on main, nothing regressed.
    const again = await runLoadCli(loadYaml({ url: healthy.url, load, storeDir }), ['--branch', 'feature']);
    expect(again.code, again.evidence.summary).toBe(0);
    const calm = again.evidence.baseline!;
    expect(calm.source).toMatch(/^latest on main/);
    expect(calm.comparisons.map((c) => c.metric).sort()).toEqual(
      ['p50 dashboard', 'p50 health', 'p50 total', 'p95 dashboard', 'p95 health', 'p95 total'].sort(),
    );
    expect(calm.comparisons.filter((c) => c.regressed)).toEqual([]);

    // The slowed target, compared with the PR base commit's evidence: regressed, gate fails.
    const slow = await runLoadCli(loadYaml({ url: slowed.url, load, storeDir }), [
      '--baseline-commit',
      'aaaaaaa1111111111111111111111111111111111',
      '--commit',
      'bbbbbbb2222222222222222222222222222222222',
      '--branch',
      'main',
    ]);
    expect(slow.code).toBe(1);
    expect(slow.evidence.thresholds.every((t) => t.ok)).toBe(true);
    const regressed = slow.evidence.baseline!.comparisons.filter((c) => c.regressed).map((c) => c.metric);
    expect(regressed).toContain('p95 dashboard');
    expect(regressed).toContain('p50 dashboard');
    expect(regressed).not.toContain('p95 health');
    expect(slow.evidence.baseline!.source).toMatch(/^commit aaaaaaa/);
    expect(slow.evidence.summary).toMatch(/regressed vs commit aaaaaaa: .*p95 dashboard/);
    const sections = Object.fromEntries((slow.evidence.sections ?? []).map((s) => [s.title, s.markdown]));
    expect(sections['Baseline comparison']).toMatch(/\| p95 dashboard \| [\d.]+ \| [\d.]+ \| \+\d+/);
    expect(sections['Latency trend']).toContain('xychart-beta');
    expect(sections['Latency trend']).toContain('"this run"');
    expect(slow.stdout).toContain('regression p95 dashboard');
    const history = await new FsEvidenceStore(storeDir).list('load');
    expect(history.map((h) => [h.branch, h.evidence.verdict])).toEqual([
      ['main', 'fail'],
      ['feature', 'pass'],
      ['main', 'pass'],
    ]);

    // The failed run on main is stored but never becomes the baseline: the next run is judged
    // against the last passing run on main.
    const next = await runLoadCli(loadYaml({ url: healthy.url, load, storeDir }), ['--branch', 'feature']);
    expect(next.evidence.baseline?.recordedAt).toBe(stored[0]!.recordedAt);
    expect(next.code, next.evidence.summary).toBe(0);
  });
});
