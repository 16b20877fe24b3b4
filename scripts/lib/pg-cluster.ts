import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, rm, stat, writeFile, appendFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findPgBinDir, pgTool } from '../../src/engines/postgres/pg-binaries.js';

const execFileAsync = promisify(execFile);

/** A running private PostgreSQL cluster, reachable only on 127.0.0.1 with password auth. */
export interface PgCluster {
  host: string;
  port: number;
  user: string;
  password: string;
  dataDir: string;
  binDir: string;
  /** postgres://user:password@127.0.0.1:port/db */
  url(database?: string): string;
  /** pg_ctl stop -m fast; safe to call twice. */
  stop(): Promise<void>;
}

/** What stop/status need to find a cluster again; kept inside the data dir (mode 0600). */
export interface PgClusterState {
  user: string;
  password: string;
  port: number;
  binDir: string;
}

const STATE_FILE = 'opsgate-cluster.json';
const SUPERUSER = 'opsgate';

/** initdb and postgres refuse to run as root, so as root every server tool runs as the `postgres` OS user. */
function asServerUser(cmd: string, args: string[]): [string, string[]] {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

async function runServerTool(cmd: string, args: string[]): Promise<string> {
  const [file, argv] = asServerUser(cmd, args);
  try {
    const { stdout } = await execFileAsync(file, argv, { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; code?: number };
    throw new Error(
      `${path.basename(cmd)} ${args[0] ?? ''} failed (exit ${e.code ?? '?'}): ${e.stderr?.trim() ?? String(err)}`,
      {
        cause: err,
      },
    );
  }
}

async function giveToServerUser(target: string): Promise<void> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  const { stdout } = await execFileAsync('id', ['-u', 'postgres']);
  const { stdout: gid } = await execFileAsync('id', ['-g', 'postgres']);
  await chown(target, Number(stdout.trim()), Number(gid.trim()));
}

/** Asks the kernel for a free loopback port; the tiny race with other processes is retried by the caller. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function quoteConf(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Reads the state file of a cluster data dir, or undefined when it was never initialised by us. */
export async function readPgClusterState(dataDir: string): Promise<PgClusterState | undefined> {
  try {
    return JSON.parse(await readFile(path.join(path.resolve(dataDir), STATE_FILE), 'utf8')) as PgClusterState;
  } catch {
    return undefined;
  }
}

async function writeState(dataDir: string, state: PgClusterState): Promise<void> {
  await writeFile(path.join(dataDir, STATE_FILE), JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
}

async function initCluster(dataDir: string, binDir: string): Promise<PgClusterState> {
  // Parents keep the default mode so the postgres OS user can traverse them.
  await mkdir(path.dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await giveToServerUser(dataDir);
  const password = randomBytes(18).toString('base64url');
  // initdb reads the password from a file so it never shows in a process listing.
  const pwDir = path.join(os.tmpdir(), `opsgate-pw-${randomBytes(6).toString('hex')}`);
  await mkdir(pwDir, { mode: 0o700 });
  const pwFile = path.join(pwDir, 'pw');
  try {
    await writeFile(pwFile, password + '\n', { mode: 0o600 });
    await giveToServerUser(pwDir);
    await giveToServerUser(pwFile);
    await runServerTool(pgTool(binDir, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      SUPERUSER,
      `--pwfile=${pwFile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
  } finally {
    await rm(pwDir, { recursive: true, force: true });
  }
  // Loopback only; the socket lives in the 0700 data dir so no other OS user can reach it.
  await appendFile(
    path.join(dataDir, 'postgresql.conf'),
    `\n# opsgate private cluster\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ${quoteConf(dataDir)}\n`,
  );
  const state: PgClusterState = { user: SUPERUSER, password, port: 0, binDir };
  await writeState(dataDir, state);
  return state;
}

async function isRunning(dataDir: string, binDir: string): Promise<boolean> {
  const [file, argv] = asServerUser(pgTool(binDir, 'pg_ctl'), ['status', '-D', dataDir]);
  try {
    await execFileAsync(file, argv);
    return true;
  } catch {
    return false; // pg_ctl status: 3 = not running, 4 = no data dir
  }
}

function makeCluster(dataDir: string, state: PgClusterState): PgCluster {
  const host = '127.0.0.1';
  return {
    host,
    port: state.port,
    user: state.user,
    password: state.password,
    dataDir,
    binDir: state.binDir,
    url: (database = 'postgres') =>
      `postgres://${encodeURIComponent(state.user)}:${encodeURIComponent(state.password)}@${host}:${state.port}/${encodeURIComponent(database)}`,
    stop: () => stopPgCluster(dataDir),
  };
}

/**
 * pg_stat_statements is loaded when the installation ships it, so the `db` check has top queries
 * to read; CREATE EXTENSION in a database is still that database's choice.
 */
function preloadOption(binDir: string): string {
  const lib = path.join(binDir, '..', 'lib', 'pg_stat_statements.so');
  return existsSync(lib) ? ' -c shared_preload_libraries=pg_stat_statements' : '';
}

/**
 * Starts (initialising when needed) a private cluster in dataDir on a free or given loopback port.
 * An already initialised dataDir is reused; an already running one is returned as is.
 */
export async function startPgCluster(opts: { dataDir: string; port?: number }): Promise<PgCluster> {
  const dataDir = path.resolve(opts.dataDir);
  const binDir = await findPgBinDir({ install: true });
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  let state = initialised ? await readPgClusterState(dataDir) : await initCluster(dataDir, binDir);
  if (!state)
    throw new Error(`${dataDir} holds a PostgreSQL cluster that opsgate did not create (no ${STATE_FILE})`);
  state = { ...state, binDir };
  if (state.port && (await isRunning(dataDir, binDir))) return makeCluster(dataDir, state);

  for (let attempt = 1; ; attempt++) {
    const port = opts.port || (await freePort());
    try {
      await runServerTool(pgTool(binDir, 'pg_ctl'), [
        'start',
        '-D',
        dataDir,
        '-w',
        '-t',
        '60',
        '-l',
        path.join(dataDir, 'server.log'),
        '-o',
        `-p ${port}${preloadOption(binDir)}`,
      ]);
      state = { ...state, port };
      await writeState(dataDir, state);
      return makeCluster(dataDir, state);
    } catch (err) {
      // A port grabbed between our probe and postgres' bind: try another free one.
      if (opts.port || attempt >= 3) throw err;
    }
  }
}

/** Stops the cluster in dataDir (pg_ctl stop -m fast); does nothing when it is not running. */
export async function stopPgCluster(dataDir: string): Promise<void> {
  const dir = path.resolve(dataDir);
  if (!existsSync(path.join(dir, 'PG_VERSION'))) return;
  const binDir = (await readPgClusterState(dir))?.binDir ?? (await findPgBinDir());
  if (!(await isRunning(dir, binDir))) return;
  await runServerTool(pgTool(binDir, 'pg_ctl'), ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '60']);
}

/** The running cluster in dataDir, or undefined when it is stopped or was never created. */
export async function pgClusterStatus(dataDir: string): Promise<PgCluster | undefined> {
  const dir = path.resolve(dataDir);
  const state = await readPgClusterState(dir);
  if (!state || !(await stat(dir).catch(() => undefined))) return undefined;
  return (await isRunning(dir, state.binDir)) ? makeCluster(dir, state) : undefined;
}
