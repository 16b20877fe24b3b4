import { z } from 'zod';
import { duration, durationMs, headerMap, httpMethod, httpStatus, targetPath } from './common.js';

/**
 * Configuration of the `fault` check: break a dependency on purpose (inject), watch the target
 * degrade through probes at a fixed rate, repair it (recover), and measure time to detect, time
 * to recover and the error budget each phase spent.
 */

/** `200`, `503` or a class such as `2xx`. */
const statusMatch = z.union([
  httpStatus,
  z.string().regex(/^[1-5]xx$/, { error: 'expected an HTTP status (100-599) or a class such as 2xx' }),
]);
export type StatusMatch = z.infer<typeof statusMatch>;

/** A command run without a shell: argv[0] is the program, found on PATH. */
const commandAction = z
  .object({
    command: z
      .array(z.string().min(1))
      .min(1, { error: 'expected the program and its arguments as a list, e.g. [pg_ctl, stop, -D, /data]' })
      .describe(
        'Program and arguments as a list, run without a shell (no globbing, no `$VAR`, no pipes). A shell only when you write one: `[sh, -c, "…"]`. Arguments are recorded in the evidence: pass secrets through `env`.',
      ),
    env: headerMap
      .default({})
      .describe(
        'Extra environment variables for the command, normally `${ENV}` references (passwords, tokens): they reach the program but never its argv or the evidence.',
      ),
    cwd: z.string().optional().describe('Working directory, relative to the config file.'),
    timeout: duration
      .default('60s')
      .describe('The command is stopped (SIGTERM, then SIGKILL) after this long; a timeout is a failure.'),
    'expect-exit': z
      .array(z.number().int().min(0).max(255))
      .default([0])
      .describe('Exit codes that mean the action worked.'),
  })
  .strict();

/** An HTTP call, e.g. to a fault proxy (toxiproxy) that cuts or slows a dependency. */
const httpAction = z
  .object({
    http: z
      .object({
        method: httpMethod.default('POST'),
        url: z
          .url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' })
          .describe('Absolute URL of the fault proxy; its host must be in target.allow-hosts.'),
        headers: headerMap.default({}),
        body: z.unknown().optional().describe('JSON body (objects) or text (strings).'),
        'expect-status': z.array(statusMatch).default(['2xx']),
      })
      .strict(),
    timeout: duration.default('10s').describe('Per-request timeout of the call.'),
  })
  .strict();

export const faultAction = z.union([commandAction, httpAction], {
  error: 'expected either `command: [program, args…]` or `http: {url, …}`',
});
export type FaultAction = z.infer<typeof faultAction>;

