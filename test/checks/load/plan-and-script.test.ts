import { describe, expect, it } from 'vitest';
import { planLoad } from '../../../src/checks/load/plan-load.js';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { trendChart } from '../../../src/core/render/mermaid.js';
import { generateK6Script, k6Thresholds } from '../../../src/engines/k6/generate-script.js';
import { executionSegmentArgs } from '../../../src/engines/k6/run-k6.js';

const base = (load: string, url = 'http://127.0.0.1:8080'): string => `target:
  base-url: ${url}
  headers: { X-RateLimit-Bypass: '\${BYPASS}' }
identities:
  viewer:
    kind: json-login
    login: { path: /api/auth/login, body: { email: viewer@demo.test, password: '\${PW}' } }
load:
${load}`;

const env = { BYPASS: 'bypass-secret-value', PW: 'pass-secret-value' };

function problems(text: string): string[] {
  try {
    planLoad(parseConfigText(text, 'opsgate.yml', env));
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split('\n');
    throw err;
  }
  return [];
}

describe('load plan', () => {
  it('names every config mistake at once', () => {
    const lines = problems(
      base(`  profile: hurricane
  thresholds: { p95: -1, error-rate: 2 }
  endpoints:
    - { name: Dash Board, path: api/dashboard, expect: [700] }
    - { name: a, path: /a }
    - { name: a, path: /b }`),
    );
    expect(lines.join('\n')).toContain('load.profile');
    expect(lines.join('\n')).toContain('load.thresholds.p95');
    expect(lines.join('\n')).toContain('load.thresholds.error-rate');
    expect(lines.join('\n')).toContain('load.endpoints[0].name');
    expect(lines.join('\n')).toContain('load.endpoints[0].path: expected a path starting with "/"');
    expect(lines.join('\n')).toContain('load.endpoints[0].expect[0]: expected an HTTP status');
    expect(lines.join('\n')).toContain('load.endpoints[2].name: duplicate name "a"');
    expect(lines.length).toBeGreaterThanOrEqual(7);
  });

  it('refuses unknown identities and load against non-loopback hosts that are not allow-listed', () => {
    const lines = problems(
      base(
        `  endpoints:
    - { name: a, path: /a, identity: ghost }
    - { name: b, path: /b, method: GET, body: { x: 1 } }`,
        'https://staging.example.com',
      ),
    );
    expect(lines).toEqual([
      expect.stringContaining('target.allow-hosts: load traffic goes only to loopback'),
      'load.endpoints[0].identity: identity "ghost" is not defined under identities',
      'load.endpoints[1].body: GET requests carry no body',
    ]);
  });

  it('needs endpoints, a script or a result file; a result file sends no traffic, so needs no allow-list', () => {
    const none = problems(base('  profile: smoke'));
    expect(none).toHaveLength(1);
    expect(none[0]).toContain('load.endpoints: expected endpoints, a script or a file to read (from)');
    const both = problems(base('  script: a.js\n  from: b.json'));
    expect(both).toHaveLength(1);
    expect(both[0]).toMatch(/^opsgate\.yml:\d+ load\.from: script and from do not go together/);
    expect(problems(base('  script: a.js', 'https://staging.example.com'))[0]).toContain(
      'target.allow-hosts',
    );
    const remote = parseConfigText(
      base('  from: k6-summary.json', 'https://staging.example.com'),
      'opsgate.yml',
      env,
    );
    expect(planLoad(remote, { traffic: false }).endpoints).toEqual([]);
  });

  it('uses profile stages unless stages or vus+duration override them', () => {
    const plan = (load: string) => planLoad(parseConfigText(base(load), 'opsgate.yml', env));
    expect(plan('  profile: spike\n  endpoints: [{ name: a, path: /a }]').scenario.kind).toBe('ramping');
    expect(
      plan('  profile: spike\n  vus: 3\n  duration: 5s\n  endpoints: [{ name: a, path: /a }]').scenario,
    ).toEqual({
      kind: 'constant',
      vus: 3,
      durationS: 5,
    });
    expect(
      plan(
        '  stages: [{ duration: 2s, target: 4 }, { duration: 1m, target: 0 }]\n  endpoints: [{ name: a, path: /a }]',
      ).scenario,
    ).toEqual({
      kind: 'ramping',
      stages: [
        { durationS: 2, target: 4 },
        { durationS: 60, target: 0 },
      ],
    });
  });
});

