/** Report sections of the `db` check: top statements, and the guards with their plans summarised. */
import { cell } from '../../core/render/markdown.js';
import type { GuardResult } from './query-guard.js';
import { planOutline } from './plan-tree.js';
import type { TableHealth } from './table-health.js';
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

export function healthSection(h: TableHealth): { title: string; markdown: string } {
  const ratio = h.cacheHitRatio === null ? '—' : `${Math.round(h.cacheHitRatio * 1000) / 10}%`;
  const md = [
    `Cache hit ratio ${ratio}; connections ${h.connections.database} to this database, ${h.connections.server} on the server of max_connections ${h.connections.maxConnections}.`,
  ];
  const list = (title: string, rows: string[]) => {
    if (rows.length) md.push('', `**${title}**`, '', ...rows.map((r) => `- ${r}`));
  };
  list(
    'Invalid indexes',
    h.invalidIndexes.map((i) => `${cell(i.index)} on ${cell(i.table)}`),
  );
  list(
    'Unused indexes (no scans since the statistics reset)',
    h.unusedIndexes.map((i) => `${cell(i.index)} on ${cell(i.table)}, ${Math.round(i.bytes / 1024)} KiB`),
  );
  list(
    'Tables read by large sequential scans',
    h.seqScanTables.map(
      (t) => `${cell(t.table)}: ${t.seqScans} scans × ${t.rowsPerScan} rows, ${t.indexScans} index scans`,
    ),
  );
  list(
    'Dead tuples',
    h.deadTuples.map((t) => `${cell(t.table)}: ${t.dead} dead, ${t.live} live`),
  );
  return { title: 'Index and table health', markdown: md.join('\n') };
}
