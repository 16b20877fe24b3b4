import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DastConfig } from '../../core/config/sections/dast.js';
import { ConfigError } from '../../core/errors.js';
import type { Evidence } from '../../core/evidence/model.js';
import { startEvidence } from '../../core/evidence/new-evidence.js';
import { policyFor } from '../../core/gate/gate.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import {
  assertAllowedHost,
  destructiveAllowed,
  isLoopback,
  targetUrl,
} from '../../engines/http/request-policy.js';
import { parseZapReport, type ZapReport } from '../../engines/zap/parse-zap-report.js';
import { parseWapitiReport } from '../../engines/wapiti/parse-wapiti-report.js';
import { runWapiti } from '../../engines/wapiti/run-wapiti.js';
import { parseRulesTsv } from '../../engines/zap/rules-tsv.js';
import { runZap, ZapEngineMissingError } from '../../engines/zap/run-zap.js';
import { REPORT_FILES, type ZapScanPlan } from '../../engines/zap/zap-command.js';
import type { Check, CheckContext } from '../check.js';
import { applyDastPolicy, assertFailOnConsistent, type ImportedRules } from './dast-policy.js';
import { writeDastSarif } from './dast-sarif.js';
import { diffSection, diffWithPrevious, insightsSection } from './dast-sections.js';
import { zapAuthHeader, type ZapAuthHeader } from './zap-auth-header.js';
import { assertEngineSupportsMode, pickScanEngine } from './scan-engine.js';
import { groupAlerts, RISK_SEVERITY } from './zap-findings.js';
import { durationMs } from '../../core/config/sections/common.js';

/**
 * OWASP ZAP scan of the target (baseline, full or API), turned into finding-level evidence: one
 * finding per rule + normalised URL + parameter, reviewed suppressions applied, new vs previous
 * findings, SARIF for code scanning. Findings at or above `dast.fail-on` fail the gate.
 */
export const dastCheck: Check = {
  name: 'dast',
  description: 'OWASP ZAP scan (baseline, full or API) with reviewed suppressions, SARIF and a severity gate',
  run: runDast,
};

