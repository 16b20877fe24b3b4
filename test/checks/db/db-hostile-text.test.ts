import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dbProject, demoDatabaseWithStatements, runDb, sql } from './db-helpers.js';

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of drops.splice(0)) await d();
});

describe('db check renders statement text as untrusted', () => {
  it('a statement whose comment carries HTML, a marker, a mention and table breakers stays inert in report.md', async () => {
    const db = await demoDatabaseWithStatements();
    drops.push(db.drop);
    // Comments survive pg_stat_statements' normalisation, so an application (or an attacker who
    // can run SQL) controls this text.
    const hostile = '/* <img src=x onerror=alert(1)> <!-- opsgate:comment:x --> @acme/admins | ``` #12 */';
    for (let i = 0; i < 3; i++) await sql(db.url, `SELECT count(*) FROM companies ${hostile}`);
    const project = await dbProject('top-n: 20');
    const { evidence } = await runDb(project, db.url);
    const top = (evidence.data as { topQueries: { byTotal: { query: string }[] } }).topQueries.byTotal;
    expect(top.some((s) => s.query.includes('<img src=x'))).toBe(true); // evidence keeps the raw text
    const report = await readFile(path.join(project.out, 'report.md'), 'utf8');
    const row = report.split('\n').find((l) => l.includes('onerror'))!;
    expect(row).toBeDefined();
    expect(row).not.toContain('<img');
    expect(row).not.toContain('<!--');
    expect(row).not.toContain('```');
    expect(row).not.toMatch(/@acme\//);
    expect(row).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(row).toContain('\\|');
  });
});
