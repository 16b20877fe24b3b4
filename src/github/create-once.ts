import { tokenLogin } from './identity.js';
import type { GitHubClient } from './octokit.js';

/**
 * The one way opsgate creates a comment or an issue. A create GitHub may have applied without
 * answering (5xx, timeout, connection reset) is never re-sent blindly: the item is looked up by
 * its marker first, and created again only when it is not there. (octokit.ts keeps the retry
 * plugin off these POSTs, so this is the only place a create is repeated.)
 */
export async function createOnce<T>(o: {
  create: () => Promise<T>;
  /** Finds the item by its marker among our account's bodies (what a lost answer would have made). */
  lookup: () => Promise<T | undefined>;
  /** Creates tried at most (the lookup runs between them). */
  attempts?: number;
  log?: (message: string) => void;
  what: string;
}): Promise<{ item: T; created: boolean }> {
  const attempts = o.attempts ?? 3;
  for (let n = 1; ; n++) {
    try {
      return { item: await o.create(), created: true };
    } catch (err) {
      if (!isAmbiguous(err) || n >= attempts) throw err;
      o.log?.(`github: creating ${o.what} got no clear answer (${describe(err)}); looking it up first`);
      const found = await o.lookup();
      if (found !== undefined) return { item: found, created: false };
    }
  }
}

/** Whether a failed write may still have been applied: a 5xx, or no HTTP answer at all. */
export function isAmbiguous(err: unknown): boolean {
  const status = (err as { status?: number }).status;
  return status === undefined || status === 0 || status >= 500;
}

function describe(err: unknown): string {
  const status = (err as { status?: number }).status;
  return status ? `HTTP ${status}` : err instanceof Error ? err.message : String(err);
}

/**
 * Post a comment on an issue or PR exactly once: after a lost answer, a comment of ours with
 * exactly this body on that issue means it was applied.
 */
export async function postComment(
  gh: GitHubClient,
  o: { owner: string; repo: string; issue: number; body: string; log?: (message: string) => void },
): Promise<{ id: number; url: string }> {
  const repo = { owner: o.owner, repo: o.repo, issue_number: o.issue };
  const { item } = await createOnce({
    what: `a comment on #${o.issue}`,
    log: o.log,
    create: async () => {
      const { data } = await gh.rest.issues.createComment({ ...repo, body: o.body });
      return { id: data.id, url: data.html_url };
    },
    lookup: async () => {
      const login = await tokenLogin(gh);
      const all = await gh.paginate(gh.rest.issues.listComments, { ...repo, per_page: 100 });
      const hit = all.find((c) => c.user?.login === login && c.body === o.body);
      return hit ? { id: hit.id, url: hit.html_url } : undefined;
    },
  });
  return item;
}