async function runDast(ctx: CheckContext): Promise<Evidence> {
  const { config } = ctx;
  const cfg = config.dast;
  if (!cfg) throw new ConfigError([{ path: 'dast', message: 'no dast section in the config' }]);
  const target = config.target;
  const e = startEvidence('dast', target['base-url'], target.name);
  if (!cfg.enabled) return skipped(e, 'dast.enabled is false');

  if (cfg.mode !== 'baseline') {
    // Active scans send attack payloads with every method: the destructive guard, by both keys.
    const d = destructiveAllowed(target);
    if (!d.allowed)
      throw new ConfigError([
        {
          path: 'dast.mode',
          message: `${cfg.mode} runs an active attack scan, which changes data: it needs target.allow-destructive: true and the host in target.allow-hosts (${d.reason}); use mode: baseline for this target`,
        },
      ]);
  }
  const gateSeverity = policyFor(config, 'dast').failOnSeverity;
  assertFailOnConsistent(cfg['fail-on'], gateSeverity);
  const startUrl = targetUrl(target, cfg['start-path']);
  const rules = cfg['rules-file'] ? await readRules(ctx.configDir, cfg['rules-file']) : undefined;

  const workDir = path.join(ctx.outDir, 'artifacts', 'dast');
  await mkdir(workDir, { recursive: true });
  // The image runs as user zap (uid 1000): it must be able to write the reports.
  await chmod(workDir, 0o777);
  const api = cfg.mode === 'api' ? await stageApi(ctx, cfg, workDir) : undefined;
  if (rules) await writeFile(path.join(workDir, 'rules.tsv'), rules.text);
  const authHeader = cfg.identity ? await zapAuthHeader(config, cfg.identity, ctx.sessions) : undefined;

  const plan: ZapScanPlan = {
    mode: cfg.mode,
    targetUrl: startUrl,
    ...(api ? { api } : {}),
    workDir,
    image: cfg.image,
    containerName: `opsgate-zap-${process.pid}-${Date.now()}`,
    ...((cfg['docker-network'] ?? (isLoopback(startUrl) ? 'host' : undefined))
      ? { network: cfg['docker-network'] ?? 'host' }
      : {}),
    ...(rules ? { rulesFile: 'rules.tsv' } : {}),
    spiderMinutes: cfg['spider-minutes'],
    ajaxSpider: cfg['ajax-spider'],
    ...(cfg['max-minutes'] ? { maxMinutes: cfg['max-minutes'] } : {}),
    zapOptions: cfg['zap-options'],
    authHeader: Boolean(authHeader),
  };
  const engine = await pickScanEngine(cfg);
  assertEngineSupportsMode(engine, cfg.mode);
  let scan: ScanResult;
  try {
    scan =
      engine === 'wapiti'
        ? await scanWithWapiti(ctx, cfg, startUrl, workDir, authHeader)
        : await scanWithZap(ctx, cfg, engine, plan, authHeader);
  } catch (err) {
    if (err instanceof ZapEngineMissingError && cfg['on-missing-engine'] === 'skip')
      return skipped(e, `${err.message} (dast.on-missing-engine: skip)`);
    throw err;
  }
  const { report, result } = scan;
  const groups = groupAlerts(report.alerts);
  e.findings = applyDastPolicy(groups, {
    failOn: cfg['fail-on'],
    gateSeverity,
    suppressions: cfg.suppressions,
    ...(rules ? { rules: rules.imported } : {}),
    today: new Date().toISOString().slice(0, 10),
  });
  for (const i of report.insights.filter((i) => /^(high|medium)$/i.test(i.level)))
    e.findings.push({
      fingerprint: fingerprintOf('dast', 'insight', i.key, i.site),
      severity: 'low',
      title: `ZAP insight (${i.level}): ${i.description}`,
      detail: `${i.reason}: ${i.statistic}${i.site ? ` on ${i.site}` : ''}. The scan may not have seen the whole target.`,
      location: i.site || target['base-url'],
      ruleId: 'opsgate-zap-insight',
    });

  // One completed scan of one engine family and mode covers the target: what it no longer
  // reports is fixed. A baseline scan never closes what only a full scan can find.
  const scope = `dast:${engine === 'wapiti' ? 'wapiti' : 'zap'}:${cfg.mode}:${new URL(target['base-url']).origin}`;
  e.findings = e.findings.map((f) => ({ ...f, scope }));
  e.coverage = [scope];
  e.run.tool = { name: report.programName, version: report.version };
  e.thresholds.push({
    name: `${report.programName} ${cfg.mode} scan completed`,
    limit: engine === 'wapiti' ? 'exit 0' : 'exit 0, 1 or 2',
    actual: `exit ${result.exitCode} (${result.outcome})`,
    ok: true,
  });
  const open = e.findings.filter((f) => !f.suppressed && f.ruleId && !f.ruleId.startsWith('opsgate-'));
  const diff = await diffWithPrevious(ctx.store, e.findings);
  e.metrics = {
    zapExitCode: result.exitCode,
    alerts: report.alerts.length,
    instances: report.alerts.reduce((n, a) => n + a.count, 0),
    findings: groups.length,
    open: open.length,
    suppressed: e.findings.filter((f) => f.suppressed).length,
    new: diff.added.length,
    fixed: diff.fixed.length,
    ...Object.fromEntries(
      RISK_SEVERITY.map((s, risk) => [
        `risk${risk}_${s}`,
        report.alerts.filter((a) => a.risk === risk).length,
      ]),
    ),
  };
  e.sections = [diffSection(diff), ...(report.insights.length ? [insightsSection(report.insights)] : [])];
  e.data = {
    mode: cfg.mode,
    engine,
    command: result.command,
    ...(scan.requests ? { requests: scan.requests } : {}),
    zapVersion: report.version,
    sites: report.sites,
    failOn: cfg['fail-on'],
    newFingerprints: diff.added.map((f) => f.fingerprint),
    fixedFingerprints: diff.fixed.map((f) => f.fingerprint),
    insights: report.insights,
  };
  const sarif = await writeDastSarif(
    { outDir: ctx.outDir, configDir: ctx.configDir, configFile: ctx.configFile, cfg, engine },
    e,
    report,
  );
  e.artifacts = [...scan.artifacts, { name: 'sarif', path: sarif }];
  e.summary = `${report.programName} ${report.version} ${cfg.mode} scan: ${report.alerts.length} alerts → ${open.length} open findings (${e.metrics.suppressed} suppressed, ${diff.added.length} new); fail-on ${cfg['fail-on']}`;
  return e;
}

function skipped(e: Evidence, reason: string): Evidence {
  e.thresholds.push({ name: 'DAST scan ran', limit: 'completed', actual: null, ok: true, skipped: reason });
  e.summary = `dast skipped: ${reason}`;
  e.skipped = { reason };
  return e;
}

