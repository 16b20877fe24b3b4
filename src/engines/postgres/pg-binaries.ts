import { execFile } from 'node:child_process';
import { access, readdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Tools a directory must hold before we trust it: the cluster needs the server tools, the restore drill the client tools. */
const REQUIRED_TOOLS = ['initdb', 'pg_ctl', 'pg_dump', 'pg_restore', 'psql', 'createdb'] as const;

export type PgToolName = 'pg_dump' | 'pg_restore' | 'psql' | 'initdb' | 'pg_ctl' | 'createdb' | 'dropdb';

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function hasAllTools(dir: string): Promise<boolean> {
  for (const tool of REQUIRED_TOOLS) {
    if (!(await isExecutable(path.join(dir, tool)))) return false;
  }
  return true;
}

/** Debian ships server tools only under /usr/lib/postgresql/<major>/bin; newest major wins. */
async function debianBinDirs(root = '/usr/lib/postgresql'): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return [];
  }
  return entries
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((major) => path.join(root, major, 'bin'));
}

async function searchPgBinDir(): Promise<string | undefined> {
  const pathDirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of [...pathDirs, ...(await debianBinDirs())]) {
    if (await hasAllTools(dir)) return dir;
  }
  return undefined;
}

async function installFromDebianPackages(): Promise<void> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(
      'PostgreSQL binaries (initdb, pg_ctl, pg_dump, pg_restore, psql, createdb) not found. ' +
        'Install them, e.g. `sudo apt-get install -y postgresql` on Debian/Ubuntu.',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const opts = { env, maxBuffer: 64 * 1024 * 1024 };
  await execFileAsync('apt-get', ['update'], opts);
  await execFileAsync('apt-get', ['install', '-y', 'postgresql'], opts);
}

/**
 * Finds a directory holding all PostgreSQL tools opsgate drives (PATH first, then the newest
 * /usr/lib/postgresql/<major>/bin). With `install`, missing binaries are installed from Debian
 * packages, which only works as root.
 */
export async function findPgBinDir(opts: { install?: boolean } = {}): Promise<string> {
  const found = await searchPgBinDir();
  if (found) return found;
  if (!opts.install) {
    throw new Error(
      'PostgreSQL binaries (initdb, pg_ctl, pg_dump, pg_restore, psql, createdb) not found on PATH ' +
        'or under /usr/lib/postgresql/*/bin. Install the `postgresql` package (Debian/Ubuntu: apt-get install -y postgresql).',
    );
  }
  await installFromDebianPackages();
  const installed = await searchPgBinDir();
  if (!installed) throw new Error('apt-get installed postgresql, but its binaries were still not found');
  return installed;
}

/** Absolute path of one PostgreSQL tool inside a directory found by findPgBinDir. */
export function pgTool(binDir: string, name: PgToolName): string {
  return path.join(binDir, name);
}
