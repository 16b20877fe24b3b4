import type { Evidence } from '../../evidence/model.js';
import { latestEvidence } from '../latest-evidence.js';
import type { RunbookDefinition } from '../runbook.js';
import type { TemplateData } from '../template.js';
import { describeSince, failingSince, mdCell, withUnit } from './control-history.js';

/** The parts of the db check's evidence.data this runbook reads (written by src/checks/db). */
interface DbData {
  topQueries?: {
    available: boolean;
    reason?: string;
    byTotal?: { query: string; calls: number; totalMs: number; meanMs: number; maxMs: number }[];
  };
  guards?: {
    name: string;
    sql: string;
    ok: boolean;
    p50Ms?: number;
    p95Ms?: number;
    nodes?: { label: string }[];
  }[];
}

/** Slow query triage: the statements that cost most, the guards that failed and their plans. */
export const slowQueryTriageRunbook: RunbookDefinition = {
  name: 'slow-query-triage',
  title: 'Slow query triage',
  description:
    'Open this when the db gate fails: a query guard’s plan or p95 broke, a plan changed against the baseline, or a frequent statement is slow on average.',
  async data(ctx) {
    const e = await latestEvidence(ctx, 'db');
    const d = (e?.data ?? {}) as DbData;
    return {
      state: e
        ? `Latest db run: **${e.verdict}** at ${e.run.startedAt} (\`${mdCell((e.data as { where?: string } | undefined)?.where ?? e.target.url)}\`) — ${mdCell(e.summary)}`
        : '_No db evidence yet: run `opsgate db`, then regenerate this runbook._',
      failing: e ? await failingTable(ctx.store, e) : '_No db evidence yet._',
      topQueries: topTable(d),
      guards: guardTable(d),
      reproduce: reproduce(d),
    } satisfies TemplateData;
  },
};

async function failingTable(store: Parameters<typeof failingSince>[0], e: Evidence): Promise<string> {
  const rows: string[] = [];
  for (const t of e.thresholds.filter((x) => !x.ok && !x.skipped)) {
    const since = await failingSince(store, 'db', (h) => {
      const x = h.thresholds.find((y) => y.name === t.name);
      return x && !x.skipped ? !x.ok : undefined;
    });
    rows.push(
      `| ${mdCell(t.name)} | ${mdCell(withUnit(t.limit, t.unit))} | ${mdCell(withUnit(t.actual, t.unit))} | ${mdCell(t.detail ?? '')} | ${describeSince(since, 'this run')} |`,
    );
  }
  for (const f of e.findings.filter((x) => x.severity === 'high' || x.severity === 'critical'))
    rows.push(`| ${mdCell(f.title)} | — | ${f.severity} | ${mdCell(f.solution ?? f.detail)} | — |`);
  if (!rows.length) return '_Nothing is failing in the latest db run._';
  return ['| Control | Expected | Actual | Detail | Failing since |', '|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}

function topTable(d: DbData): string {
  const t = d.topQueries;
  if (!t) return '_No top-queries evidence yet._';
  if (!t.available) return `_pg_stat_statements unavailable: ${mdCell(t.reason)}._`;
  if (!t.byTotal?.length) return '_No statements recorded yet._';
  return [
    '| Statement | Calls | Total ms | Mean ms | Max ms |',
    '|---|---:|---:|---:|---:|',
    ...t.byTotal.map(
      (s) =>
        `| ${mdCell(s.query.replace(/\s+/g, ' ').slice(0, 160))} | ${s.calls} | ${s.totalMs} | ${s.meanMs} | ${s.maxMs} |`,
    ),
  ].join('\n');
}

function guardTable(d: DbData): string {
  if (!d.guards?.length) return '_No query guards configured (`db.queries` in opsgate.yml)._';
  return [
    '| Guard | p50 ms | p95 ms | Plan |',
    '|---|---:|---:|---|',
    ...d.guards.map(
      (g) =>
        `| ${mdCell(g.name)} | ${g.p50Ms ?? '—'} | ${g.p95Ms ?? '—'} | ${
          g.ok
            ? mdCell(
                (g.nodes ?? [])
                  .slice(0, 8)
                  .map((n) => n.label)
                  .join(' → '),
              )
            : 'did not run'
        } |`,
    ),
  ].join('\n');
}

function reproduce(d: DbData): string {
  const guards = d.guards ?? [];
  const lines = [
    'Against a staging copy, with the same read-only role (the URL stays in the environment):',
    '',
    '```sh',
  ];
  for (const g of guards.slice(0, 5))
    lines.push(
      `psql "$OPSGATE_DB_URL" -c "EXPLAIN (ANALYZE, BUFFERS) ${g.sql.replace(/\s+/g, ' ').replace(/"/g, '\\"')}"`,
    );
  lines.push('npx opsgate db --config opsgate.yml --out opsgate-out', '```');
  if (guards.some((g) => g.sql.includes('$1')))
    lines.push('', 'Replace `$1`, `$2`, … with the values in the guard’s `params`.');
  return lines.join('\n');
}
