import type { FakeRepo } from './repo-state.js';
import { gitRoutes } from './git-routes.js';
import { issueRoutes } from './issue-routes.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RouteContext {
  repo: FakeRepo;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  baseUrl: string;
  nextId: () => number;
  maxPerPage: number;
  /** The account the request's token acts as. */
  login: string;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handle: (ctx: RouteContext) => RouteResult;
}

/** `/repos/{owner}/{repo}` + rest, as a named-group regex. */
export function repoPath(rest: string): RegExp {
  return new RegExp(`^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)${rest}$`);
}

/** GitHub pagination: `per_page` (max 100), `page`, and a `link` header with rel="next"/"last". */
export function paginate<T>(ctx: RouteContext, path: string, items: T[]): RouteResult {
  const perPage = Math.min(Number(ctx.query.get('per_page') ?? 30), ctx.maxPerPage);
  const page = Math.max(1, Number(ctx.query.get('page') ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string): string => {
    const q = new URLSearchParams(ctx.query);
    q.set('page', String(p));
    q.set('per_page', String(perPage));
    return `<${ctx.baseUrl}${path}?${q.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

const repoRoute: Route = {
  method: 'GET',
  pattern: repoPath(''),
  handle: (ctx) => ({
    status: 200,
    body: {
      full_name: `${ctx.params.owner}/${ctx.params.repo}`,
      default_branch: ctx.repo.defaultBranch,
    },
  }),
};

/** Who the token is; an installation token (GITHUB_TOKEN) gets 403 here, as on GitHub. */
const userRoute: Route = {
  method: 'GET',
  pattern: /^\/user$/,
  handle: (ctx) => {
    if (ctx.login === DEFAULT_LOGIN) throw new HttpError(403, 'Resource not accessible by integration');
    return { status: 200, body: { login: ctx.login, type: 'User' } };
  },
};

/** The login the fake's tokens act as unless `users` maps them to another. */
export const DEFAULT_LOGIN = 'github-actions[bot]';

export const routes: Route[] = [userRoute, repoRoute, ...issueRoutes, ...gitRoutes];
