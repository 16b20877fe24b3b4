import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { Evidence, Threshold } from '../../../src/core/evidence/model.js';
import { freshDemoDatabase } from '../../support/demo.js';
import { sql } from '../restore/restore-helpers.js';

export { sql };

/** A temp project whose opsgate.yml holds `dbYaml` under `db:` (the URL comes from DB_TEST_URL). */
export async function dbProject(dbYaml: string): Promise<{ dir: string; config: string; out: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-db-'));
  const config = path.join(dir, 'opsgate.yml');
  const indented = ['url: ${DB_TEST_URL}', ...dbYaml.trim().split('\n')].map((l) => `  ${l}`).join('\n');
  await writeFile(
    config,
    `target:\n  base-url: http://127.0.0.1:9\nstore:\n  dir: store\ndb:\n${indented}\n`,
  );
  return { dir, config, out: path.join(dir, 'out') };
}

/** Run `opsgate db` in-process against `url`; returns the exit code and the evidence written. */
export async function runDb(
  project: { config: string; out: string },
  url: string,
): Promise<{ code: number; evidence: Evidence; text: string }> {
  process.env.DB_TEST_URL = url;
  const code = await main(['db', '--config', project.config, '--out', project.out]);
  const text = await readFile(path.join(project.out, 'evidence', 'db.json'), 'utf8');
  return { code, evidence: JSON.parse(text) as Evidence, text };
}

/** A fresh demo database with pg_stat_statements created in it (the cluster preloads the library). */
export async function demoDatabaseWithStatements(): Promise<{ url: string; drop(): Promise<void> }> {
  const db = await freshDemoDatabase();
  await sql(db.url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return db;
}

/** The dashboard-like statement the demo's traffic runs, `times` times, through the extended protocol. */
export async function unitsTraffic(url: string, times: number): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < times; i++)
      await client.query('SELECT id, name, rent_cents FROM units WHERE company_id = $1', [1 + (i % 50)]);
  } finally {
    await client.end();
  }
}

export function threshold(e: Evidence, name: string): Threshold {
  const t = e.thresholds.find((x) => x.name === name);
  if (!t) throw new Error(`no threshold "${name}" in ${e.thresholds.map((x) => x.name).join(', ')}`);
  return t;
}
