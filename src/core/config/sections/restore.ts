import { z } from 'zod';
import { duration } from './common.js';

/** A PostgreSQL connection URL; a password inside it is registered as a secret when it came from `${ENV}`. */
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, { error: 'expected a postgres:// connection URL' });

/**
 * Where the backup under test comes from. Exactly one kind: a fresh `pg_dump` of a source
 * database, the newest file matching a path/glob, or a command that fetches one.
 */
export const backupSource = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('pg-dump'),
        url: postgresUrl.describe(
          'Source database URL, normally `${SOURCE_DATABASE_URL}`. Read-only credentials are enough: the drill only runs pg_dump and SELECT count(*).',
        ),
        dir: z
          .string()
          .default('.opsgate/backups')
          .describe(
            'Where the fresh dump (and its .counts.json sidecar) is written, relative to the config file.',
          ),
      })
      .strict(),
    z
      .object({
        kind: z.literal('path'),
        path: z
          .string()
          .min(1)
          .describe(
            'A backup file or a glob (`backups/*.dump`); the newest match by modification time is restored. Custom format `.dump`, plain `.sql` or `.sql.gz`.',
          ),
      })
      .strict(),
    z
      .object({
        kind: z.literal('command'),
        run: z
          .string()
          .min(1)
          .describe(
            'Shell command that fetches a backup (e.g. from object storage); `{path}` is replaced by the file it must write. Runs in the directory of opsgate.yml.',
          ),
        format: z
          .enum(['custom', 'sql', 'sql.gz'])
          .default('custom')
          .describe('Format of the file the command writes.'),
        'timeout-ms': z
          .number()
          .int()
          .positive()
          .default(30 * 60_000)
          .describe('The fetch is killed after this long.'),
      })
      .strict(),
  ],
  { error: 'backup.kind must be one of pg-dump, path, command' },
);
export type BackupSource = z.infer<typeof backupSource>;

const comparisonOp = z.enum(['>=', '=', '<=', '>', '<', '!='], {
  error: 'expected one of >=, =, <=, >, <, !=',
});
export type ComparisonOp = z.infer<typeof comparisonOp>;

/** A SQL assertion run against the restored database: first column of the first row vs a value. */
export const restoreAssertion = z
  .object({
    name: z.string().min(1).describe('Stable name; it is what a failure report names.'),
    sql: z
      .string()
      .min(1)
      .describe('A query whose first row, first column is compared (e.g. SELECT count(*) …).'),
    expect: z
      .object({
        op: comparisonOp.default('>='),
        value: z.union([z.number(), z.string(), z.boolean()]),
      })
      .strict()
      .describe('e.g. `{op: "=", value: 0}` for an orphan check, `{op: ">=", value: 1}` for "has data".'),
    severity: z.enum(['low', 'medium', 'high', 'critical']).default('high'),
  })
  .strict();
export type RestoreAssertion = z.infer<typeof restoreAssertion>;

/** Retention policy for a directory of dated backups (grandfather-father-son). */
export const retentionPolicy = z
  .object({
    dir: z
      .string()
      .optional()
      .describe(
        'Backup directory to audit (relative to the config file); defaults to the backup source directory.',
      ),
    pattern: z
      .string()
      .default('*')
      .describe('Glob of backup file names inside dir; other files are ignored.'),
    daily: z
      .number()
      .int()
      .nonnegative()
      .default(30)
      .describe('Days for which one backup per day must exist.'),
    weekly: z
      .number()
      .int()
      .nonnegative()
      .default(12)
      .describe('ISO weeks for which one backup per week must exist.'),
    monthly: z
      .number()
      .int()
      .nonnegative()
      .default(12)
      .describe('Months for which one backup per month must exist.'),
    'date-from': z
      .enum(['name', 'mtime'])
      .default('name')
      .describe(
        'Take a backup’s date from a YYYY-MM-DD (or YYYYMMDD) in its file name, or from its modification time.',
      ),
  })
  .strict();
