import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { startTestDemo, type TestDemo } from '../../support/demo.js';
import { BYPASS_TOKEN, loadYaml, runLoadCli } from './load-test-kit.js';

interface Sample {
  phase: string;
  error?: string;
  values: Record<string, number | null>;
}

const samplesOf = (e: Evidence): Sample[] =>
  (e.data?.serverMetrics as { samples: Sample[] } | undefined)?.samples ?? [];

/**
 * The demo target runs in this test process, so its CPU and memory include vitest's: the limits
 * here are loose; the pool and the request counter are the target's alone.
 */
const load = `  engine: k6
  vus: 5
  duration: 4s
  endpoints:
    - { name: health, path: /health }
    - { name: dashboard, path: /api/dashboard, identity: viewer, weight: 2 }
  server-metrics:
    url: /metrics
    interval: 500ms
    cpu: { below: 400 }
    memory: { below-mb: 8192 }
    db-pool:
      open: { metric: db_pool_open_connections, labels: { pool: main } }
      idle: db_pool_idle_connections
      size: db_pool_max_connections
      waiting: db_pool_waiting_requests
      below: 90
    series:
      - name: health requests
        metric: http_request_duration_seconds_count
        labels: { route: /health, status: '200' }
        op: '>'
        value: 10
        aggregate: increase`;

describe('load.server-metrics against the demo target (k6)', () => {
  const t = {} as { healthy: TestDemo; leaky: TestDemo };
  beforeAll(async () => {
    [t.healthy, t.leaky] = await Promise.all([
      startTestDemo({ rateLimitBypassToken: BYPASS_TOKEN }),
      startTestDemo({ rateLimitBypassToken: BYPASS_TOKEN, flaws: ['pool-exhaustion'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([t.healthy?.stopAll(), t.leaky?.stopAll()]);
  });

  it('samples before, during and after the run and passes every server control on the healthy demo', async () => {
    const run = await runLoadCli(loadYaml({ url: t.healthy.url, load }));
    const e = run.evidence;
    const server = e.thresholds.filter((x) => x.name.startsWith('server '));
    expect(server.map((x) => [x.name, x.ok])).toEqual([
      ['server cpu avg', true],
      ['server memory max', true],
      ['server db pool max', true],
      ['server health requests increase', true],
    ]);
    expect(run.code, e.summary).toBe(0);
    const samples = samplesOf(e);
    expect(samples[0]?.phase).toBe('before');
    expect(samples.at(-1)?.phase).toBe('after');
    expect(samples.filter((s) => s.phase === 'during').length).toBeGreaterThanOrEqual(4);
    expect(samples.filter((s) => s.error)).toEqual([]);
    // The target's own counter agrees with what the load run sent to /health.
    const health = 'http_request_duration_seconds_count{route="/health",status="200"}';
    const sent = e.metrics['endpoint.health.requests']!;
    const counted = samples.at(-1)!.values[health]! - samples[0]!.values[health]!;
    expect(counted).toBeGreaterThanOrEqual(sent);
    const report = await readFile(path.join(run.outDir, 'report.md'), 'utf8');
    expect(report).toContain('#### Server metrics');
    expect(report).toMatch(/\| server memory max \| [\d.]+ MB \|/);
    expect(report).toMatch(/\| server db pool max \| \d+% \|/);
    expect(report).not.toContain('**❌');
  });

  it('fails the pool control when the dashboard holds its connections, with the series in report.md', async () => {
    const run = await runLoadCli(loadYaml({ url: t.leaky.url, load }));
    expect(run.code).toBe(1);
    const pool = run.evidence.thresholds.find((x) => x.name === 'server db pool max')!;
    expect(pool.ok).toBe(false);
    expect(pool.actual).toBe(100);
    expect(pool.detail).toMatch(/peak 10 of 10 connections in use, up to [1-9]\d* waiting/);
    const report = await readFile(path.join(run.outDir, 'report.md'), 'utf8');
    if (process.env.SHOW_REPORT) console.log(report);
    const series = report.slice(report.indexOf('**❌ server db pool max**'));
    expect(series).toMatch(/\| 1 \| before \| [\d.]+ s \| 0% \|/);
    expect(series).toMatch(/\| \d+ \| during \| [\d.]+ s \| 100% \|/);
  });
});
