import type { CreatedRecord } from './fixtures.js';
import type { CellResult } from './probe-cells.js';

const mark: Record<CellResult['verdict'], string> = {
  enforced: '✅',
  bypassed: '❌ bypassed',
  unexpected: '⚠️',
  skipped: '⏭️',
  error: '💥',
};

const MAX_ROWS = 80;

/** Requests down, identities across: `403 ✅`, `204 ❌ bypassed (403)`, `⏭️ skipped`. */
export function matrixGrid(cells: CellResult[]): string {
  const identities = [...new Set(cells.map((c) => c.identity))];
  const rows = new Map<string, Map<string, CellResult>>();
  for (const c of cells) {
    const request = c.id.slice(c.identity.length + 1);
    if (!rows.has(request)) rows.set(request, new Map());
    rows.get(request)!.set(c.identity, c);
  }
  const out = [
    `| Request | ${identities.join(' | ')} |`,
    `| --- |${identities.map(() => ' --- |').join('')}`,
  ];
  let n = 0;
  for (const [request, byIdentity] of rows) {
    if (++n > MAX_ROWS) {
      out.push('', `… ${rows.size - MAX_ROWS} more requests; every cell is in the evidence (data.cells).`);
      break;
    }
    const line = identities.map((who) => {
      const c = byIdentity.get(who);
      if (!c) return '';
      if (c.verdict === 'skipped') return c.loginFailed ? '⏭️ login failed' : '⏭️ skipped';
      if (c.status === null) return `💥 ${c.reason ?? 'error'}`.replace(/\|/g, '/');
      return c.verdict === 'enforced'
        ? `${c.status} ✅`
        : `${c.status} ${mark[c.verdict]} (want ${c.expected})`.replace(/\|/g, '/');
    });
    out.push(`| \`${request}\` | ${line.join(' | ')} |`);
  }
  return out.join('\n');
}

/** What the probe created and how each record was cleaned up. */
export function createdTable(created: CreatedRecord[]): string {
  if (!created.length) return 'The probe created no records.';
  const out = ['| Fixture | Id | Created by | Cleanup |', '| --- | --- | --- | --- |'];
  for (const r of created)
    out.push(
      `| ${r.fixture} | ${r.id} | ${r.createdBy} | ${r.cleanup}${r.cleanupStatus ? ` (${r.cleanupStatus})` : ''} |`,
    );
  return out.join('\n');
}
