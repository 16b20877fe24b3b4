import { durationMs } from '../../core/config/sections/common.js';
import type { DbConfig } from '../../core/config/sections/db.js';
import { ConfigError } from '../../core/errors.js';
import type { Evidence } from '../../core/evidence/model.js';
import { startEvidence } from '../../core/evidence/new-evidence.js';
import { controlsOf, verdictOf } from '../../core/gate/controls.js';
import { policyFor } from '../../core/gate/gate.js';
import { openReadOnlySession, type ReadOnlySession } from '../../engines/postgres/read-only-session.js';
import type { Check, CheckContext } from '../check.js';
import { guardsSection, healthSection, topQueriesSection } from './db-report.js';
import { guardFailureFinding, guardThresholds } from './guard-rules.js';
import { compareGuardsWithBaseline, latestPassingDbRun, type StoredGuard } from './plan-baseline.js';
import { privilegeFindings, readRolePrivileges } from './privileges.js';
import { runQueryGuard, type GuardResult } from './query-guard.js';
import { healthFindings, healthThresholds, readTableHealth } from './table-health.js';
import { readTopQueries, topQueryThresholds } from './top-queries.js';

function dbConfigOf(ctx: CheckContext): DbConfig {
  const cfg = ctx.config.db;
  if (!cfg || !cfg.enabled)
    throw new ConfigError([{ path: 'db', message: 'no enabled db section in the configuration' }]);
  return cfg;
}

function storedGuard(cfg: DbConfig, r: GuardResult): StoredGuard {
  const sql = cfg.queries.find((q) => q.name === r.name)?.sql ?? '';
  if (!r.ok) return { name: r.name, sql, ok: false };
  return {
    name: r.name,
    sql,
    ok: true,
    p50Ms: r.p50Ms,
    p95Ms: r.p95Ms,
    nodes: r.plan.nodes.slice(0, 200).map((n) => ({
      label: n.label,
      type: n.type,
      ...(n.relation ? { relation: n.relation } : {}),
      ...(n.index ? { index: n.index } : {}),
    })),
  };
}

async function runDb(ctx: CheckContext): Promise<Evidence> {
  const cfg = dbConfigOf(ctx);
  const e = startEvidence('db', ctx.config.target['base-url'], ctx.config.target.name);
  e.sections = [];
  const session: ReadOnlySession = await openReadOnlySession(cfg.url, {
    statementTimeoutMs: durationMs(cfg['statement-timeout']),
  });
  const guards: GuardResult[] = [];
  try {
    ctx.log(`db: read-only session on ${session.where} as ${session.role}`);
    const privileges = await readRolePrivileges(session);
    e.findings.push(...privilegeFindings(privileges, session.where));

    // Top queries first, so the guards' own EXPLAIN runs are not in this window's statistics.
    const top = await readTopQueries(session, cfg, e.findings);
    e.thresholds.push(...topQueryThresholds(top, cfg));
    e.sections.push(topQueriesSection(top));
    if (top.available && top.byTotal[0]) e.metrics.topQueryTotalMs = top.byTotal[0].totalMs;
    if (top.available && top.byMean[0]) e.metrics.topQueryMeanMs = top.byMean[0].meanMs;

    const health = await readTableHealth(session);
    e.findings.push(...healthFindings(health, cfg, session.where));
    e.thresholds.push(...healthThresholds(health, cfg));
    e.sections.push(healthSection(health));
    if (health.cacheHitRatio !== null) e.metrics.cacheHitRatio = health.cacheHitRatio;
    e.metrics.connectionsOnServer = health.connections.server;

    for (const guard of cfg.queries) {
      if (ctx.signal.aborted) break;
      const r = await runQueryGuard(session, guard, ctx.signal);
      guards.push(r);
      if (r.ok) {
        e.thresholds.push(...guardThresholds(guard, r));
        e.metrics[`guard ${guard.name} p95 ms`] = r.p95Ms;
        ctx.log(`db: guard ${guard.name}: p95 ${r.p95Ms} ms over ${r.runs} runs`);
      } else e.findings.push(guardFailureFinding(r, session.where, session.role));
    }
    if (guards.length) e.sections.push(guardsSection(guards));
    e.data = {
      where: session.where,
      role: session.role,
      privileges,
      topQueries: top,
      health,
      guards: guards.map((g) => storedGuard(cfg, g)),
      guardRuns: guards,
    };
  } finally {
    await session.close();
  }
  await compareWithBaseline(ctx, e, cfg);
  const failed = e.thresholds.filter((t) => !t.ok).length;
  e.summary = `${guards.filter((g) => g.ok).length}/${cfg.queries.length} guard(s) ran; ${failed} threshold(s) crossed; ${e.findings.filter((f) => f.severity !== 'info').length} finding(s)`;
  await storeRun(ctx, e);
  return e;
}

/** Plan and p95 comparison with the last passing run. */
async function compareWithBaseline(ctx: CheckContext, e: Evidence, cfg: DbConfig): Promise<void> {
  const guards = (e.data?.guards ?? []) as StoredGuard[];
  const base = guards.length ? await latestPassingDbRun(ctx.store) : undefined;
  if (base) {
    const where = String(e.data?.where ?? '');
    const cmp = compareGuardsWithBaseline(guards, base.evidence, cfg, where);
    e.baseline = {
      source: `latest passing db run (${ctx.store.description})`,
      recordedAt: base.recordedAt,
      comparisons: cmp.comparisons,
    };
    e.findings.push(...cmp.findings);
  }
}

/** This run joins the history the next run compares with. */
async function storeRun(ctx: CheckContext, e: Evidence): Promise<void> {
  // The runner sets the verdict after run(); the stored copy needs it now to qualify as a baseline.
  const policy = policyFor(ctx.config, 'db');
  e.verdict = verdictOf(controlsOf(e, policy), policy);
  await ctx.store.put(e, {
    commit: process.env.OPSGATE_COMMIT ?? process.env.GITHUB_SHA,
    branch: process.env.OPSGATE_BRANCH ?? (process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME),
  });
}

/**
 * The `db` check: read-only PostgreSQL insight. Top statements from pg_stat_statements with a
 * mean-time threshold, declared query guards (EXPLAIN ANALYZE p95 and plan rules), plan changes
 * vs the last passing run, and the role's missing privileges, each with the GRANT that fixes it.
 */
export const dbCheck: Check = {
  name: 'db',
  description:
    'database insight (read-only): top queries from pg_stat_statements, EXPLAIN ANALYZE query guards, plan changes vs baseline',
  run: runDb,
};
