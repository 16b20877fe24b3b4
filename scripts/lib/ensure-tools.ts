import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Go-built tools the test suite drives, installed by scripts/install-tools.sh at pinned versions. */
export const GO_TOOLS = ['k6', 'actionlint'] as const;
export type GoTool = (typeof GO_TOOLS)[number];

const installScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../install-tools.sh');

function onPath(binary: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, binary))) return dir;
  }
  return undefined;
}

/** Where `go install` puts binaries: $GOBIN, else $GOPATH/bin, else ~/go/bin (go's own default). */
export function goBinDir(env: NodeJS.ProcessEnv): string {
  if (env.GOBIN) return env.GOBIN;
  const gopath = env.GOPATH?.split(path.delimiter)[0];
  return path.join(gopath || path.join(env.HOME ?? os.homedir(), 'go'), 'bin');
}

export interface EnsureToolsOptions {
  tools?: readonly GoTool[];
  env?: NodeJS.ProcessEnv;
  /** The install is killed after this long (building k6 from source takes minutes). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * Find k6 and actionlint on PATH or in Go's bin dir; install the missing ones with
 * scripts/install-tools.sh when Go is there. Without Go, one error says exactly what to install,
 * instead of a pile of failing tests. Returns the directory to put on PATH.
 */
export async function ensureGoTools(
  opts: EnsureToolsOptions = {},
): Promise<{ binDir: string; installed: GoTool[] }> {
  const env = opts.env ?? process.env;
  const binDir = goBinDir(env);
  const found = (t: GoTool) => onPath(t, env) ?? (existsSync(path.join(binDir, t)) ? binDir : undefined);
  const missing = (opts.tools ?? GO_TOOLS).filter((t) => !found(t));
  if (!missing.length) return { binDir, installed: [] };
  if (!onPath('go', env))
    throw new Error(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not on PATH or in ${binDir}, and Go is not installed to build ${missing.length > 1 ? 'them' : 'it'}. ` +
        'Install Go (https://go.dev/doc/install; the version in scripts/k6-pin/go.mod) and run the command again: ' +
        'scripts/install-tools.sh then installs the pinned versions.',
    );
  const timeoutMs = opts.timeoutMs ?? 20 * 60_000;
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  log(
    `installing ${missing.join(', ')} with scripts/install-tools.sh (at most ${Math.round(timeoutMs / 60_000)} min)…`,
  );
  await runInstall(missing, env, timeoutMs, log);
  const still = missing.filter((t) => !found(t));
  if (still.length)
    throw new Error(
      `scripts/install-tools.sh finished but ${still.join(', ')} is still missing from ${binDir}`,
    );
  return { binDir, installed: missing };
}

function runInstall(
  tools: GoTool[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  log: (l: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [installScript, ...tools], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', (c: Buffer) => {
      keep(c);
      for (const line of c.toString().split('\n')) if (line.trim()) log(`  ${line}`);
    });
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `scripts/install-tools.sh ${signal ? `was stopped after ${Math.round(timeoutMs / 1000)} s` : `failed (exit ${code})`}: ${tail.trim().split('\n').slice(-5).join(' | ')}`,
          ),
        );
    });
  });
}
