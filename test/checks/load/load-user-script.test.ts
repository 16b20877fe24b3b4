import { copyFile, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../support/demo.js';
import { BYPASS_TOKEN, endpointData, healthyAndSlowTargets, runLoadCli } from './load-test-kit.js';

const SCRIPT = path.resolve('test/fixtures/k6-scripts/browse-dashboard.js');
process.env.RATE_LIMIT_BYPASS = BYPASS_TOKEN;
process.env.DEMO_PASSWORD = DEMO_PASSWORD;

function yaml(url: string, extra = ''): string {
  return `version: 1
target:
  base-url: ${url}
store:
  dir: store
load:
  script: tests/browse-dashboard.js
  thresholds: { error-rate: 0.01 }
  endpoint-thresholds:
    dashboard: { p95: 350 }
${extra}`;
}

/** A repository checkout: opsgate.yml at the top, the team's script under tests/, reports/ for its own output. */
async function checkout(script = SCRIPT): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-user-script-'));
  await mkdir(path.join(dir, 'tests'));
  await mkdir(path.join(dir, 'reports'));
  await copyFile(script, path.join(dir, 'tests', 'browse-dashboard.js'));
  return dir;
}

async function allText(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) parts.push(await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
  return parts.join('\n');
}

describe('load.script: the team’s own k6 script, run unchanged', () => {
  const targets = healthyAndSlowTargets();

  it('passes on the healthy demo: its thresholds are controls, endpoints by name tag and URL group, its own report still written', async () => {
    const dir = await checkout();
    const run = await runLoadCli(yaml(targets.healthy.url), [], dir);
    expect(run.code, run.evidence.summary).toBe(0);
    const e = run.evidence;
    expect(e.run.tool?.name).toBe('k6');
    expect(e.data?.profile).toBe('script');

    const k6Thresholds = e.thresholds.filter((t) => t.name.startsWith('k6 threshold '));
    expect(k6Thresholds.map((t) => t.name).sort()).toEqual(
      [
        'k6 threshold checks: rate>0.99',
        'k6 threshold http_req_duration: p(95)<1500',
        'k6 threshold http_req_duration{name:dashboard}: p(95)<300',
        'k6 threshold http_req_failed: rate<0.01',
      ].sort(),
    );
    expect(k6Thresholds.every((t) => t.ok && typeof t.actual === 'number')).toBe(true);
    // opsgate's own promises on top, per endpoint by the script's name tag.
    expect(e.thresholds.find((t) => t.name === 'p95 dashboard')).toMatchObject({ ok: true, limit: 350 });
    expect(e.thresholds.find((t) => t.name === 'error rate total')?.ok).toBe(true);

    const names = (e.data as { endpoints: { name: string }[] }).endpoints.map((x) => x.name).sort();
    expect(names).toEqual(['GET /api/companies/{id}', 'dashboard', 'health', 'login']);
    expect(endpointData(e, 'login').requests).toBe(1);
    const total = endpointData(e, 'total');
    expect(total.requests).toBe(names.reduce((a, n) => a + endpointData(e, n).requests, 0));
    expect(total.failed).toBe(0);
    // The script's threshold names the dashboard sub-metric, so its row carries k6's own numbers.
    const dashThreshold = k6Thresholds.find((t) => t.name.includes('{name:dashboard}'))!;
    expect(dashThreshold.actual).toBe(endpointData(e, 'dashboard').latency.p95);

    // The script's handleSummary still ran, with setup() data intact; its token is the team's
    // business in their own report, and absent from everything opsgate wrote.
    const theirs = JSON.parse(await readFile(path.join(dir, 'reports/browse-summary.json'), 'utf8')) as {
      checks: { passes: number; fails: number };
      token: string;
    };
    expect(theirs.checks.fails).toBe(0);
    expect(theirs.token.length).toBeGreaterThan(20);
    const written = await allText(run.outDir);
    expect(written).not.toContain(theirs.token);
    expect(written).not.toContain(DEMO_PASSWORD);
    expect(await readFile(path.join(dir, 'tests/browse-dashboard.js'), 'utf8')).toBe(
      await readFile(SCRIPT, 'utf8'),
    );
  });

  it('fails with slow-dashboard: the script’s own threshold and opsgate’s endpoint promise (exit 1)', async () => {
    const run = await runLoadCli(yaml(targets.slow.url), [], await checkout());
    expect(run.code).toBe(1);
    const failed = run.evidence.thresholds.filter((t) => !t.ok).map((t) => t.name);
    expect(failed).toContain('k6 threshold http_req_duration{name:dashboard}: p(95)<300');
    expect(failed).toContain('p95 dashboard');
    expect(failed).not.toContain('k6 threshold http_req_failed: rate<0.01');
    expect(run.evidence.data?.k6ThresholdsCrossed).toBe(true);
    expect(endpointData(run.evidence, 'dashboard').latency.p95).toBeGreaterThanOrEqual(400);
    expect(endpointData(run.evidence, 'health').latency.p95).toBeLessThan(300);
  });

  it('shards a user script with execution segments and merges the shards', async () => {
    const dir = await checkout();
    const config = yaml(targets.healthy.url);
    const shards = [];
    for (const shard of ['1/2', '2/2']) {
      const run = await runLoadCli(config, ['--shard', shard], dir);
      expect(run.code, run.evidence.summary).toBe(0);
      expect(run.evidence.thresholds.every((t) => t.skipped)).toBe(true);
      shards.push(run);
    }
    const merged = await runLoadCli(config, ['--merge', ...shards.map((r) => r.outDir)], dir);
    expect(merged.code, merged.evidence.summary).toBe(0);
    for (const name of ['dashboard', 'health', 'login', 'GET /api/companies/{id}'])
      expect(endpointData(merged.evidence, name).requests).toBe(
        shards.reduce((a, r) => a + endpointData(r.evidence, name).requests, 0),
      );
    // Each shard ran setup() once; VUs were split between them.
    expect(endpointData(merged.evidence, 'login').requests).toBe(2);
    expect(merged.evidence.thresholds.find((t) => t.name === 'p95 dashboard')?.ok).toBe(true);
  });

  it('keeps a loopback target’s script on loopback: a request elsewhere is refused by k6, not sent', async () => {
    const dir = await checkout();
    const hostile = (await readFile(SCRIPT, 'utf8')).replace(
      '  sleep(0.05);',
      "  http.get('http://10.255.255.1/steal', { tags: { name: 'elsewhere' }, timeout: '2s' });\n  sleep(0.05);",
    );
    await writeFile(path.join(dir, 'tests', 'browse-dashboard.js'), hostile);
    const run = await runLoadCli(yaml(targets.healthy.url, '  regression: { min-samples: 1 }\n'), [], dir);
    expect(run.evidence.error).toBeUndefined();
    const elsewhere = endpointData(run.evidence, 'elsewhere');
    expect(elsewhere.requests).toBeGreaterThan(0);
    expect(elsewhere.failed).toBe(elsewhere.requests);
    expect(Object.keys(elsewhere.reasons)).toEqual(['refused: not loopback']);
    expect(endpointData(run.evidence, 'dashboard').failed).toBe(0);
  });
});