async function readRules(
  configDir: string,
  rf: NonNullable<DastConfig['rules-file']>,
): Promise<{ text: string; imported: ImportedRules }> {
  const file = path.resolve(configDir, rf.path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError([
      {
        path: 'dast.rules-file.path',
        message: `cannot read ${rf.path}: ${(err as NodeJS.ErrnoException).code}`,
      },
    ]);
  }
  const lines = parseRulesTsv(text, rf.path);
  return { text, imported: { file: rf.path, owner: rf.owner, expires: rf.expires, lines } };
}

/** Copy a local API definition (and GraphQL schema) into the work dir the scan reads from. */
async function stageApi(
  ctx: CheckContext,
  cfg: DastConfig,
  workDir: string,
): Promise<NonNullable<ZapScanPlan['api']>> {
  const api = cfg.api!;
  const stage = async (ref: string, key: string): Promise<string> => {
    if (/^https?:\/\//.test(ref)) {
      assertAllowedHost(ctx.config.target, ref);
      return ref;
    }
    const name = `api-${path.basename(ref)}`;
    try {
      await copyFile(path.resolve(ctx.configDir, ref), path.join(workDir, name));
    } catch (err) {
      throw new ConfigError([
        { path: `dast.api.${key}`, message: `cannot read ${ref}: ${(err as NodeJS.ErrnoException).code}` },
      ]);
    }
    return name;
  };
  return {
    definition: await stage(api.definition, 'definition'),
    format: api.format,
    ...(api.schema ? { schema: await stage(api.schema, 'schema') } : {}),
  };
}

interface ScanResult {
  report: ZapReport;
  result: { exitCode: number; outcome: string; command: string[] };
  artifacts: { name: string; path: string }[];
  requests?: { forwarded: number; refused: number; refusedHosts: string[] };
}

async function scanWithZap(
  ctx: CheckContext,
  cfg: DastConfig,
  engine: 'zap-docker' | 'zap-local',
  plan: ZapScanPlan,
  authHeader: ZapAuthHeader | undefined,
): Promise<ScanResult> {
  ctx.log(
    `dast: ${cfg.mode} scan of ${plan.targetUrl} with ${engine}${authHeader ? ` as ${cfg.identity}` : ''}`,
  );
  const result = await runZap({
    engine,
    plan,
    zapCommand: cfg['zap-command'],
    ...(authHeader ? { authHeader } : {}),
    timeoutMs: durationMs(cfg.timeout),
    signal: ctx.signal,
    log: ctx.log,
  });
  const report = parseZapReport(await readFile(result.reportFile, 'utf8'), result.reportFile);
  const artifacts = Object.values(REPORT_FILES).map((f) => ({
    name: `zap ${f}`,
    path: path.join(plan.workDir, f),
  }));
  return { report, result, artifacts };
}

/** wapiti behind the scope proxy: the proxy, not the scanner, holds the credential and the scope. */
async function scanWithWapiti(
  ctx: CheckContext,
  cfg: DastConfig,
  startUrl: string,
  workDir: string,
  authHeader: ZapAuthHeader | undefined,
): Promise<ScanResult> {
  if (cfg.mode === 'api') throw new Error('unreachable: api scans are refused before');
  ctx.log(`dast: ${cfg.mode} scan of ${startUrl} with wapiti${authHeader ? ` as ${cfg.identity}` : ''}`);
  const reportFile = path.join(workDir, 'wapiti-report.json');
  const timeoutMs = durationMs(cfg.timeout);
  const maxScanSeconds = Math.max(10, Math.min(cfg['spider-minutes'] * 60 * 3, timeoutMs / 1000 - 5));
  const run = await runWapiti({
    plan: {
      mode: cfg.mode,
      startUrl,
      reportFile,
      sessionDir: path.join(workDir, 'wapiti-session'),
      maxScanSeconds,
      maxAttackSeconds: Math.max(5, Math.floor(maxScanSeconds / 4)),
    },
    origin: new URL(startUrl).origin,
    wapitiCommand: cfg['wapiti-command'],
    ...(authHeader ? { authHeader: { name: authHeader.name, value: authHeader.value } } : {}),
    timeoutMs,
    signal: ctx.signal,
    log: ctx.log,
  });
  const report = parseWapitiReport(await readFile(reportFile, 'utf8'), reportFile);
  return {
    report,
    result: { exitCode: run.exitCode, outcome: 'completed', command: run.command },
    artifacts: [{ name: 'wapiti report', path: reportFile }],
    requests: run.requests,
  };
}
