import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';
import { dbProject, demoDatabaseWithStatements, unitsTraffic } from './db-helpers.js';
import { passwordOf } from '../restore/restore-helpers.js';

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of drops.splice(0)) await d();
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('db check keeps the connection string secret', () => {
  it('neither the URL nor its password reaches evidence, reports, the store, stdout or stderr', async () => {
    const db = await demoDatabaseWithStatements();
    drops.push(db.drop);
    await unitsTraffic(db.url, 15);
    const password = passwordOf(db.url);
    // Failing guards, and one whose error echoes the URL: the paths where a value could leak.
    const project = await dbProject(`
thresholds: { min-calls: 1, max-mean-ms: 0.000001 }
queries:
  - name: units
    sql: SELECT id FROM units WHERE company_id = $1
    params: [2]
    plan: { max-cost: 0.01 }
  - name: broken
    sql: SELECT * FROM no_such_table_here
  - name: echoes the url
    sql: SELECT $1::int
    params: ['\${DB_TEST_URL}']
`);
    const r = await runCli(['db', '--config', project.config, '--out', project.out], {
      DB_TEST_URL: db.url,
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('read-only session on 127.0.0.1:');
    const files = [
      ...(await filesUnder(project.out)),
      ...(await filesUnder(path.join(project.dir, 'store'))),
    ];
    expect(files.some((f) => f.endsWith(path.join('evidence', 'db.json')))).toBe(true);
    expect(files.some((f) => f.endsWith('report.md'))).toBe(true);
    const forms = [
      db.url,
      password,
      encodeURIComponent(password),
      Buffer.from(password).toString('base64url'),
    ];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const s of forms) expect(text.includes(s), `${s.slice(0, 4)}… in ${file}`).toBe(false);
    }
    for (const s of forms) expect(r.stdout + r.stderr).not.toContain(s);
    const evidence = JSON.parse(await readFile(path.join(project.out, 'evidence', 'db.json'), 'utf8'));
    expect(evidence.findings.map((f: { title: string }) => f.title)).toContain('guard broken could not run');
    // PostgreSQL echoed the URL back in its error; the redaction boundary masked it.
    const echoed = evidence.findings.find(
      (f: { title: string }) => f.title === 'guard echoes the url could not run',
    );
    expect(echoed.detail).toContain('invalid input syntax for type integer: "[redacted]"');
  });
});
