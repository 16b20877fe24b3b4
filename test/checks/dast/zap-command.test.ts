import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../../../src/core/errors.js';
import { parseRulesTsv } from '../../../src/engines/zap/rules-tsv.js';
import {
  automationPlan,
  dockerArgs,
  zapLocalArgs,
  type ZapScanPlan,
} from '../../../src/engines/zap/zap-command.js';

/** Option strings copied from the scripts' getopt calls (see test/fixtures/zap/CONTRACT.md). */
const contract = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/zap/CONTRACT.md'), 'utf8');
const getopt = (script: string): string => new RegExp(`\\| ${script} \\| \`([^\`]+)\``).exec(contract)![1]!;

/** Check every option against a Python getopt short-option string: known flag, argument iff `:`. */
function assertGetopt(args: string[], shortOpts: string, longOpts: string[] = []): void {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const name = a.slice(2);
      const takesArg = longOpts.includes(`${name}=`);
      expect(takesArg || longOpts.includes(name), `${a} is a long option of the script`).toBe(true);
      if (takesArg) i++;
      continue;
    }
    expect(a, `argument ${i} of ${args.join(' ')}`).toMatch(/^-[A-Za-z]$/);
    const at = shortOpts.indexOf(a[1]!);
    expect(at, `${a} is an option of the script`).toBeGreaterThanOrEqual(0);
    if (shortOpts[at + 1] === ':') {
      expect(args[i + 1], `${a} needs a value`).toBeDefined();
      i++;
    }
  }
}

const plan: ZapScanPlan = {
  mode: 'baseline',
  targetUrl: 'http://127.0.0.1:8080/',
  workDir: '/tmp/out/artifacts/dast',
  image: 'ghcr.io/zaproxy/zaproxy:stable',
  containerName: 'opsgate-zap-1',
  network: 'host',
  rulesFile: 'rules.tsv',
  spiderMinutes: 2,
  ajaxSpider: true,
  maxMinutes: 10,
  zapOptions: ['-config', 'scanner.threadPerHost=2'],
  authHeader: true,
};

describe('docker argv per mode, against the scripts’ contract', () => {
  it('baseline: mount, network, auth env by name only, image, script and report names', () => {
    const args = dockerArgs(plan);
    expect(args.slice(0, 17)).toEqual([
      'run',
      '--rm',
      '--name',
      'opsgate-zap-1',
      '-v',
      '/tmp/out/artifacts/dast:/zap/wrk/:rw',
      '--network',
      'host',
      '-e',
      'ZAP_AUTH_HEADER',
      '-e',
      'ZAP_AUTH_HEADER_VALUE',
      '-e',
      'ZAP_AUTH_HEADER_SITE',
      '-t',
      'ghcr.io/zaproxy/zaproxy:stable',
      'zap-baseline.py',
    ]);
    const script = args.slice(17);
    expect(script).toEqual([
      '-t',
      'http://127.0.0.1:8080/',
      '-J',
      'report.json',
      '-r',
      'report.html',
      '-w',
      'report.md',
      '-x',
      'report.xml',
      '-c',
      'rules.tsv',
      '-m',
      '2',
      '-j',
      '-T',
      '10',
      '-z',
      '-config scanner.threadPerHost=2',
    ]);
    assertGetopt(script, getopt('zap-baseline.py'));
  });

  it('full: the same options through zap-full-scan.py', () => {
    const args = dockerArgs({ ...plan, mode: 'full', authHeader: false, network: undefined });
    expect(args).not.toContain('-e');
    expect(args).not.toContain('--network');
    const at = args.indexOf('zap-full-scan.py');
    expect(args[at - 1]).toBe(plan.image);
    assertGetopt(args.slice(at + 1), getopt('zap-full-scan.py'));
  });

  it('api: definition and format, no spider minutes, GraphQL schema as --schema', () => {
    const args = dockerArgs({
      ...plan,
      mode: 'api',
      api: { definition: 'api-openapi.json', format: 'openapi' },
    });
    const script = args.slice(args.indexOf('zap-api-scan.py') + 1);
    expect(script.slice(0, 4)).toEqual(['-t', 'api-openapi.json', '-f', 'openapi']);
    // The scan goes to the target's origin, whatever host the definition's servers[] names.
    expect(script.slice(4, 6)).toEqual(['-O', 'http://127.0.0.1:8080']);
    expect(script).not.toContain('-m');
    expect(script).not.toContain('-j');
    assertGetopt(script, getopt('zap-api-scan.py'), ['hook=', 'schema=']);
    const gql = dockerArgs({
      ...plan,
      mode: 'api',
      api: { definition: 'http://127.0.0.1:8080/graphql', format: 'graphql', schema: 'api-schema.graphqls' },
    });
    const s = gql.slice(gql.indexOf('zap-api-scan.py') + 1);
    expect(s).toContain('--schema');
    assertGetopt(s, getopt('zap-api-scan.py'), ['hook=', 'schema=']);
  });

  it('the getopt checker itself rejects an option the script does not have', () => {
    expect(() => assertGetopt(['-t', 'x', '-Q'], getopt('zap-baseline.py'))).toThrow();
    expect(() => assertGetopt(['-f', 'openapi'], getopt('zap-baseline.py'))).toThrow();
  });
});