export type RetentionPolicy = z.infer<typeof retentionPolicy>;

/** Configuration of the `restore` check: backup → scratch restore → verification → RTO/RPO. */
export const restoreSection = z
  .object({
    enabled: z.boolean().default(true),
    backup: backupSource.describe('The backup to prove restorable.'),
    scratch: z
      .object({
        url: postgresUrl.describe(
          'Server the drill restores into (`${SCRATCH_PG_URL}`), with CREATEDB rights. The drill creates `opsgate_drill_<timestamp>_<rand>` there, tagged with its host and pid, and drops it; it also drops those of dead drills owned by the same role.',
        ),
        'sweep-after': duration
          .default('24h')
          .describe(
            'A drill database tagged by another host (or untagged) is taken as abandoned after this long and dropped by the next drill; on this host a dead pid is enough.',
          ),
      })
      .strict(),
    recovery: z
      .object({
        'server-url': z
          .string()
          .min(1)
          .optional()
          .describe(
            'Shell command that prints the URL of the server to restore into in a real recovery (CREATEDB rights), e.g. a secret-store lookup. The disaster-recovery runbook runs it into `$RECOVERY_SERVER_URL`; without it the runbook asks on-call to paste the URL. The URL is never written into the runbook.',
          ),
        'server-start': z
          .string()
          .min(1)
          .optional()
          .describe(
            'Shell command that starts that server when it is down (e.g. after a fault drill stopped it); shown in the runbook before the restore steps.',
          ),
      })
      .strict()
      .optional()
      .describe(
        'How on-call reaches the recovery server; commands run in the directory of opsgate.yml, like the runbook’s.',
      ),
    jobs: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Parallel pg_restore jobs; defaults to the number of CPU cores.'),
    verify: z
      .object({
        assertions: z.array(restoreAssertion).default([]),
        'row-counts': z
          .object({
            tables: z
              .union([z.literal('all'), z.array(z.string().min(1))])
              .default('all')
              .describe('Tables (schema.table or table) whose row counts must match, or `all`.'),
            'compare-with': z
              .enum(['recorded', 'source'])
              .default('recorded')
              .describe(
                '`recorded`: counts stored beside the backup when it was taken (<dump>.counts.json); `source`: count the source database now (pg-dump source only).',
              ),
          })
          .strict()
          .optional()
          .describe('Compare per-table row counts of the restored database with the backup’s.'),
        'smoke-queries': z
          .array(z.string().min(1))
          .default([])
          .describe(
            'Queries that must run without error on the restored database (e.g. the app’s hot paths).',
          ),
      })
      .strict()
      .default({ assertions: [], 'smoke-queries': [] }),
    rto: duration
      .default('15m')
      .describe('Recovery time objective: fetch + create + restore + verify must fit.'),
    rpo: duration.default('24h').describe('Recovery point objective: the backup may be at most this old.'),
    retention: retentionPolicy.optional().describe('Retention compliance of the backup directory.'),
    'drill-log': z
      .object({
        'max-age': duration
          .default('35d')
          .describe(
            'The gate fails when the last passing drill is older than this (monthly drills + slack).',
          ),
      })
      .strict()
      .default({ 'max-age': '35d' }),
  })
  .strict()
  .superRefine((r, ctx) => {
    // Only a pg-dump source has a database to count; other backups carry their counts beside them.
    if (r.verify['row-counts']?.['compare-with'] === 'source' && r.backup.kind !== 'pg-dump')
      ctx.addIssue({
        code: 'custom',
        path: ['verify', 'row-counts', 'compare-with'],
        message: `compare-with: source needs backup.kind: pg-dump (this backup is kind: ${r.backup.kind}); use recorded`,
      });
  })
  .optional();

export type RestoreConfig = NonNullable<z.infer<typeof restoreSection>>;
