/**
 * The request policy against a hostile target: every path it serves redirects (302) to a second
 * "other host" server — another port on 127.0.0.1, or `localhost`. No engine may follow: the
 * other server must receive 0 requests (so 0 credentials), and the 3xx is what the evidence shows.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeCheckRuns, runCheck } from '../../support/run-check.js';
import {
  startOtherHost,
  startRedirectingTarget,
  type RecordingServer,
} from '../../support/hostile-servers.js';

process.env.PATH = `/root/go/bin:${process.env.PATH ?? ''}`;
const TOKEN = `tok-${randomBytes(8).toString('hex')}`;
const API_KEY = `key-${randomBytes(8).toString('hex')}`;
const BYPASS = `bypass-${randomBytes(8).toString('hex')}`;
const PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
process.env.HOSTILE_TOKEN = TOKEN;
process.env.HOSTILE_API_KEY = API_KEY;
process.env.HOSTILE_BYPASS = BYPASS;
process.env.HOSTILE_PASSWORD = PASSWORD;

let other: RecordingServer;
let target: RecordingServer;

beforeAll(async () => {
  other = await startOtherHost();
  target = await startRedirectingTarget(other);
});
afterAll(async () => {
  await target.close();
  await other.close();
  await removeCheckRuns();
});

function config(sections: string, targetExtra = ''): string {
  return `version: 1
target:
  base-url: ${target.url}
${targetExtra}  headers:
    X-Bypass: \${HOSTILE_BYPASS}
identities:
  anonymous: { kind: anonymous }
  bearer: { kind: bearer, token: '\${HOSTILE_TOKEN}' }
  keyed: { kind: api-key, value: '\${HOSTILE_API_KEY}' }
  viewer:
    kind: json-login
    login: { path: /to-localhost/login, body: { email: v@x.test, password: '\${HOSTILE_PASSWORD}' } }
  lockout:
    kind: json-login
    login: { path: /login, body: { email: l@x.test, password: '\${HOSTILE_PASSWORD}' } }
  browser:
    kind: cookie-session
    login: { path: /session, form: { user: b, password: '\${HOSTILE_PASSWORD}' } }
    csrf: { from-path: /csrf, json-path: $.csrf }
store:
  dir: store
${sections}`;
}

const run = runCheck;

function expectNothingReachedOtherHost(): void {
  expect(other.seen, JSON.stringify(other.seen.slice(0, 3))).toEqual([]);
}

const loadSection = (engine: string): string => `load:
  engine: ${engine}
  iterations: 40
  vus: 2
  duration: 20s
  thresholds: { error-rate: 0.01 }
  endpoints:
    - { name: port, path: /redirect/a, identity: bearer }
    - { name: named, path: /to-localhost/b, identity: keyed }
    - { name: login, path: /c, identity: viewer }
`;

describe('request policy: a target that redirects everywhere', () => {
  it('headers: pages answer 302 in the evidence; nothing reaches the other host', async () => {
    const r = await run(
      'headers',
      config(`headers:
  paths:
    - /redirect/page
    - { path: /to-localhost/page, identity: bearer }
    - { path: /keyed, identity: keyed }
`),
    );
    expectNothingReachedOtherHost();
    expect(r.files).toMatch(/302/);
    expect(target.seen.some((s) => s.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('rbac: matrix cells, csrf from-path and a failed login record 302', async () => {
    const r = await run(
      'rbac',
      config(`rbac:
  matrix:
    - { path: /redirect/item, expect: { bearer: 403, keyed: 200, anonymous: 401 } }
    - { path: /to-localhost/item, expect: { bearer: 200, viewer: 200, browser: 200 } }
`),
    );
    expectNothingReachedOtherHost();
    const actual = r.evidence.thresholds.map((t) => String(t.actual));
    expect(actual.filter((a) => a.includes('302')).length).toBeGreaterThanOrEqual(3);
    expect(target.seen.some((s) => s.url === '/csrf')).toBe(true);
  });

  it('rbac: an OpenAPI document that redirects is exit 2 naming the 302, not fetched elsewhere', async () => {
    const r = await run(
      'rbac',
      config(`rbac:
  openapi: { path: /openapi.json }
  matrix: [{ path: /redirect/item, expect: { bearer: 403 } }]
`),
    );
    expectNothingReachedOtherHost();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rbac\.openapi\.path: GET \/openapi\.json answered 302/);
    expect(target.seen.some((s) => s.url === '/openapi.json')).toBe(true);
  });

  it('abuse: login limiter and global limit get 302 answers; nothing follows them', async () => {
    const r = await run(
      'abuse',
      config(`abuse:
  login-limiter: { identity: lockout, attempts: 3, success-between: false }
  global-limit: { identity: bearer, request: { path: /to-localhost/g }, limit: 3, margin: 2 }
`),
    );
    expectNothingReachedOtherHost();
    expect(JSON.stringify(r.evidence.data)).toMatch(/302/);
    expect(target.seen.filter((s) => s.url === '/login').length).toBeGreaterThanOrEqual(3);
  });

  for (const engine of ['embedded', 'k6']) {
    it(`load (${engine}): every request answers 302 as its failure reason; 0 reach the other host`, async () => {
      const before = target.seen.length;
      const r = await run('load', config(loadSection(engine)));
      expectNothingReachedOtherHost();
      expect(r.evidence.run.tool?.name).toBe(engine);
      const endpoints = (
        r.evidence.data as { endpoints: { name: string; reasons: Record<string, number> }[] }
      ).endpoints;
      const port = endpoints.find((e) => e.name === 'port')!;
      const named = endpoints.find((e) => e.name === 'named')!;
      expect(port.reasons['status 302']).toBeGreaterThan(0);
      expect(named.reasons['status 302']).toBeGreaterThan(0);
      expect(r.code).toBe(1);
      const sent = target.seen.slice(before);
      expect(sent.some((s) => s.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
      expect(sent.some((s) => s.headers['x-api-key'] === API_KEY)).toBe(true);
      if (engine === 'k6') expect(r.files).toContain('"maxRedirects": 0');
    }, 120_000);
  }

  it('dast (wapiti behind the scope proxy): the scan never reaches the other host', async () => {
    const r = await run(
      'dast',
      config(`dast:
  mode: baseline
  engine: wapiti
  identity: bearer
  spider-minutes: 1
  timeout: 90s
  on-missing-engine: skip
`),
    );
    expectNothingReachedOtherHost();
    expect([0, 1]).toContain(r.code);
  }, 150_000);
});

describe('request policy: data-changing methods need allow-destructive and allow-hosts', () => {
  const deletes = (): number => target.seen.filter((s) => s.method === 'DELETE').length;

  it('a DELETE load endpoint is exit 2 without both keys; the target receives 0 DELETEs', async () => {
    const yaml = (extra: string): string =>
      config(
        `load:
  engine: embedded
  iterations: 20
  endpoints: [{ name: wipe, method: DELETE, path: /items/1 }]
`,
        extra,
      );
    for (const extra of ['', '  allow-destructive: true\n', '  allow-hosts: [127.0.0.1]\n']) {
      const r = await run('load', yaml(extra));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/load\.endpoints\[0\]\.method: DELETE changes data/);
      expect(r.stderr).toMatch(/target\.allow-destructive.*target\.allow-hosts/);
    }
    expect(deletes()).toBe(0);
  });

  it('a DELETE global-limit probe is exit 2; the target receives 0 DELETEs', async () => {
    const r = await run(
      'abuse',
      config(`abuse:
  global-limit: { request: { method: DELETE, path: /items/1 }, limit: 5 }
`),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/abuse\.global-limit\.request\.method: DELETE changes data/);
    expect(deletes()).toBe(0);
  });

  for (const mode of ['full', 'api']) {
    it(`dast ${mode} without allow-destructive and allow-hosts is exit 2 naming both keys`, async () => {
      for (const extra of ['', '  allow-destructive: true\n']) {
        const r = await run(
          'dast',
          config(
            `dast:\n  mode: ${mode}\n  engine: zap-docker\n${mode === 'api' ? '  api: { definition: /dev/null }\n' : ''}`,
            extra,
          ),
        );
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(
          new RegExp(
            `dast.mode: ${mode} runs an active attack scan.*target\\.allow-destructive: true and the host in target\\.allow-hosts`,
          ),
        );
      }
    });
  }
});
