/**
 * Combine shard runs (`opsgate load --shard i/n`) into one result. Counts, failures and reasons
 * add up exactly; latency histograms are summed bucket by bucket, so merged percentiles carry the
 * histogram's ±0.5 % bucket error and nothing more; the run's duration is the longest shard's
 * (shards run at the same time), so RPS = all requests / that duration.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { mergeHistograms, normalizeHistogram } from '../../core/baseline/latency-histogram.js';
import { ConfigError } from '../../core/errors.js';
import { emptyRawEndpoint, type RawEndpoint, type RawLoadResult } from '../../engines/load-plan.js';

/** What each shard writes next to its evidence: raw metrics plus the plan it ran. */
export interface ShardFile extends RawLoadResult {
  planKey: string;
  file?: string;
}

export function shardFileName(index: number, count: number): string {
  return `shard-${index}-of-${count}.json`;
}

async function filesIn(input: string): Promise<string[]> {
  const s = await stat(input).catch(() => undefined);
  if (!s) throw new ConfigError([{ path: '--merge', message: `${input} does not exist` }]);
  if (s.isFile()) return [input];
  for (const dir of [path.join(input, 'artifacts', 'load'), input]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const shards = names.filter((n) => /^shard-\d+-of-\d+\.json$/.test(n));
    if (shards.length) return shards.map((n) => path.join(dir, n));
  }
  throw new ConfigError([
    {
      path: '--merge',
      message: `no shard-<i>-of-<n>.json in ${input} or ${path.join(input, 'artifacts', 'load')}`,
    },
  ]);
}

export async function readShards(inputs: readonly string[]): Promise<ShardFile[]> {
  const out: ShardFile[] = [];
  for (const input of inputs)
    for (const file of await filesIn(input)) {
      const shard = JSON.parse(await readFile(file, 'utf8')) as ShardFile;
      if (shard.kind !== 'opsgate.load.raw' || !shard.shard)
        throw new ConfigError([{ path: '--merge', message: `${file} is not an opsgate load shard file` }]);
      out.push({ ...shard, file });
    }
  return out;
}

/** Check the shards form one complete run of this plan, then merge them. */
export function mergeShards(shards: readonly ShardFile[], planKey: string): RawLoadResult {
  const problems: string[] = [];
  const counts = new Set(shards.map((s) => s.shard!.count));
  if (counts.size !== 1) problems.push(`shards disagree on the shard count (${[...counts].join(', ')})`);
  const count = shards[0]?.shard?.count ?? 0;
  const seen = shards.map((s) => s.shard!.index).sort((a, b) => a - b);
  const expected = Array.from({ length: count }, (_, i) => i + 1);
  if (seen.join(',') !== expected.join(','))
    problems.push(`expected shards ${expected.join(', ')} of ${count}, got ${seen.join(', ') || 'none'}`);
  for (const s of shards)
    if (s.planKey !== planKey)
      problems.push(`${s.file ?? 'a shard'} ran a different load plan than this configuration`);
  if (problems.length) throw new ConfigError(problems.map((message) => ({ path: '--merge', message })));
  const names = new Set(shards.flatMap((s) => Object.keys(s.endpoints)));
  const endpoints: Record<string, RawEndpoint> = {};
  for (const name of names) {
    const parts = shards.map((s) => s.endpoints[name] ?? emptyRawEndpoint());
    const reasons: Record<string, number> = {};
    for (const p of parts) for (const [r, n] of Object.entries(p.reasons)) reasons[r] = (reasons[r] ?? 0) + n;
    endpoints[name] = {
      attempts: parts.reduce((a, p) => a + p.attempts, 0),
      failed: parts.reduce((a, p) => a + p.failed, 0),
      histogram: mergeHistograms(parts.map((p) => normalizeHistogram(p.histogram))),
      reasons,
    };
  }
  return {
    kind: 'opsgate.load.raw',
    version: 1,
    engine: shards[0]!.engine,
    engineVersion: shards[0]!.engineVersion,
    durationMs: Math.max(...shards.map((s) => s.durationMs)),
    endpoints,
  };
}
