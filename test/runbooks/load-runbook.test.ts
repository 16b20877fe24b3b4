import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/checks/load/compare-baseline.js';
import { evaluateThresholds } from '../../src/checks/load/evaluate-thresholds.js';
import { main } from '../../src/cli/main.js';
import { parseConfigText } from '../../src/core/config/load-config.js';
import { evidenceSchema, type Evidence } from '../../src/core/evidence/model.js';
import { writeEvidence } from '../../src/core/evidence/store-files.js';
import { renderRunbooks } from '../../src/core/runbooks/render-runbooks.js';
import { FsEvidenceStore } from '../../src/core/store/fs-evidence-store.js';
import { findK6 } from '../../src/engines/k6/find-k6.js';
import type { EndpointStats } from '../../src/engines/load-plan.js';
import { DEMO_PASSWORD, startTestDemo, cleanupAfterEach } from '../support/demo.js';
import { blocksOf, runBash, sections } from './runbook-blocks.js';

const cleanups = cleanupAfterEach();
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  delete process.env.RB_LOAD_BYPASS;
  delete process.env.RB_VIEWER_PASSWORD;
});

const BYPASS = `bypass-${randomBytes(6).toString('hex')}`;

/** The team's own variables, as opsgate.yml names them. */
const USER_ENV = { RB_LOAD_BYPASS: BYPASS, RB_VIEWER_PASSWORD: DEMO_PASSWORD };

function configYaml(url: string): string {
  return `version: 1
target:
  base-url: ${url}
  headers:
    X-RateLimit-Bypass: \${RB_LOAD_BYPASS}
identities:
  viewer:
    kind: json-login
    login: { path: /api/auth/login, body: { email: viewer@demo.test, password: '\${RB_VIEWER_PASSWORD}' } }
store:
  dir: store
load:
  engine: k6
  vus: 2
  duration: 2s
  thresholds: { error-rate: 0.01 }
  endpoints:
    - { name: health, path: /health, weight: 1 }
    - { name: dashboard, path: /api/dashboard, identity: viewer, weight: 2, thresholds: { p95: 300 } }
`;
}

const SECTION = ['Reproduce locally'];

