import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { statsFromRaw, type RawLoadResult } from '../../../src/engines/load-plan.js';
import { startTestDemo, type TestDemo } from '../../support/demo.js';
import { BYPASS_TOKEN, endpointData, loadYaml, runLoadCli } from './load-test-kit.js';

const TOTAL = 600;
const load = `  engine: k6
  vus: 4
  iterations: ${TOTAL}
  duration: 60s
  thresholds: { error-rate: 0.01, min-rps: 1, p95: 2000 }
  endpoints:
    - { name: health, path: /health }
    - { name: companies, path: /api/companies, identity: viewer }`;

/** A shard runs as its own `opsgate load --shard i/n` process, as it would on its own machine. */
function runShard(configFile: string, outDir: string, shard: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.resolve('node_modules/.bin/tsx'),
      ['src/cli/main.ts', '--config', configFile, '--out', outDir, 'load', '--shard', shard],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function evidenceIn(outDir: string): Promise<Evidence> {
  return JSON.parse(await readFile(path.join(outDir, 'evidence', 'load.json'), 'utf8')) as Evidence;
}

describe('sharded load runs', () => {
  let demo: TestDemo;
  beforeAll(async () => {
    demo = await startTestDemo({ rateLimitBypassToken: BYPASS_TOKEN });
  });
  afterAll(async () => {
    await demo?.stopAll();
  });

  it('two merged shards equal one run of the same total load', async () => {
    const yaml = loadYaml({ url: demo.url, load });
    const single = await runLoadCli(yaml);
    expect(single.code, single.evidence.summary).toBe(0);
    expect(endpointData(single.evidence, 'total').requests).toBe(TOTAL);

    const work = await mkdtemp(path.join(os.tmpdir(), 'opsgate-shards-'));
    const configFile = path.join(work, 'opsgate.yml');
    await writeFile(configFile, yaml);
    const outs = [path.join(work, 'shard1'), path.join(work, 'shard2')];
    await Promise.all(outs.map((o) => mkdir(o)));
    const codes = await Promise.all([
      runShard(configFile, outs[0]!, '1/2'),
      runShard(configFile, outs[1]!, '2/2'),
    ]);
    expect(codes).toEqual([0, 0]);

    const shards = await Promise.all(outs.map(evidenceIn));
    for (const [i, s] of shards.entries()) {
      expect(s.data?.shard).toEqual({ index: i + 1, count: 2 });
      expect(endpointData(s, 'total').requests).toBe(TOTAL / 2);
      expect(s.thresholds.every((t) => t.skipped?.includes('evaluated after opsgate load --merge'))).toBe(
        true,
      );
      // Histogram percentiles from the raw points agree with k6's own summary of the shard.
      const raw = JSON.parse(
        await readFile(path.join(outs[i]!, 'artifacts/load', `shard-${i + 1}-of-2.json`), 'utf8'),
      ) as RawLoadResult;
      const fromRaw = statsFromRaw(raw, [
        { name: 'health', method: 'GET', path: '/health' },
        { name: 'companies', method: 'GET', path: '/api/companies' },
      ]);
      const k6Total = endpointData(s, 'total');
      expect(fromRaw.total.requests).toBe(k6Total.requests);
      expect(fromRaw.total.responses).toBe(k6Total.responses);
      for (const p of ['p50', 'p90', 'p95', 'p99'] as const) {
        // k6 interpolates between neighbouring samples; the histogram picks one, ±0.5 %.
        const tolerance = k6Total.latency[p] * 0.02 + 0.5;
        expect(Math.abs(fromRaw.total.latency[p] - k6Total.latency[p]), p).toBeLessThanOrEqual(tolerance);
      }
      expect(fromRaw.total.latency.max).toBeCloseTo(k6Total.latency.max, 6);
    }

    const merged = await runLoadCli(yaml, ['--merge', ...outs]);
    expect(merged.code, merged.evidence.summary).toBe(0);
    const total = endpointData(merged.evidence, 'total');
    expect(total.requests).toBe(TOTAL);
    expect(total.failed).toBe(0);
    for (const name of ['health', 'companies'])
      expect(endpointData(merged.evidence, name).requests).toBe(
        shards.reduce((a, s) => a + endpointData(s, name).requests, 0),
      );
    expect(total.latency.max).toBe(Math.max(...shards.map((s) => endpointData(s, 'total').latency.max)));
    expect(merged.evidence.thresholds.map((t) => t.name).sort()).toEqual(
      ['error rate total', 'min rps total', 'p95 total'].sort(),
    );
    expect(merged.evidence.thresholds.every((t) => t.ok && !t.skipped)).toBe(true);
    expect(merged.evidence.data?.merged).toMatchObject({ shards: 2 });
    expect(merged.evidence.summary).toContain('2 shards merged');
    // A percentile of the merged run lies between the shards' own percentiles (within the
    // histogram's ±0.5 %). Latency of two separate runs on a shared machine is not compared.
    for (const p of ['p50', 'p95', 'p99'] as const) {
      const own = shards.map((s) => endpointData(s, 'total').latency[p]);
      expect(total.latency[p], p).toBeGreaterThanOrEqual(Math.min(...own) * 0.98 - 0.5);
      expect(total.latency[p], p).toBeLessThanOrEqual(Math.max(...own) * 1.02 + 0.5);
    }
  });

  it('refuses to merge an incomplete set of shards', async () => {
    const yaml = loadYaml({ url: demo.url, load });
    const work = await mkdtemp(path.join(os.tmpdir(), 'opsgate-shards-'));
    await writeFile(
      path.join(work, 'shard-1-of-2.json'),
      JSON.stringify({
        kind: 'opsgate.load.raw',
        version: 1,
        shard: { index: 1, count: 2 },
        endpoints: {},
        planKey: 'x',
      }),
    );
    const configFile = path.join(work, 'opsgate.yml');
    await writeFile(configFile, yaml);
    const { main } = await import('../../../src/cli/main.js');
    const errors: string[] = [];
    const original = console.error;
    console.error = (...p: unknown[]) => errors.push(p.join(' '));
    try {
      expect(
        await main(['--config', configFile, '--out', path.join(work, 'out'), 'load', '--merge', work]),
      ).toBe(2);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toContain('expected shards 1, 2 of 2, got 1');
    expect(errors.join('\n')).toContain('ran a different load plan');
  });
});
