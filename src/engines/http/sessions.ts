import type { IdentityConfig } from '../../core/config/sections/identities.js';
import type { TargetConfig } from '../../core/config/sections/target.js';
import { ConfigError, EngineError } from '../../core/errors.js';
import { registerSecret } from '../../core/secrets.js';
import { httpRequest, type HttpResponse } from './http-client.js';
import { authorizeRequest, isDestructiveMethod, targetUrl } from './request-policy.js';
import { readJsonPath } from './json-path.js';
import { SessionCache } from './session-cache.js';

/** What a logged-in identity attaches to each request. */
export interface Session {
  headers: Record<string, string>;
  /** Cookie jar for cookie sessions (name → value). */
  cookies: Map<string, string>;
  loggedInAt: number;
  /** The login response's JSON, for values captured at login (`identities.*.capture`). */
  loginJson?: unknown;
}

export interface ProbeRequest {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Instead of target.timeout-ms (e.g. a metrics scrape that must not outlast its interval). */
  timeoutMs?: number;
  /** Stop reading the body past this many bytes (see HttpRequest.maxBodyBytes). */
  maxBodyBytes?: number;
}

/** Thrown when an identity cannot log in: reported as a reason ("login failed"), not a crash. */
export class LoginFailedError extends EngineError {
  constructor(
    readonly identity: string,
    readonly status: number,
    readonly why: string,
  ) {
    super('login', `identity "${identity}" could not log in: ${why}`);
  }
}

/**
 * Logs identities in on first use and keeps their sessions in the run's {@link SessionCache}:
 * one login per identity and run, one re-login after a 401 on a token that had worked, and a
 * failed login is final for the run. Captured tokens are registered as secrets immediately.
 */
export class TargetClient {
  /** Login requests this client sent (shared cache: logins other checks sent are not counted). */
  loginCount = 0;

  constructor(
    readonly target: TargetConfig,
    readonly identities: Record<string, IdentityConfig>,
    readonly sessions: SessionCache = new SessionCache(),
    /** The run's abort signal, passed to every request. */
    readonly signal?: AbortSignal,
  ) {}

  /** The URL of a path on the target, after the request policy's path and host rules. */
  url(path: string): string {
    return targetUrl(this.target, path);
  }

  identity(name: string): IdentityConfig {
    const id =
      this.identities[name] ??
      (name === 'anonymous' ? ({ kind: 'anonymous', 'target-headers': true } as const) : undefined);
    if (!id) throw new ConfigError(`identity "${name}" is not defined under identities`);
    return id;
  }

  /** Headers (auth, cookies, target and identity extras) for one identity. */
  async session(name: string): Promise<Session> {
    this.identity(name);
    return this.sessions.session(this.keyOf(name), name, () => this.login(name));
  }

  /** Why the identity could not log in during this run, if it could not. */
  loginFailure(name: string): LoginFailedError | undefined {
    return this.sessions.failureOf(this.keyOf(name));
  }

  /**
   * Send a request as an identity. A 401 on a login-based token that had worked gets one
   * re-login and retry per run (expiry); any other 401 is the answer.
   */
  async send(
    identityName: string,
    req: ProbeRequest,
    opts: { retryOn401?: boolean; cleanup?: boolean } = {},
  ): Promise<HttpResponse> {
    const used = await this.session(identityName);
    const res = await this.sendWith(used, req, opts.cleanup, identityName);
    if (res.status !== 401) {
      this.sessions.markWorked(used);
      return res;
    }
    const kind = this.identity(identityName).kind;
    if (opts.retryOn401 === false || (kind !== 'json-login' && kind !== 'cookie-session')) return res;
    const retry = await this.sessions.afterUnauthorized(this.keyOf(identityName), used, () =>
      this.login(identityName),
    );
    if (!retry) return res;
    const again = await this.sendWith(retry, req, opts.cleanup, identityName);
    if (again.status !== 401) this.sessions.markWorked(retry);
    return again;
  }

  /**
   * For engines that send with a session's headers themselves: `used` had worked and was then
   * answered 401. Returns the session to continue with, or undefined when the run's one
   * re-login is spent.
   */
  async afterExpiry(name: string, used: Session): Promise<Session | undefined> {
    this.sessions.markWorked(used);
    return this.sessions.afterUnauthorized(this.keyOf(name), used, () => this.login(name));
  }

  /** Sessions are per target origin and identity name. */
  private keyOf(name: string): string {
    return `${new URL(this.target['base-url']).origin}\0${name}`;
  }

