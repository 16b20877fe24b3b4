import path from 'node:path';
import type { CheckContext } from '../checks/check.js';
import { loadConfig } from '../core/config/load-config.js';
import { FsEvidenceStore } from '../core/store/fs-evidence-store.js';
import { ensureWritableOutDir } from '../core/out-dir.js';

export interface GlobalOptions {
  config: string;
  out: string;
}

/** Load config and build the context every check command runs with. */
export async function buildContext(
  opts: GlobalOptions,
  options: Record<string, unknown> = {},
): Promise<CheckContext> {
  const { config, dir, file } = await loadConfig(opts.config);
  await ensureWritableOutDir(opts.out);
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      process.stderr.write(`opsgate: ${sig} received, stopping and cleaning up…\n`);
      controller.abort(new Error(`interrupted by ${sig}`));
    });
  }
  return {
    config,
    configDir: dir,
    configFile: file,
    outDir: path.resolve(opts.out),
    store: new FsEvidenceStore(path.resolve(dir, config.store.dir)),
    log: (m) => process.stderr.write(`${m}\n`),
    signal: controller.signal,
    options,
  };
}