/** Human form of an action: what the runbook tells an operator to run by hand. */
export function describeAction(a: FaultAction): string {
  if ('command' in a) return a.command.map(shellQuote).join(' ');
  return `${a.http.method} ${a.http.url}`;
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** What answers are acceptable in one phase, for one endpoint. */
export const phaseExpectation = z
  .object({
    status: z
      .array(statusMatch)
      .min(1)
      .default(['2xx'])
      .describe(
        'Statuses allowed, e.g. `[200, 503]`; anything else (a 500, a timeout) is outside the budget.',
      ),
    'retry-after': z
      .boolean()
      .default(false)
      .describe(
        'Answers outside 2xx must carry a `Retry-After` header (graceful degradation tells clients when to retry).',
      ),
    'max-latency': duration.optional().describe('Each answer must arrive within this long.'),
    p95: duration.optional().describe('The 95th percentile latency of the phase must stay under this.'),
  })
  .strict();
export type PhaseExpectation = z.infer<typeof phaseExpectation>;

const healthy = { status: ['2xx'] as StatusMatch[], 'retry-after': false };

export const probeEndpoint = z
  .object({
    name: z.string().min(1).describe('Stable name used in reports and threshold names.'),
    method: z.enum(['GET', 'HEAD']).default('GET').describe('Probes only read: they run hundreds of times.'),
    path: targetPath,
    identity: z.string().default('anonymous').describe('Identity (from identities) the probe sends as.'),
    expect: z
      .object({
        before: phaseExpectation.default(healthy).describe('Before the fault (default: 2xx).'),
        during: phaseExpectation
          .default(healthy)
          .describe('From inject until recovery, e.g. `{status: [200, 503], retry-after: true}`.'),
        after: phaseExpectation
          .default(healthy)
          .describe('After recovery (default: 2xx); also what a "healthy" probe is for healthy-after.'),
      })
      .strict()
      .default({ before: healthy, during: healthy, after: healthy }),
    detect: z
      .object({ status: z.array(statusMatch).min(1) })
      .strict()
      .optional()
      .describe(
        'What it looks like when the target has noticed the fault, e.g. `{status: [503]}` for /health. Time to detect is the first such answer after inject; without it, the first answer outside `expect.before`.',
      ),
  })
  .strict();
export type ProbeEndpoint = z.infer<typeof probeEndpoint>;

/** An assertion after recovery: data written before the fault is still there. */
export const consistencyCheck = z.union(
  [
    z
      .object({
        name: z.string().min(1),
        http: z
          .object({
            path: targetPath,
            identity: z.string().default('anonymous'),
            'expect-status': z.array(statusMatch).default(['2xx']),
            'body-contains': z.string().optional().describe('Text the response body must contain.'),
          })
          .strict(),
      })
      .strict(),
    z
      .object({
        name: z.string().min(1),
        sql: z
          .object({
            url: z.string().regex(/^postgres(ql)?:\/\//, { error: 'expected a postgres:// connection URL' }),
            query: z.string().min(1).describe('First column of the first row is compared.'),
            expect: z
              .object({
                op: z.enum(['>=', '=', '<=', '>', '<', '!=']).default('='),
                value: z.union([z.number(), z.string(), z.boolean()]),
              })
              .strict(),
          })
          .strict(),
      })
      .strict(),
  ],
  { error: 'expected `http: {path, …}` or `sql: {url, query, expect}`' },
);
export type ConsistencyCheck = z.infer<typeof consistencyCheck>;

const shareError = { error: 'expected a share between 0 and 1 (0.05 = 5 %)' };
const share = z.number(shareError).min(0, shareError).max(1, shareError);

export const faultScenario = z
  .object({
    name: z.string().min(1).describe('Stable name; thresholds and the runbook section are named after it.'),
    description: z.string().optional(),
    inject: faultAction.describe('Breaks the dependency (e.g. `[pg_ctl, stop, -D, /data, -m, fast]`).'),
    recover: faultAction.describe(
      'Repairs it. Always runs — after success, failure, timeout, SIGINT and SIGTERM — and a failure is a finding.',
    ),
    probe: z
      .object({
        rate: z
          .number()
          .positive()
          .max(50, { error: 'at most 50 probe rounds per second' })
          .default(5)
          .describe('Probe rounds per second (each round asks every endpoint once), at most 50.'),
        timeout: duration.default('2s').describe('Per-request timeout of a probe.'),
        endpoints: z.array(probeEndpoint).min(1),
        phases: z
          .object({
            before: duration.default('2s').describe('Healthy baseline before inject.'),
            during: duration.default('5s').describe('How long the fault stays in after inject returns.'),
            after: duration
              .default('3s')
              .describe('Observation after recovery (after the K healthy probes).'),
            'recovery-timeout': duration
              .default('60s')
              .describe(
                'The longest opsgate waits for recovery after recover returns; then the scenario fails.',
              ),
          })
          .strict()
          .default({ before: '2s', during: '5s', after: '3s', 'recovery-timeout': '60s' }),
        'healthy-after': z
          .number()
          .int()
          .positive()
          .default(3)
          .describe('Recovered = this many consecutive rounds in which every endpoint meets `expect.after`.'),
      })
      .strict(),
    'detect-within': duration.default('5s').describe('Inject start → first probe showing the fault.'),
    'recover-within': duration
      .default('30s')
      .describe('Recover start → first of the K consecutive healthy rounds.'),
    'error-budget': z
      .object({ before: share.default(0), during: share.default(0), after: share.default(0) })
      .strict()
      .default({ before: 0, during: 0, after: 0 })
      .describe(
        'Share of probes allowed outside the phase expectations (0.05 = 5 %). Recovering counts as during.',
      ),
    consistency: z
      .array(consistencyCheck)
      .default([])
      .describe('Assertions run once the target has recovered.'),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.probe.endpoints.forEach((e, i) => {
      if (seen.has(e.name))
        ctx.addIssue({
          code: 'custom',
          path: ['probe', 'endpoints', i, 'name'],
          message: `duplicate endpoint name "${e.name}"`,
        });
      seen.add(e.name);
    });
    const rounds =
      (s.probe.rate *
        (durationMs(s.probe.phases.before) +
          durationMs(s.probe.phases.during) +
          durationMs(s.probe.phases.after) +
          durationMs(s.probe.phases['recovery-timeout']))) /
      1000;
    if (rounds * s.probe.endpoints.length > MAX_PROBES_PER_SCENARIO)
      ctx.addIssue({
        code: 'custom',
        path: ['probe', 'rate'],
        message: `up to ${Math.ceil(rounds * s.probe.endpoints.length)} probes; at most ${MAX_PROBES_PER_SCENARIO} per scenario (lower the rate or the phases)`,
      });
  });
export type FaultScenario = z.infer<typeof faultScenario>;

/** Every probe loop is bounded: rate × phases × endpoints may not exceed this. */
export const MAX_PROBES_PER_SCENARIO = 20_000;

export const faultSection = z
  .object({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        'Fault drills break things on purpose: they run only where this is true (set it in the configuration of an environment that may be broken), with target.allow-destructive and the host in target.allow-hosts.',
      ),
    scenarios: z.array(faultScenario).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.scenarios.forEach((s, i) => {
      if (seen.has(s.name))
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'name'],
          message: `duplicate scenario name "${s.name}"`,
        });
      seen.add(s.name);
    });
  })
  .optional();

export type FaultConfig = NonNullable<z.infer<typeof faultSection>>;
