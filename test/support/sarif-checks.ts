import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The two things a SARIF file must satisfy before GitHub code scanning takes it: the SARIF 2.1.0
 * JSON Schema (test/fixtures/sarif, source named in test/fixtures/zap/README.md) and the upload
 * rules GitHub documents (docs.github.com "SARIF support for code scanning" and "SARIF results
 * exceed one or more limits"), checked as `github/codeql-action/upload-sarif` submits a file: with
 * a `file:` checkout URI of the repository checkout.
 */
let validate: ValidateFunction | undefined;

/** Schema errors of a SARIF document ([] when valid). */
export function sarifSchemaErrors(sarif: unknown): string[] {
  if (!validate) {
    const schema = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
    ) as object;
    // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-unicode
    // regular expressions accept.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    validate = ajv.compile(schema);
  }
  return validate(sarif) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** GitHub's hard limits: a file over any of them is rejected as a whole. */
export const GITHUB_LIMITS = {
  gzipBytes: 10 * 1024 * 1024,
  runsPerFile: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  extensionsPerRun: 100,
  locationsPerResult: 1_000,
  tagsPerRule: 20,
};

interface Loc {
  physicalLocation?: {
    artifactLocation?: { uri?: string; uriBaseId?: string };
    region?: { startLine?: number };
  };
}
interface Run {
  tool?: {
    driver?: { rules?: { id?: string; properties?: { tags?: string[]; 'security-severity'?: string } }[] };
    extensions?: unknown[];
  };
  results?: {
    ruleId?: string;
    message?: { text?: string };
    locations?: Loc[];
    partialFingerprints?: Record<string, unknown>;
  }[];
}

/**
 * Problems GitHub would report for this SARIF uploaded against `checkoutDir` (as a `file:` URI):
 * every artifact URI must be relative (resolved under the checkout, `%SRCROOT%` as its base) or
 * use the checkout's scheme and lie inside it — an `http:` URI is "SARIF URI scheme "http" did not
 * match the checkout URI scheme "file"" (github/codeql-action#754). Results must name their rule
 * and say something; lines start at 1; and the resolved file must exist in the checkout with
 * that line, or code scanning cannot show the alert in the code.
 */
export function githubUploadProblems(sarif: unknown, checkoutDir: string): string[] {
  const problems: string[] = [];
  const checkout = new URL(`file://${path.resolve(checkoutDir)}/`);
  const doc = sarif as { version?: string; runs?: Run[] };
  const gz = gzipSync(JSON.stringify(sarif)).length;
  if (gz > GITHUB_LIMITS.gzipBytes) problems.push(`gzip size ${gz} over 10 MB`);
  if (doc.version !== '2.1.0') problems.push(`version ${String(doc.version)} is not 2.1.0`);
  if (!Array.isArray(doc.runs)) return [...problems, 'runs missing'];
  if (doc.runs.length > GITHUB_LIMITS.runsPerFile) problems.push(`${doc.runs.length} runs`);
  doc.runs.forEach((run, r) => {
    const rules = run.tool?.driver?.rules ?? [];
    const results = run.results ?? [];
    if (results.length > GITHUB_LIMITS.resultsPerRun) problems.push(`run ${r}: ${results.length} results`);
    if (rules.length > GITHUB_LIMITS.rulesPerRun) problems.push(`run ${r}: ${rules.length} rules`);
    if ((run.tool?.extensions?.length ?? 0) > GITHUB_LIMITS.extensionsPerRun)
      problems.push(`run ${r}: extensions`);
    for (const rule of rules) {
      if ((rule.properties?.tags?.length ?? 0) > GITHUB_LIMITS.tagsPerRule)
        problems.push(`rule ${rule.id}: tags`);
      const sev = rule.properties?.['security-severity'];
      if (sev !== undefined && !(Number(sev) >= 0 && Number(sev) <= 10))
        problems.push(`rule ${rule.id}: security-severity ${sev} is not 0.0-10.0`);
    }
    results.forEach((res, i) => {
      const at = `run ${r} result ${i}`;
      if (!res.ruleId) problems.push(`${at}: no ruleId`);
      if (!res.message?.text) problems.push(`${at}: no message.text`);
      const locs = res.locations ?? [];
      if (!locs.length) problems.push(`${at}: no location`);
      if (locs.length > GITHUB_LIMITS.locationsPerResult) problems.push(`${at}: ${locs.length} locations`);
      for (const l of locs) problems.push(...locationProblems(l, checkout, at));
      for (const [k, v] of Object.entries(res.partialFingerprints ?? {}))
        if (typeof v !== 'string') problems.push(`${at}: partialFingerprints.${k} is not a string`);
    });
  });
  return problems;
}

function locationProblems(l: Loc, checkout: URL, at: string): string[] {
  const uri = l.physicalLocation?.artifactLocation?.uri;
  if (!uri) return [`${at}: artifactLocation.uri missing`];
  if (/[\s{}"<>\\^`|]/.test(uri)) return [`${at}: ${uri} is not a valid uri-reference`];
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'file')
    return [`${at}: SARIF URI scheme "${scheme}" did not match the checkout URI scheme "file"`];
  if (scheme && l.physicalLocation?.artifactLocation?.uriBaseId)
    return [`${at}: an absolute URI cannot carry a uriBaseId`];
  const resolved = new URL(uri, checkout);
  if (!resolved.href.startsWith(checkout.href)) return [`${at}: ${uri} is outside the checkout`];
  const file = fileURLToPath(resolved);
  if (!existsSync(file)) return [`${at}: ${uri} does not exist in the checkout`];
  const line = l.physicalLocation?.region?.startLine;
  if (line === undefined) return [];
  const lines = readFileSync(file, 'utf8').split('\n').length;
  if (!Number.isInteger(line) || line < 1 || line > lines)
    return [`${at}: line ${line} is not a line of ${uri} (${lines} lines)`];
  return [];
}
