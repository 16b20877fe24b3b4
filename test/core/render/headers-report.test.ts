import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { evidenceSchema, type Evidence } from '../../../src/core/evidence/model.js';
import { tempDir } from '../../checks/headers/helpers.js';
import { DEMO_PASSWORD, startTestDemo, type TestDemo } from '../../support/demo.js';
import { githubUploadProblems, sarifSchemaErrors } from '../../support/sarif-checks.js';
import { junitCases } from '../../support/junit-cases.js';

/**
 * What a reader of report.md, junit.xml and the headers SARIF gets from a real headers run of the
 * demo target with its `missing-headers` flaw, over three pages: one row per problem naming the
 * pages, the header value the target sent and the fix; warnings visible in JUnit; SARIF that code
 * scanning takes; and a header line saying which run and commit the evidence is from.
 */
const PAGES = ['/', '/health', '/api/companies'];

function config(url: string, gate = ''): string {
  return [
    'target:',
    `  base-url: ${url}`,
    'identities:',
    '  viewer:',
    '    kind: json-login',
    '    login:',
    '      path: /api/auth/login',
    '      body: { email: viewer@demo.test, password: "${DEMO_USER_PASSWORD}" }',
    'headers:',
    '  paths:',
    '    - /',
    '    - /health',
    '    - { path: /api/companies, identity: viewer }',
    gate,
    '',
  ].join('\n');
}

/** The runner variables evidence records: cleared so a test on a runner still sees a local run. */
const RUN_ENV = [
  'GITHUB_SERVER_URL',
  'GITHUB_REPOSITORY',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_SHA',
  'GITHUB_REF',
  'GITHUB_WORKFLOW',
  'GITHUB_EVENT_NAME',
  'GITHUB_EVENT_PATH',
  'OPSGATE_COMMIT',
];
let tmp: Awaited<ReturnType<typeof tempDir>>;
let demo: TestDemo;

beforeAll(async () => {
  tmp = await tempDir('headers-report');
  demo = await startTestDemo({ flaws: ['missing-headers'] });
  process.env.DEMO_USER_PASSWORD = DEMO_PASSWORD;
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  process.exitCode = undefined;
  vi.unstubAllEnvs();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await demo.stopAll();
  await tmp.remove();
});

async function runHeaders(name: string, gate = '', env: Record<string, string> = {}) {
  for (const k of RUN_ENV) vi.stubEnv(k, env[k]);
  const dir = path.join(tmp.dir, name);
  const file = path.join(tmp.dir, `${name}.yml`);
  await writeFile(file, config(demo.url, gate));
  const code = await main(['headers', '--config', file, '--out', dir]);
  const read = (p: string) => readFile(path.join(dir, p), 'utf8');
  const evidence: Evidence = evidenceSchema.parse(JSON.parse(await read('evidence/headers.json')));
  return {
    code,
    evidence,
    report: await read('report.md'),
    junit: await read('junit.xml'),
    sarif: JSON.parse(await read('sarif/headers.sarif')) as unknown,
    configDir: tmp.dir,
  };
}

/** The rows of the first control table after `### … headers`. */
function attentionRows(report: string): string[] {
  const section = report.slice(report.indexOf('### ❌ headers'));
  const lines = section.split('\n');
  const start = lines.findIndex((l) => l.startsWith('| | Control |'));
  const rows: string[] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(l);
  }
  return rows;
}

