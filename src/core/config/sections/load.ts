import { z } from 'zod';
import { duration, headerMap, httpMethod, httpStatus, targetPath } from './common.js';
import { serverMetricsSection } from './server-metrics.js';

/**
 * Configuration of the `load` check: which endpoints get traffic, how much (a profile of stages),
 * what the team promised about them (thresholds) and how a run is compared with its baseline.
 */

/**
 * Chosen from 30 healthy demo runs on a shared 2-core machine (docs/checks/load.md): a healthy
 * run's p95/p99 moved up to 13 ms from the median of its baselines, and 42 ms once while other
 * jobs loaded the machine, so a smaller move is noise there.
 */
export const DEFAULT_NOISE_FLOOR_MS = 50;

export const LOAD_PROFILES = ['smoke', 'baseline', 'steady', 'ramp', 'spike', 'soak', 'stress'] as const;
export type LoadProfile = (typeof LOAD_PROFILES)[number];

/** One stage of a ramping profile: move linearly to `target` VUs over `duration`. */
export const loadStage = z
  .object({
    duration: duration.describe('How long this stage lasts (e.g. 30s, 5m).'),
    target: z.number().int().nonnegative().describe('Virtual users at the end of the stage.'),
  })
  .strict();
export type LoadStage = z.infer<typeof loadStage>;

/** The promises a team writes in its hardening plan, e.g. "p95 < 200 ms, errors < 1 %, 50 RPS". */
export const loadThresholds = z
  .object({
    p95: z.number().positive().optional().describe('95th percentile latency must stay below this (ms).'),
    p99: z.number().positive().optional().describe('99th percentile latency must stay below this (ms).'),
    'error-rate': z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Share of failed requests (0.01 = 1 %) that must not be exceeded.'),
    'min-rps': z
      .number()
      .nonnegative()
      .optional()
      .describe('Throughput that must be sustained (requests per second) over the whole run.'),
  })
  .strict();
export type LoadThresholds = z.infer<typeof loadThresholds>;

export const loadEndpoint = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'expected a short name of a-z, 0-9, _ or -' })
      .describe('Stable name: tags every request, names thresholds and metrics, keys the baseline.'),
    method: httpMethod.default('GET'),
    path: targetPath,
    body: z.unknown().optional().describe('JSON body for POST/PUT/PATCH.'),
    headers: headerMap.optional().describe('Extra headers for this endpoint only.'),
    identity: z
      .string()
      .default('anonymous')
      .describe('Who sends the request (a key of `identities`); logs in once per virtual user.'),
    weight: z
      .number()
      .positive()
      .default(1)
      .describe('Relative share of the traffic; 3 gets three times the requests of 1.'),
    tags: z.record(z.string(), z.string()).optional().describe('Extra k6 tags for your own dashboards.'),
    expect: z
      .array(httpStatus)
      .min(1)
      .default([200])
      .describe('Statuses that count as success; anything else is a failure with its status as reason.'),
    thresholds: loadThresholds.optional().describe('Promises for this endpoint alone.'),
  })
  .strict();
export type LoadEndpoint = z.infer<typeof loadEndpoint>;

export const loadRegression = z
  .object({
    limit: z
      .number()
      .positive()
      .default(0.2)
      .describe('Relative increase (0.20 = +20 %) of a latency metric that counts as a regression.'),
    'noise-floor-ms': z
      .number()
      .nonnegative()
      .default(DEFAULT_NOISE_FLOOR_MS)
      .describe(
        'Absolute increase below which a change is noise, however large in relative terms (default measured on a shared 2-core runner, see docs/checks/load.md).',
      ),
    metrics: z
      .array(z.enum(['p50', 'p90', 'p95', 'p99']))
      .min(1)
      .default(['p95', 'p99'])
      .describe('Latency percentiles compared with the baseline, per endpoint and in total.'),
    test: z
      .enum(['none', 'z-score'])
      .default('none')
      .describe(
        'Also require a statistical outlier against the last `window` baselines, so a noisy runner does not flap.',
      ),
    window: z
      .number()
      .int()
      .min(1)
      .default(5)
      .describe(
        'K: the baseline is the median of the last K accepted runs of the same plan, engine and profile.',
      ),
    'min-runs': z
      .number()
      .int()
      .min(1)
      .default(3)
      .describe(
        'Accepted runs needed before a regression can fail; with fewer the comparison is inconclusive (warn).',
      ),
    'min-samples': z
      .number()
      .int()
      .min(1)
      .default(30)
      .describe('Latency samples an endpoint needs in this run for its percentiles to be compared.'),
    'z-limit': z
      .number()
      .positive()
      .default(3)
      .describe('z-score above which the current value is an outlier vs the window.'),
  })
  .strict();
