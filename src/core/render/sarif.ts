import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-write.js';
import path from 'node:path';
import type { Severity } from '../config/sections/common.js';
import type { Evidence, Finding } from '../evidence/model.js';
import { redactDeep } from '../secrets.js';

/**
 * SARIF 2.1.0 from an evidence record's findings, for GitHub code scanning and any SARIF viewer.
 * Code scanning places results on files of the checked-out repository and rejects an `http:` URI
 * next to its `file:` checkout URI, so every result is located on a repository file (relative URI
 * under `%SRCROOT%` plus a line) chosen by the caller; the URL the finding is about goes into the
 * message and `properties.url`. `partialFingerprints` carry the opsgate fingerprint so code
 * scanning tracks the same alert across runs.
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Metadata of one rule, keyed by the findings' `ruleId`. */
export interface SarifRule {
  id: string;
  name: string;
  description?: string;
  help?: string;
  helpUri?: string;
  tags?: string[];
}

export interface SarifTool {
  name: string;
  version?: string;
  informationUri?: string;
  rules: SarifRule[];
}

type SarifLevel = 'error' | 'warning' | 'note';

/** Where a result sits in the repository: a path relative to its root, and a line. */
export interface SarifLocation {
  file: string;
  line: number;
}

export interface SarifOptions {
  /** The repository file and line a finding is reported on. */
  locate: (f: Finding) => SarifLocation;
  /** Informational findings: left out (`omit`) or kept as notes without a security severity. */
  informational: 'omit' | 'note';
}

/** GitHub's hard limit of results per run; beyond it the whole upload is rejected. */
export const MAX_RESULTS_PER_RUN = 25_000;

/** high/critical → error, medium/low → warning, info → note. */
export function sarifLevel(s: Severity): SarifLevel {
  return s === 'high' || s === 'critical' ? 'error' : s === 'info' ? 'note' : 'warning';
}

/** GitHub's `security-severity` (CVSS-like 0-10) so code scanning ranks the alerts. */
const securitySeverity: Record<Severity, string> = {
  info: '0.0',
  low: '3.0',
  medium: '5.5',
  high: '8.0',
  critical: '9.5',
};

export function renderSarif(e: Evidence, tool: SarifTool, opts: SarifOptions): Record<string, unknown> {
  const rules = new Map(tool.rules.map((r) => [r.id, r]));
  const findings = e.findings
    .filter((f) => f.ruleId && (opts.informational === 'note' || f.severity !== 'info'))
    // Most severe first, so a cut at GitHub's limit drops the least important results.
    .sort((a, b) => order(b.severity) - order(a.severity))
    .slice(0, MAX_RESULTS_PER_RUN);
  for (const f of findings)
    if (!rules.has(f.ruleId!)) rules.set(f.ruleId!, { id: f.ruleId!, name: f.ruleId! });
  // Only rules some result refers to: an omitted informational rule is not uploaded either.
  const used = new Set(findings.map((f) => f.ruleId!));
  const ruleList = [...rules.values()].filter((r) => used.has(r.id));
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));
  const worst = new Map<string, Severity>();
  for (const f of findings) {
    const prev = worst.get(f.ruleId!);
    if (!prev || order(f.severity) > order(prev)) worst.set(f.ruleId!, f.severity);
  }
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            ...(tool.version ? { version: tool.version } : {}),
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: ruleList.map((r) => ({
              id: r.id,
              name: pascal(r.name),
              shortDescription: { text: r.name },
              fullDescription: { text: r.description || r.name },
              ...(r.help ? { help: { text: r.help } } : {}),
              ...(r.helpUri ? { helpUri: r.helpUri } : {}),
              defaultConfiguration: { level: sarifLevel(worst.get(r.id) ?? 'low') },
              properties: ruleProperties(r, worst.get(r.id) ?? 'low'),
            })),
          },
        },
        automationDetails: { id: `opsgate/${e.check}/` },
        invocations: [
          {
            executionSuccessful: !e.error,
            startTimeUtc: e.run.startedAt,
            endTimeUtc: e.run.finishedAt,
          },
        ],
        results: findings.map((f) => result(f, ruleIndex.get(f.ruleId!)!, opts.locate(f))),
      },
    ],
  };
  return redactDeep(sarif);
}

/** Security tags and severity only where there is a security problem: not on informational rules. */
function ruleProperties(r: SarifRule, worst: Severity): Record<string, unknown> {
  if (worst === 'info') return { tags: [...(r.tags ?? [])] };
  return { tags: ['security', ...(r.tags ?? [])], 'security-severity': securitySeverity[worst] };
}

function result(f: Finding, ruleIndex: number, at: SarifLocation): Record<string, unknown> {
  const url = f.location && /^https?:\/\//i.test(f.location) ? f.location : undefined;
  const where = url ? `Scanned URL: ${url}` : f.location ? `Location: ${f.location}` : '';
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    // The rule carries the long description; a result says what and where (first three detail lines).
    message: {
      text: [f.title, where, ...f.detail.split('\n').slice(0, 3)].filter(Boolean).join('\n'),
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriReference(at.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, Math.floor(at.line)) },
        },
      },
    ],
    partialFingerprints: { 'opsgate/v1': f.fingerprint },
    ...(f.suppressed
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: `${f.suppressed.reason}${f.suppressed.owner ? ` (owner: ${f.suppressed.owner}` : ''}${f.suppressed.expires ? `, expires ${f.suppressed.expires})` : f.suppressed.owner ? ')' : ''}`,
            },
          ],
        }
      : {}),
    properties: {
      severity: f.severity,
      ...(url ? { url } : f.location ? { location: f.location } : {}),
      ...(f.count !== undefined ? { count: f.count } : {}),
    },
  };
}

/** Write `out/sarif/<check>.sarif`; returns the path. */
export async function writeSarif(
  outDir: string,
  e: Evidence,
  tool: SarifTool,
  opts: SarifOptions,
): Promise<string> {
  const file = path.join(outDir, 'sarif', `${e.check}.sarif`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(renderSarif(e, tool, opts), null, 2) + '\n');
  return file;
}

function order(s: Severity): number {
  return ['info', 'low', 'medium', 'high', 'critical'].indexOf(s);
}

function pascal(s: string): string {
  return s
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))
    .replace(/^./, (c) => c.toUpperCase());
}

/**
 * SARIF's `uri` must be a valid RFC 3986 uri-reference: characters outside it (the `{id}` of a
 * normalised path, spaces, quotes) are percent-encoded; existing escapes are kept.
 */
export function uriReference(uri: string): string {
  return uri.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (c) =>
    encodeURIComponent(c),
  );
}
