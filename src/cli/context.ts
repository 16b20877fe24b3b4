import path from 'node:path';
import type { CheckContext } from '../checks/check.js';
import { loadConfig } from '../core/config/load-config.js';
import type { CheckName } from '../core/config/schema.js';
import { localEvidenceStore } from '../github/history-trust.js';
import { ensureWritableOutDir } from '../core/out-dir.js';
import { SessionCache } from '../engines/http/session-cache.js';

export interface GlobalOptions {
  config: string;
  out: string;
}

/** Load config (resolving the env of `checks` only) and build the context check commands run with. */
export async function buildContext(
  opts: GlobalOptions,
  options: Record<string, unknown>,
  checks: readonly CheckName[],
): Promise<CheckContext> {
  const { config, dir } = await loadConfig(opts.config, process.env, checks);
  await ensureWritableOutDir(opts.out);
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      process.stderr.write(`opsgate: ${sig} received, stopping and cleaning up…\n`);
      controller.abort(new Error(`interrupted by ${sig}`));
    });
  }
  const ctx: CheckContext = {
    config,
    configDir: dir,
    outDir: path.resolve(opts.out),
    // The store's warnings go wherever the run's log is pointed later (an action's core.info).
    store: localEvidenceStore(path.resolve(dir, config.store.dir), (m) => ctx.log(m)),
    log: (m) => process.stderr.write(`${m}\n`),
    signal: controller.signal,
    sessions: new SessionCache(),
    options,
  };
  return ctx;
}
