import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDastPolicy, assertFailOnConsistent } from '../../../src/checks/dast/dast-policy.js';
import { groupAlerts, normaliseUrlPath } from '../../../src/checks/dast/zap-findings.js';
import { ConfigError, EngineError } from '../../../src/core/errors.js';
import { parseZapReport } from '../../../src/engines/zap/parse-zap-report.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/zap');
const read = (f: string): string => readFileSync(path.join(fixtures, f), 'utf8');
const r216 = parseZapReport(read('zap-2.16.1-baseline.json'));
const r217 = parseZapReport(read('zap-2.17.0-baseline-insights-systemic.json'));
const base = { gateSeverity: 'medium' as const, suppressions: [], today: '2026-11-23' };

describe('ZAP JSON report parser on real reports', () => {
  it('reads a 2.16.1 report: numbers from strings, HTML to text, references, no systemic', () => {
    expect(r216.version).toBe('2.16.1');
    expect(r216.insights).toEqual([]);
    expect(r216.alerts.map((a) => [a.alertRef, a.risk, a.confidence, a.count])).toEqual([
      ['10055-13', 2, 3, 1],
      ['10055-6', 2, 3, 1],
      ['90004-2', 1, 2, 1],
      ['10063-1', 1, 2, 4],
      ['10049', 0, 2, 4],
    ]);
    const csp = r216.alerts[0]!;
    expect(csp.pluginId).toBe('10055');
    expect(csp.cweId).toBe('693');
    expect(csp.solution).toMatch(/^Ensure that your web server/);
    expect(csp.solution).not.toContain('<p>');
    expect(csp.references).toContain('https://content-security-policy.com/');
    expect(csp.instances[0]).toMatchObject({ method: 'GET', param: 'Content-Security-Policy' });
    expect(r216.alerts.every((a) => a.systemic === false)).toBe(true);
  });

  it('reads a 2.17.0 report with insights and systemic alerts', () => {
    expect(r217.version).toBe('2.17.0');
    expect(r217.insights).toHaveLength(6);
    expect(r217.insights[0]).toMatchObject({ key: 'insight.code.2xx', level: 'Info', statistic: 100 });
    expect(r217.alerts).toHaveLength(10);
    expect(r217.alerts.filter((a) => a.systemic)).toHaveLength(10);
    expect(r217.alerts.find((a) => a.alertRef === '10038-1')).toMatchObject({
      name: 'Content Security Policy (CSP) Header Not Set',
      risk: 2,
      confidence: 3,
      count: 3,
    });
  });

  it('rejects what ZAP did not write, as an engine error', () => {
    expect(() => parseZapReport('{"site": []}', 'x.json')).toThrow(EngineError);
    expect(() => parseZapReport('not json', 'x.json')).toThrow(/x.json is not JSON/);
    const bad = read('zap-2.16.1-baseline.json').replace('"riskcode": "2"', '"riskcode": "high"');
    expect(() => parseZapReport(bad)).toThrow(/riskcode: expected a number/);
  });
});

