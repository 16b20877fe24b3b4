import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Artillery is pinned in its own package (scripts/artillery-pin: package.json + committed lock)
 * rather than in opsgate's dependencies: it is several hundred MB and only the live load test runs it.
 */
export const ARTILLERY_PIN_DIR = path.join(repoRoot, 'scripts/artillery-pin');
export const ARTILLERY_PIN_BIN = path.join(ARTILLERY_PIN_DIR, 'node_modules/.bin/artillery');

export interface EnsureArtilleryOptions {
  env?: NodeJS.ProcessEnv;
  /** `npm ci` is killed after this long (about a minute on a good link, several hundred MB). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function readVersion(packageJson: string, dependency?: string): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(packageJson, 'utf8')) as {
      version?: string;
      dependencies?: Record<string, string>;
    };
    return dependency ? pkg.dependencies?.[dependency] : pkg.version;
  } catch {
    return undefined;
  }
}

/** The exact Artillery version scripts/artillery-pin/package.json pins. */
export async function pinnedArtilleryVersion(): Promise<string> {
  const version = await readVersion(path.join(ARTILLERY_PIN_DIR, 'package.json'), 'artillery');
  if (!version) throw new Error(`${ARTILLERY_PIN_DIR}/package.json does not pin artillery`);
  return version;
}

/**
 * The Artillery CLI for the tests: $ARTILLERY_BIN when set, else the pinned install in
 * scripts/artillery-pin, installed there with `npm ci --ignore-scripts` when it is missing or at
 * another version. Failures are one error saying what to do, instead of a failing test.
 */
export async function ensureArtillery(
  opts: EnsureArtilleryOptions = {},
): Promise<{ bin: string; installed: boolean }> {
  const env = opts.env ?? process.env;
  if (env.ARTILLERY_BIN) {
    if (await isExecutable(env.ARTILLERY_BIN)) return { bin: env.ARTILLERY_BIN, installed: false };
    throw new Error(
      `ARTILLERY_BIN=${env.ARTILLERY_BIN} is not an executable file. Point it at an Artillery 2.x CLI, ` +
        'or unset it to have the pinned version installed into scripts/artillery-pin.',
    );
  }
  const version = await pinnedArtilleryVersion();
  const installedVersion = () =>
    readVersion(path.join(ARTILLERY_PIN_DIR, 'node_modules/artillery/package.json'));
  const installed = async () =>
    (await installedVersion()) === version && (await isExecutable(ARTILLERY_PIN_BIN));
  if (await installed()) return { bin: ARTILLERY_PIN_BIN, installed: false };

  const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  log(
    `installing Artillery ${version} from the npm registry into scripts/artillery-pin with npm ci (about 540 MB, at most ${Math.round(timeoutMs / 60_000)} min)…`,
  );
  await installPin(env, timeoutMs, installed).catch((err: Error) => {
    throw new Error(
      `Artillery ${version} is not installed in scripts/artillery-pin and installing it failed (${err.message}). ` +
        'Run `npm ci --ignore-scripts --no-audit --no-fund` in scripts/artillery-pin with access to the npm registry, ' +
        'or set ARTILLERY_BIN to an Artillery 2.x CLI, and run the command again.',
    );
  });
  if (!(await installed()))
    throw new Error(`npm ci finished but ${ARTILLERY_PIN_BIN} is not Artillery ${version}`);
  return { bin: ARTILLERY_PIN_BIN, installed: true };
}

/**
 * `npm ci` in a staging directory, then one rename into place: a killed or failed install never
 * leaves a half-filled node_modules that looks installed, and two test runs sharing the working
 * tree do not install over each other. Staging lives in .opsgate/ (git-ignored, same filesystem).
 */
async function installPin(
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  alreadyInPlace: () => Promise<boolean>,
): Promise<void> {
  const staging = path.join(repoRoot, '.opsgate', `artillery-install-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    for (const f of ['package.json', 'package-lock.json'])
      await copyFile(path.join(ARTILLERY_PIN_DIR, f), path.join(staging, f));
    await runNpmCi(staging, env, timeoutMs);
    if (await alreadyInPlace()) return; // another test run sharing this tree finished first
    const target = path.join(ARTILLERY_PIN_DIR, 'node_modules');
    const old = path.join(staging, 'node_modules.old');
    await rename(target, old).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rename(path.join(staging, 'node_modules'), target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function runNpmCi(cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  // Under `npm test`, npm exports its own project's prefix; the install belongs to `cwd` alone.
  const childEnv = { ...env };
  delete childEnv.npm_config_local_prefix;
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', cwd], {
      cwd,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(err.code === 'ENOENT' ? new Error('npm is not on PATH') : err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const why = signal ? `was stopped after ${Math.round(timeoutMs / 1000)} s` : `exited ${code}`;
      const output = tail.trim().split('\n').slice(-5).join(' | ');
      reject(new Error(`npm ci ${why}${output ? `: ${output}` : ''}`));
    });
  });
}
