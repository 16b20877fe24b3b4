/**
 * The `load` check: plan → run (a generated script on k6 or the embedded engine, the team's own
 * k6 script, one shard or a merge of shards, or a result file read) → Evidence with per-endpoint
 * stats, thresholds, failures by reason and a baseline comparison.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.js';
import type { Evidence } from '../../core/evidence/model.js';
import { startEvidence } from '../../core/evidence/new-evidence.js';
import type { Check, CheckContext } from '../check.js';
import { acquireResult } from './acquire-result.js';
import { describeReasons, evaluateThresholds, round2 } from './evaluate-thresholds.js';
import { shardFileName } from './merge-shards.js';
import { loadConfigOf, planLoad } from './plan-load.js';
import { flatMetrics, resultsTable } from './render-results.js';
import { serverMetricsEvidence, serverThresholdsSkipped } from './server-evidence.js';
import { withServerSampling } from './server-sampler.js';
import { scriptEnvOf } from './script-env.js';
import { compareAndStore } from './store-baseline.js';

/** Options the CLI passes (commander camel-cases the flags). */
export interface LoadOptions {
  shard?: string;
  merge?: string[];
  engine?: 'auto' | 'k6' | 'embedded';
  from?: string;
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

function relative(ctx: CheckContext, file: string): string {
  return path.relative(ctx.outDir, file) || file;
}

export async function runLoad(ctx: CheckContext): Promise<Evidence> {
  const opts = ctx.options as LoadOptions;
  const cfg = loadConfigOf(ctx.config);
  const plan = planLoad(ctx.config, { traffic: !(opts.from ?? cfg.from) });
  const artifactDir = path.join(ctx.outDir, 'artifacts', 'load');
  await mkdir(artifactDir, { recursive: true });
  const evidence = startEvidence('load', ctx.config.target['base-url'], ctx.config.target.name);
  const shard = opts.shard ? parseShard(opts.shard) : undefined;
  if (shard && opts.merge?.length) throw new ConfigError('--shard and --merge do not go together');
  if ((opts.from ?? cfg.from) && (shard || opts.merge?.length))
    throw new ConfigError('--from reads a finished result; it does not go with --shard or --merge');

  const acquire = () => acquireResult(ctx, plan, cfg, { ...opts, shard }, artifactDir);
  const serverCfg = cfg['server-metrics'];
  // The target's own metrics are read around the load this run generates, not around a file read.
  const sampled =
    serverCfg && !(opts.from ?? cfg.from) && !opts.merge?.length
      ? await withServerSampling(ctx, serverCfg, acquire)
      : { result: await acquire(), sampling: undefined };
  const acquired = sampled.result;
  const server =
    serverCfg && sampled.sampling ? serverMetricsEvidence(serverCfg, sampled.sampling) : undefined;
  const { result, planKey } = acquired;
  const merged = acquired.data.merged !== undefined;
  evidence.run.tool = { name: result.engine, version: result.engineVersion };
  evidence.artifacts = result.artifacts.map((a) => ({ name: a.name, path: relative(ctx, a.path) }));
  if (result.raw && (shard || result.engine === 'embedded' || merged || cfg.script)) {
    const file = path.join(artifactDir, shard ? shardFileName(shard.index, shard.count) : 'raw-metrics.json');
    await writeFile(file, JSON.stringify({ ...result.raw, planKey }, null, 1) + '\n');
    evidence.artifacts.push({
      name: shard ? `shard ${shard.index}/${shard.count} raw metrics` : 'raw metrics',
      path: relative(ctx, file),
    });
  }

  evidence.metrics = flatMetrics(result.total, result.endpoints);
  const thresholds = [
    ...(merged ? [] : (result.toolThresholds ?? [])),
    ...evaluateThresholds(plan, result.total, result.endpoints),
    ...(server?.thresholds ??
      (serverCfg
        ? serverThresholdsSkipped(serverCfg, 'this run generated no load (a result file or a merge)')
        : [])),
  ];
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
    profile: acquired.profile,
    ...(cfg.script || cfg.from ? {} : { scenario: plan.scenario }),
    planKey,
    durationS: round2(result.durationS),
    ...(cfg.dataset ? { dataset: cfg.dataset } : {}),
    endpoints: result.endpoints,
    total: result.total,
    ...(shard ? { shard } : {}),
    // What a k6 script generated from this plan reads (names, never values): the runbook's re-run.
    ...(cfg.script || opts.from || cfg.from || merged ? {} : { scriptEnv: scriptEnvOf(plan) }),
    ...acquired.data,
    ...(acquired.generator ? { generator: acquired.generator } : {}),
    ...(result.droppedIterations !== undefined ? { droppedIterations: result.droppedIterations } : {}),
    ...(result.removedEnv ? { removedEnv: result.removedEnv } : {}),
    ...(result.engineThresholdsCrossed !== undefined
      ? { k6ThresholdsCrossed: result.engineThresholdsCrossed }
      : {}),
  };
  evidence.sections = [{ title: 'Load results', markdown: resultsTable(result.total, result.endpoints) }];
  if (server) {
    evidence.sections.push(server.section);
    evidence.findings.push(...server.findings);
    Object.assign(evidence.metrics, server.metrics);
    evidence.data.serverMetrics = server.data;
  }

  const failedThresholds = evidence.thresholds.filter((t) => !t.ok);
  const reasons = describeReasons(result.total.reasons, 3);
  const shards = acquired.data.merged as { shards: number } | undefined;
  const ms = (v: number): string => (Number.isFinite(v) ? `${round2(v)} ms` : 'n/a');
  evidence.summary =
    `${result.total.requests} requests in ${round2(result.durationS)} s (${round2(result.total.rps)} rps) via ${result.engine}` +
    `${shards ? ` (${shards.shards} shards merged)` : ''}${shard ? ` (shard ${shard.index}/${shard.count})` : ''}; ` +
    `p95 ${ms(result.total.latency.p95)}, p99 ${ms(result.total.latency.p99)}, errors ${round2(result.total.errorRate * 100)} %` +
    `${reasons ? ` (${reasons})` : ''}` +
    (failedThresholds.length ? `; crossed: ${failedThresholds.map((t) => t.name).join(', ')}` : '');

  if (result.total.requests === 0) {
    // Nothing was measured: not a pass, and never a baseline later runs are compared with.
    evidence.error = {
      kind: 'no-requests',
      message: `the ${result.engine} run sent 0 requests in ${round2(result.durationS)} s: nothing was measured`,
    };
    evidence.summary = `load error: ${evidence.error.message}`;
    return evidence;
  }
  if (!shard) await compareAndStore(ctx, evidence, acquired, opts);
  return evidence;
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
      .option(
        '--from <file>',
        'read a k6 summary (handleSummary, --summary-export, machine-readable) or an Artillery JSON report instead of running load',
      )
      .option('--baseline-commit <sha>', 'compare with the stored run of this commit (the PR base)')
      .option('--commit <sha>', 'record this run under this commit in the evidence store')
      .option('--branch <name>', 'record this run under this branch in the evidence store');
  },
  run: runLoad,
};
