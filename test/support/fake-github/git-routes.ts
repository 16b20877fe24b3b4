import { listTree } from './git-objects.js';
import { HttpError, repoPath, type Route, type RouteContext } from './routes.js';

/** The git data API: refs, commits, trees (base_tree + inline content), blobs. */
export const gitRoutes: Route[] = [
  {
    method: 'GET',
    pattern: repoPath('/git/ref/(?<ref>.+)'),
    handle: (ctx) => {
      const ref = `refs/${decodeURIComponent(ctx.params.ref!)}`;
      const sha = ctx.repo.git.refs.get(ref);
      if (!sha) throw new HttpError(404, 'Not Found');
      return { status: 200, body: refJson(ctx, ref, sha) };
    },
  },
  {
    method: 'POST',
    pattern: repoPath('/git/refs'),
    handle: (ctx) => {
      const { ref, sha } = ctx.body as { ref?: string; sha?: string };
      if (!ref?.startsWith('refs/') || !sha) throw new HttpError(422, 'Validation Failed');
      if (ctx.repo.git.refs.has(ref)) throw new HttpError(422, 'Reference already exists');
      if (!ctx.repo.git.commits.has(sha)) throw new HttpError(422, 'Object does not exist');
      ctx.repo.git.refs.set(ref, sha);
      return { status: 201, body: refJson(ctx, ref, sha) };
    },
  },
  {
    method: 'PATCH',
    pattern: repoPath('/git/refs/(?<ref>.+)'),
    handle: (ctx) => {
      const ref = `refs/${decodeURIComponent(ctx.params.ref!)}`;
      const { sha, force } = ctx.body as { sha?: string; force?: boolean };
      const current = ctx.repo.git.refs.get(ref);
      if (!current) throw new HttpError(422, 'Reference does not exist');
      if (!sha || !ctx.repo.git.commits.has(sha)) throw new HttpError(422, 'Object does not exist');
      if (!force && !ctx.repo.git.isAncestor(current, sha))
        throw new HttpError(422, 'Update is not a fast forward');
      ctx.repo.git.refs.set(ref, sha);
      return { status: 200, body: refJson(ctx, ref, sha) };
    },
  },
  {
    method: 'GET',
    pattern: repoPath('/git/commits/(?<sha>[0-9a-f]{40})'),
    handle: (ctx) => {
      const c = ctx.repo.git.commits.get(ctx.params.sha!);
      if (!c) throw new HttpError(404, 'Not Found');
      return { status: 200, body: commitJson(c) };
    },
  },
  {
    method: 'POST',
    pattern: repoPath('/git/commits'),
    handle: (ctx) => {
      const { message, tree, parents } = ctx.body as { message?: string; tree?: string; parents?: string[] };
      if (!message || !tree || !ctx.repo.git.trees.has(tree))
        throw new HttpError(422, 'Validation Failed: tree');
      for (const p of parents ?? [])
        if (!ctx.repo.git.commits.has(p)) throw new HttpError(422, `Validation Failed: parent ${p}`);
      return { status: 201, body: commitJson(ctx.repo.git.putCommit(tree, parents ?? [], message)) };
    },
  },
  {
    method: 'GET',
    pattern: repoPath('/git/trees/(?<ish>[^/]+)'),
    handle: (ctx) => {
      const tree = ctx.repo.git.resolveTree(decodeURIComponent(ctx.params.ish!));
      if (!tree) throw new HttpError(404, 'Not Found');
      const recursive = ['1', 'true'].includes(ctx.query.get('recursive') ?? '');
      return {
        status: 200,
        body: {
          sha: tree.sha,
          tree: listTree(tree.entries, recursive, ctx.repo.git.blobs),
          truncated: false,
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: repoPath('/git/trees'),
    handle: (ctx) => {
      const { base_tree, tree } = ctx.body as {
        base_tree?: string;
        tree?: { path: string; mode: string; type: string; sha?: string | null; content?: string }[];
      };
      const base = base_tree ? ctx.repo.git.trees.get(base_tree) : new Map<string, string>();
      if (!base) throw new HttpError(422, 'Validation Failed: base_tree');
      const entries = new Map(base);
      for (const e of tree ?? []) {
        if (e.content !== undefined)
          entries.set(e.path, ctx.repo.git.putBlob(Buffer.from(e.content, 'utf8')));
        else if (e.sha === null) entries.delete(e.path);
        else if (e.sha && ctx.repo.git.blobs.has(e.sha)) entries.set(e.path, e.sha);
        else throw new HttpError(422, `Validation Failed: tree.sha ${e.sha} is not a valid blob`);
      }
      const sha = ctx.repo.git.putTree(entries);
      return {
        status: 201,
        body: { sha, tree: listTree(entries, false, ctx.repo.git.blobs), truncated: false },
      };
    },
  },
  {
    method: 'GET',
    pattern: repoPath('/git/blobs/(?<sha>[0-9a-f]{40})'),
    handle: (ctx) => {
      const blob = ctx.repo.git.blobs.get(ctx.params.sha!);
      if (!blob) throw new HttpError(404, 'Not Found');
      return {
        status: 200,
        body: {
          sha: ctx.params.sha,
          size: blob.length,
          encoding: 'base64',
          content: blob.toString('base64'),
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: repoPath('/git/blobs'),
    handle: (ctx) => {
      const { content, encoding } = ctx.body as { content?: string; encoding?: string };
      if (content === undefined) throw new HttpError(422, 'Validation Failed: content');
      const sha = ctx.repo.git.putBlob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
      return {
        status: 201,
        body: { sha, url: `${ctx.baseUrl}/repos/${ctx.repo.fullName}/git/blobs/${sha}` },
      };
    },
  },
];

function refJson(ctx: RouteContext, ref: string, sha: string): Record<string, unknown> {
  return {
    ref,
    object: { sha, type: 'commit', url: `${ctx.baseUrl}/repos/${ctx.repo.fullName}/git/commits/${sha}` },
  };
}

function commitJson(c: {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}): Record<string, unknown> {
  return {
    sha: c.sha,
    message: c.message,
    tree: { sha: c.tree },
    parents: c.parents.map((sha) => ({ sha })),
  };
}
