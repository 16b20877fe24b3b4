import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localHistoryRefusal } from '../../src/github/history-trust.js';
import { tempDir } from '../support/github-evidence.js';

/** A runner environment for `event`, with its event file on disk as the runner writes it. */
async function runnerEnv(event: string, ref: string, payload: object): Promise<NodeJS.ProcessEnv> {
  const file = path.join(await tempDir(), 'event.json');
  await writeFile(file, JSON.stringify(payload));
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: file,
    GITHUB_REF: ref,
  };
}

const repository = { full_name: 'acme/shop', default_branch: 'main' };
const pr = (head: string) => ({
  pull_request: {
    number: 3,
    head: { repo: { full_name: head } },
    base: { repo: { full_name: 'acme/shop' } },
  },
  repository,
});

describe('which runs read history from the checked-out local store', () => {
  it('a local CLI run does; so does a trusted push of the default branch', async () => {
    expect(localHistoryRefusal({})).toBeUndefined();
    expect(localHistoryRefusal(await runnerEnv('push', 'refs/heads/main', { repository }))).toBeUndefined();
  });

  it('a same-repository PR, a fork PR, a push of another branch and an unknown event do not', async () => {
    const cases = [
      [await runnerEnv('pull_request', 'refs/pull/3/merge', pr('acme/shop')), 'pull_request', 'pull-request'],
      [await runnerEnv('pull_request', 'refs/pull/3/merge', pr('mallory/shop')), 'pull_request', 'untrusted'],
      [await runnerEnv('push', 'refs/heads/feature', { repository }), 'push', 'untrusted'],
      // A payload that names no default branch establishes nothing.
      [await runnerEnv('push', 'refs/heads/main', {}), 'push', 'untrusted'],
      [
        await runnerEnv('pull_request_target', 'refs/heads/main', pr('mallory/shop')),
        'pull_request_target',
        'untrusted',
      ],
    ] as const;
    for (const [env, event, level] of cases)
      expect(localHistoryRefusal(env)).toBe(
        `this ${event} run on GitHub Actions is ${level}; history comes only from the evidence store branch`,
      );
  });
});
