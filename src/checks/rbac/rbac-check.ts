import { randomBytes } from 'node:crypto';
import { durationMs } from '../../core/config/sections/common.js';
import { ConfigError } from '../../core/errors.js';
import type { Evidence, Finding, Threshold } from '../../core/evidence/model.js';
import { startEvidence } from '../../core/evidence/new-evidence.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import { assertAllowedHost, destructiveAllowed } from '../../engines/http/host-policy.js';
import { requestFailureReason } from '../../engines/http/request-failure.js';
import { TargetClient } from '../../engines/http/sessions.js';
import type { Check, CheckContext } from '../check.js';
import { FixtureManager, type CreatedRecord } from './fixtures.js';
import { diffMarkdown, diffMatrix, previousRbacEvidence, type MatrixDiff } from './matrix-diff.js';
import { createdTable, matrixGrid } from './matrix-markdown.js';
import { endpointKey, loadOpenApi, openApiFindings, operationsOf } from './openapi-coverage.js';
import { runOwnershipProbe } from './ownership-probe.js';
import { CapturedValues } from './captures.js';
import { planMatrix, type MatrixCell } from './plan-matrix.js';
import { probeCells, type CellResult } from './probe-cells.js';

/** A cell as a threshold: `limit` is the promise, `actual` the status; skipped cells say why. */
export function cellThreshold(c: CellResult): Threshold {
  const ok = c.verdict === 'enforced' || c.verdict === 'skipped';
  const detail = [
    c.verdict,
    c.ms !== undefined ? `${c.ms} ms` : undefined,
    c.verdict !== 'skipped' ? c.reason : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return {
    name: c.id,
    limit: c.expected,
    actual: c.status,
    ok,
    ...(c.verdict === 'skipped' ? { skipped: c.reason ?? 'skipped' } : {}),
    detail,
  };
}

/** Run the rbac check: matrix cells, ownership probes, OpenAPI coverage, diff with the previous run. */
export async function runRbac(ctx: CheckContext): Promise<Evidence> {
  const { config } = ctx;
  const cfg = config.rbac;
  if (!cfg)
    throw new ConfigError([{ path: 'rbac', message: 'required to run the rbac check (matrix, ownership)' }]);
  const evidence = startEvidence('rbac', config.target['base-url'], config.target.name);
  if (!cfg.enabled) {
    evidence.summary = 'rbac is disabled (rbac.enabled: false)';
    return evidence;
  }
  const cells = planMatrix(cfg, config.identities);
  if (!cells.length && !cfg.ownership.length)
    throw new ConfigError([
      { path: 'rbac.matrix', message: 'nothing to probe: add matrix rows with expect, or ownership probes' },
    ]);
  assertAllowedHost(config.target, config.target['base-url']);
  const previous = await previousRbacEvidence(ctx.store, ctx.outDir);
  const client = new TargetClient(config.target, config.identities, ctx.sessions, ctx.signal);
  const destructive = destructiveAllowed(config.target);
  const deadline = Date.now() + durationMs(cfg['max-duration']);
  const fixtures = new FixtureManager(client, cfg.fixtures);
  const ownershipCreated: CreatedRecord[] = [];
  const captures = new CapturedValues(client);
  const runId = `run-${randomBytes(4).toString('hex')}`;
  const statics = Object.fromEntries(
    Object.entries(cfg.fixtures).flatMap(([k, v]) => (typeof v === 'object' ? [] : [[k, String(v)]])),
  );
  const results: CellResult[] = [];
  ctx.log(
    `rbac: ${cells.length} matrix cells, ${cfg.ownership.length} ownership probes${destructive.allowed ? '' : ` (destructive probes skipped: ${destructive.reason})`}`,
  );
  try {
    results.push(
      ...(await probeCells(cells, {
        client,
        fixtures,
        destructive,
        concurrency: cfg.concurrency,
        deadline,
        signal: ctx.signal,
      })),
    );
    for (const probe of cfg.ownership)
      results.push(
        ...(await runOwnershipProbe(client, probe, {
          destructive,
          signal: ctx.signal,
          deadline,
          created: ownershipCreated,
          statics,
          captures,
          runId,
        })),
      );
  } finally {
    await fixtures.cleanupAll();
  }
  const created = [...fixtures.created, ...ownershipCreated];

  evidence.thresholds = results.map(cellThreshold);
  evidence.findings = [
    ...loginFailureFindings(results, client),
    ...leftBehindFindings(created),
    ...incompleteFindings(results),
  ];
  const count = (v: CellResult['verdict']): number => results.filter((r) => r.verdict === v).length;
  const latencies = results.flatMap((r) => (r.ms === undefined ? [] : [r.ms])).sort((a, b) => a - b);
  evidence.metrics = {
    cells: results.length,
    enforced: count('enforced'),
    bypassed: count('bypassed'),
    unexpected: count('unexpected'),
    skipped: count('skipped'),
    errors: count('error'),
    'latency p50 ms': latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    'latency p95 ms': latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))] ?? 0,
    logins: client.loginCount,
    created: created.length,
  };
  evidence.sections = [
    { title: 'RBAC matrix', markdown: matrixGrid(results) },
    { title: 'Records created by the probe', markdown: createdTable(created) },
  ];
  const data: Record<string, unknown> = { cells: results, created, destructive };

  if (cfg.openapi) await addOpenApiCoverage({ ctx, client, cells, results, evidence, data });

  let diff: MatrixDiff | undefined;
  if (previous) {
    diff = diffMatrix(previous.evidence, previous.source, results, previous.recordedAt);
    evidence.sections.push({ title: 'Changes since the previous run', markdown: diffMarkdown(diff) });
    evidence.metrics['changed cells'] = diff.changes.length;
    data.diff = diff;
  }
  evidence.data = data;
  const gone = results.filter((r) => r.failure === 'target-gone');
  const answered = results.filter((r) => r.status !== null).length;
  if (gone.length)
    // The target is (or became) unreachable: a runtime error (exit 3), with every answered cell kept.
    evidence.error = {
      kind: 'TargetUnreachableError',
      message: answered
        ? `target stopped answering: ${gone.length} of ${results.length} cells got no answer (first: ${gone[0]!.id}: ${gone[0]!.reason}); the ${answered} answered cells are kept`
        : gone[0]!.reason!,
    };
  const failedCells = results.filter(
    (r) => r.verdict === 'bypassed' || r.verdict === 'unexpected' || r.verdict === 'error',
  );
  const notLoggedIn = [...new Set(results.flatMap((r) => (r.loginFailed ? [r.loginFailed] : [])))];
  evidence.summary =
    `${results.length} cells: ${count('enforced')} enforced, ${count('bypassed')} bypassed, ${count('unexpected')} unexpected, ` +
    `${count('error')} errors, ${count('skipped')} skipped` +
    (failedCells.length
      ? `; first: ${failedCells[0]!.id} answered ${failedCells[0]!.status ?? '—'} (expected ${failedCells[0]!.expected})`
      : '') +
    (diff?.changes.length ? `; ${diff.changes.length} changed since the previous run` : '') +
    (notLoggedIn.length ? `; could not log in (tried once): ${notLoggedIn.join(', ')}` : '') +
    (ctx.signal.aborted ? '; run aborted' : '');
  return evidence;
}

