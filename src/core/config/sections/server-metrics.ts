import { z } from 'zod';
import { duration, durationMs, targetPath } from './common.js';

/**
 * `load.server-metrics`: what the target itself said while it was under load, read from its
 * Prometheus endpoint before, during and after the run, and the promises made about it
 * ("CPU < 80 %", "memory < 85 %", "the database pool never runs dry").
 */

/** The exposition format's own rules for names; the reader drops samples that break them. */
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const metricName = z
  .string()
  .regex(METRIC_NAME, { error: 'expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)' });
const labelMap = z.record(
  z.string().regex(LABEL_NAME, { error: 'expected a Prometheus label name' }),
  z.string(),
);

/** A series by name, optionally narrowed by labels; several matching series are summed. */
export const seriesSelector = z.union([
  metricName,
  z
    .object({
      metric: metricName.describe('Metric name as exposed, e.g. `db_pool_open_connections`.'),
      labels: labelMap
        .optional()
        .describe('Only series with these label values; several matching series are summed.'),
    })
    .strict(),
]);
export type SeriesSelector = z.infer<typeof seriesSelector>;

export const AGGREGATES = ['max', 'avg', 'last', 'increase'] as const;
const aggregate = z
  .enum(AGGREGATES)
  .describe(
    'Over the samples taken during and right after the run: max, avg, last, or increase (last − before, for counters).',
  );

const cpuControl = z
  .object({
    below: z.number().positive().describe('Process CPU (% of `cores`) must stay below this.'),
    aggregate: z
      .enum(['max', 'avg', 'last'])
      .default('avg')
      .describe('Over the CPU rates between scrapes during and right after the run.'),
    cores: z
      .number()
      .positive()
      .default(1)
      .describe('Cores the process may use: 100 % means all of them (default 1: % of one core).'),
    metric: seriesSelector
      .default('process_cpu_seconds_total')
      .describe('Counter of CPU seconds; the rate between two scrapes is the CPU use.'),
  })
  .strict();

const memoryControl = z
  .object({
    'below-mb': z
      .number()
      .positive()
      .describe('Resident memory (MB = 1,048,576 bytes) must stay below this.'),
    aggregate: aggregate.default('max'),
    metric: seriesSelector.default('process_resident_memory_bytes').describe('Gauge of resident bytes.'),
  })
  .strict();

const poolControl = z
  .object({
    below: z.number().positive().max(100).describe('Pool usage (in use / size, %) must stay below this.'),
    aggregate: aggregate.default('max'),
    'in-use': seriesSelector.optional().describe('Connections checked out; or give `open` and `idle`.'),
    open: seriesSelector
      .optional()
      .describe('Connections open (in use = open − idle), e.g. pg Pool totalCount.'),
    idle: seriesSelector.optional().describe('Open connections not checked out, e.g. pg Pool idleCount.'),
    size: seriesSelector.describe('The pool size (its configured maximum).'),
    waiting: seriesSelector.optional().describe('Requests waiting for a connection: shown with the usage.'),
  })
  .strict()
  .refine((p) => p['in-use'] !== undefined || (p.open !== undefined && p.idle !== undefined), {
    error: 'expected in-use, or open and idle',
    path: ['in-use'],
  });

const seriesControl = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9 _-]*$/, { error: 'expected a short name of a-z, 0-9, space, _ or -' })
      .max(60)
      .optional()
      .describe('Names the control (default: the metric name).'),
    metric: metricName.describe('Metric name as exposed.'),
    labels: labelMap
      .optional()
      .describe('Only series with these label values; several matching series are summed.'),
    op: z
      .enum(['<', '<=', '>', '>='])
      .default('<')
      .describe('How the aggregated value compares with `value`.'),
    value: z.number().describe('The limit, in the metric’s own unit (bytes, seconds, a count).'),
    aggregate: aggregate.default('max'),
  })
  .strict();

export const serverMetricsSection = z
  .object({
    url: targetPath.describe('The Prometheus endpoint, origin-relative like every path (e.g. /metrics).'),
    identity: z
      .string()
      .default('anonymous')
      .describe('Who scrapes (a key of `identities`), for endpoints behind a token or basic auth.'),
    interval: duration.default('2s').describe('Time between scrapes while the load runs (at least 250ms).'),
    timeout: duration.default('2s').describe('One scrape’s time limit; a slower answer is a failed sample.'),
    'max-samples': z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(120)
      .describe('Scrapes during the run at most (plus one before and one after).'),
    'max-bytes': z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(4 * 1024 * 1024)
      .describe('A larger answer is not read: the sample records the failure.'),
    cpu: cpuControl.optional().describe('Gate on the process CPU of the target.'),
    memory: memoryControl.optional().describe('Gate on the resident memory of the target.'),
    'db-pool': poolControl.optional().describe('Gate on the database pool usage (in use / size).'),
    series: z.array(seriesControl).optional().describe('Gates on any named series.'),
  })
  .strict()
  .superRefine((v, ctx) => {
    // Runs only when the fields parsed, so the durations are valid here.
    if (durationMs(v.interval) < 250)
      ctx.addIssue({
        code: 'custom',
        path: ['interval'],
        message: 'expected at least 250ms between scrapes',
      });
  });
export type ServerMetricsConfig = z.infer<typeof serverMetricsSection>;
