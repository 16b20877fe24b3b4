import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { parseWapitiReport } from '../../../src/engines/wapiti/parse-wapiti-report.js';
import { githubUploadProblems, sarifSchemaErrors } from '../../support/sarif-checks.js';
import { DEMO_PASSWORD, readRequestLog, startTestDemo, type TestDemo } from '../../support/demo.js';

/** Real wapiti (Debian's package, installed by .ci/run) against the real demo target. */
const hasWapiti = (() => {
  try {
    execFileSync('wapiti', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const fixture = path.resolve(import.meta.dirname, '../../fixtures/wapiti/wapiti-3.0.4-demo-full.json');

describe('wapiti report parser (report recorded from wapiti 3.0.4 against the demo target)', () => {
  it('keeps every vulnerability with its rule, URL, parameter and level', async () => {
    const r = parseWapitiReport(await readFile(fixture, 'utf8'));
    const xss = r.alerts.find((a) => a.pluginId === 'wapiti-cross-site-scripting');
    const sql = r.alerts.find((a) => a.pluginId === 'wapiti-sql-injection');
    expect(xss?.instances[0]).toMatchObject({ param: 'name', method: 'GET' });
    expect(xss?.instances[0]?.uri).toMatch(/\/directory\?name=/);
    expect(sql?.risk).toBe(3); // critical in wapiti, high in ZAP's scale
    expect(sql?.cweId).toBe('89');
    const raw = JSON.parse(await readFile(fixture, 'utf8')) as {
      vulnerabilities: Record<string, unknown[]>;
      anomalies: Record<string, unknown[]>;
    };
    const entries = [...Object.values(raw.vulnerabilities), ...Object.values(raw.anomalies)].flat().length;
    expect(r.alerts.reduce((n, a) => n + a.count, 0)).toBe(entries);
  });

  it('refuses a file that is not a wapiti report, naming it', () => {
    expect(() => parseWapitiReport('{"site": []}', 'x.json')).toThrow(/x\.json is not a wapiti JSON report/);
  });
});

describe.skipIf(!hasWapiti)('opsgate dast with the real wapiti engine', () => {
  let healthy: TestDemo;
  let flawed: TestDemo;
  let other: http.Server;
  let otherHits = 0;
  let otherUrl = '';

  beforeAll(async () => {
    healthy = await startTestDemo();
    flawed = await startTestDemo({ flaws: ['reflected-xss', 'sql-injection'] });
    other = http.createServer((_req, res) => {
      otherHits++;
      res.end('other host');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    process.env.DEMO_USER_PASSWORD = DEMO_PASSWORD;
  });
  afterAll(async () => {
    await healthy?.stopAll();
    await flawed?.stopAll();
    await new Promise<void>((resolve) => other?.close(() => resolve()));
  });

  async function scan(
    target: TestDemo,
    dast: string,
    destructive = false,
  ): Promise<{ code: number; e?: Evidence; dir: string; out: string }> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-wapiti-'));
    const host = new URL(target.url).hostname;
    await writeFile(
      path.join(dir, 'opsgate.yml'),
      `version: 1
target:
  base-url: ${target.url}
${destructive ? `  allow-destructive: true\n  allow-hosts: [${host}]\n` : ''}identities:
  viewer:
    kind: json-login
    login:
      path: /api/auth/login
      body: { email: viewer@demo.test, password: "\${DEMO_USER_PASSWORD}" }
dast:
  engine: wapiti
  identity: viewer
  timeout: 3m
${dast
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`,
    );
    const out = path.join(dir, 'out');
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await main(['--config', path.join(dir, 'opsgate.yml'), '--out', out, 'dast']);
    vi.restoreAllMocks();
    const e = JSON.parse(await readFile(path.join(out, 'evidence', 'dast.json'), 'utf8')) as Evidence;
    return { code, e, dir, out };
  }

  const open = (e?: Evidence) => (e?.findings ?? []).filter((f) => !f.suppressed);

  it('healthy target, full scan: no injection finding, the gate passes; only GETs to the origin', async () => {
    const r = await scan(healthy, 'mode: full\nfail-on: high', true);
    expect(r.code).toBe(0);
    expect(r.e?.data?.engine).toBe('wapiti');
    expect(open(r.e).filter((f) => f.severity === 'high')).toEqual([]);
    expect(otherHits).toBe(0);
  });

  it('reflected-xss and sql-injection fail the full scan, naming rule, URL and parameter', async () => {
    const r = await scan(flawed, 'mode: full\nfail-on: high', true);
    expect(r.code).toBe(1);
    const titles = open(r.e).map((f) => `${f.ruleId} ${f.location ?? ''} ${f.title} ${f.detail ?? ''}`);
    expect(
      titles.some(
        (t) => t.includes('wapiti-sql-injection') && t.includes('/directory') && t.includes('name'),
      ),
    ).toBe(true);
    expect(titles.some((t) => t.includes('wapiti-cross-site-scripting') && t.includes('/directory'))).toBe(
      true,
    );
    expect(otherHits).toBe(0);
    // The real scan's SARIF: valid 2.1.0, accepted by GitHub's upload rules, on opsgate.yml's dast line.
    const sarif = JSON.parse(await readFile(path.join(r.out, 'sarif/dast.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string; locations: unknown[]; properties: { url?: string } }[] }[];
    };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(githubUploadProblems(sarif, r.dir)).toEqual([]);
    const sql = sarif.runs[0]!.results.find((x) => x.ruleId === 'wapiti-sql-injection')!;
    expect(sql.properties.url).toMatch(/\/directory\?name=$/);
    expect(JSON.stringify(sql.locations)).toContain('"uri":"opsgate.yml"');
  });

  it('a reviewed suppression hides a finding; an expired one does not', async () => {
    const suppress = (expires: string) => `mode: full
fail-on: high
suppressions:
  - rule: wapiti-sql-injection
    reason: tracked in the demo as a planted flaw
    owner: opsgate-maintainers
    expires: '${expires}'
  - rule: wapiti-cross-site-scripting
    reason: tracked in the demo as a planted flaw
    owner: opsgate-maintainers
    expires: '${expires}'
  - rule: wapiti-internal-server-error
    reason: tracked in the demo as a planted flaw
    owner: opsgate-maintainers
    expires: '${expires}'`;
    const kept = await scan(flawed, suppress('2999-12-31'), true);
    expect(kept.code).toBe(0);
    expect(kept.e?.findings.some((f) => f.suppressed && f.ruleId === 'wapiti-sql-injection')).toBe(true);
    const expired = await scan(flawed, suppress('2020-01-01'), true);
    expect(expired.code).toBe(1);
  });

  it('baseline with allow-destructive false runs no attack module: no payload reaches the target', async () => {
    const before = (await readRequestLog(flawed.requestLogPath)).length;
    const r = await scan(flawed, 'mode: baseline\nfail-on: high');
    expect(r.code).toBe(0);
    // opsgate's own login for the identity is the one POST; everything the scanner sent is a GET.
    const log = (await readRequestLog(flawed.requestLogPath))
      .slice(before)
      .filter((l) => l.path !== '/api/auth/login');
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((l) => l.method === 'GET' || l.method === 'HEAD')).toBe(true);
    expect(log.filter((l) => l.status === 500)).toEqual([]); // no SQL payload hit the flawed query
    expect(open(r.e).some((f) => f.ruleId === 'wapiti-sql-injection')).toBe(false);
  });

  it('full mode without allow-destructive and allow-hosts is a configuration error', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-wapiti-'));
    await writeFile(
      path.join(dir, 'opsgate.yml'),
      `version: 1\ntarget:\n  base-url: ${healthy.url}\ndast:\n  engine: wapiti\n  mode: full\n`,
    );
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await main([
      '--config',
      path.join(dir, 'opsgate.yml'),
      '--out',
      path.join(dir, 'out'),
      'dast',
    ]);
    vi.restoreAllMocks();
    expect(code).toBe(2);
  });

  it('the scope proxy refuses every other host', async () => {
    const { startScopeProxy } = await import('../../../src/engines/wapiti/scope-proxy.js');
    const proxy = await startScopeProxy({ origin: healthy.url, passiveOnly: true });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const u = new URL(proxy.url);
        http
          .get({ host: u.hostname, port: u.port, path: `${otherUrl}/x` }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(status).toBe(403);
      expect(proxy.stats.refused).toBe(1);
      expect(otherHits).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});