describe('the load-regression runbook', () => {
  it('lists every variable the k6 script reads, from the user’s own, and the script re-runs with them', async () => {
    Object.assign(process.env, USER_ENV);
    const demo = await startTestDemo({
      rateLimitBypassToken: BYPASS,
      flaws: ['slow-dashboard'],
      slowMs: 400,
    });
    cleanups.push(demo.stopAll);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-load-runbook-'));
    dirs.push(dir);
    const config = path.join(dir, 'opsgate.yml');
    const out = path.join(dir, 'out');
    await writeFile(config, configYaml(demo.url));
    expect(await main(['--config', config, '--out', out, 'load'])).toBe(1);
    const evidenceFile = path.join(out, 'evidence', 'load.json');
    const evidence = JSON.parse(await readFile(evidenceFile, 'utf8')) as Evidence;
    // Names and where each value belongs are recorded; no value is.
    expect(evidence.data?.scriptEnv).toEqual([
      {
        name: 'OPSGATE_SECRET_1',
        description:
          'identities.anonymous.headers.X-RateLimit-Bypass, identities.viewer.headers.X-RateLimit-Bypass',
      },
      { name: 'OPSGATE_SECRET_2', description: 'identities.viewer.login.body.password' },
    ]);
    const render = async () => {
      expect(
        await main(['--config', config, '--out', out, 'runbooks', '--only', 'load-regression-triage']),
      ).toBe(0);
      return readFile(path.join(out, 'runbooks', 'load-regression-triage.md'), 'utf8');
    };
    const rb = await render();
    // The endpoint cell of the real threshold name `p95 dashboard (GET /api/dashboard)`.
    expect(rb).toMatch(/^\| GET \/api\/dashboard \| p95 dashboard \(GET \/api\/dashboard\) \| 300 ms \| \d/m);
    const [reproduce] = blocksOf(rb, SECTION);
    expect(reproduce).toContain(
      '# ${RB_LOAD_BYPASS} from target.headers.X-RateLimit-Bypass in opsgate.yml, used at identities.anonymous.headers.X-RateLimit-Bypass, identities.viewer.headers.X-RateLimit-Bypass\n' +
        'export OPSGATE_SECRET_1="${RB_LOAD_BYPASS:?set RB_LOAD_BYPASS first (from your secret store)}"\n' +
        '# ${RB_VIEWER_PASSWORD} from identities.viewer.login.body.password in opsgate.yml, used at identities.viewer.login.body.password\n' +
        'export OPSGATE_SECRET_2="${RB_VIEWER_PASSWORD:?set RB_VIEWER_PASSWORD first (from your secret store)}"\n' +
        `OPSGATE_BASE_URL=${demo.url} k6 run artifacts/load/script.js`,
    );
    for (const secret of [BYPASS, DEMO_PASSWORD]) expect(rb).not.toContain(secret);

    // Pasted into a shell that has only the team's own variables, the script logs in and runs.
    const k6Dir = path.dirname((await findK6())!);
    const prelude = `export PATH=${k6Dir}:$PATH OPSGATE_SUMMARY=rerun-summary.json`;
    const withVars = `${prelude}\nexport RB_LOAD_BYPASS='${BYPASS}' RB_VIEWER_PASSWORD='${DEMO_PASSWORD}'`;
    const rerun = await runBash(`${withVars}\n${reproduce}`, { cwd: out });
    // 99: k6's own thresholds crossed (the slow dashboard), not a crash.
    expect([0, 99], rerun.stderr).toContain(rerun.code);
    expect(rerun.stdout).toMatch(/opsgate: \d+ requests, p95 [\d.]+ ms, p99 [\d.]+ ms, errors 0\.00%/);
    expect(rerun.stderr).not.toContain('is not set');
    // Without them, bash stops at the first export and names the variable to set.
    const bare = await runBash(`${prelude}\n${reproduce}`, { cwd: out });
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toContain('RB_LOAD_BYPASS: set RB_LOAD_BYPASS first (from your secret store)');

    // Evidence written before the list was recorded: the script artifact's header says the same.
    delete evidence.data!.scriptEnv;
    await writeFile(evidenceFile, JSON.stringify(evidence));
    expect(blocksOf(await render(), SECTION)[0]).toBe(reproduce);
  });

  it('puts the endpoint of real threshold and baseline-comparison names in the endpoint cell', async () => {
    const stats = (name: string, p95: number, route?: [string, string]): EndpointStats => ({
      name,
      ...(route ? { method: route[0], path: route[1] } : {}),
      requests: 100,
      failed: 0,
      responses: 100,
      errorRate: 0,
      rps: 50,
      latency: { avg: p95 / 2, min: 1, p50: p95 / 2, p90: p95 - 1, p95, p99: p95 + 1, max: p95 + 2 },
      reasons: {},
    });
    const now = {
      total: stats('total', 700),
      endpoints: [
        stats('dashboard', 700, ['GET', '/api/dashboard']),
        stats('units', 90, ['GET', '/api/units']),
      ],
    };
    const before = {
      total: stats('total', 100),
      endpoints: [
        stats('dashboard', 100, ['GET', '/api/dashboard']),
        stats('units', 90, ['GET', '/api/units']),
      ],
    };
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-load-names-'));
    dirs.push(dir);
    const config = parseConfigText(
      'target: { base-url: "http://127.0.0.1:9" }\nload:\n  endpoints: [{ name: dashboard, path: /api/dashboard }]\n  regression: { min-runs: 1, metrics: [p95] }\n',
      'opsgate.yml',
      {},
    );
    // The names the load check itself gives its controls.
    const thresholds = evaluateThresholds(
      { thresholds: { total: { p95: 500 }, endpoints: { dashboard: { p95: 300 } } } },
      now.total,
      now.endpoints,
    );
    const past = { data: before } as unknown as Evidence;
    const comparisons = compareWithBaseline(
      now,
      {
        source: 'latest on main',
        runs: [{ key: 'k', check: 'load', recordedAt: '', sha256: '', evidence: past }],
        history: [],
      },
      config.load!.regression,
    );
    expect(thresholds.filter((t) => !t.ok).map((t) => t.name)).toEqual([
      'p95 total',
      'p95 dashboard (GET /api/dashboard)',
    ]);
    expect(comparisons.filter((c) => c.regressed).map((c) => c.metric)).toEqual([
      'p95 total',
      'p95 dashboard',
    ]);
    const at = '2026-11-23T08:00:00.000Z';
    const evidence = evidenceSchema.parse({
      kind: 'opsgate.evidence',
      version: 1,
      check: 'load',
      target: { url: 'http://127.0.0.1:9' },
      run: { id: 'r', startedAt: at, finishedAt: at, durationMs: 1 },
      verdict: 'fail',
      summary: 'slow',
      metrics: {},
      thresholds,
      findings: [],
      artifacts: [],
      baseline: { source: 'latest on main', comparisons },
      data: now,
    });
    await writeEvidence(path.join(dir, 'out'), evidence);
    const [written] = await renderRunbooks({
      config,
      configDir: dir,
      outDir: path.join(dir, 'out'),
      store: new FsEvidenceStore(path.join(dir, 'store')),
      names: ['load-regression-triage'],
    });
    const table = sections(await readFile(written!.file, 'utf8')).get('Which endpoint regressed')!;
    const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Endpoint'));
    expect(rows.map((r) => r.split(' | ').slice(0, 2).join(' | '))).toEqual([
      '| all traffic | p95 total',
      '| GET /api/dashboard | p95 dashboard (GET /api/dashboard)',
      '| all traffic | regression p95 total',
      '| GET /api/dashboard | regression p95 dashboard',
    ]);
  });
  it('keeps hostile evidence and config text inert in the reproduce commands', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-load-hostile-'));
    dirs.push(dir);
    const yaml = [
      'target: { base-url: "http://127.0.0.1:9" }',
      'identities:',
      '  viewer:',
      '    kind: json-login',
      `    login: { path: /login, body: { password: "a'$(touch pwned-raw)\`touch pwned-tick\`\${RB_HOSTILE_PW}" } }`,
      'load: { endpoints: [{ name: x, path: /x, identity: viewer }] }',
      '',
    ].join('\n');
    await writeFile(path.join(dir, 'opsgate.yml'), yaml);
    const config = parseConfigText(yaml, 'opsgate.yml', { RB_HOSTILE_PW: 'pw' });
    const at = '2026-11-23T08:00:00.000Z';
    const out = path.join(dir, 'out');
    await writeEvidence(
      out,
      evidenceSchema.parse({
        kind: 'opsgate.evidence',
        version: 1,
        check: 'load',
        target: { url: "http://127.0.0.1:9/'$(touch pwned-url)'" },
        run: { id: 'r', startedAt: at, finishedAt: at, durationMs: 1 },
        verdict: 'fail',
        summary: 's',
        metrics: {},
        thresholds: [],
        findings: [],
        artifacts: [{ name: 'k6 script', path: 'artifacts/$(touch pwned-path).js' }],
        data: {
          scriptEnv: [
            { name: 'OPSGATE_SECRET_1', description: 'identities.viewer.login.body.password' },
            { name: 'OPSGATE_SECRET_2', description: 'x\n$(touch pwned-description)' },
            { name: 'X=1;touch pwned-name', description: 'y' },
          ],
        },
      }),
    );
    const [written] = await renderRunbooks({
      config,
      configDir: dir,
      outDir: out,
      store: new FsEvidenceStore(path.join(dir, 'store')),
      names: ['load-regression-triage'],
    });
    const [reproduce] = blocksOf(await readFile(written!.file, 'utf8'), SECTION);
    expect(reproduce).not.toContain('pwned-name');
    const stub = [
      `k6() { printf '%s\\n' "$OPSGATE_BASE_URL" "$@" "$OPSGATE_SECRET_1" > k6-args.txt; }`,
      "export RB_HOSTILE_PW='p w' OPSGATE_SECRET_2=two",
    ].join('\n');
    const run = await runBash(`${stub}\n${reproduce}`, { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect((await readdir(dir)).filter((f) => f.startsWith('pwned'))).toEqual([]);
    expect(await readFile(path.join(dir, 'k6-args.txt'), 'utf8')).toBe(
      "http://127.0.0.1:9/'$(touch pwned-url)'\nrun\nartifacts/$(touch pwned-path).js\na'$(touch pwned-raw)`touch pwned-tick`p w\n",
    );
  });
});
