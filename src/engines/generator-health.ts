/**
 * How hard the load generator itself worked during a run. A saturated generator measures its
 * own queueing, not the target, so such a run is never compared as a regression nor kept as a
 * baseline. Measured around either engine: CPU of this process and of its children (k6), the
 * machine's available memory, this process's event-loop lag (the embedded engine's limit) and,
 * from k6's summary, `dropped_iterations`.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Share of all cores the generator used at or above which it is saturated. */
export const SATURATED_CPU_SHARE = 0.9;
/** Event-loop lag (p99) of the embedded engine above which its timings include its own queueing. */
export const SATURATED_LOOP_LAG_MS = 100;
/** Available machine memory below which the run is not trusted. */
export const SATURATED_MEMORY_PCT = 5;

export interface GeneratorHealth {
  cores: number;
  /** CPU seconds of the generator during the run: k6's process, or this one for the embedded engine. */
  cpuSeconds: number;
  /** cpuSeconds ÷ (wall time × cores). */
  cpuShare: number;
  /** Share of the machine's CPU time that was busy (every process), for context. */
  machineCpuBusy: number;
  /** Lowest available memory seen, % of total. */
  memoryAvailableMinPct: number;
  /** Largest resident set of opsgate seen (MB). */
  rssMaxMb: number;
  eventLoopLagP99Ms: number;
  droppedIterations?: number;
  /** Why the generator counts as saturated; absent when it was not. */
  saturated?: string;
}

/** utime+stime of waited-for children (k6), seconds; 0 where /proc is not available. */
function childCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime), counted from field 3 (state) here.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle;
    total += t;
    busy += t - c.times.idle;
  }
  return { busy, total };
}

const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;

export function startGeneratorMonitor(): {
  stop(extra: { engine: string; droppedIterations?: number }): GeneratorHealth;
} {
  const started = Date.now();
  const self = process.cpuUsage();
  const children = childCpuSeconds();
  const machine = machineTimes();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let memMin = 100;
  let rssMax = 0;
  const sample = (): void => {
    memMin = Math.min(memMin, (os.freemem() / os.totalmem()) * 100);
    rssMax = Math.max(rssMax, process.memoryUsage.rss());
  };
  sample();
  const timer = setInterval(sample, 500);
  timer.unref();
  return {
    stop(extra) {
      clearInterval(timer);
      sample();
      lag.disable();
      const wallS = Math.max((Date.now() - started) / 1000, 0.001);
      const own = process.cpuUsage(self);
      // k6 is a child process; the embedded engine is this process.
      const cpuSeconds =
        extra.engine === 'embedded' ? (own.user + own.system) / 1e6 : childCpuSeconds() - children;
      const cores = os.availableParallelism();
      const m = machineTimes();
      const health: GeneratorHealth = {
        cores,
        cpuSeconds: round(cpuSeconds),
        cpuShare: round(cpuSeconds / (wallS * cores), 3),
        machineCpuBusy: round((m.busy - machine.busy) / Math.max(m.total - machine.total, 1), 3),
        memoryAvailableMinPct: round(memMin, 1),
        rssMaxMb: round(rssMax / 1e6, 1),
        eventLoopLagP99Ms: round(lag.percentile(99) / 1e6),
        ...(extra.droppedIterations !== undefined ? { droppedIterations: extra.droppedIterations } : {}),
      };
      const why = saturationOf(health, extra.engine);
      return why ? { ...health, saturated: why } : health;
    },
  };
}

/** The reason a generator counts as saturated, or undefined. */
export function saturationOf(h: GeneratorHealth, engine: string): string | undefined {
  if (h.droppedIterations)
    return `k6 dropped ${h.droppedIterations} iterations (the generator could not keep the schedule)`;
  if (h.cpuShare >= SATURATED_CPU_SHARE)
    return `the generator used ${Math.round(h.cpuShare * 100)} % of ${h.cores} cores`;
  if (engine === 'embedded' && h.eventLoopLagP99Ms > SATURATED_LOOP_LAG_MS)
    return `the embedded engine's event loop lagged ${h.eventLoopLagP99Ms} ms (p99)`;
  if (h.memoryAvailableMinPct < SATURATED_MEMORY_PCT)
    return `machine memory fell to ${h.memoryAvailableMinPct} % available`;
  return undefined;
}
