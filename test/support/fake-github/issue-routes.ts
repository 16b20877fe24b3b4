import { gunzipSync } from 'node:zlib';
import type { FakeComment, FakeIssue } from './repo-state.js';
import { DEFAULT_LOGIN, HttpError, paginate, repoPath, type Route, type RouteContext } from './routes.js';

/** Issues, issue comments (PR comments are issue comments), labels and code-scanning SARIF. */
export const issueRoutes: Route[] = [
  {
    method: 'GET',
    pattern: repoPath('/issues'),
    handle: (ctx) => {
      const state = ctx.query.get('state') ?? 'open';
      const labels = (ctx.query.get('labels') ?? '').split(',').filter(Boolean);
      const items = ctx.repo.issues
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => labels.every((l) => i.labels.includes(l)))
        .filter((i) => !ctx.query.get('creator') || (i.author ?? DEFAULT_LOGIN) === ctx.query.get('creator'))
        .sort((a, b) => b.number - a.number)
        .map((i) => issueJson(ctx, i));
      return paginate(ctx, `/repos/${ctx.repo.fullName}/issues`, items);
    },
  },
  {
    method: 'POST',
    pattern: repoPath('/issues'),
    handle: (ctx) => {
      const title = ctx.body.title;
      if (typeof title !== 'string' || !title) throw new HttpError(422, 'Validation Failed: title');
      const labels = (ctx.body.labels as string[] | undefined) ?? [];
      for (const name of labels) ensureLabel(ctx, name);
      const now = new Date().toISOString();
      const issue: FakeIssue = {
        id: ctx.nextId(),
        number: ctx.repo.issues.length + 1,
        title,
        body: (ctx.body.body as string | undefined) ?? null,
        state: 'open',
        state_reason: null,
        labels,
        created_at: now,
        updated_at: now,
        closed_at: null,
        author: ctx.login,
      };
      ctx.repo.issues.push(issue);
      return { status: 201, body: issueJson(ctx, issue) };
    },
  },
  {
    method: 'GET',
    pattern: repoPath('/issues/(?<number>\\d+)'),
    handle: (ctx) => ({ status: 200, body: issueJson(ctx, findIssue(ctx)) }),
  },
  {
    method: 'PATCH',
    pattern: repoPath('/issues/(?<number>\\d+)'),
    handle: (ctx) => {
      const issue = findIssue(ctx);
      const b = ctx.body;
      if (typeof b.title === 'string') issue.title = b.title;
      if (typeof b.body === 'string') issue.body = b.body;
      if (b.state === 'open' || b.state === 'closed') {
        if (b.state !== issue.state) issue.closed_at = b.state === 'closed' ? new Date().toISOString() : null;
        issue.state = b.state;
        issue.state_reason =
          b.state === 'closed' ? ((b.state_reason as string | undefined) ?? 'completed') : 'reopened';
      }
      if (Array.isArray(b.labels)) issue.labels = b.labels as string[];
      issue.updated_at = new Date().toISOString();
      return { status: 200, body: issueJson(ctx, issue) };
    },
  },
  {
    method: 'GET',
    pattern: repoPath('/issues/(?<number>\\d+)/comments'),
    handle: (ctx) => {
      const issue = findIssue(ctx);
      const items = ctx.repo.commentsOn(issue.number).map((c) => commentJson(ctx, c));
      return paginate(ctx, `/repos/${ctx.repo.fullName}/issues/${issue.number}/comments`, items);
    },
  },
  {
    method: 'POST',
    pattern: repoPath('/issues/(?<number>\\d+)/comments'),
    handle: (ctx) => {
      const issue = findIssue(ctx);
      const body = String(ctx.body.body ?? '');
      if (body.length > 65536)
        throw new HttpError(422, 'Validation Failed: body is too long (maximum is 65536 characters)');
      const now = new Date().toISOString();
      const c: FakeComment = {
        id: ctx.nextId(),
        issue: issue.number,
        body,
        created_at: now,
        updated_at: now,
        author: ctx.login,
      };
      ctx.repo.comments.push(c);
      return { status: 201, body: commentJson(ctx, c) };
    },
  },
  {
    method: 'PATCH',
    pattern: repoPath('/issues/comments/(?<id>\\d+)'),
    handle: (ctx) => {
      const c = ctx.repo.comments.find((x) => x.id === Number(ctx.params.id));
      if (!c) throw new HttpError(404, 'Not Found');
      if ((c.author ?? DEFAULT_LOGIN) !== ctx.login)
        throw new HttpError(403, 'Must have admin rights to edit');
      const body = String(ctx.body.body ?? '');
      if (body.length > 65536)
        throw new HttpError(422, 'Validation Failed: body is too long (maximum is 65536 characters)');
      c.body = body;
      c.updated_at = new Date().toISOString();
      return { status: 200, body: commentJson(ctx, c) };
    },
  },
  {
    method: 'DELETE',
    pattern: repoPath('/issues/comments/(?<id>\\d+)'),
    handle: (ctx) => {
      const at = ctx.repo.comments.findIndex((x) => x.id === Number(ctx.params.id));
      if (at < 0) throw new HttpError(404, 'Not Found');
      if ((ctx.repo.comments[at]!.author ?? DEFAULT_LOGIN) !== ctx.login)
        throw new HttpError(403, 'Must have admin rights to delete');
      ctx.repo.comments.splice(at, 1);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: repoPath('/issues/(?<number>\\d+)/labels'),
    handle: (ctx) => {
      const issue = findIssue(ctx);
      for (const name of (ctx.body.labels as string[] | undefined) ?? []) {
        ensureLabel(ctx, name);
        if (!issue.labels.includes(name)) issue.labels.push(name);
      }
      return { status: 200, body: issue.labels.map((name) => ctx.repo.labels.get(name)) };
    },
  },
  {
    method: 'GET',
    pattern: repoPath('/pulls/(?<number>\\d+)'),
    handle: (ctx) => {
      const pr = findIssue(ctx);
      if (!pr.pull_request) throw new HttpError(404, 'Not Found');
      return {
        status: 200,
        body: {
          number: pr.number,
          title: pr.title,
          state: pr.state,
          head: { sha: pr.head_sha },
          base: { sha: pr.base_sha },
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: repoPath('/labels/(?<name>[^/]+)'),
    handle: (ctx) => {
      const label = ctx.repo.labels.get(decodeURIComponent(ctx.params.name!));
      if (!label) throw new HttpError(404, 'Not Found');
      return { status: 200, body: label };
    },
  },
  {
    // As on GitHub: deleting a label takes it off every issue too.
    method: 'DELETE',
    pattern: repoPath('/labels/(?<name>[^/]+)'),
    handle: (ctx) => {
      const name = decodeURIComponent(ctx.params.name!);
      if (!ctx.repo.labels.delete(name)) throw new HttpError(404, 'Not Found');
      for (const i of ctx.repo.issues) i.labels = i.labels.filter((l) => l !== name);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: repoPath('/labels'),
    handle: (ctx) => {
      const name = String(ctx.body.name ?? '');
      if (ctx.repo.labels.has(name)) throw new HttpError(422, 'Validation Failed: already_exists');
      ensureLabel(ctx, name, ctx.body.color as string, ctx.body.description as string);
      return { status: 201, body: ctx.repo.labels.get(name) };
    },
  },
  {
    method: 'POST',
    pattern: repoPath('/code-scanning/sarifs'),
    handle: (ctx) => {
      if (!ctx.repo.codeScanningEnabled)
        throw new HttpError(
          403,
          'Advanced Security must be enabled for this repository to use code scanning.',
        );
      const { commit_sha, ref, sarif, tool_name } = ctx.body as Record<string, string | undefined>;
      if (!/^[0-9a-f]{40}$/.test(commit_sha ?? '') || !ref?.startsWith('refs/') || !sarif)
        throw new HttpError(422, 'Validation Failed: commit_sha, ref and sarif are required');
      const doc = JSON.parse(gunzipSync(Buffer.from(sarif, 'base64')).toString('utf8')) as unknown;
      const id = `sarif-${ctx.nextId()}`;
      ctx.repo.sarifs.push({ id, commit_sha: commit_sha!, ref, tool_name, sarif: doc });
      return {
        status: 202,
        body: { id, url: `${ctx.baseUrl}/repos/${ctx.repo.fullName}/code-scanning/sarifs/${id}` },
      };
    },
  },
];

function ensureLabel(ctx: RouteContext, name: string, color = 'ededed', description?: string): void {
  if (ctx.repo.labels.has(name)) return;
  ctx.repo.labels.set(name, { id: ctx.nextId(), name, color, description: description ?? null });
}

function findIssue(ctx: RouteContext): FakeIssue {
  const issue = ctx.repo.issues.find((i) => i.number === Number(ctx.params.number));
  if (!issue) throw new HttpError(404, 'Not Found');
  return issue;
}

function issueJson(ctx: RouteContext, i: FakeIssue): Record<string, unknown> {
  const rest: Partial<FakeIssue> = { ...i };
  delete rest.head_sha;
  delete rest.base_sha;
  delete rest.author;
  return {
    ...rest,
    user: { login: i.author ?? DEFAULT_LOGIN },
    labels: i.labels.map((name) => ctx.repo.labels.get(name) ?? { name }),
    html_url: `${ctx.baseUrl}/${ctx.repo.fullName}/${i.pull_request ? 'pull' : 'issues'}/${i.number}`,
    comments: ctx.repo.commentsOn(i.number).length,
  };
}

function commentJson(ctx: RouteContext, c: FakeComment): Record<string, unknown> {
  return {
    id: c.id,
    body: c.body,
    created_at: c.created_at,
    updated_at: c.updated_at,
    user: { login: c.author ?? DEFAULT_LOGIN, type: c.author && c.author !== DEFAULT_LOGIN ? 'User' : 'Bot' },
    html_url: `${ctx.baseUrl}/${ctx.repo.fullName}/issues/${c.issue}#issuecomment-${c.id}`,
  };
}
