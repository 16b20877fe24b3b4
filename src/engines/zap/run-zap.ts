import { spawn } from 'node:child_process';
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EngineError } from '../../core/errors.js';
import { redact } from '../../core/secrets.js';
import { automationPlan, dockerArgs, REPORT_FILES, zapLocalArgs, type ZapScanPlan } from './zap-command.js';

/**
 * Docker (or zap.sh) is not available on this machine. Separate from other engine errors so a
 * config can choose to record a skipped scan instead (`dast.on-missing-engine: skip`).
 */
export class ZapEngineMissingError extends EngineError {
  constructor(message: string) {
    super('zap', message);
    this.name = 'ZapEngineMissingError';
  }
}

/** What the packaged scan scripts' exit codes mean (zap-baseline.py and friends). */
export const SCRIPT_EXIT = { 0: 'pass', 1: 'fail', 2: 'warn', 3: 'error' } as const;

export interface ZapRunOptions {
  engine: 'zap-docker' | 'zap-local';
  plan: ZapScanPlan;
  /** zap.sh for zap-local. */
  zapCommand: string;
  /** Header ZAP adds to every request to the target host. */
  authHeader?: { name: string; value: string; site: string };
  timeoutMs: number;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export interface ZapRunResult {
  /** The process exit code, read as a number. */
  exitCode: number;
  /** For zap-docker: pass/fail/warn per the scan script; zap-local always `completed`. */
  outcome: 'pass' | 'fail' | 'warn' | 'completed';
  reportFile: string;
  /** The command that ran (secrets are never in it). */
  command: string[];
  outputTail: string;
}

interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  missing: boolean;
  timedOut: boolean;
}

const INSTALL_DOCKER =
  'install Docker Engine (https://docs.docker.com/engine/install/) and make sure `docker` is on PATH, or set dast.engine: zap-local with ZAP installed (https://www.zaproxy.org/download/)';

/** Run the scan and return where the JSON report is; exit 3 from ZAP or a crash is an EngineError. */
export async function runZap(opts: ZapRunOptions): Promise<ZapRunResult> {
  return opts.engine === 'zap-docker' ? runDocker(opts) : runLocal(opts);
}

async function runDocker(opts: ZapRunOptions): Promise<ZapRunResult> {
  const probe = await run('docker', ['version', '--format', '{{.Server.Version}}'], {}, 30_000);
  if (probe.missing)
    throw new ZapEngineMissingError(`docker is not installed (not found on PATH): ${INSTALL_DOCKER}`);
  if (probe.code !== 0)
    throw new ZapEngineMissingError(
      `the Docker engine is not reachable (docker version exit ${probe.code ?? probe.signal}: ${lastLine(probe.output)}); start the Docker daemon or ${INSTALL_DOCKER}`,
    );
  const args = dockerArgs(opts.plan);
  opts.log?.(`zap: docker ${args.join(' ')}`);
  const res = await run('docker', args, authEnv(opts), opts.timeoutMs, opts.signal, async () => {
    await run('docker', ['kill', opts.plan.containerName], {}, 30_000);
  });
  const command = ['docker', ...args];
  if (res.missing)
    throw new ZapEngineMissingError(`docker is not installed (not found on PATH): ${INSTALL_DOCKER}`);
  if (res.timedOut) throw new EngineError('zap', `scan timed out after ${opts.timeoutMs} ms and was killed`);
  if (res.code === 125)
    throw new ZapEngineMissingError(
      `docker could not start image ${opts.plan.image} (exit 125: ${lastLine(res.output)}); pull it with \`docker pull ${opts.plan.image}\``,
    );
  if (res.code === 3)
    throw new EngineError('zap', `scan script reported an error (exit 3): ${lastLine(res.output)}`);
  if (res.code !== 0 && res.code !== 1 && res.code !== 2)
    throw new EngineError('zap', `docker run ended with ${res.code ?? res.signal}: ${lastLine(res.output)}`);
  const reportFile = path.join(opts.plan.workDir, REPORT_FILES.json);
  await assertReport(reportFile, res.code);
  return { exitCode: res.code, outcome: SCRIPT_EXIT[res.code], reportFile, command, outputTail: res.output };
}

async function runLocal(opts: ZapRunOptions): Promise<ZapRunResult> {
  const planFile = path.join(opts.plan.workDir, 'zap-plan.yaml');
  await writeFile(planFile, automationPlan(opts.plan));
  const args = zapLocalArgs(planFile, opts.plan.zapOptions);
  opts.log?.(`zap: ${opts.zapCommand} ${args.join(' ')}`);
  const res = await run(opts.zapCommand, args, authEnv(opts), opts.timeoutMs, opts.signal);
  if (res.missing)
    throw new ZapEngineMissingError(
      `${opts.zapCommand} not found: install ZAP (https://www.zaproxy.org/download/) and put zap.sh on PATH, or set dast.engine: zap-docker`,
    );
  if (res.timedOut) throw new EngineError('zap', `scan timed out after ${opts.timeoutMs} ms and was killed`);
  // Automation Framework: 0 ok, 1 the plan reported errors, 2 warnings only.
  if (res.code !== 0 && res.code !== 2)
    throw new EngineError(
      'zap',
      `automation plan failed (exit ${res.code ?? res.signal}): ${lastLine(res.output)}`,
    );
  const reportFile = path.join(opts.plan.workDir, REPORT_FILES.json);
  await assertReport(reportFile, res.code);
  return {
    exitCode: res.code,
    outcome: 'completed',
    reportFile,
    command: [opts.zapCommand, ...args],
    outputTail: res.output,
  };
}

function authEnv(opts: ZapRunOptions): Record<string, string> {
  if (!opts.authHeader) return {};
  return {
    ZAP_AUTH_HEADER: opts.authHeader.name,
    ZAP_AUTH_HEADER_VALUE: opts.authHeader.value,
    ZAP_AUTH_HEADER_SITE: opts.authHeader.site,
  };
}

async function assertReport(file: string, code: number): Promise<void> {
  try {
    await access(file);
  } catch {
    throw new EngineError('zap', `scan exited ${code} but wrote no ${path.basename(file)}`);
  }
}

function lastLine(output: string): string {
  const lines = output.trim().split(/\r?\n/).filter(Boolean);
  return lines.slice(-3).join(' | ') || 'no output';
}

const TAIL = 16_384;

/** Spawn with a bounded time; output tail kept (redacted) for error messages. */
function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
  signal?: AbortSignal,
  onKill?: () => Promise<void>,
): Promise<Spawned> {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer): void => {
      output = (output + b.toString('utf8')).slice(-TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const stop = (): void => {
      timedOut = true;
      child.kill('SIGTERM');
      void onKill?.().catch(() => undefined);
    };
    const timer = setTimeout(stop, timeoutMs);
    signal?.addEventListener('abort', stop, { once: true });
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({
        code: null,
        signal: null,
        output: err.message,
        missing: err.code === 'ENOENT',
        timedOut: false,
      });
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
      resolve({ code, signal: sig, output: redact(output), missing: false, timedOut });
    });
  });
}

/** The same bounded spawn for the other scanners (wapiti). */
export { run as spawnBounded, type Spawned };
