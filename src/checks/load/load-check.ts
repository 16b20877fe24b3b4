/**
 * The `load` check: plan → run (k6 or the embedded engine, one shard or a merge of shards) →
 * Evidence with per-endpoint stats, thresholds, failures by reason and a baseline comparison.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.js';
import type { Evidence } from '../../core/evidence/model.js';
import { startEvidence } from '../../core/evidence/new-evidence.js';
import { controlsOf, verdictOf } from '../../core/gate/controls.js';
import { policyFor } from '../../core/gate/gate.js';
import { HISTOGRAM_GROWTH } from '../../core/baseline/latency-histogram.js';
import { runEmbedded } from '../../engines/embedded-load/run-embedded.js';
import { httpRequest } from '../../engines/http/http-client.js';
import { recordRequest } from '../../engines/http/request-ledger.js';
import { findK6 } from '../../engines/k6/find-k6.js';
import { runK6 } from '../../engines/k6/run-k6.js';
import { statsFromRaw, type LoadRunResult } from '../../engines/load-plan.js';
import type { Check, CheckContext } from '../check.js';
import { chooseBaseline, compareWithBaseline, comparisonTable, trendSection } from './compare-baseline.js';
import { describeReasons, evaluateThresholds, round2 } from './evaluate-thresholds.js';
import { mergeShards, readShards, shardFileName, type ShardFile } from './merge-shards.js';
import { loadConfigOf, planKeyOf, planLoad } from './plan-load.js';
import { flatMetrics, resultsTable } from './render-results.js';
import { sessionResolver } from './session-resolver.js';

/** Options the CLI passes (commander camel-cases the flags). */
export interface LoadOptions {
  shard?: string;
  merge?: string[];
  engine?: 'auto' | 'k6' | 'embedded';
  baselineCommit?: string;
  commit?: string;
  branch?: string;
}

function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || count < 1 || index > count)
    throw new ConfigError([
      { path: '--shard', message: `expected i/n with 1 ≤ i ≤ n (e.g. 1/2), got "${s}"` },
    ]);
  return { index, count };
}

async function chooseEngine(requested: string): Promise<'k6' | 'embedded'> {
  if (requested === 'k6' || requested === 'embedded') return requested;
  if (requested !== 'auto')
    throw new ConfigError([
      { path: '--engine', message: `expected auto, k6 or embedded, got "${requested}"` },
    ]);
  return (await findK6()) ? 'k6' : 'embedded';
}

function relative(ctx: CheckContext, file: string): string {
  return path.relative(ctx.outDir, file) || file;
}

