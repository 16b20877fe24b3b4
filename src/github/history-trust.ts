import { FsEvidenceStore } from '../core/store/fs-evidence-store.js';
import { readGitHubContext } from './context.js';
import { trustLevel } from './trust.js';

/**
 * Why a run must not read baselines and history from its checked-out local store, if it must
 * not. A local CLI run reads it. On GitHub Actions only a trusted run does (the directory is then
 * the default branch's reviewed content and the run's own writes); a pull-request or fork run
 * gets its history from the evidence store branch alone, so a record committed in the PR can
 * neither replace nor outrank it. Decided from the runner's event, never from the records.
 */
export function localHistoryRefusal(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GITHUB_ACTIONS !== 'true') return undefined;
  const ctx = readGitHubContext(env);
  const level = trustLevel(ctx);
  if (level === 'trusted') return undefined;
  return `this ${ctx.eventName || 'unidentified'} run on GitHub Actions is ${level}; history comes only from the evidence store branch`;
}

/** The local store of a run (CLI or action), with history reads refused where the run is not trusted. */
export function localEvidenceStore(
  dir: string,
  log?: (message: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): FsEvidenceStore {
  return new FsEvidenceStore(dir, { log, historyRefused: localHistoryRefusal(env) });
}
