import { access } from 'node:fs/promises';
import path from 'node:path';
import type { DastConfig } from '../../core/config/sections/dast.js';
import { ConfigError } from '../../core/errors.js';
import { spawnBounded } from '../../engines/zap/run-zap.js';

export type ScanEngine = 'zap-docker' | 'zap-local' | 'wapiti';

/**
 * `engine: auto`: ZAP where it can run (a reachable Docker engine, else zap.sh on PATH), else
 * wapiti from the OS packages. With none of them the ZAP Docker path reports the engine missing,
 * so `on-missing-engine` decides between a skip and an error exactly as before.
 */
export async function pickScanEngine(cfg: DastConfig): Promise<ScanEngine> {
  if (cfg.engine !== 'auto') return cfg.engine;
  const docker = await spawnBounded('docker', ['version', '--format', '{{.Server.Version}}'], {}, 15_000);
  if (docker.code === 0) return 'zap-docker';
  if (await onPath(cfg['zap-command'])) return 'zap-local';
  if (await onPath(cfg['wapiti-command'])) return 'wapiti';
  return 'zap-docker';
}

/** wapiti has no OpenAPI import in the packaged 3.0 line: an API scan needs ZAP. */
export function assertEngineSupportsMode(engine: ScanEngine, mode: DastConfig['mode']): void {
  if (engine === 'wapiti' && mode === 'api')
    throw new ConfigError([
      {
        path: 'dast.engine',
        message: 'mode: api needs ZAP (zap-docker or zap-local); wapiti scans baseline and full',
      },
    ]);
}

async function onPath(command: string): Promise<boolean> {
  if (command.includes('/'))
    return access(command).then(
      () => true,
      () => false,
    );
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean))
    if (
      await access(path.join(dir, command)).then(
        () => true,
        () => false,
      )
    )
      return true;
  return false;
}
