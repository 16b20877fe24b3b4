import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { main } from '../../../src/cli/main.js';
import type { Evidence } from '../../../src/core/evidence/model.js';

/** A temp project dir with an opsgate.yml holding `restoreYaml` under `restore:`. */
export async function restoreProject(
  restoreYaml: string,
): Promise<{ dir: string; config: string; out: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-restore-'));
  const config = path.join(dir, 'opsgate.yml');
  const indented = restoreYaml
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  await writeFile(config, `target:\n  base-url: http://127.0.0.1:9\nrestore:\n${indented}\n`);
  return { dir, config, out: path.join(dir, 'out') };
}

/** Run `opsgate restore` in-process; returns the exit code and the evidence written. */
export async function runRestore(
  project: { config: string; out: string },
  extra: string[] = [],
): Promise<{ code: number; evidence: Evidence; text: string }> {
  const code = await main(['restore', '--config', project.config, '--out', project.out, ...extra]);
  const text = await readFile(path.join(project.out, 'evidence', 'restore.json'), 'utf8');
  return { code, evidence: JSON.parse(text) as Evidence, text };
}

/** Run SQL against a database URL. */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Does a database of that name exist on the server? */
export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

/** The password inside a connection URL (to prove it never reaches evidence or reports). */
export function passwordOf(url: string): string {
  return decodeURIComponent(new URL(url).password);
}
