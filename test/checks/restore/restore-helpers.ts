import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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

/**
 * Make restores of `sourceUrl` slow and deterministic: an expression index whose function sleeps
 * 2 ms per row inside drill databases only, so rebuilding it during pg_restore takes rows × 2 ms.
 */
export async function slowDownRestores(sourceUrl: string, rows: number): Promise<void> {
  await sql(
    sourceUrl,
    `CREATE FUNCTION slow_identity(bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE
       AS $$ BEGIN
         IF current_database() LIKE 'opsgate_drill_%' THEN PERFORM pg_sleep(0.002); END IF;
         RETURN $1;
       END $$;
     CREATE TABLE slow_rows AS SELECT g::bigint AS id FROM generate_series(1, ${rows}) AS g;
     CREATE INDEX slow_rows_idx ON slow_rows (slow_identity(id));`,
  );
}

export interface RestoreProcess {
  child: ChildProcess;
  /** The scratch database, once the drill logs that it restores into it. */
  scratch: Promise<string>;
  exited: Promise<number | null>;
  stderr(): string;
}

/** `opsgate restore` as a real child process (what a runner or cron starts). */
export function startRestoreProcess(
  project: { config: string; out: string },
  env: NodeJS.ProcessEnv,
): RestoreProcess {
  const root = path.resolve(import.meta.dirname, '../../..');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'src/cli/main.ts'),
      'restore',
      '--config',
      project.config,
      '--out',
      project.out,
    ],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const scratch = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`restore never started:\n${stderr}`)), 60_000);
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
      const m = /restoring \S+ backup into (opsgate_drill_\w+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`restore exited before it started:\n${stderr}`));
    });
  });
  return { child, scratch, exited, stderr: () => stderr };
}

/** Backends pg_restore holds open in a database. */
export async function restoreBackends(serverUrl: string, database: string): Promise<number> {
  const rows = await sql<{ n: number }>(
    serverUrl,
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${database}' AND application_name = 'pg_restore'`,
  );
  return rows[0]!.n;
}

/** Poll `probe` every 100 ms until it holds or `ms` pass; returns whether it held. */
export async function eventually(probe: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A scratch server URL with a role of its own (CREATEDB, not superuser). Drills sweep only the
 * databases their role owns, so other test files' drills never sweep this test's databases.
 */
export async function dedicatedScratchRole(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const role = `opsgate_t_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await sql(serverUrl, `CREATE ROLE ${role} LOGIN CREATEDB PASSWORD '${password}'`);
  const u = new URL(serverUrl);
  u.username = role;
  u.password = password;
  return {
    url: u.toString(),
    drop: async () => {
      const left = await sql<{ datname: string }>(
        serverUrl,
        `SELECT datname FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '${role}')`,
      );
      for (const { datname } of left) await sql(serverUrl, `DROP DATABASE "${datname}" WITH (FORCE)`);
      await sql(serverUrl, `DROP ROLE ${role}`);
    },
  };
}