describe('k6 script generation', () => {
  const config = parseConfigText(
    base(`  thresholds: { p95: 200, error-rate: 0.01, min-rps: 50 }
  endpoints:
    - { name: dashboard, path: /api/dashboard, identity: viewer, thresholds: { p99: 500 } }`),
    'opsgate.yml',
    env,
  );
  const plan = planLoad(config);

  it('mirrors the config thresholds and forces every endpoint sub-metric into the summary', () => {
    expect(k6Thresholds(plan)).toEqual({
      'http_req_duration{kind:endpoint}': ['max>=0', 'p(95)<200'],
      'http_req_failed{kind:endpoint}': ['rate<=0.01'],
      'http_reqs{kind:endpoint}': ['rate>=50'],
      'opsgate_unsent{kind:endpoint}': ['count>=0'],
      'http_req_duration{endpoint:dashboard}': ['max>=0', 'p(99)<500'],
      'http_req_failed{endpoint:dashboard}': ['rate>=0'],
      'http_reqs{endpoint:dashboard}': ['count>=0'],
      'opsgate_unsent{endpoint:dashboard}': ['count>=0'],
    });
  });

  it('keeps secrets out of the script and reads them from the environment', () => {
    const script = generateK6Script(plan);
    expect(script.source).not.toContain('bypass-secret-value');
    expect(script.source).not.toContain('pass-secret-value');
    expect(script.env).toEqual({
      OPSGATE_SECRET_1: 'bypass-secret-value',
      OPSGATE_SECRET_2: 'pass-secret-value',
    });
    expect(script.source).toContain('OPSGATE_SECRET_2  identities.viewer.login.body.password');
    expect(script.source).toContain('"summaryTrendStats"');
    expect(script.source).toContain('"p(99)"');
    expect(script.source).toContain('export function handleSummary');
  });

  it('splits shards into execution segments', () => {
    expect(executionSegmentArgs({ index: 1, count: 2 })).toEqual([
      '--execution-segment',
      '0:1/2',
      '--execution-segment-sequence',
      '0,1/2,1',
    ]);
    expect(executionSegmentArgs({ index: 3, count: 3 })).toEqual([
      '--execution-segment',
      '2/3:1',
      '--execution-segment-sequence',
      '0,1/3,2/3,1',
    ]);
  });
});

describe('mermaid trend chart', () => {
  it('renders an xychart-beta line chart', () => {
    const chart = trendChart({
      title: 'p95 (ms)',
      xLabels: ['abc1234', 'this run'],
      yLabel: 'ms',
      series: [{ name: 'p95', values: [12.345, 48] }],
    });
    expect(chart).toBe(
      [
        '```mermaid',
        'xychart-beta',
        '  title "p95 (ms)"',
        '  x-axis ["abc1234", "this run"]',
        '  y-axis "ms" 0 --> 100',
        '  line [12.35, 48]',
        '```',
      ].join('\n'),
    );
  });
});

describe('unreachable target', () => {
  it('exits 3 naming what was tried, before any load is generated', async () => {
    const { createServer } = await import('node:net');
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const { runLoadCli } = await import('./load-test-kit.js');
    const errors: string[] = [];
    const original = console.error;
    console.error = (...p: unknown[]) => errors.push(p.join(' '));
    try {
      const run = await runLoadCli(
        `target:\n  base-url: http://127.0.0.1:${port}\nload:\n  engine: k6\n  endpoints: [{ name: a, path: /a }]\n`,
      );
      expect(run.code).toBe(3);
      expect(run.evidence.verdict).toBe('error');
      expect(run.evidence.error?.message).toContain(`tried GET http://127.0.0.1:${port}`);
      expect(run.evidence.artifacts).toEqual([]);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toContain('target unreachable');
  });
});
