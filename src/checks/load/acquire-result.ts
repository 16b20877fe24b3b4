/**
 * Where the numbers of a load run come from: a result file (`--from` / `load.from`), a merge of
 * shards, the team's own k6 script (`load.script`), or a script generated from the endpoints
 * (k6 or the embedded engine). Each yields the same result and the key that identifies "the
 * same test" for baselines.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadConfig } from '../../core/config/sections/load.js';
import { ConfigError } from '../../core/errors.js';
import { HISTOGRAM_GROWTH } from '../../core/baseline/latency-histogram.js';
import { runEmbedded } from '../../engines/embedded-load/run-embedded.js';
import { startGeneratorMonitor, type GeneratorHealth } from '../../engines/generator-health.js';
import { httpRequest } from '../../engines/http/http-client.js';
import { targetUrl } from '../../engines/http/request-policy.js';
import { isLoopback } from '../../engines/http/host-policy.js';
import { findK6 } from '../../engines/k6/find-k6.js';
import { runK6 } from '../../engines/k6/run-k6.js';
import { runUserScript } from '../../engines/k6/user-script.js';
import {
  rawEndpointList,
  statsFromRaw,
  type EndpointStats,
  type LoadPlan,
  type LoadRunResult,
} from '../../engines/load-plan.js';
import { readResultFile } from '../../engines/result-files/read-result-file.js';
import type { CheckContext } from '../check.js';
import { round2 } from './evaluate-thresholds.js';
import { mergeShards, readShards, type ShardFile } from './merge-shards.js';
import { planKeyOf } from './plan-load.js';
import { recordLoadInLedger } from './load-ledger.js';
import { sessionResolver } from './session-resolver.js';

export interface AcquireOptions {
  engine?: string;
  from?: string;
  merge?: string[];
  shard?: { index: number; count: number };
}

export interface Acquired {
  result: LoadRunResult;
  planKey: string;
  profile: string;
  /** The engine came from `auto` (what happened to be installed), not from a choice. */
  engineByAuto: boolean;
  generator?: GeneratorHealth;
  /** Extra evidence data (merge accuracy, the file read, the script run). */
  data: Record<string, unknown>;
}

/** A user script runs as long as its own options say, but never past this. */
export const USER_SCRIPT_MAX_MS = 30 * 60_000;

const hash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

async function chooseEngine(requested: string): Promise<'k6' | 'embedded'> {
  if (requested === 'k6' || requested === 'embedded') return requested;
  if (requested !== 'auto')
    throw new ConfigError([
      { path: '--engine', message: `expected auto, k6 or embedded, got "${requested}"` },
    ]);
  return (await findK6()) ? 'k6' : 'embedded';
}

/** One request before generating load: an unreachable target is a runtime error (exit 3). */
async function assertReachable(baseUrl: string, timeoutMs: number): Promise<void> {
  await httpRequest({ method: 'GET', url: baseUrl, timeoutMs });
}

/**
 * Where k6's summary has the endpoint's own sub-metric (a threshold named it), its exact
 * percentiles replace the histogram's, so the row shows the number k6 reported.
 */
function withSummaryLatency(fromPoints: EndpointStats[], fromSummary: EndpointStats[]): EndpointStats[] {
  return fromPoints.map((e) => {
    const exact = fromSummary.find((s) => s.name === e.name && Number.isFinite(s.latency.p95));
    return exact ? { ...e, latency: exact.latency } : e;
  });
}

async function fromFile(ctx: CheckContext, file: string, viaCli: boolean): Promise<Acquired> {
  const resolved = path.resolve(viaCli ? process.cwd() : ctx.configDir, file);
  const stats = await readResultFile(resolved, viaCli ? '--from' : 'load.from');
  ctx.log(`load: read ${stats.format} from ${file}: ${stats.total.requests} requests`);
  const engine = stats.tool.name === 'artillery' ? 'artillery' : 'k6';
  return {
    result: {
      engine,
      engineVersion: stats.tool.version,
      durationS: stats.durationS,
      endpoints: stats.endpoints,
      total: stats.total,
      toolThresholds: stats.toolThresholds,
      ...(stats.droppedIterations !== undefined ? { droppedIterations: stats.droppedIterations } : {}),
      artifacts: [],
    },
    planKey: hash(
      `from\0${stats.format}\0${path.basename(file)}\0${stats.endpoints
        .map((e) => e.name)
        .sort()
        .join('\0')}`,
    ),
    profile: 'file',
    engineByAuto: false,
    data: { source: { kind: 'file', file, format: stats.format } },
  };
}

