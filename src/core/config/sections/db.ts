import { z } from 'zod';
import { duration } from './common.js';

/** A PostgreSQL connection URL; it came from `${ENV}`, so the whole value and its password are secrets. */
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, { error: 'expected a postgres:// connection URL' });

/** What a guarded query's plan may and must contain. */
export const dbPlanRules = z
  .object({
    forbid: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Plan nodes that must not appear, as `<Node Type>` or `<Node Type> on <relation>` (e.g. `Seq Scan on units`).',
      ),
    'require-index': z
      .array(z.string().min(1))
      .default([])
      .describe('Indexes the plan must use (index, index-only or bitmap index scan), by name.'),
    'max-cost': z
      .number()
      .positive()
      .optional()
      .describe('Upper bound on the planner’s total cost of the top plan node.'),
  })
  .strict();
export type DbPlanRules = z.infer<typeof dbPlanRules>;

/** A declared query guard: the app's hot query, measured and its plan held to rules. */
export const dbQueryGuard = z
  .object({
    name: z.string().min(1).describe('Stable name; it is what a failure report and the baseline key on.'),
    sql: z
      .string()
      .min(1)
      .describe(
        'One SELECT (placeholders `$1`, `$2`, …). It runs as `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` in a read-only transaction that is rolled back; one statement only.',
      ),
    params: z
      .array(z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .default([])
      .describe('Values for `$1`, `$2`, … (sent as parameters, never spliced into the text).'),
    runs: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe('How many times the plan is executed; p50/p95 are over these runs.'),
    'max-p95-ms': z
      .number()
      .positive()
      .optional()
      .describe('p95 of the execution time reported by EXPLAIN ANALYZE, in ms.'),
    plan: dbPlanRules.default({ forbid: [], 'require-index': [] }),
  })
  .strict();
export type DbQueryGuard = z.infer<typeof dbQueryGuard>;

/** Configuration of the `db` check: read-only database insight (top queries, query guards). */
export const dbSection = z
  .object({
    enabled: z.boolean().default(true),
    url: postgresUrl.describe(
      'Database to inspect, normally `${OPSGATE_DB_URL}`: a read-only role with `pg_read_all_stats` is enough. Never written to evidence or logs.',
    ),
    'statement-timeout': duration
      .default('5s')
      .describe('`statement_timeout` of every session the check opens; a runaway query is cancelled.'),
    'top-n': z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe('How many statements the top-queries tables list (by total and by mean time).'),
    'reset-statistics': z
      .boolean()
      .default(false)
      .describe(
        'Call `pg_stat_statements_reset()` first, so a drill window starts from zero (needs EXECUTE on it).',
      ),
    thresholds: z
      .object({
        'min-calls': z
          .number()
          .int()
          .min(1)
          .default(10)
          .describe('Only statements called at least this often are held to max-mean-ms.'),
        'max-mean-ms': z
          .number()
          .positive()
          .optional()
          .describe('No statement with ≥ min-calls calls may have a mean execution time above this.'),
      })
      .strict()
      .default({ 'min-calls': 10 }),
    queries: z
      .array(dbQueryGuard)
      .default([])
      .describe('Query guards: EXPLAIN ANALYZE runs with plan rules.'),
    health: z
      .object({
        'pool-size': z
          .number()
          .int()
          .positive()
          .optional()
          .describe(
            'The application’s connection pool size: connections open to this database may not exceed it.',
          ),
        'max-connections-ratio': z
          .number()
          .positive()
          .max(1)
          .default(0.8)
          .describe('Connections open on the server may not exceed this share of max_connections.'),
        'min-cache-hit-ratio': z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe(
            'Shared-buffer hit ratio of this database (blks_hit / (hit + read)) must be at least this.',
          ),
        'max-dead-tuple-ratio': z
          .number()
          .positive()
          .max(1)
          .default(0.2)
          .describe(
            'A table with at least 1,000 dead rows above this share of its rows gets a VACUUM finding.',
          ),
      })
      .strict()
      .default({ 'max-connections-ratio': 0.8, 'max-dead-tuple-ratio': 0.2 })
      .describe(
        'Index and table health: invalid and unused indexes, dead tuples, cache hit ratio, connections.',
      ),
    regression: z
      .object({
        limit: z
          .number()
          .positive()
          .default(0.5)
          .describe('Relative increase of a guard’s p95 vs the baseline that counts as a regression.'),
        'noise-floor-ms': z
          .number()
          .nonnegative()
          .default(2)
          .describe('Absolute p95 increase below which a change is noise.'),
      })
      .strict()
      .default({ limit: 0.5, 'noise-floor-ms': 2 })
      .describe('Guards are compared with the last passing db run in the store: p95 and plan shape.'),
  })
  .strict()
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.queries.forEach((q, i) => {
      if (seen.has(q.name))
        ctx.addIssue({
          code: 'custom',
          path: ['queries', i, 'name'],
          message: `duplicate guard name "${q.name}"`,
        });
      seen.add(q.name);
    });
  })
  .optional();

export type DbConfig = NonNullable<z.infer<typeof dbSection>>;
