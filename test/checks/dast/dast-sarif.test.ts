import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyDastPolicy } from '../../../src/checks/dast/dast-policy.js';
import { writeDastSarif } from '../../../src/checks/dast/dast-sarif.js';
import { groupAlerts } from '../../../src/checks/dast/zap-findings.js';
import { main } from '../../../src/cli/main.js';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { startEvidence } from '../../../src/core/evidence/new-evidence.js';
import { parseWapitiReport } from '../../../src/engines/wapiti/parse-wapiti-report.js';
import { githubUploadProblems, sarifSchemaErrors } from '../../support/sarif-checks.js';
import { installFakeDocker, type FakeDocker } from './fake-docker.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const REPORT_217 = path.join(fixtures, 'zap/zap-2.17.0-baseline-insights-systemic.json');
const REPORT_216 = path.join(fixtures, 'zap/zap-2.16.1-baseline.json');
const WAPITI = path.join(fixtures, 'wapiti/wapiti-3.0.4-demo-full.json');

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
  properties: { url?: string; severity: string };
}
interface Sarif {
  runs: {
    tool: {
      driver: { rules: { id: string; properties: { tags: string[]; 'security-severity'?: string } }[] };
    };
    results: SarifResult[];
  }[];
}

let docker: FakeDocker;
const savedPath = process.env.PATH;
beforeAll(async () => {
  docker = await installFakeDocker();
  process.env.FAKE_DOCKER_LOG = docker.logFile;
});
afterAll(() => {
  process.env.PATH = savedPath;
});
afterEach(() => {
  process.env.PATH = savedPath;
  vi.restoreAllMocks();
});