describe('findings: fingerprint per rule + normalised URL + parameter', () => {
  it('normalises URLs: no host, no query values, ids collapsed, sorted keys', () => {
    expect(normaliseUrlPath('https://a.example/api/leases/42?b=2&a=1#x')).toBe('/api/leases/{id}?a=&b=');
    expect(normaliseUrlPath('http://b.example/api/leases/7/?a=9')).toBe('/api/leases/{id}?a=');
    expect(normaliseUrlPath('http://b.example/u/3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe('/u/{id}');
    expect(normaliseUrlPath('http://b.example/')).toBe('/');
  });

  it('groups 2.16 instances per URL and parameter, systemic 2.17 alerts per rule', () => {
    const g216 = groupAlerts(r216.alerts);
    // 10063-1 has 4 instances on 4 paths → 4 findings; 10049 likewise.
    expect(g216).toHaveLength(1 + 1 + 1 + 4 + 4);
    expect(new Set(g216.map((g) => g.fingerprint)).size).toBe(g216.length);
    const g217 = groupAlerts(r217.alerts);
    expect(g217).toHaveLength(10);
    expect(g217.find((g) => g.alert.alertRef === '10038-1')).toMatchObject({
      path: '*',
      location: 'http://localhost:3000',
    });
    // Same rule and place on another host and run → same fingerprint.
    const moved = parseZapReport(
      read('zap-2.16.1-baseline.json').replaceAll(
        'automacao-liga-env-8f342f.eba-myaib4bz.us-east-1.elasticbeanstalk.com',
        'staging.example',
      ),
    );
    expect(groupAlerts(moved.alerts).map((g) => g.fingerprint)).toEqual(g216.map((g) => g.fingerprint));
  });

  it('maps risk to severity; below fail-on is reported under the gate severity', () => {
    const high = applyDastPolicy(groupAlerts(r216.alerts), { ...base, failOn: 'high' });
    const csp = high.find((f) => f.ruleId === '10055-13')!;
    expect(csp.severity).toBe('low');
    expect(csp.detail).toMatch(/ZAP risk Medium, confidence High; 1 instance/);
    expect(csp.detail).toMatch(/Reported as low: below dast.fail-on \(high\)/);
    expect(csp.solution).toMatch(/Content-Security-Policy header/);
    const med = applyDastPolicy(groupAlerts(r216.alerts), { ...base, failOn: 'medium' });
    expect(med.filter((f) => f.severity === 'medium').map((f) => f.ruleId)).toEqual(['10055-13', '10055-6']);
    expect(med.find((f) => f.ruleId === '10049')!.severity).toBe('info');
    expect(() => assertFailOnConsistent('low', 'medium')).toThrow(/gate.checks.dast.fail-on-severity: low/);
    expect(() => assertFailOnConsistent('high', 'high')).not.toThrow();
    // A gate at critical: nothing ZAP reports fails, high stays high and warns.
    const lax = applyDastPolicy(groupAlerts(r216.alerts), {
      ...base,
      gateSeverity: 'critical',
      failOn: 'high',
    });
    expect(lax.find((f) => f.ruleId === '10055-13')!.severity).toBe('medium');
  });
});

describe('suppressions', () => {
  const groups = groupAlerts(r217.alerts);
  const sup = { reason: 'CSP is set by the CDN in production', owner: 'platform-team' };

  it('an active suppression hides the finding but keeps it visible as suppressed', () => {
    const f = applyDastPolicy(groups, {
      ...base,
      failOn: 'medium',
      suppressions: [{ rule: '10038', ...sup, expires: '2027-01-31' }],
    });
    expect(f.find((x) => x.ruleId === '10038-1')!.suppressed).toEqual({ ...sup, expires: '2027-01-31' });
    expect(f.some((x) => x.ruleId?.startsWith('opsgate-'))).toBe(false);
  });

  it('a suppression past its expiry no longer suppresses and is reported', () => {
    const f = applyDastPolicy(groups, {
      ...base,
      failOn: 'medium',
      suppressions: [{ rule: '10038-1', ...sup, expires: '2026-11-22' }],
    });
    const csp = f.find((x) => x.ruleId === '10038-1')!;
    expect(csp.suppressed).toBeUndefined();
    expect(csp.severity).toBe('medium');
    expect(csp.detail).toMatch(/Suppression by platform-team expired on 2026-11-22/);
    const expired = f.find((x) => x.ruleId === 'opsgate-suppression-expired')!;
    expect(expired).toMatchObject({ severity: 'low', title: 'DAST suppression expired: rule 10038-1' });
    expect(expired.detail).toMatch(/matches alerts of this scan/);
  });

  it('URL and parameter narrow a suppression; unused ones are reported as info', () => {
    const g216 = groupAlerts(r216.alerts);
    const f = applyDastPolicy(g216, {
      ...base,
      failOn: 'medium',
      suppressions: [
        { rule: '10063', url: '/robots\\.txt$', ...sup, expires: '2027-01-01' },
        { rule: '90004', parameter: 'cross-origin-embedder-policy', ...sup, expires: '2027-01-01' },
        { rule: '40012', ...sup, expires: '2027-01-01' },
      ],
    });
    const perm = f.filter((x) => x.ruleId === '10063-1');
    expect(perm.filter((x) => x.suppressed).map((x) => x.location)).toEqual([
      'http://automacao-liga-env-8f342f.eba-myaib4bz.us-east-1.elasticbeanstalk.com/robots.txt',
    ]);
    expect(f.find((x) => x.ruleId === '90004-2')!.suppressed).toBeDefined();
    expect(f.find((x) => x.ruleId === 'opsgate-suppression-unused')!.title).toBe(
      'DAST suppression matched nothing: rule 40012',
    );
  });

  it('rules.tsv IGNORE/INFO/FAIL/OUTOFSCOPE apply with the file owner; an expired file stops suppressing', () => {
    const rules = {
      file: 'rules.tsv',
      owner: 'sec',
      expires: '2027-01-01',
      lines: [
        { line: 3, rules: ['10038'], level: 'IGNORE' as const, value: 'CSP', message: 'set by CDN' },
        { line: 4, rules: ['10036'], level: 'FAIL' as const, value: 'Server leaks version' },
        { line: 5, rules: ['10020'], level: 'INFO' as const, value: 'Anti-clickjacking' },
        { line: 6, rules: ['*'], level: 'OUTOFSCOPE' as const, value: 'http://localhost:3000/' },
      ],
    };
    const f = applyDastPolicy(groupAlerts(r216.alerts.concat(r217.alerts.slice(0, 1))), {
      ...base,
      failOn: 'high',
      rules,
    });
    expect(f.filter((x) => x.suppressed).length).toBeGreaterThan(0);
    const g217 = applyDastPolicy(groupAlerts(r217.alerts), {
      ...base,
      failOn: 'high',
      rules: { ...rules, lines: rules.lines.slice(0, 3) },
    });
    expect(g217.find((x) => x.ruleId === '10038-1')!.suppressed).toMatchObject({
      reason: 'set by CDN',
      owner: 'sec',
    });
    expect(g217.find((x) => x.ruleId === '10036-2')!.severity).toBe('medium');
    expect(g217.find((x) => x.ruleId === '10020-1')!.severity).toBe('info');
    const expired = applyDastPolicy(groupAlerts(r217.alerts), {
      ...base,
      failOn: 'high',
      rules: { ...rules, expires: '2026-01-01' },
    });
    expect(expired.find((x) => x.ruleId === '10038-1')!.suppressed).toBeUndefined();
    expect(expired.find((x) => x.title === 'DAST rules file expired: rules.tsv')).toBeDefined();
  });

  it('a fail-on below the gate severity is a configuration error', () => {
    expect(() => applyDastPolicy(groups, { ...base, failOn: 'low' })).toThrow(ConfigError);
  });
});
