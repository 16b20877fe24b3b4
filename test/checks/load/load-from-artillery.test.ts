import { execFile } from 'node:child_process';
import { access, copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../support/demo.js';
import {
  BYPASS_TOKEN,
  endpointData,
  healthyAndSlowTargets,
  runLoadCli,
  type LoadRun,
} from './load-test-kit.js';

const exec = promisify(execFile);
const RECORDED = path.resolve('test/fixtures/artillery/demo-report.json');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The Artillery CLI: $ARTILLERY_BIN, or the project's node_modules. */
async function artilleryBin(): Promise<string | undefined> {
  for (const c of [process.env.ARTILLERY_BIN, path.resolve('node_modules/.bin/artillery')].filter(
    Boolean,
  ) as string[])
    if (
      await access(c).then(
        () => true,
        () => false,
      )
    )
      return c;
  return undefined;
}
const artillery = await artilleryBin();

const scenario = (url: string): string => `config:
  target: ${url}
  phases:
    - duration: 2
      arrivalRate: 5
  defaults:
    headers:
      X-RateLimit-Bypass: "{{ $env.RATE_LIMIT_BYPASS }}"
scenarios:
  - name: viewer browses
    flow:
      - post:
          url: /api/auth/login
          json: { email: viewer@demo.test, password: "{{ $env.DEMO_PASSWORD }}" }
          capture: { json: $.token, as: token }
      - get:
          url: /api/dashboard
          headers: { Authorization: "Bearer {{ token }}" }
      - get:
          url: /api/no-such-route
          headers: { Authorization: "Bearer {{ token }}" }
      - get:
          url: /health
          capture: { json: $.version, as: version }
`;

/** Every number the evidence reports is the report's own. */
function expectNumbersOf(report: Json, run: LoadRun): void {
  const a = report.aggregate;
  const total = endpointData(run.evidence, 'total');
  const rt = a.summaries['http.response_time'];
  const codes = Object.entries(a.counters as Record<string, number>).filter(([k]) =>
    /^http\.codes\.[45]\d\d$/.test(k),
  );
  const errors = Object.entries(a.counters as Record<string, number>).filter(([k]) =>
    k.startsWith('errors.'),
  );
  expect(total.requests).toBe(a.counters['http.requests']);
  expect(total.responses).toBe(rt.count);
  expect(total.rps).toBe(a.rates['http.request_rate']);
  expect(total.latency).toEqual({
    avg: rt.mean,
    min: rt.min,
    p50: rt.median,
    p90: rt.p90,
    p95: rt.p95,
    p99: rt.p99,
    max: rt.max,
  });
  expect(total.reasons).toEqual(
    Object.fromEntries([
      ...codes.map(([k, n]) => [`status ${k.slice(-3)}`, n]),
      ...errors.map(([k, n]) => [k.slice(7), n]),
    ]),
  );
  expect(total.failed).toBe([...codes, ...errors].reduce((s, [, n]) => s + n, 0));
  expect(total.reasons['Failed capture or match']).toBeGreaterThan(0);
  expect(total.reasons['status 404']).toBeGreaterThan(0);
  const dash = endpointData(run.evidence, '/api/dashboard');
  expect(dash.requests).toBe(a.counters['plugins.metrics-by-endpoint./api/dashboard.codes.200']);
  expect(dash.latency.p95).toBe(a.summaries['plugins.metrics-by-endpoint.response_time./api/dashboard'].p95);
  expect(run.evidence.run.tool?.name).toBe('artillery');
}

const config = `version: 1
target:
  base-url: http://127.0.0.1:9
store:
  dir: store
load:
  from: report.json
  thresholds: { p95: 5000 }
`;

describe('load.from: an Artillery 2.x JSON report', () => {
  const targets = healthyAndSlowTargets();

  it('reads the report recorded from Artillery 2.0.34 against the demo target', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-artillery-'));
    await copyFile(RECORDED, path.join(dir, 'report.json'));
    const run = await runLoadCli(config, [], dir);
    expectNumbersOf(JSON.parse(await readFile(RECORDED, 'utf8')) as Json, run);
    // Capture failures and 404s are failures by reason; the error-rate promise (default 1 %) is not met.
    expect(run.evidence.thresholds.find((t) => t.name === 'p95 total')?.ok).toBe(true);
  });

  it.skipIf(!artillery)(
    'runs the Artillery package against the demo target and reads its report',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-artillery-run-'));
      await writeFile(path.join(dir, 'scenario.yml'), scenario(targets.healthy.url));
      await exec(artillery!, ['run', '--output', 'report.json', 'scenario.yml'], {
        cwd: dir,
        env: {
          ...process.env,
          RATE_LIMIT_BYPASS: BYPASS_TOKEN,
          DEMO_PASSWORD,
          ARTILLERY_DISABLE_TELEMETRY: 'true',
        },
        timeout: 120_000,
      });
      const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as Json;
      if (process.env.OPSGATE_RECORD_ARTILLERY) await copyFile(path.join(dir, 'report.json'), RECORDED);
      const run = await runLoadCli(config, [], dir);
      expectNumbersOf(report, run);
      expect(JSON.stringify(run.evidence)).not.toContain(DEMO_PASSWORD);
    },
  );
});
