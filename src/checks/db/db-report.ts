/** Report sections of the `db` check: top statements, and the guards with their plans summarised. */
import { cell } from '../../core/render/markdown.js';
import type { GuardResult } from './query-guard.js';
import { planOutline } from './plan-tree.js';
import type { StatementStats, TopQueries } from './top-queries.js';

function statementRows(list: StatementStats[]): string[] {
  return list.map(
    (s) =>
      `| ${cell(s.query.replace(/\s+/g, ' ').slice(0, 160))} | ${s.calls} | ${s.totalMs} | ${s.meanMs} | ${s.maxMs} | ${s.rows} | ${s.hitRatio === null ? '—' : `${Math.round(s.hitRatio * 1000) / 10}%`} |`,
  );
}

const HEAD = [
  '| Statement | Calls | Total ms | Mean ms | Max ms | Rows | Hit ratio |',
  '|---|---:|---:|---:|---:|---:|---:|',
];

export function topQueriesSection(top: TopQueries): { title: string; markdown: string } {
  if (!top.available)
    return { title: 'Top queries', markdown: `pg_stat_statements unavailable: ${cell(top.reason)}.` };
  const md = [
    '**By total time**',
    '',
    ...HEAD,
    ...statementRows(top.byTotal),
    '',
    '**By mean time**',
    '',
    ...HEAD,
    ...statementRows(top.byMean),
  ];
  if (!top.byTotal.length) md.push('', 'No statements recorded yet for this database.');
  return { title: 'Top queries', markdown: md.join('\n') };
}

export function guardsSection(results: GuardResult[]): { title: string; markdown: string } {
  const md = [
    '| Guard | p50 ms | p95 ms | Runs | Rows est → actual | Indexes | Plan |',
    '|---|---:|---:|---:|---|---|---|',
  ];
  for (const r of results) {
    if (!r.ok) {
      md.push(`| ${cell(r.name)} | — | — | 0 | — | — | did not run: ${cell(r.message)} |`);
      continue;
    }
    md.push(
      `| ${cell(r.name)} | ${r.p50Ms} | ${r.p95Ms} | ${r.runs} | ${r.plan.estimatedRows} → ${r.plan.actualRows} | ${cell(r.plan.indexes.join(', ') || 'none')} | ${cell(planOutline(r.plan))} |`,
    );
  }
  return { title: 'Query guards', markdown: md.join('\n') };
}