describe('a headers run of the demo with missing headers, as the reports show it', () => {
  it('report.md: one row per problem listing the pages, the observed value and the fix', async () => {
    const { code, evidence, report } = await runHeaders('local');
    expect(code).toBe(1);
    const failing = evidence.findings.filter((f) => f.severity !== 'info');
    const problems = new Set(failing.map((f) => f.problem));
    expect(failing.length).toBe(problems.size * PAGES.length); // the same problems on every page
    const rows = attentionRows(report);
    expect(rows).toHaveLength(problems.size);

    const csp = rows.filter((r) => r.includes('Content-Security-Policy missing (medium)'));
    expect(csp).toHaveLength(1);
    const cells = csp[0]!.split(' | ');
    expect(cells[0]).toBe('| ❌');
    expect(cells[2]).toBe('a Content-Security-Policy header');
    expect(cells[3]).toBe('no header'); // what the target sent, not the request
    expect(cells[4]).toBe(`seen on ${PAGES.join(', ')} (3)`);
    expect(cells[5]).toContain('Send a Content-Security-Policy');

    // Banners show the header value the demo actually sent.
    const server = rows.find((r) => r.includes('Server banner reveals a version'))!;
    expect(server).toContain('Server: demo-target/1.4.2');
    expect(rows.find((r) => r.includes('X-Powered-By banner present'))).toContain('X-Powered-By: Express');
    for (const r of rows) expect(r).not.toMatch(/\| GET http/);
    expect(report).toContain('| | Control | Expected | Actual | Detail | Fix |');
  });

  it('the header names the local run and the commit of the working directory', async () => {
    const { report, evidence } = await runHeaders('meta-local');
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(evidence.run.commit).toBe(head);
    expect(evidence.provenance?.runId).toBeUndefined();
    const line = report.split('\n').find((l) => l.startsWith('Run: '))!;
    expect(line).toMatch(
      new RegExp(`^Run: local run · commit \`${head.slice(0, 7)}\` · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d`),
    );
  });

  it('with GITHUB_* set the header links the run and the commit', async () => {
    const sha = 'c0ffee'.padEnd(40, '0');
    const { report } = await runHeaders('meta-github', '', {
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_RUN_ID: '4242',
      GITHUB_SHA: sha,
    });
    const line = report.split('\n').find((l) => l.startsWith('Run: '))!;
    expect(line).toContain('[acme/shop run 4242](https://github.example/acme/shop/actions/runs/4242)');
    expect(line).toContain(`commit [\`c0ffee0\`](https://github.example/acme/shop/commit/${sha})`);
    expect(line).toMatch(/ UTC$/);
  });

  it('JUnit: warnings are skipped cases with the message and the detail in system-out, not passes', async () => {
    const { code, junit, evidence } = await runHeaders('warn', 'gate:\n  fail-on-severity: critical');
    expect(code).toBe(0); // a warn does not fail the gate
    expect(evidence.verdict).toBe('warn');
    const cases = junitCases(junit);
    const warned = cases.filter((c) => c.skipped?.startsWith('warning (medium): '));
    const medium = evidence.findings.filter((f) => f.severity === 'medium');
    expect(warned).toHaveLength(medium.length);
    const csp = warned.find((c) => c.name === 'Content-Security-Policy missing on /health')!;
    expect(csp.skipped).toBe(`warning (medium): no header; GET ${demo.url}/health`);
    expect(csp.systemOut).toContain('expected: a Content-Security-Policy header');
    expect(csp.systemOut).toContain("fix: Send a Content-Security-Policy, e.g. default-src 'self'");
    // Nothing in this run passed: no case may read as a plain pass.
    expect(cases.filter((c) => !c.skipped && !c.failure && !c.error)).toEqual([]);
    expect(junit).toMatch(/<testsuite name="headers" tests="\d+" failures="0" errors="0" skipped="\d+"/);
  });

  it('SARIF: every non-informational header finding, valid SARIF 2.1.0 that code scanning takes', async () => {
    const { sarif, evidence, configDir } = await runHeaders('sarif');
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(githubUploadProblems(sarif, configDir)).toEqual([]);
    const run = (sarif as { runs: { results: { ruleId: string; locations: unknown[] }[] }[] }).runs[0]!;
    const expected = evidence.findings.filter((f) => f.severity !== 'info');
    expect(run.results).toHaveLength(expected.length);
    expect(new Set(run.results.map((r) => r.ruleId))).toEqual(new Set(expected.map((f) => f.ruleId)));
    // Each result sits on the opsgate.yml line of its page entry (lines 11-13 of the config).
    const lines = run.results.map(
      (r) =>
        (r.locations[0] as { physicalLocation: { region: { startLine: number } } }).physicalLocation.region
          .startLine,
    );
    expect(new Set(lines)).toEqual(new Set([11, 12, 13]));
  });
});
