import { createHash } from 'node:crypto';
import type { OpsgateConfig } from '../core/config/schema.js';
import type { Evidence } from '../core/evidence/model.js';
import type { GateResult } from '../core/gate/gate.js';
import { redact } from '../core/secrets.js';
import { renderBaseComparison } from './base-comparison.js';
import type { GitHubContext } from './context.js';
import type { GitHubEvidenceStore } from './evidence-store.js';
import type { GitHubClient } from './octokit.js';
import { UNVERIFIED_BANNER } from './trust.js';
import {
  findStickyComment,
  fitComment,
  foldDuplicateComments,
  upsertStickyComment,
  type StickyCommentAction,
} from './pr-comment.js';

export interface CommentOutcome {
  action: StickyCommentAction;
  url: string;
  /** Whether stored evidence of the PR base was found and compared. */
  comparedWithBase: boolean;
}

/**
 * Post the report as the PR's sticky comment, with a comparison against the PR base's stored
 * evidence. The comment carries a digest of what it shows (report, base records, run): when the
 * digest matches, nothing — not even the base records — is fetched again.
 */
export async function publishComment(
  gh: GitHubClient,
  o: {
    context: GitHubContext & { pullNumber: number };
    key: string;
    report: string;
    gate: GateResult;
    config?: Pick<OpsgateConfig, 'gate'>;
    store?: GitHubEvidenceStore;
    /** Untrusted (fork) evidence: the comment says so at the top. */
    unverified?: boolean;
  },
): Promise<CommentOutcome> {
  const { context: ctx } = o;
  const target = { owner: ctx.owner, repo: ctx.repo, issueNumber: ctx.pullNumber, key: o.key };
  const existing = await findStickyComment(gh, target);
  const baseKeys: Record<string, string | undefined> = {};
  if (ctx.baseSha && o.store)
    for (const c of o.gate.checks)
      baseKeys[c.check] = (await o.store.keys(c.check, { commit: ctx.baseSha }))[0];
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        o.unverified ? 'unverified' : '',
        o.report,
        ctx.baseSha ?? '',
        baseKeys,
        ctx.runUrl ?? '',
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  const digestMarker = `<!-- opsgate:digest:${digest} -->`;
  const found = Object.values(baseKeys).some(Boolean);
  if (existing?.body.includes(digestMarker)) {
    await foldDuplicateComments(gh, target, existing);
    return { action: 'unchanged', url: existing.url, comparedWithBase: found };
  }

  let comparison = '';
  if (ctx.baseSha && o.store && found) {
    const base: Evidence[] = [];
    for (const c of o.gate.checks) {
      const hit = (await o.store.list(c.check, { commit: ctx.baseSha, limit: 1 }))[0];
      if (hit) base.push(hit.evidence);
    }
    comparison = renderBaseComparison(o.gate, { sha: ctx.baseSha, evidence: base }, o.config);
  } else if (ctx.baseSha) {
    comparison = `### Compared with the base (\`${ctx.baseSha.slice(0, 7)}\`)\n\nNo stored evidence for the base commit yet${o.store ? ` (${o.store.description})` : ''}.\n`;
  }
  const footer = ctx.runUrl
    ? `\n---\n[Run](${ctx.runUrl}) · evidence and report.md are in the run's artifacts.\n`
    : '';
  const artifactsUrl = ctx.runUrl ? `${ctx.runUrl}#artifacts` : undefined;
  const content = fitComment(
    redact(
      [digestMarker, o.unverified ? UNVERIFIED_BANNER : '', o.report, comparison, footer]
        .filter(Boolean)
        .join('\n'),
    ),
    o.key,
    artifactsUrl,
  );
  const res = await upsertStickyComment(gh, target, content, existing ?? null);
  return { action: res.action, url: res.url, comparedWithBase: found };
}
