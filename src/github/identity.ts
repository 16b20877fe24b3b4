import type { GitHubClient } from './octokit.js';

/** The account a workflow's GITHUB_TOKEN writes as (an installation token cannot call `GET /user`). */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

const cache = new WeakMap<GitHubClient, Promise<string>>();

/**
 * The login the token acts as: `GET /user` for a user token, else the Actions bot. Only bodies
 * this account wrote are ever taken as opsgate's own, whatever markers other bodies contain.
 */
export function tokenLogin(gh: GitHubClient): Promise<string> {
  let hit = cache.get(gh);
  if (!hit) {
    hit = gh.rest.users.getAuthenticated().then(
      ({ data }) => data.login,
      (err: { status?: number }) => {
        if (err.status === 403 || err.status === 401) return ACTIONS_BOT_LOGIN;
        cache.delete(gh);
        throw err;
      },
    );
    cache.set(gh, hit);
  }
  return hit;
}

/** Whether `body` is opsgate's: the marker is exactly its first line and our account wrote it. */
export function isOwnBody(
  item: { body?: string | null; user?: { login?: string } | null },
  marker: string,
  login: string,
): boolean {
  return item.user?.login === login && (item.body ?? '').split('\n', 1)[0]?.trim() === marker;
}
