import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { FsEvidenceStore } from '../../../src/core/store/fs-evidence-store.js';
import { DEMO_PASSWORD, startTestDemo, type TestDemo } from '../../support/demo.js';
import { installFakeDocker, type FakeDocker } from './fake-docker.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const REPORT_217 = path.join(fixtures, 'zap/zap-2.17.0-baseline-insights-systemic.json');
const REPORT_216 = path.join(fixtures, 'zap/zap-2.16.1-baseline.json');

let demo: TestDemo;
let docker: FakeDocker;
const savedPath = process.env.PATH;

beforeAll(async () => {
  demo = await startTestDemo();
  docker = await installFakeDocker();
  process.env.DEMO_USER_PASSWORD = DEMO_PASSWORD;
  process.env.FAKE_DOCKER_LOG = docker.logFile;
});
afterAll(async () => {
  process.env.PATH = savedPath;
  await demo?.stopAll();
});
afterEach(() => {
  process.env.PATH = savedPath;
  delete process.env.FAKE_ZAP_EXIT;
  delete process.env.FAKE_ZAP_REPORT;
  delete process.env.FAKE_DOCKER_DAEMON;
  delete process.env.FAKE_DOCKER_IMAGE_MISSING;
  vi.restoreAllMocks();
});

interface Run {
  code: number;
  stderr: string;
  evidence?: Evidence;
  out: string;
  dir: string;
}

/** Write opsgate.yml with the given dast section and run `opsgate dast` in-process. */
async function runDast(
  dast: string,
  opts: { dir?: string; extra?: string; files?: Record<string, string> } = {},
): Promise<Run> {
  const dir = opts.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'opsgate-dast-')));
  for (const [name, text] of Object.entries(opts.files ?? {})) await writeFile(path.join(dir, name), text);
  const config = `version: 1
target:
  base-url: ${demo.url}
identities:
  viewer:
    kind: json-login
    login:
      path: /api/auth/login
      body: { email: viewer@demo.test, password: "\${DEMO_USER_PASSWORD}" }
${opts.extra ?? ''}dast:
${dast
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;
  await writeFile(path.join(dir, 'opsgate.yml'), config);
  const out = path.join(dir, 'out');
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(['--config', path.join(dir, 'opsgate.yml'), '--out', out, 'dast']);
  vi.restoreAllMocks();
  let evidence: Evidence | undefined;
  try {
    evidence = JSON.parse(await readFile(path.join(out, 'evidence', 'dast.json'), 'utf8')) as Evidence;
  } catch {
    evidence = undefined;
  }
  return { code, stderr: errors.join('\n'), evidence, out, dir };
}

function useFakeDocker(report: string, exit: number): void {
  process.env.PATH = `${docker.binDir}${path.delimiter}${savedPath}`;
  process.env.FAKE_ZAP_REPORT = report;
  process.env.FAKE_ZAP_EXIT = String(exit);
}

describe('opsgate dast end to end with a fake docker that writes real ZAP reports', () => {
  it('authenticated baseline scan: token injected by env, findings, warn verdict, SARIF valid, JUnit cases', async () => {
    useFakeDocker(REPORT_217, 2);
    const before = (await docker.calls()).length;
    const r = await runDast('identity: viewer\nimage: ghcr.io/zaproxy/zaproxy:2.17.0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const e = r.evidence!;
    expect(e.verdict).toBe('warn');
    expect(e.run.tool).toEqual({ name: 'ZAP', version: '2.17.0' });
    expect(e.metrics).toMatchObject({ zapExitCode: 2, alerts: 10, findings: 10, open: 10, new: 10 });
    expect(e.thresholds[0]).toMatchObject({
      name: 'ZAP baseline scan completed',
      actual: 'exit 2 (warn)',
      ok: true,
    });
    // Medium alerts are below the default fail-on (high): reported as low → warn.
    expect(e.findings.find((f) => f.ruleId === '10038-1')).toMatchObject({ severity: 'low', count: 3 });
    expect(e.sections!.map((s) => s.title)).toEqual(['DAST: new vs previous scan', 'DAST: ZAP insights']);

    const calls = (await docker.calls()).slice(before);
    expect(calls.map((c) => c.args[0])).toEqual(['version', 'run']);
    const run = calls[1]!;
    expect(run.args).toEqual(
      expect.arrayContaining([
        '-t',
        'ghcr.io/zaproxy/zaproxy:2.17.0',
        'zap-baseline.py',
        '--network',
        'host',
      ]),
    );
    expect(run.args).toContain(`${path.join(r.out, 'artifacts', 'dast')}:/zap/wrk/:rw`);
    expect(run.args.slice(run.args.indexOf('zap-baseline.py'))).toEqual([
      'zap-baseline.py',
      '-t',
      `${demo.url}/`,
      '-J',
      'report.json',
      '-r',
      'report.html',
      '-w',
      'report.md',
      '-x',
      'report.xml',
      '-m',
      '1',
    ]);
    // The viewer's real token reached "ZAP" through the environment, worked against the target,
    // and never appeared in argv or in anything written.
    expect(run.env.ZAP_AUTH_HEADER).toBe('Authorization');
    expect(run.env.ZAP_AUTH_HEADER_SITE).toBe('127.0.0.1');
    const token = run.env.ZAP_AUTH_HEADER_VALUE!;
    expect(token).toMatch(/^Bearer \S{16,}/);
    expect(run.meStatus).toBe(200);
    expect(run.meBody).toContain('viewer@demo.test');
    expect(run.args.join(' ')).not.toContain(token.slice(7));
    for (const f of ['evidence/dast.json', 'report.md', 'junit.xml', 'sarif/dast.sarif'])
      expect(await readFile(path.join(r.out, f), 'utf8')).not.toContain(token.slice(7));

    const sarif = JSON.parse(await readFile(path.join(r.out, 'sarif', 'dast.sarif'), 'utf8')) as Record<
      string,
      unknown
    >;
    const schema = JSON.parse(
      await readFile(path.join(fixtures, 'sarif/sarif-schema-2.1.0.json'), 'utf8'),
    ) as object;
    // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-unicode
    // regular expressions accept (as the schema's authors' validators did).
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const results = (
      sarif.runs as {
        results: {
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
        tool: { driver: { rules: unknown[] } };
      }[]
    )[0]!;
    // The two informational rules are left out of the upload (dast.sarif.informational: omit).
    expect(results.tool.driver.rules).toHaveLength(8);
    // Located in the repository (opsgate.yml, the dast line), never at an http: URI.
    expect(results.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('opsgate.yml');
    // A broken SARIF document fails the same validator (the check above can fail).
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);

    const md = await readFile(path.join(r.out, 'report.md'), 'utf8');
    expect(md).toContain('#### DAST: new vs previous scan');
    expect(md).toContain('No previous dast evidence in the store: all 10 open findings are new.');
    expect(md).toContain('Percentage of endpoints with content type text/html');
    const junit = await readFile(path.join(r.out, 'junit.xml'), 'utf8');
    expect(junit).toContain('name="ZAP 10038-1 Content Security Policy (CSP) Header Not Set: site-wide"');
    expect(junit.match(/<testcase /g)!.length).toBe(11);
  });

  it('fail-on medium fails the gate (exit 1); a past expiry is reported and no longer suppresses', async () => {
    useFakeDocker(REPORT_217, 2);
    const r = await runDast(
      `fail-on: medium