  /**
   * An abort drops in-flight reads at once. Requests that change data run to their answer (a
   * create cut off mid-way could leave a record nobody knows the id of), and cleanups still go
   * out after an abort so an interrupted run leaves nothing behind; both then with a short timeout.
   */
  private async sendWith(
    s: Session,
    req: ProbeRequest,
    cleanup: boolean | undefined,
    identityName: string,
  ): Promise<HttpResponse> {
    const url = authorizeRequest(this.target, req);
    const mustFinish = cleanup || isDestructiveMethod(req.method);
    const timeout = req.timeoutMs ?? this.target['timeout-ms'];
    const headers = { ...s.headers, ...req.headers };
    if (s.cookies.size) headers.cookie = [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await httpRequest({
      method: req.method,
      url,
      headers,
      body: req.body,
      timeoutMs: mustFinish && this.signal?.aborted ? Math.min(timeout, 3_000) : timeout,
      signal: mustFinish ? undefined : this.signal,
      identity: identityName,
      maxBodyBytes: req.maxBodyBytes,
    });
    absorbCookies(s.cookies, res);
    return res;
  }

  private baseHeaders(id: IdentityConfig): Record<string, string> {
    return { ...(id['target-headers'] ? this.target.headers : {}), ...id.headers };
  }

  private async login(name: string): Promise<Session> {
    const id = this.identity(name);
    const s: Session = { headers: this.baseHeaders(id), cookies: new Map(), loggedInAt: Date.now() };
    switch (id.kind) {
      case 'anonymous':
        return s;
      case 'bearer':
        registerSecret(id.token);
        s.headers.authorization = `Bearer ${id.token}`;
        return s;
      case 'api-key':
        registerSecret(id.value);
        s.headers[id.header] = id.value;
        return s;
      case 'basic':
        registerSecret(id.password);
        s.headers.authorization = `Basic ${Buffer.from(`${id.username}:${id.password}`).toString('base64')}`;
        registerSecret(s.headers.authorization.slice(6));
        return s;
      case 'json-login':
      case 'cookie-session':
        return this.loginWithRequest(name, id, s);
    }
  }

  private async loginWithRequest(
    name: string,
    id: Extract<IdentityConfig, { kind: 'json-login' | 'cookie-session' }>,
    s: Session,
  ): Promise<Session> {
    this.loginCount++;
    let csrf: string | undefined;
    if (id.kind === 'cookie-session' && id.csrf?.['from-path']) {
      const pre = await httpRequest({
        method: 'GET',
        url: authorizeRequest(this.target, { method: 'GET', path: id.csrf['from-path'] }),
        headers: s.headers,
        timeoutMs: this.target['timeout-ms'],
        signal: this.signal,
        identity: name,
      });
      absorbCookies(s.cookies, pre);
      csrf = id.csrf['json-path'] ? String(readJsonPath(pre.json, id.csrf['json-path']) ?? '') : undefined;
    }
    const url = authorizeRequest(this.target, id.login, { login: true });
    const headers: Record<string, string> = { ...s.headers, ...id.login.headers };
    let body: unknown = id.login.body;
    if (id.login.form) {
      const form = { ...id.login.form };
      if (csrf && id.kind === 'cookie-session' && id.csrf?.['login-field'])
        form[id.csrf['login-field']] = csrf;
      body = new URLSearchParams(form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    if (csrf && id.kind === 'cookie-session' && id.csrf) headers[id.csrf.header] = csrf;
    if (s.cookies.size) headers.cookie = [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await httpRequest({
      method: id.login.method,
      url,
      headers,
      body,
      timeoutMs: this.target['timeout-ms'],
      signal: this.signal,
      identity: name,
    });
    if (res.status < 200 || res.status >= 300)
      throw new LoginFailedError(name, res.status, `login answered ${res.status || 'timeout'}`);
    absorbCookies(s.cookies, res);
    s.loginJson = res.json;
    for (const v of s.cookies.values()) registerSecret(v);
    if (id.kind === 'json-login') {
      const token = readJsonPath(res.json, id['token-path']);
      if (typeof token !== 'string' || !token) {
        throw new LoginFailedError(name, res.status, `no token at ${id['token-path']} in the login response`);
      }
      registerSecret(token);
      s.headers[id['token-header']] = id['token-scheme'] ? `${id['token-scheme']} ${token}` : token;
      return s;
    }
    if (id.csrf) {
      const fromCookie = id.csrf.cookie ? s.cookies.get(id.csrf.cookie) : undefined;
      const token = fromCookie ?? csrf;
      if (token) {
        registerSecret(token);
        s.headers[id.csrf.header] = token;
      }
    }
    return s;
  }
}

function absorbCookies(jar: Map<string, string>, res: HttpResponse): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    if (eq > 0) jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}