/**
 * One finding per identity that could not log in (its cells are skipped, not retried): the run
 * tried once, so a wrong password costs the account one failed attempt, not one per cell.
 */
function loginFailureFindings(results: CellResult[], client: TargetClient): Finding[] {
  const skippedBy = new Map<string, number>();
  for (const r of results)
    if (r.loginFailed) skippedBy.set(r.loginFailed, (skippedBy.get(r.loginFailed) ?? 0) + 1);
  return [...skippedBy].map(([identity, skipped]) => ({
    fingerprint: fingerprintOf('rbac', 'login-failed', identity),
    severity: 'high' as const,
    title: `identity "${identity}" could not log in: ${skipped} cells skipped`,
    detail:
      `The login ${client.loginFailure(identity)?.why ?? 'failed'}. It was tried once for the whole run ` +
      'so the account is not locked out; fix the credentials or the login request.',
    location: `identities.${identity}`,
    ruleId: 'rbac-login-failed',
  }));
}

interface CoverageInput {
  ctx: CheckContext;
  client: TargetClient;
  cells: MatrixCell[];
  results: CellResult[];
  evidence: Evidence;
  data: Record<string, unknown>;
}

/**
 * OpenAPI coverage after the matrix. A request of this pass that gets no answer costs only this
 * pass: the matrix already measured is kept, and a finding says why coverage is missing.
 */
