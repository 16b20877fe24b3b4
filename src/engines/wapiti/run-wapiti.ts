import { access } from 'node:fs/promises';
import { EngineError } from '../../core/errors.js';
import { spawnBounded, ZapEngineMissingError } from '../zap/run-zap.js';
import { startScopeProxy } from './scope-proxy.js';
import { wapitiArgs, type WapitiScanPlan } from './wapiti-command.js';

export interface WapitiRunOptions {
  plan: Omit<WapitiScanPlan, 'proxyUrl'>;
  /** The only origin the scan may reach. */
  origin: string;
  wapitiCommand: string;
  authHeader?: { name: string; value: string };
  timeoutMs: number;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export interface WapitiRunResult {
  exitCode: number;
  reportFile: string;
  command: string[];
  /** What the scope proxy let through and refused. */
  requests: { forwarded: number; refused: number; refusedHosts: string[] };
}

const INSTALL_WAPITI = 'install it from the OS packages (apt-get install -y wapiti)';

/** Run one wapiti scan behind the scope proxy; a missing binary is the skippable "engine missing". */
export async function runWapiti(opts: WapitiRunOptions): Promise<WapitiRunResult> {
  const proxy = await startScopeProxy({
    origin: opts.origin,
    passiveOnly: opts.plan.mode !== 'full',
    ...(opts.authHeader ? { authHeader: opts.authHeader } : {}),
  });
  try {
    const args = wapitiArgs({ ...opts.plan, proxyUrl: proxy.url });
    opts.log?.(`dast: ${opts.wapitiCommand} ${args.join(' ')}`);
    const res = await spawnBounded(opts.wapitiCommand, args, {}, opts.timeoutMs, opts.signal);
    if (res.missing)
      throw new ZapEngineMissingError(`${opts.wapitiCommand} is not installed: ${INSTALL_WAPITI}`);
    if (res.timedOut)
      throw new EngineError('wapiti', `scan timed out after ${opts.timeoutMs} ms and was killed`);
    if (res.code !== 0)
      throw new EngineError(
        'wapiti',
        `exited ${res.code ?? res.signal}: ${res.output.trim().split('\n').slice(-3).join(' | ')}`,
      );
    try {
      await access(opts.plan.reportFile);
    } catch {
      throw new EngineError('wapiti', `scan exited 0 but wrote no ${opts.plan.reportFile}`);
    }
    return {
      exitCode: res.code,
      reportFile: opts.plan.reportFile,
      command: [opts.wapitiCommand, ...args],
      requests: { ...proxy.stats },
    };
  } finally {
    await proxy.close();
  }
}
