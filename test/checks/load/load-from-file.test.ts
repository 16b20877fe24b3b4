import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { findK6 } from '../../../src/engines/k6/find-k6.js';
import { endpointData, healthyAndSlowTargets, runLoadCli } from './load-test-kit.js';

const exec = promisify(execFile);
const FIXTURES = path.resolve('test/fixtures/k6-summaries');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const config = (url = 'http://127.0.0.1:9') => `version: 1
target:
  base-url: ${url}
store:
  dir: store
load:
  from: placeholder.json
  thresholds: {}
`;

/** A JWT-shaped bearer token, built at run time so none is committed. */
function freshJwt(): string {
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'load-user', iat: Date.now() })}.${Buffer.from(os.hostname() + Math.random()).toString('base64url')}`;
}

async function everythingWritten(outDir: string, stdout: string): Promise<string> {
  const parts = [stdout];
  for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) parts.push(await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
  return parts.join('\n');
}

/** The file's own numbers, read the way each format documents them. */
function expectedFrom(file: Json, format: 'handle' | 'export'): Json {
  const v = (name: string): Json | undefined =>
    format === 'handle' ? file.metrics[name]?.values : file.metrics[name];
  const d = v('http_req_duration') ?? {};
  const failed = v('http_req_failed')!;
  const stat = (k: string): number | null => (typeof d[k] === 'number' ? d[k] : null);
  return {
    requests: v('http_reqs')!.count,
    rps: v('http_reqs')!.rate,
    failed: failed.passes,
    errorRate: format === 'handle' ? failed.rate : failed.value,
    latency: {
      avg: stat('avg'),
      min: stat('min'),
      p50: stat('med'),
      p90: stat('p(90)'),
      p95: stat('p(95)'),
      p99: stat('p(99)'),
      max: stat('max'),
    },
  };
}

/** The thresholds as the file states them, as `held` booleans. */
function thresholdsIn(file: Json, format: 'handle' | 'export'): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [metric, m] of Object.entries(file.metrics as Json))
    for (const [expr, t] of Object.entries((m.thresholds ?? {}) as Json))
      out[`k6 threshold ${metric}: ${expr}`] = format === 'handle' ? t.ok === true : t === false;
  return out;
}

async function runFrom(
  fileText: string,
  extraArgs: string[] = [],
): Promise<{ code: number; evidence: Evidence; outDir: string; stdout: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-from-'));
  const file = path.join(dir, 'result.json');
  await writeFile(file, fileText);
  return runLoadCli(config(), ['--from', file, ...extraArgs], dir);
}

const CASES: [string, 'handle' | 'export', string?][] = [
  ['handle-summary-mn1809-setup-token.json', 'handle', 'token'],
  ['handle-summary-smxky-mentora-crossed.json', 'handle', 'superAdminToken'],
  ['handle-summary-kitkas1412-ticketbooking.json', 'handle'],
  ['handle-summary-grafana-circleci-orb.json', 'handle'],
  ['summary-export-noerkholis-ticketing.json', 'export'],
  ['summary-export-itzaddddd-ticket-reserve.json', 'export'],
  ['summary-export-caua-vujanski.json', 'export'],
  ['summary-export-andreposman-qr.json', 'export'],
];

describe('opsgate load --from: k6 summaries from public repositories', () => {
  it.each(CASES)(
    '%s: every number is the file’s, thresholds with the right polarity, setup tokens masked',
    async (name, format, tokenKey) => {
      const original = JSON.parse(await readFile(path.join(FIXTURES, name), 'utf8')) as Json;
      const jwt = freshJwt();
      if (tokenKey) original.setup_data[tokenKey] = jwt;
      const run = await runFrom(JSON.stringify(original, null, 2));
      const e = run.evidence;
      expect(e.verdict === 'error', e.error?.message).toBe(false);
      const total = endpointData(e, 'total');
      const want = expectedFrom(original, format);
      expect(total).toMatchObject({
        requests: want.requests,
        failed: want.failed,
        errorRate: want.errorRate,
        rps: want.rps,
      });
      expect(total.latency).toEqual(want.latency);
      expect(e.metrics['total.requests']).toBe(want.requests);
      if (want.latency.p95 !== null)
        expect(e.metrics['total.p95_ms']).toBe(Math.round(want.latency.p95 * 100) / 100);
      else expect(e.metrics['total.p95_ms']).toBeUndefined();

      const stated = thresholdsIn(original, format);
      const controls = Object.fromEntries(
        e.thresholds.filter((t) => t.name.startsWith('k6 ')).map((t) => [t.name, t.ok]),
      );
      expect(controls).toEqual(stated);
      expect(run.code).toBe(Object.values(stated).every(Boolean) ? 0 : 1);

      // Failed checks become failures by reason, with the file's counts.
      const checks: Json[] = [];
      const walk = (g: Json | undefined): void => {
        if (!g) return;
        checks.push(...(Array.isArray(g.checks) ? g.checks : Object.values(g.checks ?? {})));
        for (const sub of Array.isArray(g.groups) ? g.groups : Object.values(g.groups ?? {}))
          walk(sub as Json);
      };
      walk(original.root_group);
      const expectedReasons = Object.fromEntries(
        checks.filter((c) => c.fails > 0).map((c) => [`check "${c.name}"`, c.fails]),
      );
      expect(total.reasons).toEqual(expectedReasons);

      if (tokenKey) {
        const written = await everythingWritten(run.outDir, run.stdout);
        expect(written).not.toContain(jwt);
        expect(written).not.toContain(jwt.split('.')[1]!);
      }
    },
  );

  it('a crossed summary-export threshold (`true`) fails its control; held ones (`false`) pass', async () => {
    const file = JSON.parse(
      await readFile(path.join(FIXTURES, 'summary-export-noerkholis-ticketing.json'), 'utf8'),
    ) as Json;
    file.metrics.http_req_duration.thresholds = { 'p(95)<1000': true, 'p(90)<5000': false };
    const run = await runFrom(JSON.stringify(file));
    const byName = Object.fromEntries(run.evidence.thresholds.map((t) => [t.name, t]));
    expect(byName['k6 threshold http_req_duration: p(95)<1000']).toMatchObject({
      ok: false,
      actual: file.metrics.http_req_duration['p(95)'],
    });
    expect(byName['k6 threshold http_req_duration: p(90)<5000']?.ok).toBe(true);
    expect(run.code).toBe(1);
  });

  it('hostile files: prototype keys stay ordinary names, strings are not numbers', async () => {
    const hostile = {
      root_group: { checks: { x: { name: '__proto__', passes: 1, fails: 2 } } },
      metrics: {
        __proto__: { count: 1 },
        constructor: { avg: 1 },
        http_reqs: { count: 10, rate: 'lots' },
        http_req_failed: { passes: 2, fails: 8, value: 0.2 },
        http_req_duration: { avg: '5', 'p(95)': 7, max: Number.MAX_VALUE, thresholds: { 'p(95)<1': true } },
      },
    };
    const text = JSON.stringify(hostile).replace('"metrics":{', '"metrics":{"__proto__":{"polluted":1},');
    const run = await runFrom(text);
    expect(({} as Json).polluted).toBeUndefined();
    const total = endpointData(run.evidence, 'total');
    expect(total.requests).toBe(10);
    expect(total.latency.avg).toBeNull(); // "5" is a string, not a number the file measured
    expect(total.latency.p95).toBe(7);
    expect(total.reasons).toEqual({ 'check "__proto__"': 2 });
    expect(
      run.evidence.thresholds.find((t) => t.name === 'k6 threshold http_req_duration: p(95)<1')?.ok,
    ).toBe(false);

    const artillery = JSON.stringify({
      aggregate: { counters: { 'http.requests': 3, 'errors.__proto__': 1, 'http.codes.503': 1 } },
    });
    const art = await runFrom(artillery);
    expect(({} as Json).polluted).toBeUndefined();
    expect(endpointData(art.evidence, 'total').reasons['status 503']).toBe(1);
    expect(endpointData(art.evidence, 'total').failed).toBe(2);
  });

  it('a file opsgate cannot read is a usage error naming the formats it expected (exit 2)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-from-bad-'));
    await writeFile(path.join(dir, 'opsgate.yml'), config());
    const cases: [string, string | undefined][] = [
      ['not-json.json', '<html>oops</html>'],
      ['other.json', JSON.stringify({ hello: 'world', metrics: [] })],
      ['missing.json', undefined],
    ];
    for (const [name, text] of cases) {
      if (text !== undefined) await writeFile(path.join(dir, name), text);
      const errors: string[] = [];
      const original = console.error;
      console.error = (...p: unknown[]) => errors.push(p.join(' '));
      let code: number;
      try {
        code = await main([
          '--config',
          path.join(dir, 'opsgate.yml'),
          '--out',
          path.join(dir, 'out'),
          'load',
          '--from',
          path.join(dir, name),
        ]);
      } finally {
        console.error = original;
      }
      expect(code, name).toBe(2);
      const message = errors.join('\n');
      expect(message).toContain('--from');
      if (text !== undefined) {
        expect(message).toContain('k6 handleSummary JSON');
        expect(message).toContain('k6 --summary-export JSON');
        expect(message).toContain('Artillery JSON report');
      } else expect(message).toContain('ENOENT');
    }
  });
});

describe('opsgate load --from: summaries the real k6 writes against the demo target', () => {
  const targets = healthyAndSlowTargets();
  const script = (url: string): string => `import http from 'k6/http';
