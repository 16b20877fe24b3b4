import { spawn } from 'node:child_process';
import path from 'node:path';
import { durationMs } from '../../core/config/sections/common.js';
import { describeAction, type FaultAction } from '../../core/config/sections/fault.js';
import type { TargetConfig } from '../../core/config/sections/target.js';
import { describeCause } from '../../core/errors.js';
import { httpRequest } from '../../engines/http/http-client.js';
import { assertAllowedHost } from '../../engines/http/host-policy.js';
import { statusMatches } from './judge.js';

/** What one inject or recover did; times are milliseconds since the scenario's probe clock started. */
export interface ActionResult {
  ok: boolean;
  /** The exact command line or `POST http://…`, for the runbook (secrets travel in env, not here). */
  description: string;
  startedAt: number;
  ms: number;
  exitCode?: number | null;
  signal?: string | null;
  status?: number;
  timedOut: boolean;
  /** Last lines of stdout/stderr or the response body. */
  output: string;
  error?: string;
}

const OUTPUT_TAIL = 2000;
const KILL_GRACE_MS = 3000;

/**
 * Run an inject or recover action to completion, bounded by its own timeout. It deliberately
 * ignores the run's abort signal: a half-run recover is worse than a late one.
 */
export async function runFaultAction(
  action: FaultAction,
  opts: { target: TargetConfig; configDir: string; clock: () => number },
): Promise<ActionResult> {
  const startedAt = opts.clock();
  const description = describeAction(action);
  const base = { description, startedAt };
  if ('command' in action) {
    const r = await runCommand(action, opts.configDir);
    return { ...base, ...r, ms: opts.clock() - startedAt };
  }
  assertAllowedHost(opts.target, action.http.url);
  try {
    const res = await httpRequest({
      method: action.http.method,
      url: action.http.url,
      headers: action.http.headers,
      body: action.http.body,
      timeoutMs: durationMs(action.timeout),
    });
    const ok = !res.timedOut && action.http['expect-status'].some((m) => statusMatches(res.status, m));
    return {
      ...base,
      ok,
      status: res.status,
      timedOut: Boolean(res.timedOut),
      output: res.text.slice(-OUTPUT_TAIL),
      ms: opts.clock() - startedAt,
      ...(ok ? {} : { error: res.timedOut ? 'timed out' : `answered ${res.status}` }),
    };
  } catch (err) {
    return {
      ...base,
      ok: false,
      timedOut: false,
      output: '',
      error: describeCause(err),
      ms: opts.clock() - startedAt,
    };
  }
}

type CommandAction = Extract<FaultAction, { command: string[] }>;

function runCommand(
  a: CommandAction,
  configDir: string,
): Promise<Omit<ActionResult, 'description' | 'startedAt' | 'ms'>> {
  return new Promise((resolve) => {
    const [program, ...args] = a.command as [string, ...string[]];
    let output = '';
    let timedOut = false;
    // Own process group: a Ctrl-C meant for opsgate must not also kill the recover command.
    const child = spawn(program, args, {
      cwd: path.resolve(configDir, a.cwd ?? '.'),
      env: { ...process.env, ...a.env },
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const killGroup = (sig: NodeJS.Signals): void => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    };
    let hardKill: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      hardKill = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    }, durationMs(a.timeout));
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, timedOut: false, output, exitCode: null, error: describeCause(err) });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(hardKill);
      const ok = !timedOut && code !== null && a['expect-exit'].includes(code);
      resolve({
        ok,
        exitCode: code,
        signal,
        timedOut,
        output,
        ...(ok
          ? {}
          : { error: timedOut ? `timed out after ${durationMs(a.timeout)} ms` : `exited ${code ?? signal}` }),
      });
    });
  });
}
