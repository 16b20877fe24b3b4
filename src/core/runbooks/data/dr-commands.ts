import os from 'node:os';
import path from 'node:path';
import type { RestoreConfig } from '../../config/sections/restore.js';
import { bashBlock, shellGlob, shellString, workingDirectory } from '../shell.js';

/**
 * The disaster-recovery runbook's commands. They are written to be pasted into one bash shell as
 * they are, top to bottom: every variable is set by an earlier command, no value is elided, and
 * no credential is written out (the server URL comes from a command or is typed in).
 * `test/runbooks/dr-runbook-commands.test.ts` runs them literally against a real cluster.
 */

const I = '   '; // inside a numbered list item

type Format = 'custom' | 'sql' | 'sql.gz';

function formatOf(b: RestoreConfig['backup']): Format {
  if (b.kind === 'command') return b.format;
  if (b.kind === 'pg-dump') return 'custom';
  return b.path.endsWith('.sql.gz') ? 'sql.gz' : b.path.endsWith('.sql') ? 'sql' : 'custom';
}

/** Files the configured source leaves on disk, newest first (`ls -t`), or undefined for a fetch command. */
function backupListing(b: RestoreConfig['backup']): string | undefined {
  if (b.kind === 'pg-dump') return `ls -t ${shellGlob(path.join(b.dir, '*.dump'))}`;
  if (b.kind === 'path') return `ls -t ${shellGlob(b.path)} | grep -v '\\.counts\\.json$'`;
  return undefined;
}

/** Where the backup comes from, in the configuration's own words. */
export function describeBackupSource(b: RestoreConfig['backup']): string {
  if (b.kind === 'pg-dump')
    return `\`restore.backup\`: the dumps the drill takes of \`restore.backup.url\`, kept in \`${b.dir}\` (relative to \`opsgate.yml\`) with their \`.counts.json\``;
  if (b.kind === 'path') return `\`restore.backup.path\`: the newest file matching \`${b.path}\``;
  return `\`restore.backup.run\`: the fetch command \`${b.run}\``;
}

/** Variables the commands use, what each holds and which step sets it. */
export function beforeYouStart(r: RestoreConfig, configDir: string): string {
  const wd = workingDirectory(configDir);
  const serverUrl = r.recovery?.['server-url'];
  const server = serverUrl
    ? `RECOVERY_SERVER_URL=$(${serverUrl})   # restore.recovery.server-url in opsgate.yml prints it`
    : `read -rsp 'URL of the recovery server (from your secret store): ' RECOVERY_SERVER_URL; echo`;
  const lines = [
    `Run every command in **one bash shell**, from ${wd.where}: the paths in \`opsgate.yml\` are relative to it. The commands need \`psql\`, \`pg_restore\` and \`jq\`.`,
    '',
    '| Variable | Holds | Set by |',
    '|---|---|---|',
    `| \`RECOVERY_SERVER_URL\` | URL of the PostgreSQL server to restore into, with CREATEDB rights. It holds a password: never paste it into tickets or chat. | ${serverUrl ? `\`${serverUrl}\` (below)` : 'you, from the secret store (below)'} |`,
    '| `BACKUP` | the backup file being restored | step 2 |',
    '| `RESTORED_DB` | the new database the backup goes into | step 3 |',
    '| `RESTORED_URL` | `RECOVERY_SERVER_URL` with its database replaced by `RESTORED_DB` | step 3 |',
    '',
  ];
  const check = `psql -X -At -d "$RECOVERY_SERVER_URL" -c 'SELECT version()'   # must print the server version`;
  if (wd.cd) lines.push(bashBlock([wd.cd]), '');
  const start = r.recovery?.['server-start'];
  if (start)
    lines.push(
      'If the recovery server is down (a fault drill stops it on purpose, a demo run stops its cluster when it ends), start it; this is harmless when it is already running:',
      '',
      bashBlock([start]),
      '',
    );
  lines.push(
    serverUrl ? 'Get its URL:' : 'Type in its URL (it is not echoed):',
    '',
    bashBlock([server, check]),
  );
  return lines.join('\n');
}

function locateLines(b: RestoreConfig['backup']): string[] {
  const listing = backupListing(b);
  if (listing) return [`${listing} | sed -n 1,5p   # newest first`, `BACKUP=$(${listing} | sed -n 1p)`];
  const ext = formatOf(b) === 'custom' ? 'dump' : formatOf(b);
  return [
    `BACKUP="\${TMPDIR:-/tmp}/opsgate-restore-$(date +%Y%m%d_%H%M%S).${ext}"`,
    (b as { run: string }).run.replaceAll('{path}', '"$BACKUP"'),
  ];
}

function restoreLines(r: RestoreConfig): string[] {
  const jobs = r.jobs ?? Math.max(1, os.availableParallelism());
  switch (formatOf(r.backup)) {
    case 'custom':
      return [`time pg_restore --exit-on-error --no-owner --no-acl -j ${jobs} -d "$RESTORED_URL" "$BACKUP"`];
    case 'sql.gz':
      return [
        'set -o pipefail   # a truncated archive must fail the pipeline too',
        'time gunzip -c "$BACKUP" | psql -X -q -v ON_ERROR_STOP=1 -d "$RESTORED_URL"',
      ];
    case 'sql':
      return ['time psql -X -q -v ON_ERROR_STOP=1 -d "$RESTORED_URL" -f "$BACKUP"'];
  }
}