suppressions:
  - { rule: "10038", reason: CSP comes from the CDN in production, owner: platform-team, expires: "2020-01-31" }
  - { rule: "10020-1", reason: framing is blocked by the CDN, owner: platform-team, expires: "2099-12-31" }`,
      { extra: 'gate:\n  checks:\n    dast: { fail-on-severity: medium }\n' },
    );
    expect(r.code).toBe(1);
    const e = r.evidence!;
    expect(e.verdict).toBe('fail');
    const csp = e.findings.find((f) => f.ruleId === '10038-1')!;
    expect(csp).toMatchObject({ severity: 'medium' });
    expect(csp.suppressed).toBeUndefined();
    expect(e.findings.find((f) => f.ruleId === '10020-1')!.suppressed).toEqual({
      reason: 'framing is blocked by the CDN',
      owner: 'platform-team',
      expires: '2099-12-31',
    });
    expect(e.findings.find((f) => f.ruleId === 'opsgate-suppression-expired')!.title).toBe(
      'DAST suppression expired: rule 10038',
    );
    const report = await readFile(path.join(r.out, 'report.md'), 'utf8');
    expect(report).toContain('DAST suppression expired: rule 10038');
  });

  it('shows new vs previous findings from the evidence store', async () => {
    useFakeDocker(REPORT_216, 2);
    const first = await runDast('fail-on: high\n');
    expect(first.code).toBe(0);
    const store = new FsEvidenceStore(path.join(first.dir, '.opsgate/store'));
    await store.put(first.evidence!);
    useFakeDocker(REPORT_217, 2);
    const second = await runDast('fail-on: high\n', { dir: first.dir });
    expect(second.code).toBe(0);
    const m = second.evidence!.metrics;
    expect(m.new).toBe(10);
    expect(m.fixed).toBe(11);
    expect(second.evidence!.sections![0]!.markdown).toMatch(
      /Compared with the previous scan recorded .*: \*\*10 new\*\*, \*\*11 no longer reported\*\*/,
    );
    await store.put(second.evidence!);
    const third = await runDast('fail-on: high\n', { dir: first.dir });
    expect(third.evidence!.metrics).toMatchObject({ new: 0, fixed: 0 });
  });

  it('ZAP exit 3 is a runtime error (exit 3) with ZAP’s message', async () => {
    useFakeDocker(REPORT_217, 3);
    const r = await runDast('mode: baseline');
    expect(r.code).toBe(3);
    expect(r.evidence!.verdict).toBe('error');
    expect(r.evidence!.error!.message).toMatch(
      /scan script reported an error \(exit 3\): .*Failed to start ZAP/,
    );
  });

  it('no docker on PATH: exit 3 saying what to install; on-missing-engine: skip records a skipped scan', async () => {
    process.env.PATH = docker.emptyDir;
    const r = await runDast('mode: baseline');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /docker is not installed \(not found on PATH\): install Docker Engine \(https:\/\/docs.docker.com\/engine\/install\/\)/,
    );
    const skip = await runDast('on-missing-engine: skip');
    expect(skip.code).toBe(0);
    expect(skip.evidence!.verdict).toBe('skip');
    expect(skip.evidence!.thresholds[0]!.skipped).toMatch(
      /docker is not installed.*\(dast.on-missing-engine: skip\)/,
    );
  });

  it('a docker without a daemon or without the image is a missing engine too', async () => {
    useFakeDocker(REPORT_217, 0);
    process.env.FAKE_DOCKER_DAEMON = 'down';
    const down = await runDast('mode: baseline');
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/the Docker engine is not reachable \(docker version exit 1: Cannot connect/);
    delete process.env.FAKE_DOCKER_DAEMON;
    process.env.FAKE_DOCKER_IMAGE_MISSING = '1';
    const noImage = await runDast('image: ghcr.io/zaproxy/zaproxy:9.9.9');
    expect(noImage.code).toBe(3);
    expect(noImage.stderr).toMatch(/docker pull ghcr.io\/zaproxy\/zaproxy:9.9.9/);
  });

  it('configuration mistakes are exit 2: bad rules.tsv line, full scan without allow-destructive', async () => {
    useFakeDocker(REPORT_217, 0);
    const rules = await runDast('rules-file: { path: rules.tsv, owner: sec, expires: "2099-01-01" }', {
      files: { 'rules.tsv': '10038\tIGNORE\t(CSP)\n10020 IGNORE (x)\n' },
    });
    expect(rules.code).toBe(2);
    expect(rules.stderr).toMatch(/rules.tsv:2 expected at least 3 tab-separated columns/);
    const full = await runDast('mode: full');
    expect(full.code).toBe(2);
    expect(full.stderr).toMatch(
      /dast.mode: full runs an active attack scan.*target.allow-destructive is false/,
    );
    const missing = await runDast('suppressions:\n  - { rule: "10038", reason: short }');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/dast.suppressions\[0\].reason/);
    expect(missing.stderr).toMatch(/dast.suppressions\[0\].owner/);
    expect(missing.stderr).toMatch(/dast.suppressions\[0\].expires/);
  });

  it('a valid rules.tsv is passed to ZAP with -c and applied to the findings', async () => {
    useFakeDocker(REPORT_217, 1);
    const before = (await docker.calls()).length;
    const r = await runDast('rules-file: { path: rules.tsv, owner: sec, expires: "2099-01-01" }', {
      files: { 'rules.tsv': '10038\tIGNORE\t(CSP)\tset by the CDN\n10036\tFAIL\t(Server leaks version)\n' },
    });
    expect(r.code).toBe(1);
    const run = (await docker.calls()).slice(before)[1]!;
    expect(run.args[run.args.indexOf('-c') + 1]).toBe('rules.tsv');
    expect(await readFile(path.join(r.out, 'artifacts/dast/rules.tsv'), 'utf8')).toContain('10036\tFAIL');
    expect(r.evidence!.findings.find((f) => f.ruleId === '10038-1')!.suppressed!.reason).toBe(
      'set by the CDN',
    );
    expect(r.evidence!.findings.find((f) => f.ruleId === '10036-2')!.severity).toBe('medium');
  });

  it('zap-local runs zap.sh -cmd -autorun with a generated plan; plan errors (exit 1) are exit 3', async () => {
    process.env.FAKE_ZAP_REPORT = REPORT_216;
    process.env.FAKE_ZAP_EXIT = '2';
    const before = (await docker.calls()).length;
    const r = await runDast(
      `engine: zap-local\nzap-command: ${docker.zapSh}\nidentity: viewer\nfail-on: medium`,
    );
    expect(r.code).toBe(1);
    expect(r.evidence!.metrics).toMatchObject({ zapExitCode: 2, alerts: 5 });
    const call = (await docker.calls()).slice(before)[0]! as unknown as {
      args: string[];
      env: Record<string, string>;
      plan: string;
    };
    expect(call.args).toEqual(['-cmd', '-autorun', path.join(r.out, 'artifacts/dast/zap-plan.yaml')]);
    expect(call.plan).toContain('type: spider');
    expect(call.env.ZAP_AUTH_HEADER_VALUE).toMatch(/^Bearer /);
    process.env.FAKE_ZAP_EXIT = '1';
    const failed = await runDast(`engine: zap-local\nzap-command: ${docker.zapSh}`);
    expect(failed.code).toBe(3);
    expect(failed.evidence!.error!.message).toMatch(/automation plan failed \(exit 1\)/);
  });
});
