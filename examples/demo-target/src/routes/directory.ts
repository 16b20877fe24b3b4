import type { RequestContext } from '../context.js';

/**
 * The public company directory: an HTML search page a DAST scanner can crawl from the home page.
 * Healthy, the search term is a bound parameter and escaped on output. The `reflected-xss` flaw
 * echoes it raw; the `sql-injection` flaw concatenates it into the SQL and shows the database
 * error, the way a debug error page would. The query always runs in a read-only transaction, so
 * an injected statement cannot change the data.
 */
export async function directoryPage(ctx: RequestContext): Promise<void> {
  const term = ctx.url.searchParams.get('name') ?? '';
  const shown = ctx.flaws.has('reflected-xss') ? term : escapeHtml(term);
  let rows: Array<{ name: string }> = [];
  let error = '';
  const client = await ctx.app.pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    const result = ctx.flaws.has('sql-injection')
      ? await client.query(`SELECT name FROM companies WHERE name ILIKE '%${term}%' ORDER BY id LIMIT 20`)
      : await client.query('SELECT name FROM companies WHERE name ILIKE $1 ORDER BY id LIMIT 20', [
          `%${term}%`,
        ]);
    rows = result.rows as Array<{ name: string }>;
  } catch (err) {
    if (!ctx.flaws.has('sql-injection')) throw err;
    error = `PostgreSQL query failed: ERROR:  ${(err as Error).message}`;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
  const items = rows.map((r) => `<li>${escapeHtml(r.name)}</li>`).join('');
  ctx.send(
    error ? 500 : 200,
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Directory</title></head>
<body><h1>Company directory</h1>
<form action="/directory" method="get"><input name="name" value="${escapeHtml(term)}"><button>Search</button></form>
<p>Results for ${shown}</p>${error ? `<pre>${escapeHtml(error)}</pre>` : `<ul>${items}</ul>`}
</body></html>
`,
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