describe('zap-local: Automation Framework plan', () => {
  it('runs zap.sh -cmd -autorun with a plan equivalent to the packaged scan', () => {
    expect(zapLocalArgs('/w/zap-plan.yaml', ['-config', 'a=b'])).toEqual([
      '-cmd',
      '-autorun',
      '/w/zap-plan.yaml',
      '-config',
      'a=b',
    ]);
    const baseline = parse(automationPlan(plan)) as {
      env: { contexts: { urls: string[] }[] };
      jobs: { type: string; parameters: Record<string, unknown> }[];
    };
    expect(baseline.env.contexts[0]!.urls).toEqual(['http://127.0.0.1:8080/']);
    expect(baseline.jobs.map((j) => j.type)).toEqual([
      'passiveScan-config',
      'spider',
      'spiderAjax',
      'passiveScan-wait',
      'report',
      'report',
    ]);
    expect(baseline.jobs[4]!.parameters).toMatchObject({
      template: 'traditional-json',
      reportDir: plan.workDir,
      reportFile: 'report.json',
    });
    const full = parse(automationPlan({ ...plan, mode: 'full' })) as { jobs: { type: string }[] };
    expect(full.jobs.map((j) => j.type)).toContain('activeScan');
    const api = parse(
      automationPlan({ ...plan, mode: 'api', api: { definition: 'api-openapi.json', format: 'openapi' } }),
    ) as { jobs: { type: string; parameters: Record<string, unknown> }[] };
    expect(api.jobs[1]).toEqual({
      type: 'openapi',
      parameters: { apiFile: `${plan.workDir}/api-openapi.json`, targetUrl: plan.targetUrl },
    });
    expect(api.jobs.map((j) => j.type)).not.toContain('spider');
  });
});

describe('rules.tsv import', () => {
  it('reads the levels ZAP reads, with messages and OUTOFSCOPE regexes', () => {
    const lines = parseRulesTsv(
      '# comment\n\n10038\tIGNORE\t(CSP Header Not Set)\tset by the CDN\n10020\tFAIL\t(Anti-clickjacking)\n10036,10037\tOUTOFSCOPE\thttp://.*/static/.*\n10049\tINFO\t(Storable)\n',
      'rules.tsv',
    );
    expect(lines).toEqual([
      {
        line: 3,
        rules: ['10038'],
        level: 'IGNORE',
        value: '(CSP Header Not Set)',
        message: 'set by the CDN',
      },
      { line: 4, rules: ['10020'], level: 'FAIL', value: '(Anti-clickjacking)' },
      { line: 5, rules: ['10036', '10037'], level: 'OUTOFSCOPE', value: 'http://.*/static/.*' },
      { line: 6, rules: ['10049'], level: 'INFO', value: '(Storable)' },
    ]);
  });

  it('names every malformed line with its number; nothing is read partially', () => {
    const text =
      '10038\tIGNORE\tok\n10020 FAIL (spaces, not tabs)\n10036\tIGNORED\tx\nabc\tWARN\tx\n10\tOUTOFSCOPE\t(unclosed\n';
    let err: unknown;
    try {
      parseRulesTsv(text, 'zap/rules.tsv');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems;
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect((err as ConfigError).message).toMatch(
      /^zap\/rules.tsv:2 expected at least 3 tab-separated columns/,
    );
    expect((err as ConfigError).message).toMatch(/zap\/rules.tsv:3 level "IGNORED" is not one of/);
  });
});
