import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { uriReference } from '../../../src/core/render/sarif.js';
import { parseZapReport } from '../../../src/engines/zap/parse-zap-report.js';
import { findingOf, groupAlerts } from '../../../src/checks/dast/zap-findings.js';

const REAL = path.resolve(import.meta.dirname, '../../fixtures/zap/zap-2.16.1-baseline.json');

interface RawAlert {
  riskcode: string;
  instances: Array<{ uri: string }>;
  count?: string;
}

/** The real 2.16.1 report with its first alert reported a second time, at another risk. */
async function reportWithTwoRisks(): Promise<string> {
  const raw = JSON.parse(await readFile(REAL, 'utf8')) as { site: Array<{ alerts: RawAlert[] }> };
  const first = raw.site[0]!.alerts[0]!;
  const twin: RawAlert = { ...first, riskcode: String((Number(first.riskcode) + 1) % 4) };
  raw.site[0]!.alerts.push(twin);
  return JSON.stringify(raw);
}

describe('ZAP findings grouping', () => {
  it('keeps one rule at two risks as two findings, and every instance', async () => {
    const report = parseZapReport(await reportWithTwoRisks());
    const groups = groupAlerts(report.alerts);
    const listed = report.alerts.reduce((n, a) => n + a.instances.length, 0);
    expect(groups.reduce((n, g) => n + g.instances.length, 0)).toBe(listed);
    const rule = report.alerts[0]!.alertRef;
    const risks = new Set(groups.filter((g) => g.alert.alertRef === rule).map((g) => g.alert.risk));
    expect(risks.size).toBe(2);
    const fps = groups.map((g) => g.fingerprint);
    expect(new Set(fps).size).toBe(fps.length);
  });

  it('the highest risk keeps the fingerprint it had before', async () => {
    const plain = groupAlerts(parseZapReport(await readFile(REAL, 'utf8')).alerts);
    const twice = groupAlerts(parseZapReport(await reportWithTwoRisks()).alerts);
    const top = (gs: typeof plain) => gs.filter((g) => g.alert.alertRef === plain[0]!.alert.alertRef);
    const topRisk = Math.max(...top(twice).map((g) => g.alert.risk));
    const kept = top(twice)
      .filter((g) => g.alert.risk === topRisk)
      .map((g) => g.fingerprint);
    if (topRisk === plain[0]!.alert.risk) expect(kept).toEqual(top(plain).map((g) => g.fingerprint));
    expect(findingOf(twice[0]!, 'low').title).toMatch(/^ZAP /);
  });
});

describe('SARIF uri-reference', () => {
  it('percent-encodes what RFC 3986 does not allow and keeps existing escapes', () => {
    expect(uriReference('http://a/b/{id}/c?x=&y=1 2%zz%41')).toBe('http://a/b/%7Bid%7D/c?x=&y=1%202%25zz%41');
    expect(uriReference('https://ok.example/path?q=1#f')).toBe('https://ok.example/path?q=1#f');
  });
});
