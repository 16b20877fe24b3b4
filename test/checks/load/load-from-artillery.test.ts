import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
/** Keeps Artillery's usage ping (sent even with telemetry disabled) from leaving the machine. */
const NO_USAGE_PING = pathToFileURL(path.resolve('test/support/artillery-no-usage-ping.mjs')).href;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The Artillery CLI the global setup found or installed (scripts/lib/ensure-artillery.ts:
 * $ARTILLERY_BIN, else the pin in scripts/artillery-pin). Missing means the setup was bypassed: fail.
 */
function artilleryBin(): string {
  const bin = process.env.ARTILLERY_BIN;
  if (!bin) throw new Error('ARTILLERY_BIN is not set: test/support/global-setup.ts provides Artillery');
  return bin;
}

/** Every file under `dir`, as [relative path, text]. */
async function filesUnder(dir: string): Promise<[string, string][]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((e) => e.isFile())
      .map(async (e): Promise<[string, string]> => {
        const file = path.join(e.parentPath, e.name);
        return [path.relative(dir, file), await readFile(file, 'utf8')];
      }),
  );
}

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

  it('runs the pinned Artillery package against the demo target and reads its report', async () => {
    const artillery = artilleryBin();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-artillery-run-'));
    await writeFile(path.join(dir, 'scenario.yml'), scenario(targets.healthy.url));
    await exec(artillery, ['run', '--output', 'report.json', 'scenario.yml'], {
      cwd: dir,
      env: {
        ...process.env,
        RATE_LIMIT_BYPASS: BYPASS_TOKEN,
        DEMO_PASSWORD,
        ARTILLERY_DISABLE_TELEMETRY: 'true',
        NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${NO_USAGE_PING}`].filter(Boolean).join(' '),
      },
      timeout: 120_000,
    });
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as Json;
    if (process.env.OPSGATE_RECORD_ARTILLERY) await copyFile(path.join(dir, 'report.json'), RECORDED);
    const run = await runLoadCli(config, [], dir);
    expectNumbersOf(report, run);
    expect(JSON.stringify(run.evidence)).not.toContain(DEMO_PASSWORD);
    // Nothing opsgate wrote (evidence, report.md, junit.xml, the store, stdout) carries the password
    // or the bypass token.
    const written: [string, string][] = [
      ...(await filesUnder(run.outDir)),
      ...(await filesUnder(path.join(dir, 'store'))),
      ['stdout', run.stdout],
    ];
    expect(written.map(([name]) => name)).toEqual(expect.arrayContaining(['report.md', 'junit.xml']));
    for (const [name, text] of written) {
      expect(text, name).not.toContain(DEMO_PASSWORD);
      expect(text, name).not.toContain(BYPASS_TOKEN);
    }
  });
});
