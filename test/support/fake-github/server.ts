import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultPlan, SECONDARY_RATE_LIMIT_MESSAGE, type Fault } from './faults.js';
import { FakeRepo } from './repo-state.js';
import { routes, DEFAULT_LOGIN, HttpError, type RouteContext, type RouteResult } from './routes.js';

/** One request as the fake saw it, for counting API calls per publish. */
export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

export interface FakeGitHubOptions {
  /** Tokens whose writes are refused with 403 (a fork PR's read-only GITHUB_TOKEN). */
  readOnlyTokens?: string[];
  /** Largest page size served, to force pagination in tests. */
  maxPerPage?: number;
  /** Token → login it acts as (a PAT's user); others act as `github-actions[bot]`. */
  users?: Record<string, string>;
}

/**
 * A local, stateful stand-in for the GitHub REST API, speaking exactly the endpoints opsgate
 * calls (issues, issue comments, labels, git refs/commits/trees/blobs, code-scanning SARIF).
 * Reached through Octokit's `baseUrl`; loopback only. Faults can be injected per request.
 */
export class FakeGitHub {
  readonly repos = new Map<string, FakeRepo>();
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultPlan();
  url = '';
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private nextId = 1;

  constructor(readonly options: FakeGitHubOptions = {}) {}

  repo(fullName = 'acme/shop'): FakeRepo {
    let r = this.repos.get(fullName);
    if (!r) this.repos.set(fullName, (r = new FakeRepo(fullName)));
    return r;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      s.setNoDelay(true);
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Stop listening: every later call fails with ECONNREFUSED ("GitHub is down"). */
  async stop(): Promise<void> {
    if (!this.server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** The next `times` matching requests answer 502 Bad Gateway. */
  failWith502(times: number, match?: RegExp): void {
    this.faults.add({ status: 502, times, match, message: 'Server Error' });
  }

  /** The next `times` matching requests hit the secondary rate limit (403 or 429 + retry-after). */
  secondaryRateLimit(times: number, retryAfter = 1, status: 403 | 429 = 403, match?: RegExp): void {
    this.faults.add({ status, times, retryAfter, match, message: SECONDARY_RATE_LIMIT_MESSAGE });
  }

  /** The next `times` matching requests are carried out, then answered 502 (an ambiguous create). */
  applyThen502(times: number, match?: RegExp): void {
    this.faults.add({ status: 502, times, match, apply: true, message: 'Server Error' });
  }

  /** The next `times` matching requests answer `status` (422 validation, 404 gone) and change nothing. */
  failWith(status: number, times: number, match?: RegExp, message?: string): void {
    this.faults.add({ status, times, match, message: message ?? `injected ${status}` });
  }

  inject(fault: Fault): void {
    this.faults.add(fault);
  }

  /** Number of requests since `since` (an index into `requests`), optionally of one method. */
  countSince(since: number, method?: string): number {
    return this.requests.slice(since).filter((r) => !method || r.method === method).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const record = (status: number): void => {
      this.requests.push({ method, path: url.pathname, status });
    };
    try {
      const body = await readBody(req);
      const fault = this.faults.take(`${method} ${url.pathname}`);
      fault?.onHit?.();
      if (fault?.apply) this.route(req, url, method, body);
      if (fault) {
        record(fault.status);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        res.writeHead(fault.status, headers).end(JSON.stringify({ message: fault.message ?? 'fault' }));
        return;
      }
      const out = this.route(req, url, method, body);
      record(out.status);
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(out.status === 204 ? undefined : JSON.stringify(out.body));
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      record(status);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: err instanceof Error ? err.message : String(err) }));
    }
  }

  /** Authenticate and carry out one request; throws HttpError for GitHub's error answers. */
  private route(req: IncomingMessage, url: URL, method: string, body: string): RouteResult {
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new HttpError(401, 'Requires authentication');
    const readOnly = this.options.readOnlyTokens?.includes(token) ?? false;
    if (readOnly && method !== 'GET') throw new HttpError(403, 'Resource not accessible by integration');
    for (const route of routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      const ctx: RouteContext = {
        login: this.options.users?.[token] ?? DEFAULT_LOGIN,
        repo: this.repo(m.groups?.owner ? `${m.groups.owner}/${m.groups.repo}` : '_/_'),
        params: m.groups ?? {},
        query: url.searchParams,
        body: body ? (JSON.parse(body) as Record<string, unknown>) : {},
        baseUrl: this.url,
        nextId: () => this.nextId++,
        maxPerPage: this.options.maxPerPage ?? 100,
      };
      return route.handle(ctx);
    }
    throw new HttpError(404, `Not Found: ${method} ${url.pathname}`);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Start a fake GitHub on a free loopback port. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  return new FakeGitHub(options).start();
}