async function addOpenApiCoverage(input: CoverageInput): Promise<void> {
  try {
    await openApiCoverage(input);
  } catch (err) {
    const why = requestFailureReason(err);
    if (!why) throw err;
    input.evidence.findings.push({
      fingerprint: fingerprintOf('rbac', 'openapi-incomplete'),
      severity: 'medium',
      title: `OpenAPI coverage not completed: ${why}`,
      detail: 'A request of the coverage pass got no answer; the matrix cells were kept.',
      ruleId: 'rbac-incomplete',
    });
    input.data.openapi = { error: why };
  }
}

async function openApiCoverage({
  ctx,
  client,
  cells,
  results,
  evidence,
  data,
}: CoverageInput): Promise<void> {
  const cfg = ctx.config.rbac!;
  const openapi = cfg.openapi!;
  const ops = operationsOf(await loadOpenApi(openapi, ctx.configDir, client));
  const probed = new Set(cells.map((c) => endpointKey(c.method, c.path)));
  for (const o of cfg.ownership) {
    probed.add(endpointKey(o.create.method, o.create.path));
    for (const m of ['GET', o['update-method'], 'DELETE']) probed.add(endpointKey(m, o.resource));
  }
  const statics = Object.fromEntries(
    Object.entries(cfg.fixtures).flatMap(([k, v]) => (typeof v === 'object' ? [] : [[k, String(v)]])),
  );
  const coverage = await openApiFindings(ops, probed, results, {
    client,
    statics,
    probeAnonymous: openapi['probe-anonymous'],
    signal: ctx.signal,
  });
  evidence.findings.push(...coverage.findings);
  evidence.metrics['openapi operations'] = ops.length;
  evidence.metrics['openapi uncovered'] = coverage.uncovered.length;
  data.openapi = {
    operations: ops.length,
    uncovered: coverage.uncovered,
    openToAnonymous: coverage.openToAnonymous,
  };
}

/** A matrix cut short by its time bound or an abort is not a pass: say how much was not probed. */
function incompleteFindings(results: CellResult[]): Finding[] {
  const notRun = results.filter((r) => r.verdict === 'skipped' && r.reason?.startsWith('not run:'));
  if (!notRun.length) return [];
  return [
    {
      fingerprint: fingerprintOf('rbac', 'incomplete'),
      severity: 'medium',
      title: `rbac matrix incomplete: ${notRun.length} of ${results.length} cells not probed`,
      detail: `${notRun[0]!.reason!.replace(/^not run: /, '')}; first cell not probed: ${notRun[0]!.id}.`,
      ruleId: 'rbac-incomplete',
      solution: 'Raise rbac.max-duration or rbac.concurrency, or split the matrix.',
    },
  ];
}

function leftBehindFindings(created: CreatedRecord[]): Finding[] {
  return created
    .filter((r) => r.cleanup === 'failed' || r.cleanup === 'no-cleanup-request')
    .map((r) => ({
      fingerprint: fingerprintOf('rbac', 'left-behind', r.fixture),
      severity: 'medium' as const,
      title: `probe record ${r.fixture} #${r.id} was not deleted`,
      detail:
        r.cleanup === 'failed'
          ? `${r.answer ? `The cleanup answered ${r.answer}` : `The cleanup request answered ${r.cleanupStatus ?? 'nothing'}`}; delete the record by hand.`
          : 'The fixture has no cleanup request; add one so probes leave nothing behind.',
      location: `${r.fixture} #${r.id}`,
      ruleId: 'rbac-cleanup',
    }));
}

/** The `rbac` check. */
export const rbacCheck: Check = {
  name: 'rbac',
  description: 'RBAC matrix, ownership (IDOR) and OpenAPI coverage probes: the exact status per identity',
  run: runRbac,
};
