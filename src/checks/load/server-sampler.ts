/**
 * Scrapes `load.server-metrics.url` once before the load run, every `interval` while it runs (at
 * most `max-samples` times, never past the run or `SAMPLING_MAX_MS`), and once after it. Each
 * sample keeps its own error, so a target that stops answering mid-run leaves partial evidence.
 */
import { durationMs } from '../../core/config/sections/common.js';
import type { ServerMetricsConfig } from '../../core/config/sections/server-metrics.js';
import { TargetClient } from '../../engines/http/sessions.js';
import { scrapeMetrics, type Scrape } from '../../engines/prometheus/scrape.js';
import type { CheckContext } from '../check.js';
import { selectorsOf } from './server-controls.js';

export type SamplePhase = 'before' | 'during' | 'after';

export interface ServerSample extends Scrape {
  phase: SamplePhase;
  /** Milliseconds since the first scrape started (the middle of this scrape). */
  atMs: number;
}

/** No run is sampled for longer than this, whatever it lasts. */
export const SAMPLING_MAX_MS = 2 * 60 * 60_000;

export interface ServerSampling {
  samples: ServerSample[];
  /** Time spent scraping during the run, for the overhead figure (ms). */
  scrapeMs: number;
}

/** Runs `run` with the target's metrics sampled around it; the result comes back with the samples. */
export async function withServerSampling<T>(
  ctx: CheckContext,
  cfg: ServerMetricsConfig,
  run: () => Promise<T>,
): Promise<{ result: T; sampling: ServerSampling }> {
  const client = new TargetClient(ctx.config.target, ctx.config.identities, ctx.sessions, ctx.signal);
  const selectors = selectorsOf(cfg);
  const opts = {
    identity: cfg.identity,
    path: cfg.url,
    timeoutMs: durationMs(cfg.timeout),
    maxBytes: cfg['max-bytes'],
  };
  const t0 = performance.now();
  const samples: ServerSample[] = [];
  const scrape = async (phase: SamplePhase): Promise<void> => {
    const start = performance.now();
    const s = await scrapeMetrics(client, opts, selectors);
    samples.push({ phase, atMs: Math.round((start + performance.now()) / 2 - t0), ...s });
  };
  await scrape('before');
  ctx.log(`load: server metrics before the run: ${samples[0]?.error ?? 'read'}`);

  let stopped = false;
  let wake: () => void = () => undefined;
  const interval = durationMs(cfg.interval);
  const during = (async () => {
    const deadline = performance.now() + SAMPLING_MAX_MS;
    let last = performance.now();
    for (let n = 0; n < cfg['max-samples']; n++) {
      const wait = Math.max(0, last + interval - performance.now());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopped || ctx.signal.aborted || performance.now() > deadline) return;
      last = performance.now();
      await scrape('during');
    }
  })();

  let result: T;
  try {
    result = await run();
  } finally {
    stopped = true;
    wake();
    await during;
  }
  const scrapeMs = samples.filter((s) => s.phase === 'during').reduce((sum, s) => sum + s.ms, 0);
  await scrape('after');
  const failed = samples.filter((s) => s.error).length;
  ctx.log(`load: server metrics: ${samples.length} scrapes${failed ? `, ${failed} failed` : ''}`);
  return { result, sampling: { samples, scrapeMs } };
}
