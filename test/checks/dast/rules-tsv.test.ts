import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDastPolicy } from '../../../src/checks/dast/dast-policy.js';
import { groupAlerts } from '../../../src/checks/dast/zap-findings.js';
import { parseZapReport } from '../../../src/engines/zap/parse-zap-report.js';
import { parseRulesTsv } from '../../../src/engines/zap/rules-tsv.js';

/** rules.tsv justifications applied to a real ZAP 2.17 report (test/fixtures/zap/README.md). */
const report = path.resolve(
  import.meta.dirname,
  '../../fixtures/zap/zap-2.17.0-baseline-insights-systemic.json',
);

async function reasons(tsv: string): Promise<Record<string, string | undefined>> {
  const alerts = parseZapReport(await readFile(report, 'utf8'), report).alerts;
  const findings = applyDastPolicy(groupAlerts(alerts), {
    failOn: 'high',
    gateSeverity: 'high',
    suppressions: [],
    rules: { file: 'rules.tsv', owner: 'sec', expires: '2999-01-01', lines: parseRulesTsv(tsv, 'rules.tsv') },
    today: '2026-12-02',
  });
  return Object.fromEntries(findings.map((f) => [f.ruleId!, f.suppressed?.reason]));
}

describe('rules.tsv justification from any trailing column', () => {
  it('a justification in column 3 (where ZAP expects the rule name) is the reason', async () => {
    const r = await reasons(
      [
        '# id\tlevel\tname-or-justification\tmessage',
        '10038\tIGNORE\tCSP is set by the CDN in front of the app',
        '10020\tIGNORE\t(Missing Anti-clickjacking Header)\tframing blocked by the CDN',
        '10063\tIGNORE\tPermissions Policy Header Not Set',
        '10021\tIGNORE\t(X-Content-Type-Options Header Missing)',
        '10036\tIGNORE\tServer version\tsee SEC-12\t\tsigned off by the CISO',
      ].join('\n'),
    );
    expect(r['10038-1']).toBe('CSP is set by the CDN in front of the app');
    // Column 3 names the rule (ZAP's convention): column 4 is the reason.
    expect(r['10020-1']).toBe('framing blocked by the CDN');
    // Only the rule's own name, with or without parentheses: no reason given, the line is named.
    expect(r['10063-1']).toBe('IGNORE in rules.tsv:4');
    expect(r['10021']).toBe('IGNORE in rules.tsv:5');
    // Column 3 names the rule when more columns follow; columns 4 and 6 (5 is empty) are kept.
    expect(r['10036-2']).toBe('see SEC-12 signed off by the CISO');
  });

  it('an OUTOFSCOPE line keeps its justification next to the regex', async () => {
    const r = await reasons('10038\tOUTOFSCOPE\thttp://localhost:3000.*\tstaging only, not deployed\n');
    expect(r['10038-1']).toBe(
      'staging only, not deployed — OUTOFSCOPE http://localhost:3000.* in rules.tsv:1',
    );
  });

  it('hostile lines are still refused, naming the line', () => {
    expect(() => parseRulesTsv('10038\tIGNORE\n', 'rules.tsv')).toThrow(/rules.tsv:1 expected at least 3/);
    expect(() => parseRulesTsv('x\tIGNORE\tname\n', 'rules.tsv')).toThrow(/rule "x" is not a ZAP rule id/);
  });
});