export type LoadRegression = z.infer<typeof loadRegression>;

export const loadBaseline = z
  .object({
    commit: z
      .string()
      .optional()
      .describe(
        'Compare with the evidence of this commit (the PR base). Overridden by --baseline-commit / OPSGATE_BASELINE_COMMIT.',
      ),
    branch: z
      .string()
      .default('main')
      .describe('Otherwise compare with the latest run stored for this branch (the default branch).'),
    'fallback-latest': z
      .boolean()
      .default(true)
      .describe('With nothing stored for the branch, use the latest stored run of any branch.'),
    store: z.boolean().default(true).describe('Store this run so later runs can compare with it.'),
  })
  .strict();

export const loadSection = z
  .object({
    enabled: z.boolean().default(true),
    engine: z
      .enum(['auto', 'k6', 'embedded'])
      .default('auto')
      .describe('k6 (primary), the embedded Node engine for machines without k6, or auto: k6 when found.'),
    profile: z
      .enum(LOAD_PROFILES)
      .default('smoke')
      .describe('Traffic shape with sensible default stages; override with stages, or vus + duration.'),
    stages: z.array(loadStage).min(1).optional().describe('Replace the profile stages.'),
    vus: z.number().int().positive().optional().describe('Constant virtual users (with duration).'),
    duration: duration.optional().describe('Length of a constant-VU run (with vus).'),
    iterations: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Send exactly this many requests in total, shared by the VUs (deterministic totals).'),
    'think-time': duration.default(0).describe('Pause of each virtual user between requests.'),
    'timeout-ms': z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Per-request timeout; defaults to target.timeout-ms. A timeout is a failure reason.'),
    script: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Your own k6 script (path relative to opsgate.yml), run unchanged; its thresholds become controls. Replaces endpoints.',
      ),
    from: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Read a result produced elsewhere instead of generating load: k6 --summary-export or handleSummary JSON, the k6 machine-readable summary, or an Artillery JSON report.',
      ),
    'endpoint-thresholds': z
      .record(z.string(), loadThresholds)
      .optional()
      .describe(
        'Promises per endpoint of a script or a file, keyed by the k6 `name` tag (or `METHOD /path` group, or the Artillery URL).',
      ),
    endpoints: z
      .array(loadEndpoint)
      .min(1, { error: 'expected at least one endpoint' })
      .check(
        z.superRefine(
          (list, ctx) => {
            // Runs even when the value is not a list (reported by the array check itself).
            if (!Array.isArray(list)) return;
            const names = new Set<string>();
            list.forEach((e: { name?: unknown } | undefined, i) => {
              const name = e?.name;
              if (typeof name !== 'string') return;
              if (names.has(name))
                ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate name "${name}"` });
              names.add(name);
            });
          },
          // Also when other endpoint fields are wrong, so every problem is named at once.
          { when: () => true },
        ),
      )
      .optional(),
    thresholds: loadThresholds
      .default({ 'error-rate': 0.01 })
      .describe('Promises for all endpoints together (default: error rate below 1 %).'),
    dataset: z
      .string()
      .optional()
      .describe('What data the target held, e.g. "1,000 companies, 5,000 units"; recorded into evidence.'),
    regression: loadRegression.default({
      limit: 0.2,
      'noise-floor-ms': DEFAULT_NOISE_FLOOR_MS,
      metrics: ['p95', 'p99'],
      test: 'none',
      window: 5,
      'min-runs': 3,
      'min-samples': 30,
      'z-limit': 3,
    }),
    baseline: loadBaseline.default({ branch: 'main', 'fallback-latest': true, store: true }),
    'server-metrics': serverMetricsSection
      .optional()
      .describe(
        "Read the target's Prometheus endpoint before, during and after the run, and gate on its CPU, memory, database pool or any series.",
      ),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.endpoints && !v.script && !v.from)
      ctx.addIssue({
        code: 'custom',
        path: ['endpoints'],
        message: 'expected endpoints, a script or a file to read (from)',
      });
    if (v.script && v.from)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'script and from do not go together' });
    if ((v.vus === undefined) !== (v.duration === undefined) && v.iterations === undefined)
      ctx.addIssue({
        code: 'custom',
        path: [v.vus === undefined ? 'vus' : 'duration'],
        message: 'vus and duration go together',
      });
  })
  .optional();

export type LoadConfig = NonNullable<z.infer<typeof loadSection>>;