export async function runLoad(ctx: CheckContext): Promise<Evidence> {
  const opts = ctx.options as LoadOptions;
  const cfg = loadConfigOf(ctx.config);
  const plan = planLoad(ctx.config);
  const planKey = planKeyOf(plan);
  const artifactDir = path.join(ctx.outDir, 'artifacts', 'load');
  await mkdir(artifactDir, { recursive: true });
  const evidence = startEvidence('load', ctx.config.target['base-url'], ctx.config.target.name);
  const shard = opts.shard ? parseShard(opts.shard) : undefined;
  if (shard && opts.merge?.length) throw new ConfigError('--shard and --merge do not go together');

  let result: LoadRunResult;
  let mergedShards: ShardFile[] | undefined;
  if (opts.merge?.length) {
    mergedShards = await readShards(opts.merge);
    const raw = mergeShards(mergedShards, planKey);
    const stats = statsFromRaw(raw, plan.endpoints);
    result = { engine: raw.engine, engineVersion: raw.engineVersion, ...stats, raw, artifacts: [] };
    ctx.log(`load: merged ${mergedShards.length} shards: ${stats.total.requests} requests`);
  } else {
    const engine = await chooseEngine(opts.engine ?? cfg.engine);
    await assertReachable(plan.baseUrl, plan.timeoutMs);
    if (shard && engine !== 'k6')
      throw new ConfigError([
        { path: '--shard', message: 'sharding runs k6 execution segments; use engine k6' },
      ]);
    const engineStarted = Date.now();
    result =
      engine === 'k6'
        ? await runK6(plan, { artifactDir, log: ctx.log, signal: ctx.signal, shard })
        : await runEmbedded(plan, {
            resolveSession: sessionResolver(ctx.config),
            log: ctx.log,
            signal: ctx.signal,
          });
    recordLoadInLedger(plan, result, engineStarted);
  }
  evidence.run.tool = { name: result.engine, version: result.engineVersion };
  evidence.artifacts = result.artifacts.map((a) => ({ name: a.name, path: relative(ctx, a.path) }));
  if (result.raw && (shard || result.engine === 'embedded' || mergedShards)) {
    const file = path.join(artifactDir, shard ? shardFileName(shard.index, shard.count) : 'raw-metrics.json');
    await writeFile(file, JSON.stringify({ ...result.raw, planKey }, null, 1) + '\n');
    evidence.artifacts.push({
      name: shard ? `shard ${shard.index}/${shard.count} raw metrics` : 'raw metrics',
      path: relative(ctx, file),
    });
  }

  evidence.metrics = flatMetrics(result.total, result.endpoints);
  const thresholds = evaluateThresholds(plan, result.total, result.endpoints);
  evidence.thresholds = shard
    ? thresholds.map((t) => ({
        ...t,
        ok: true,
        skipped: `shard ${shard.index}/${shard.count}: evaluated after opsgate load --merge`,
      }))
    : thresholds;
  evidence.data = {
    engine: result.engine,
    engineVersion: result.engineVersion,
    profile: plan.profile,
    scenario: plan.scenario,
    planKey,
    durationS: round2(result.durationS),
    ...(cfg.dataset ? { dataset: cfg.dataset } : {}),
    endpoints: result.endpoints,
    total: result.total,
    ...(shard ? { shard } : {}),
    ...(mergedShards
      ? {
          merged: {
            shards: mergedShards.length,
            percentileAccuracy: `±${round2((Math.sqrt(HISTOGRAM_GROWTH) - 1) * 100)} % (log histogram, ${round2((HISTOGRAM_GROWTH - 1) * 100)} % buckets)`,
          },
        }
      : {}),
    ...(result.engineThresholdsCrossed !== undefined
      ? { k6ThresholdsCrossed: result.engineThresholdsCrossed }
      : {}),
  };
  evidence.sections = [{ title: 'Load results', markdown: resultsTable(result.total, result.endpoints) }];

  const failedThresholds = evidence.thresholds.filter((t) => !t.ok);
  const reasons = describeReasons(result.total.reasons, 3);
  evidence.summary =
    `${result.total.requests} requests in ${round2(result.durationS)} s (${round2(result.total.rps)} rps) via ${result.engine}` +
    `${mergedShards ? ` (${mergedShards.length} shards merged)` : ''}${shard ? ` (shard ${shard.index}/${shard.count})` : ''}; ` +
    `p95 ${round2(result.total.latency.p95)} ms, p99 ${round2(result.total.latency.p99)} ms, errors ${round2(result.total.errorRate * 100)} %` +
    `${reasons ? ` (${reasons})` : ''}` +
    (failedThresholds.length ? `; crossed: ${failedThresholds.map((t) => t.name).join(', ')}` : '');

  if (!shard) await compareAndStore(ctx, evidence, result, planKey);
  return evidence;
}

/**
 * The engines send outside opsgate's HTTP client: one bulk ledger line per endpoint. The embedded
 * engine's logins go through the shared client and are in the ledger already; k6 logs in once per
 * VU and login identity, counted here at the scenario's peak VUs.
 */
