/**
 * Run a generated k6 script. Exit code 0 = thresholds held, 99 = thresholds crossed (a verdict,
 * not an error); anything else is an engine error. Results come from the handleSummary JSON.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { EngineError } from '../../core/errors.js';
import { redact } from '../../core/secrets.js';
import type { LoadPlan, LoadRunResult, RawLoadResult } from '../load-plan.js';
import { findK6, k6Version } from './find-k6.js';
import { generateK6Script } from './generate-script.js';
import { k6ChildEnv } from './k6-env.js';
import { rawFromK6Json } from './raw-metrics.js';
import { statsFromSummary, type K6Summary } from './read-summary.js';

/** k6's exit code when thresholds were crossed. */
export const K6_THRESHOLDS_CROSSED = 99;

export interface K6RunOptions {
  /** Where the script, summary and shard metrics go (e.g. out/artifacts/load). */
  artifactDir: string;
  log: (message: string) => void;
  signal?: AbortSignal;
  /** 1-based shard of `count` equal execution segments. */
  shard?: { index: number; count: number };
  k6Bin?: string;
}

/** `--execution-segment` flags for shard i of n: segment (i-1)/n:i/n of the sequence 0,1/n,…,1. */
export function executionSegmentArgs(shard: { index: number; count: number }): string[] {
  const { index, count } = shard;
  const seq = Array.from({ length: count + 1 }, (_, i) =>
    i === 0 ? '0' : i === count ? '1' : `${i}/${count}`,
  );
  return [
    '--execution-segment',
    `${seq[index - 1]}:${seq[index]}`,
    '--execution-segment-sequence',
    seq.join(','),
  ];
}

function plannedSeconds(plan: LoadPlan): number {
  const s = plan.scenario;
  if (s.kind === 'constant') return s.durationS;
  if (s.kind === 'iterations') return s.maxDurationS;
  return s.stages.reduce((a, st) => a + st.durationS, 0);
}

export async function runK6(plan: LoadPlan, opts: K6RunOptions): Promise<LoadRunResult> {
  const bin = opts.k6Bin ?? (await findK6());
  if (!bin)
    throw new EngineError(
      'k6',
      'k6 not found on PATH or in $(go env GOPATH)/bin; set engine: embedded or install k6',
    );
  // Asked while k6 runs: `k6 version` is a whole process start on the critical path otherwise.
  const versionLookup = k6Version(bin).catch(() => 'unknown');
  await mkdir(opts.artifactDir, { recursive: true });
  const suffix = opts.shard ? `-shard-${opts.shard.index}-of-${opts.shard.count}` : '';
  const scriptFile = path.join(opts.artifactDir, 'script.js');
  const summaryFile = path.join(opts.artifactDir, `summary${suffix}.json`);
  const rawJsonFile = path.join(opts.artifactDir, `k6-points${suffix}.jsonl`);
  const script = generateK6Script(plan, { generatedAt: new Date().toISOString() });
  await writeFile(scriptFile, script.source);
  await rm(summaryFile, { force: true });

  const args = ['run', '--no-usage-report', scriptFile];
  if (opts.shard) args.push(...executionSegmentArgs(opts.shard), '--out', `json=${rawJsonFile}`);
  opts.log(
    `load: ${bin} ${args
      .slice(1)
      .map((a) => path.basename(a))
      .join(' ')}`,
  );
  const childEnv = k6ChildEnv(process.env, {
    ...script.env,
    OPSGATE_SUMMARY: summaryFile,
    K6_NO_USAGE_REPORT: 'true',
  });
  if (childEnv.removed.length)
    opts.log(`load: removed from k6's environment (the plan is opsgate's): ${childEnv.removed.join(', ')}`);
  const code = await spawnK6(bin, args, {
    env: childEnv.env,
    log: opts.log,
    signal: opts.signal,
    timeoutMs: (plannedSeconds(plan) + 120) * 1000,
  });
  if (code.code !== 0 && code.code !== K6_THRESHOLDS_CROSSED)
    throw new EngineError('k6', `exited with code ${code.code}${code.tail ? `: ${code.tail}` : ''}`);
  let summary: K6Summary;
  try {
    summary = JSON.parse(await readFile(summaryFile, 'utf8')) as K6Summary;
  } catch (err) {
    throw new EngineError('k6', `no summary written to ${summaryFile} (${(err as Error).message})`);
  }
  const stats = statsFromSummary(summary, plan.endpoints);
  const version = await versionLookup;
  const artifacts = [
    { name: 'k6 script', path: scriptFile },
    { name: `k6 summary${suffix}`, path: summaryFile },
  ];
  let raw: RawLoadResult | undefined;
  if (opts.shard) {
    raw = {
      kind: 'opsgate.load.raw',
      version: 1,
      engine: 'k6',
      engineVersion: version,
      durationMs: stats.durationS * 1000,
      shard: opts.shard,
      endpoints: await rawFromK6Json(rawJsonFile),
    };
    await rm(rawJsonFile, { force: true });
  }
  return {
    engine: 'k6',
    engineVersion: version,
    durationS: stats.durationS,
    endpoints: stats.endpoints,
    total: stats.total,
    raw,
    engineThresholdsCrossed: code.code === K6_THRESHOLDS_CROSSED,
    ...(childEnv.removed.length ? { removedEnv: childEnv.removed } : {}),
    artifacts,
  };
}

export interface SpawnResult {
  code: number;
  tail: string;
}

/** Spawn k6, forward progress lines (throttled) to the log, keep the last error lines. */
export function spawnK6(
  bin: string,
  args: string[],
  o: {
    env: NodeJS.ProcessEnv;
    log: (m: string) => void;
    signal?: AbortSignal;
    timeoutMs: number;
    cwd?: string;
  },
): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: o.env, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const errors: string[] = [];
    let requestFailures = 0;
    let lastProgress = 0;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const now = Date.now();
      if (line.startsWith('opsgate:') || (/^running \(/.test(line.trim()) && now - lastProgress > 5000)) {
        lastProgress = now;
        o.log(`load: ${redact(line.trim())}`);
      }
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (line.includes('Request Failed')) requestFailures++;
      else if (/level=(error|fatal)|^ERRO|^error/i.test(line)) {
        errors.push(redact(line));
        if (errors.length > 20) errors.shift();
      }
    });
    const kill = (why: string): void => {
      o.log(`load: stopping k6 (${why})`);
      child.kill('SIGINT');
      // k6 stops gracefully on SIGINT; the stop must fit the CLI's 5 s bound after a signal.
      setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
    };
    const timer = setTimeout(() => kill(`exceeded ${Math.round(o.timeoutMs / 1000)} s`), o.timeoutMs);
    const onAbort = (): void => kill('interrupted');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new EngineError('k6', `could not start ${bin}: ${err.message}`));
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      if (requestFailures) o.log(`load: k6 reported ${requestFailures} requests that got no response`);
      resolve({ code: code ?? (sig ? 128 : 1), tail: errors.slice(-3).join(' | ') });
    });
  });
}