/** Steps 1–7: declare, locate, create, restore, verify, switch over, record. */
export function restoreSteps(r: RestoreConfig): string {
  return [
    '1. **Declare the incident** and stop writes to the damaged database (scale the application to zero or put it in maintenance mode).',
    `2. **Locate the newest backup** in the source the drill uses, ${describeBackupSource(r.backup)}:`,
    bashBlock([...locateLines(r.backup), 'ls -l "$BACKUP"'], I),
    '3. **Create an empty database** on the recovery server and the URL that points at it (user, password, host, port and `?options` of the server URL are kept):',
    bashBlock(
      [
        'RESTORED_DB=restored_$(date +%Y%m%d_%H%M%S)',
        'psql -X -d "$RECOVERY_SERVER_URL" -c "CREATE DATABASE \\"$RESTORED_DB\\""',
        `RESTORED_URL=$(printf '%s' "$RECOVERY_SERVER_URL" | sed -E "s#^(postgres(ql)?://[^/?]*)(/[^?]*)?#\\1/$RESTORED_DB#")`,
        'echo "restoring into $RESTORED_DB"',
      ],
      I,
    ),
    `4. **Restore** (${formatOf(r.backup)} format; it stops at the first error, so a partial restore is never mistaken for a good one):`,
    bashBlock(
      [...restoreLines(r), 'echo "exit code: $?"   # anything but 0: the restore failed, go to Rollback'],
      I,
    ),
    '5. **Verify** with the checklist below before pointing anything at the restored database.',
    '6. **Switch over**: point the application’s database URL at `$RESTORED_URL` (in your secret store, not in a ticket), start it, watch error rates.',
    '7. **Record** the real time to restore and the data loss window (the backup’s age) in the incident ticket and the drill log.',
  ].join('\n');
}

/** `public.units` for `units`, as the drill names tables. */
function qualify(t: string): string {
  return t.includes('.') ? t : `public.${t}`;
}

/** Exact counts of every user table (or the listed ones) as `schema.table|rows`, in one statement. */
function countSql(tables: string[] | 'all'): string {
  const only =
    tables === 'all'
      ? ''
      : ` AND n.nspname || '.' || c.relname IN (${tables.map((t) => `'${qualify(t).replace(/'/g, "''")}'`).join(', ')})`;
  return (
    `SELECT n.nspname || '.' || c.relname || '|' || (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]` +
    ` FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'${only}`
  );
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

/** The checks the drill ran, as commands against `$RESTORED_URL`. */
export function verificationCommands(r: RestoreConfig): string {
  const lines: string[] = [];
  const rc = r.verify['row-counts'];
  if (rc) {
    const tables = rc.tables;
    const jqFilter =
      tables === 'all'
        ? '.tables | to_entries[]'
        : `.tables | to_entries[] | select(.key | IN(${tables.map((t) => JSON.stringify(qualify(t))).join(', ')}))`;
    lines.push(
      `# Row counts${tables === 'all' ? ' of every table' : ''}, recorded with the backup (<backup>.counts.json) vs restored:`,
      '# a "<" line is the recorded count, a ">" line the restored one; no such line = all match',
      `diff <(jq -r '${jqFilter.replace(/'/g, `'\\''`)} | "\\(.key)|\\(.value)"' "$BACKUP.counts.json" | LC_ALL=C sort) \\`,
      `     <(psql -X -At -v ON_ERROR_STOP=1 -d "$RESTORED_URL" -c "${countSql(tables)}" | LC_ALL=C sort) \\`,
      '  && echo "row counts match"',
    );
  }
  for (const a of r.verify.assertions)
    lines.push(
      `# ${a.name}: expect ${a.expect.op} ${String(a.expect.value)}`,
      `psql -X -At -v ON_ERROR_STOP=1 -d "$RESTORED_URL" -c ${shellString(oneLine(a.sql))}`,
    );
  for (const q of r.verify['smoke-queries'])
    lines.push(
      `psql -X -q -v ON_ERROR_STOP=1 -d "$RESTORED_URL" -c ${shellString(oneLine(q))} > /dev/null && echo "smoke query ok"`,
    );
  if (!lines.length) lines.push(`psql -X -d "$RESTORED_URL" -c '\\dt+'   # the drill verifies nothing more`);
  return bashBlock(lines);
}

/** Drop the failed attempt, then pick the previous backup. */
export function rollbackCommands(r: RestoreConfig): string {
  const listing = backupListing(r.backup);
  const drop = bashBlock(
    ['psql -X -d "$RECOVERY_SERVER_URL" -c "DROP DATABASE IF EXISTS \\"$RESTORED_DB\\" WITH (FORCE)"'],
    I,
  );
  const previous = listing
    ? [
        '3. Take the **previous** backup (the second newest) and repeat from step 3; the data loss grows by one backup interval, say so in the incident channel:',
        bashBlock([`BACKUP=$(${listing} | sed -n 2p)`, 'ls -l "$BACKUP"'], I),
      ]
    : [
        '3. Fetch the **previous** backup: run the fetch command of step 2 with the previous backup’s name or date, then repeat from step 3; the data loss grows by one backup interval, say so in the incident channel.',
      ];
  return [
    '1. **Do not switch over.** The damaged database (if it still exists) stays untouched: the restore went into a new database.',
    '2. Keep the failed attempt’s error output (pg_restore/psql stderr) and drop the half-restored database:',
    drop,
    ...previous,
  ].join('\n');
}