/** A checkout: `.git`, the config under ops/, a source file the path mapping can point at. */
async function checkout(dast: string): Promise<{ repo: string; config: string; dastLine: number }> {
  const repo = await mkdtemp(path.join(os.tmpdir(), 'opsgate-sarif-repo-'));
  await mkdir(path.join(repo, '.git'));
  await mkdir(path.join(repo, 'ops'));
  await mkdir(path.join(repo, 'src/routes'), { recursive: true });
  await writeFile(path.join(repo, 'src/server.ts'), 'import http from "node:http";\nhttp.createServer();\n');
  await writeFile(
    path.join(repo, 'src/routes/company page.ts'),
    'export const a = 1;\nexport const b = 2;\n',
  );
  const text = `version: 1\n# the scanned service\ntarget:\n  base-url: http://127.0.0.1:9\n\ndast:\n${dast
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;
  const config = path.join(repo, 'ops/opsgate.yml');
  await writeFile(config, text);
  return { repo, config, dastLine: text.split('\n').indexOf('dast:') + 1 };
}

async function zapScan(report: string, config: string): Promise<{ sarif: Sarif; e: Evidence }> {
  process.env.PATH = `${docker.binDir}${path.delimiter}${savedPath}`;
  process.env.FAKE_ZAP_REPORT = report;
  process.env.FAKE_ZAP_EXIT = '2';
  const out = path.join(path.dirname(config), `out-${Date.now()}`);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  expect(await main(['--config', config, '--out', out, 'dast'])).toBe(0);
  vi.restoreAllMocks();
  return {
    sarif: JSON.parse(await readFile(path.join(out, 'sarif/dast.sarif'), 'utf8')) as Sarif,
    e: JSON.parse(await readFile(path.join(out, 'evidence/dast.json'), 'utf8')) as Evidence,
  };
}

const uris = (s: Sarif) => s.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation);

describe('DAST SARIF that GitHub code scanning ingests', () => {
  it('ZAP 2.17 and 2.16 reports: schema-valid, on the dast line of opsgate.yml, URL in message and properties', async () => {
    const { repo, config, dastLine } = await checkout('image: ghcr.io/zaproxy/zaproxy:2.17.0');
    for (const report of [REPORT_217, REPORT_216]) {
      const { sarif, e } = await zapScan(report, config);
      expect(sarifSchemaErrors(sarif)).toEqual([]);
      expect(githubUploadProblems(sarif, repo)).toEqual([]);
      const results = sarif.runs[0]!.results;
      expect(results.length).toBeGreaterThan(3);
      for (const l of uris(sarif))
        expect(l).toEqual({
          artifactLocation: { uri: 'ops/opsgate.yml', uriBaseId: '%SRCROOT%' },
          region: { startLine: dastLine },
        });
      for (const r of results) {
        expect(r.properties.url).toMatch(/^https?:\/\/[^/]+/);
        expect(r.message.text).toContain(`Scanned URL: ${r.properties.url!}`);
      }
      // Informational alerts are left out by default, with their rules; no rule is tagged 0.0.
      const info = e.findings.filter((f) => f.severity === 'info' && !f.ruleId!.startsWith('opsgate-'));
      expect(info.length).toBeGreaterThan(0);
      expect(results.filter((r) => info.some((f) => f.ruleId === r.ruleId))).toEqual([]);
      const rules = sarif.runs[0]!.tool.driver.rules;
      expect(rules.map((r) => r.id).sort()).toEqual([...new Set(results.map((r) => r.ruleId))].sort());
      expect(rules.every((r) => Number(r.properties['security-severity']) > 0)).toBe(true);
      // Stable: the fingerprints are the findings' own and the same on the next run.
      const again = await zapScan(report, config);
      expect(again.sarif.runs[0]!.results.map((r) => r.partialFingerprints)).toEqual(
        results.map((r) => r.partialFingerprints),
      );
      for (const r of results)
        expect(e.findings.map((f) => f.fingerprint)).toContain(r.partialFingerprints['opsgate/v1']);
    }
  });

  it('informational: note keeps info alerts as notes without security severity; a path mapping places results', async () => {
    const { repo, config } = await checkout(`sarif:
  informational: note
  locations:
    - { url: "^http://localhost:3000$", file: src/server.ts, line: 2 }`);
    const { sarif } = await zapScan(REPORT_217, config);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(githubUploadProblems(sarif, repo)).toEqual([]);
    const run = sarif.runs[0]!;
    const notes = run.results.filter((r) => r.properties.severity === 'info');
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((r) => r.level === 'note')).toBe(true);
    for (const id of new Set(notes.map((r) => r.ruleId))) {
      const rule = run.tool.driver.rules.find((r) => r.id === id)!;
      if (run.results.some((r) => r.ruleId === id && r.properties.severity !== 'info')) continue;
      expect(rule.properties['security-severity']).toBeUndefined();
      expect(rule.properties.tags).not.toContain('security');
    }
    const files = new Set(uris(sarif).map((l) => `${l.artifactLocation.uri}:${l.region.startLine}`));
    expect([...files]).toEqual(['src/server.ts:2']);
  });

  it('wapiti 3.0.4 report of the demo: schema-valid and accepted; {id} and spaces never reach a URI', async () => {
    const { repo, config, dastLine } = await checkout(`engine: wapiti
sarif:
  locations:
    - { url: "/directory", file: src/routes/company page.ts, line: 2 }`);
    const cfg = parseConfigText(await readFile(config, 'utf8'), 'opsgate.yml').dast!;
    const report = parseWapitiReport(await readFile(WAPITI, 'utf8'), WAPITI);
    const e = startEvidence('dast', 'http://127.0.0.1:9');
    e.findings = applyDastPolicy(groupAlerts(report.alerts), {
      failOn: 'high',
      gateSeverity: 'high',
      suppressions: [],
      today: '2026-12-02',
    });
    // A normalised URL with a numeric segment (as 2 of 21 public ZAP reports had).
    e.findings.push({
      ...e.findings[0]!,
      fingerprint: 'f-id',
      location: 'http://127.0.0.1:9/api/companies/{id}',
    });
    const out = path.join(repo, 'out');
    const file = await writeDastSarif(
      { outDir: out, configDir: path.dirname(config), configFile: config, cfg, engine: 'wapiti' },
      e,
      report,
    );
    const sarif = JSON.parse(await readFile(file, 'utf8')) as Sarif;
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(githubUploadProblems(sarif, repo)).toEqual([]);
    const text = JSON.stringify(uris(sarif));
    expect(text).not.toMatch(/[{}]\w|http/);
    const sql = sarif.runs[0]!.results.find((r) => r.ruleId === 'wapiti-sql-injection')!;
    expect(sql.level).toBe('error');
    expect(sql.locations[0]!.physicalLocation.artifactLocation.uri).toBe('src/routes/company%20page.ts');
    expect(sql.properties.url).toMatch(/\/directory\?name=$/);
    const id = sarif.runs[0]!.results.find((r) => r.partialFingerprints['opsgate/v1'] === 'f-id')!;
    expect(id.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'ops/opsgate.yml', uriBaseId: '%SRCROOT%' },
      region: { startLine: dastLine },
    });
    expect(id.properties.url).toBe('http://127.0.0.1:9/api/companies/{id}');
  });

  it('the checks fail on what GitHub rejects: http URIs, {id}, missing files, lines, limits', async () => {
    const { repo, config } = await checkout('image: ghcr.io/zaproxy/zaproxy:2.17.0');
    const { sarif } = await zapScan(REPORT_217, config);
    const broken = (edit: (l: SarifResult['locations'][0]['physicalLocation']) => void): Sarif => {
      const copy = structuredClone(sarif);
      edit(copy.runs[0]!.results[0]!.locations[0]!.physicalLocation);
      return copy;
    };
    const http = broken((l) => (l.artifactLocation = { uri: 'http://localhost:3000' }));
    expect(githubUploadProblems(http, repo)).toEqual([
      'run 0 result 0: SARIF URI scheme "http" did not match the checkout URI scheme "file"',
    ]);
    const braces = broken((l) => (l.artifactLocation.uri = 'http://localhost:3000/api/{id}'));
    expect(sarifSchemaErrors(braces).join()).toMatch(/must match format "uri-reference"/);
    expect(githubUploadProblems(braces, repo)[0]).toMatch(/not a valid uri-reference/);
    expect(
      githubUploadProblems(
        broken((l) => (l.artifactLocation.uri = 'src/gone.ts')),
        repo,
      )[0],
    ).toMatch(/does not exist/);
    expect(
      githubUploadProblems(
        broken((l) => (l.artifactLocation.uri = '../etc/passwd')),
        repo,
      )[0],
    ).toMatch(/outside the checkout/);
    expect(
      githubUploadProblems(
        broken((l) => (l.region.startLine = 999)),
        repo,
      )[0],
    ).toMatch(/line 999 is not a line/);
    const many = structuredClone(sarif);
    many.runs[0]!.results = Array.from({ length: 25_001 }, () => sarif.runs[0]!.results[0]!);
    expect(githubUploadProblems(many, repo)).toContain('run 0: 25001 results');
  });

  it('a path mapping that leaves the repository is a configuration error', () => {
    const text =
      'target:\n  base-url: http://127.0.0.1:9\ndast:\n  sarif:\n    locations:\n      - { url: "(", file: ../etc/passwd }\n';
    expect(() => parseConfigText(text, 'opsgate.yml')).toThrow(
      /opsgate.yml:6 dast.sarif.locations\[0\].file: expected a path relative to the repository root/,
    );
    expect(() => parseConfigText(text, 'opsgate.yml')).toThrow(
      /dast.sarif.locations\[0\].url: not a valid regular expression/,
    );
  });
});
