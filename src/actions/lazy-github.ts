import * as core from '@actions/core';
import type { EvidenceStore } from '../core/store/evidence-store.js';
import type { ActionDeps } from './run-action.js';

/**
 * The GitHub side of a bundled action, loaded only on the path that uses it: octokit and the
 * publisher cost a cold start ~100 ms of module loading that a tokenless run never needs.
 */
export const lazyGitHubDeps: Pick<ActionDeps, 'publisher' | 'store'> = {
  publisher: async (request) => (await import('./github-publisher.js')).githubPublisher(request),
  store: (local, token) => lazyRunnerStore(token, local),
};

/** The runner's evidence store; without a token it is the local store and octokit stays unloaded. */
export async function lazyRunnerStore(token: string, local: EvidenceStore): Promise<EvidenceStore> {
  if (!token) return local;
  const { runnerStore } = await import('./runner-store.js');
  return runnerStore(token, local, (m) => core.info(m));
}
