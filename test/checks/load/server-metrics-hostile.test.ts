import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/core/evidence/model.js';
import {
  startHostileMetricsTarget,
  startOtherHost,
  type MetricsTarget,
  type RecordingServer,
} from '../../support/hostile-servers.js';
import { removeCheckRuns, runCheck } from '../../support/run-check.js';

interface Sample {
  phase: string;
  error?: string;
  rejected?: number;
}
const samplesOf = (e: Evidence): Sample[] => (e.data?.serverMetrics as { samples: Sample[] }).samples;

/** A short embedded load run against `url`, reading `metricsPath` around it. */
const yaml = (url: string, metricsPath: string): string => `version: 1
target:
  base-url: ${url}
load:
  engine: embedded
  vus: 2
  iterations: 40
  endpoints:
    - { name: health, path: /health }
  server-metrics:
    url: ${metricsPath}
    interval: 250ms
    timeout: 2s
    memory: { below-mb: 100 }
    db-pool: { in-use: db_pool_open_connections, size: db_pool_max_connections, below: 90 }
`;

describe('load.server-metrics against a hostile metrics endpoint', () => {
  let other: RecordingServer;
  let target: MetricsTarget;
  beforeAll(async () => {
    other = await startOtherHost();
    target = await startHostileMetricsTarget(other);
  });
  afterAll(async () => {
    await removeCheckRuns();
    await target?.close();
    await other?.close();
  });

  it('records a redirect to another host as failed samples and sends nothing there', async () => {
    const run = await runCheck('load', yaml(target.url, '/metrics/redirect'));
    const samples = samplesOf(run.evidence);
    expect(samples.length).toBeGreaterThanOrEqual(2);
    for (const s of samples)
      expect(s.error).toMatch(
        /^answered 302 to http:\/\/127\.0\.0\.1:\d+\/stolen \(redirects are not followed\)$/,
      );
    expect(other.seen).toEqual([]);
    // The load itself was measured; the controls that saw nothing fail, they do not pass.
    expect(run.evidence.metrics['total.requests']).toBe(40);
    const memory = run.evidence.thresholds.find((t) => t.name === 'server memory max')!;
    expect([memory.ok, memory.actual]).toEqual([false, null]);
    expect(run.evidence.findings.map((f) => [f.title, f.severity, f.count])).toEqual([
      ['server metrics scrape failed', 'low', samples.length],
    ]);
    expect(run.code).toBe(1);
  });

  it('stops reading a huge answer at max-bytes and records the sample as failed', async () => {
    const started = Date.now();
    const run = await runCheck('load', yaml(target.url, '/metrics/huge'));
    const samples = samplesOf(run.evidence);
    for (const s of samples) expect(s.error).toBe('answer larger than 4194304 bytes: not read');
    // Each scrape closed the connection soon after 4 MB instead of reading the 64 MB offered.
    expect(target.hugeBytesWritten()).toBeLessThan(samples.length * 12 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.code).toBe(1);
  });

  it('keeps the valid samples of garbage text and renders what the target wrote inert', async () => {
    const run = await runCheck('load', yaml(target.url, '/metrics/garbage'));
    const samples = samplesOf(run.evidence);
    expect(samples.filter((s) => s.error)).toEqual([]);
    expect(samples[0]?.rejected).toBe(5);
    const memory = run.evidence.thresholds.find((t) => t.name === 'server memory max')!;
    expect([memory.ok, memory.actual]).toEqual([true, 1]);
    // The pool size is absent: that control has nothing to compare, so it fails.
    expect(run.evidence.thresholds.find((t) => t.name === 'server db pool max')?.ok).toBe(false);
    const info = run.evidence.findings.find(
      (f) => f.title === 'server metrics lines not in the exposition format',
    );
    expect(info?.severity).toBe('info');
    const report = await readFile(path.join(run.dir, 'out', 'report.md'), 'utf8');
    if (process.env.SHOW_REPORT) console.log(report);
    expect(report).toMatch(/\d+ scrapes had lines that are not exposition text \(up to 5 per scrape\)/);
    expect(report).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // eslint-disable-next-line no-control-regex -- the control characters are what must be absent
    expect(report).not.toMatch(/<img|<b>|<html|\u0007|\u001b/);
  });

  it('records a web page as a failed sample (no samples in the exposition format)', async () => {
    const run = await runCheck('load', yaml(target.url, '/metrics/html'));
    for (const s of samplesOf(run.evidence)) expect(s.error).toBe('no samples in the Prometheus text format');
  });

  it('refuses a metrics URL that names another host before sending anything', async () => {
    const before = target.seen.length;
    for (const bad of [`//127.0.0.1:${other.port}/metrics`, `http://127.0.0.1:${other.port}/metrics`]) {
      const run = await runCheck('load', yaml(target.url, bad));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('load.server-metrics.url');
    }
    expect(target.seen.length).toBe(before);
    expect(other.seen).toEqual([]);
  });
});