function recordLoadInLedger(plan: ReturnType<typeof planLoad>, result: LoadRunResult, from: number): void {
  for (const e of plan.endpoints) {
    const count = result.endpoints.find((x) => x.name === e.name)?.requests ?? 0;
    if (count > 0)
      recordRequest({
        url: new URL(e.path, plan.baseUrl).toString(),
        identity: e.identity,
        method: e.method,
        status: -1,
        count,
        from,
      });
  }
  if (result.engine !== 'k6') return;
  const s = plan.scenario;
  const vus = s.kind === 'ramping' ? Math.max(...s.stages.map((st) => st.target)) : s.vus;
  for (const name of new Set(plan.endpoints.map((e) => e.identity))) {
    const id = plan.identities[name];
    if (id && id.kind !== 'static')
      recordRequest({
        url: new URL(id.login.path, plan.baseUrl).toString(),
        identity: name,
        method: id.login.method,
        status: -1,
        count: vus,
        from,
      });
  }
}

/**
 * One request before generating load: an unreachable target is a runtime error (exit 3) naming
 * what was tried, not a run where every request failed.
 */
async function assertReachable(baseUrl: string, timeoutMs: number): Promise<void> {
  await httpRequest({ method: 'GET', url: baseUrl, timeoutMs });
}

async function compareAndStore(
  ctx: CheckContext,
  evidence: Evidence,
  result: LoadRunResult,
  planKey: string,
): Promise<void> {
  const cfg = loadConfigOf(ctx.config);
  const opts = ctx.options as LoadOptions;
  const commit = opts.baselineCommit ?? process.env.OPSGATE_BASELINE_COMMIT ?? cfg.baseline.commit;
  const choice = await chooseBaseline(ctx.store, planKey, {
    commit: commit || undefined,
    branch: cfg.baseline.branch,
    fallbackLatest: cfg.baseline['fallback-latest'],
  });
  const comparisons = compareWithBaseline(
    { total: result.total, endpoints: result.endpoints },
    choice,
    cfg.regression,
  );
  evidence.baseline = {
    source: choice.baseline
      ? `${choice.source} (${ctx.store.description})`
      : `${choice.source}: ${choice.note ?? 'nothing to compare'}`,
    ...(choice.baseline ? { recordedAt: choice.baseline.recordedAt } : {}),
    comparisons,
  };
  if (comparisons.length)
    evidence.sections!.push({
      title: 'Baseline comparison',
      markdown: comparisonTable(choice.source, comparisons),
    });
  evidence.sections!.push({ title: 'Latency trend', markdown: trendSection(choice.history, result.total) });
  const regressed = comparisons.filter((c) => c.regressed);
  if (regressed.length)
    evidence.summary += `; regressed vs ${choice.source}: ${regressed.map((c) => c.metric).join(', ')}`;
  if (cfg.baseline.store) {
    // The runner sets the verdict after run(); the stored copy needs it now.
    const policy = policyFor(ctx.config, 'load');
    evidence.verdict = verdictOf(controlsOf(evidence, policy), policy);
    const stored = await ctx.store.put(evidence, {
      commit: opts.commit ?? process.env.OPSGATE_COMMIT ?? process.env.GITHUB_SHA,
      branch:
        opts.branch ??
        process.env.OPSGATE_BRANCH ??
        (process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME),
    });
    ctx.log(`load: stored as ${stored.key} in ${ctx.store.description}`);
  }
}

export const loadCheck: Check = {
  name: 'load',
  description:
    'Load baseline with k6 (or the embedded engine): per-endpoint latency, errors by reason, thresholds, regression vs baseline',
  addOptions(cmd: Command) {
    cmd
      .option('--shard <i/n>', 'run shard i of n (k6 execution segments); merge the shards with --merge')
      .option('--merge <dirs...>', 'merge shard outputs (out dirs or shard-*.json files) into one evidence')
      .option('--engine <engine>', 'auto, k6 or embedded (overrides load.engine)')
      .option('--baseline-commit <sha>', 'compare with the stored run of this commit (the PR base)')
      .option('--commit <sha>', 'record this run under this commit in the evidence store')
      .option('--branch <name>', 'record this run under this branch in the evidence store');
  },
  run: runLoad,
};