export async function acquireResult(
  ctx: CheckContext,
  plan: LoadPlan,
  cfg: LoadConfig,
  opts: AcquireOptions,
  artifactDir: string,
): Promise<Acquired> {
  const from = opts.from ?? cfg.from;
  if (from) return fromFile(ctx, from, opts.from !== undefined);
  const scriptFile = cfg.script ? path.resolve(ctx.configDir, cfg.script) : undefined;
  const scriptText = scriptFile ? await readFile(scriptFile, 'utf8').catch(() => undefined) : undefined;
  if (scriptFile && scriptText === undefined)
    throw new ConfigError([{ path: 'load.script', message: `cannot read ${cfg.script}` }]);
  const planKey = scriptText !== undefined ? hash(`script\0${scriptText}`) : planKeyOf(plan);
  const profile = scriptText !== undefined ? 'script' : plan.profile;

  if (opts.merge?.length) {
    const shards: ShardFile[] = await readShards(opts.merge);
    const raw = mergeShards(shards, planKey);
    const stats = statsFromRaw(raw, plan.endpoints.length ? plan.endpoints : rawEndpointList(raw));
    ctx.log(`load: merged ${shards.length} shards: ${stats.total.requests} requests`);
    return {
      result: { engine: raw.engine, engineVersion: raw.engineVersion, ...stats, raw, artifacts: [] },
      planKey,
      profile,
      engineByAuto: false,
      data: {
        merged: {
          shards: shards.length,
          percentileAccuracy: `±${round2((Math.sqrt(HISTOGRAM_GROWTH) - 1) * 100)} % (log histogram, ${round2((HISTOGRAM_GROWTH - 1) * 100)} % buckets)`,
        },
      },
    };
  }

  const requested = opts.engine ?? cfg.engine;
  const engine = scriptText !== undefined ? 'k6' : await chooseEngine(requested);
  await assertReachable(targetUrl(ctx.config.target), plan.timeoutMs);
  if (opts.shard && engine !== 'k6')
    throw new ConfigError([
      { path: '--shard', message: 'sharding runs k6 execution segments; use engine k6' },
    ]);
  const monitor = startGeneratorMonitor();
  const engineStarted = Date.now();
  let result: LoadRunResult;
  if (scriptFile) {
    const run = await runUserScript({
      script: scriptFile,
      cwd: ctx.configDir,
      baseUrl: plan.baseUrl,
      artifactDir,
      log: ctx.log,
      signal: ctx.signal,
      shard: opts.shard,
      loopbackOnly: isLoopback(plan.baseUrl) && !(ctx.config.target['allow-hosts'] ?? []).length,
      timeoutMs: USER_SCRIPT_MAX_MS,
    });
    result = {
      engine: 'k6',
      engineVersion: run.engineVersion,
      durationS: run.durationS,
      total: run.total,
      endpoints: withSummaryLatency(statsFromRaw(run.raw, rawEndpointList(run.raw)).endpoints, run.endpoints),
      raw: run.raw,
      engineThresholdsCrossed: run.thresholdsCrossed,
      toolThresholds: run.toolThresholds,
      ...(run.droppedIterations !== undefined ? { droppedIterations: run.droppedIterations } : {}),
      artifacts: run.artifacts,
    };
  } else
    result =
      engine === 'k6'
        ? await runK6(plan, { artifactDir, log: ctx.log, signal: ctx.signal, shard: opts.shard })
        : await runEmbedded(plan, {
            resolveSession: sessionResolver(ctx.config, ctx.sessions),
            log: ctx.log,
            signal: ctx.signal,
          });
  const generator = monitor.stop({ engine: result.engine, droppedIterations: result.droppedIterations });
  recordLoadInLedger(plan, result, engineStarted, Boolean(scriptFile));
  return {
    result,
    planKey,
    profile,
    engineByAuto: scriptText === undefined && requested === 'auto',
    generator,
    data: scriptFile ? { source: { kind: 'script', script: cfg.script } } : {},
  };
}
