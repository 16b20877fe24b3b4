import { createOnce } from './create-once.js';
import { isOwnBody, tokenLogin } from './identity.js';
import type { GitHubClient } from './octokit.js';

/** GitHub rejects issue and PR comments longer than this many characters. */
export const MAX_COMMENT_CHARS = 65_536;

export function commentMarker(key: string): string {
  return `<!-- opsgate:comment:${key} -->`;
}

export interface ExistingComment {
  id: number;
  body: string;
  url: string;
  /** Newer comments of ours carrying the same marker (a lost create answer): folded away. */
  duplicates?: number[];
}

export interface StickyCommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  key: string;
}

export type StickyCommentAction = 'created' | 'updated' | 'unchanged';

/**
 * The sticky comment of `key` on a PR: a comment our account wrote whose first line is the
 * marker (every page). A marker quoted elsewhere in a body, or by anyone else, is not ours.
 */
export async function findStickyComment(
  gh: GitHubClient,
  t: StickyCommentTarget,
): Promise<ExistingComment | undefined> {
  const marker = commentMarker(t.key);
  const comments = await gh.paginate(gh.rest.issues.listComments, {
    owner: t.owner,
    repo: t.repo,
    issue_number: t.issueNumber,
    per_page: 100,
  });
  const login = await tokenLogin(gh);
  const ours = comments.filter((c) => isOwnBody(c, marker, login)).sort((a, b) => a.id - b.id);
  const hit = ours[0];
  if (!hit) return undefined;
  return { id: hit.id, body: hit.body ?? '', url: hit.html_url, duplicates: ours.slice(1).map((c) => c.id) };
}

/**
 * Delete our own duplicate sticky comments, keeping the oldest (minimising is GraphQL-only).
 * Only ids `findStickyComment` returned, so only our account's marked comments, are touched.
 */
export async function foldDuplicateComments(
  gh: GitHubClient,
  t: StickyCommentTarget,
  found: ExistingComment | undefined,
): Promise<number> {
  let folded = 0;
  for (const id of found?.duplicates ?? []) {
    try {
      await gh.rest.issues.deleteComment({ owner: t.owner, repo: t.repo, comment_id: id });
      folded++;
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err; // already gone
    }
  }
  return folded;
}

/**
 * Create or edit the one comment carrying `key`'s marker. Never creates a second one; does not
 * touch the comment when its body is already exactly this.
 */
export async function upsertStickyComment(
  gh: GitHubClient,
  t: StickyCommentTarget,
  content: string,
  existing?: ExistingComment | null,
): Promise<{ action: StickyCommentAction; id: number; url: string; body: string }> {
  const body = `${commentMarker(t.key)}\n${content}`;
  if (body.length > MAX_COMMENT_CHARS)
    throw new Error(`comment body is ${body.length} characters; fit it with fitComment first`);
  const found = existing === undefined ? await findStickyComment(gh, t) : (existing ?? undefined);
  await foldDuplicateComments(gh, t, found);
  if (found && found.body === body) return { action: 'unchanged', id: found.id, url: found.url, body };
  if (found) {
    try {
      const { data } = await gh.rest.issues.updateComment({
        owner: t.owner,
        repo: t.repo,
        comment_id: found.id,
        body,
      });
      return { action: 'updated', id: data.id, url: data.html_url, body };
    } catch (err) {
      // Deleted between our read and the edit: the PR still gets its report, in a fresh comment.
      if ((err as { status?: number }).status !== 404) throw err;
    }
  }
  const { item } = await createOnce({
    what: `the ${t.key} comment on #${t.issueNumber}`,
    create: async () => {
      const { data } = await gh.rest.issues.createComment({
        owner: t.owner,
        repo: t.repo,
        issue_number: t.issueNumber,
        body,
      });
      return { id: data.id, url: data.html_url };
    },
    lookup: async () => findStickyComment(gh, t),
  });
  return { action: 'created', id: item.id, url: item.url, body };
}

/**
 * Keep a comment under GitHub's limit: cut at a line boundary, close an open `<details>` and say
 * where the full report is (the run's artifacts).
 */
export function fitComment(content: string, key: string, artifactsUrl?: string): string {
  const budget = MAX_COMMENT_CHARS - commentMarker(key).length - 1;
  if (content.length <= budget) return content;
  const where = artifactsUrl
    ? `the [run's artifacts](${artifactsUrl}) (report.md, evidence/*.json)`
    : "the run's artifacts (report.md, evidence/*.json)";
  const notice = (shown: number): string =>
    `\n\n> [!NOTE]\n> Report truncated to fit a GitHub comment (${shown.toLocaleString('en')} of ${content.length.toLocaleString('en')} characters shown). The full report is in ${where}.\n`;
  // Room for the notice and for closing up to three open <details> blocks.
  const room = budget - notice(content.length).length - 3 * '\n\n</details>'.length - 16;
  let cut = content.slice(0, room);
  const nl = cut.lastIndexOf('\n');
  if (nl > room / 2) cut = cut.slice(0, nl);
  const open = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  if (open > 0) cut += '\n\n</details>'.repeat(Math.min(open, 3));
  return cut + notice(cut.length);
}