import { check } from 'k6';
export const options = {
  vus: 2, duration: '2s',
  thresholds: { http_req_duration: ['p(95)<10000'], 'http_req_duration{name:dashboard}': ['p(95)<0.001'] },
};
export default function () {
  const h = { headers: { 'X-RateLimit-Bypass': __ENV.RATE_LIMIT_BYPASS } };
  check(http.get('${url}/health', Object.assign({ tags: { name: 'health' } }, h)), { 'health 200': (r) => r.status === 200 });
  http.get('${url}/api/dashboard', Object.assign({ tags: { name: 'dashboard' } }, h));
}
`;

  it('--summary-export (crossed = true) and the machine-readable summary, numbers equal to the file', async () => {
    const k6 = (await findK6())!;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-from-k6-'));
    await writeFile(path.join(dir, 'test.js'), script(targets.healthy.url));
    const run = async (args: string[]): Promise<void> => {
      await exec(k6, ['run', '--quiet', '--no-usage-report', ...args, 'test.js'], { cwd: dir }).catch(
        (err: { code?: number }) => {
          if (err.code !== 99) throw err; // 99: thresholds crossed, as intended
        },
      );
    };
    await run(['--summary-export', 'export.json']);
    await run(['--new-machine-readable-summary', '--summary-export', 'machine.json']);

    const exported = JSON.parse(await readFile(path.join(dir, 'export.json'), 'utf8')) as Json;
    const fromExport = await runLoadCli(config(), ['--from', path.join(dir, 'export.json')], dir);
    expect(fromExport.code).toBe(1);
    const t = Object.fromEntries(fromExport.evidence.thresholds.map((x) => [x.name, x.ok]));
    // 1 µs: no HTTP round trip is that fast, so this threshold is crossed on any machine
    expect(t['k6 threshold http_req_duration{name:dashboard}: p(95)<0.001']).toBe(false);
    expect(t['k6 threshold http_req_duration: p(95)<10000']).toBe(true);
    expect(endpointData(fromExport.evidence, 'total').requests).toBe(exported.metrics.http_reqs.count);
    expect(endpointData(fromExport.evidence, 'dashboard').latency.p95).toBe(
      exported.metrics['http_req_duration{name:dashboard}']['p(95)'],
    );

    const machine = JSON.parse(await readFile(path.join(dir, 'machine.json'), 'utf8')) as Json;
    const metric = (name: string): Json => (machine.results.metrics as Json[]).find((m) => m.name === name)!;
    const fromMachine = await runLoadCli(config(), ['--from', path.join(dir, 'machine.json')], dir);
    const total = endpointData(fromMachine.evidence, 'total');
    expect(fromMachine.evidence.run.tool).toEqual({
      name: 'k6',
      version: machine.metadata.k6_version ?? machine.metadata.k6Version,
    });
    expect(total.requests).toBe(metric('http_reqs').values.count);
    expect(total.latency.p95).toBe(metric('http_req_duration').values.p95);
    expect(total.latency.p50).toBe(metric('http_req_duration').values.med);
    expect(total.failed).toBe(metric('http_req_failed').values.matches);
    expect(endpointData(fromMachine.evidence, 'dashboard').latency.p95).toBe(
      metric('http_req_duration{name:dashboard}').values.p95,
    );
  });
});
