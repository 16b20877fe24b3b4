import type { IdentityConfig } from '../../core/config/sections/identities.js';
import type { TargetConfig } from '../../core/config/sections/target.js';
import { ConfigError, EngineError } from '../../core/errors.js';
import { registerSecret } from '../../core/secrets.js';
import { httpRequest, type HttpResponse } from './http-client.js';
import { assertAllowedHost } from './host-policy.js';
import { readJsonPath } from './json-path.js';

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
}

/** Thrown when an identity cannot log in: reported as a reason ("login failed"), not a crash. */
export class LoginFailedError extends EngineError {
  constructor(
    readonly identity: string,
    readonly status: number,
    why: string,
  ) {
    super('login', `identity "${identity}" could not log in: ${why}`);
  }
}

/**
 * Logs identities in on first use and keeps their sessions; re-logs in once when a request
 * answers 401 (token expired). Captured tokens are registered as secrets immediately.
 */
export class TargetClient {
  private readonly sessions = new Map<string, Promise<Session>>();
  loginCount = 0;

  constructor(
    readonly target: TargetConfig,
    readonly identities: Record<string, IdentityConfig>,
  ) {}

  url(path: string): string {
    return new URL(path, this.target['base-url']).toString();
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
    let s = this.sessions.get(name);
    if (!s) {
      s = this.login(name);
      this.sessions.set(name, s);
      s.catch(() => this.sessions.delete(name));
    }
    return s;
  }

  forget(name: string): void {
    this.sessions.delete(name);
  }

  /** Send a request as an identity; one re-login and retry on 401 for login-based identities. */
  async send(
    identityName: string,
    req: ProbeRequest,
    opts: { retryOn401?: boolean } = {},
  ): Promise<HttpResponse> {
    const res = await this.sendOnce(identityName, req);
    const kind = this.identity(identityName).kind;
    if (
      res.status === 401 &&
      opts.retryOn401 !== false &&
      (kind === 'json-login' || kind === 'cookie-session')
    ) {
      this.forget(identityName);
      return this.sendOnce(identityName, req);
    }
    return res;
  }

  private async sendOnce(identityName: string, req: ProbeRequest): Promise<HttpResponse> {
    const s = await this.session(identityName);
    const url = this.url(req.path);
    assertAllowedHost(this.target, url);
    const headers = { ...s.headers, ...req.headers };
    if (s.cookies.size) headers.cookie = [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await httpRequest({
      method: req.method,
      url,
      headers,
      body: req.body,
      timeoutMs: this.target['timeout-ms'],
      identity: identityName,
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
        url: this.url(id.csrf['from-path']),
        headers: s.headers,
        timeoutMs: this.target['timeout-ms'],
        identity: name,
      });
      absorbCookies(s.cookies, pre);
      csrf = id.csrf['json-path'] ? String(readJsonPath(pre.json, id.csrf['json-path']) ?? '') : undefined;
    }
    const url = this.url(id.login.path);
    assertAllowedHost(this.target, url);
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
