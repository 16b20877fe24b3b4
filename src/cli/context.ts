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
  const { config, dir, file } = await loadConfig(opts.config, process.env, checks);
  await ensureWritableOutDir(opts.out);
  const controller = new AbortController();
  running.add(controller);
  installSignalHandlers();
  const ctx: CheckContext = {
    config,
    configDir: dir,
    configFile: file,
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

/** Runs of this process that a signal stops (one per command; several in tests). */
const running = new Set<AbortController>();
let installed = false;
/** After a signal, the command has this long to clean up before the process exits anyway. */
export const STOP_GRACE_MS = 4_500;

/**
 * SIGINT/SIGTERM abort every run: checks stop their loops, kill their tools and clean up. Whatever
 * is still going after STOP_GRACE_MS is cut short, so any command ends within 5 s of the signal.
 */
function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (!running.size) process.exit(sig === 'SIGINT' ? 130 : 143);
      process.stderr.write(`opsgate: ${sig} received, stopping and cleaning up…\n`);
      for (const c of running) c.abort(new Error(`interrupted by ${sig}`));
      running.clear();
      setTimeout(() => {
        process.stderr.write(
          `opsgate: cleanup did not finish within ${STOP_GRACE_MS} ms of ${sig}; exiting\n`,
        );
        process.exit(sig === 'SIGINT' ? 130 : 143);
      }, STOP_GRACE_MS).unref();
    });
  }
}
