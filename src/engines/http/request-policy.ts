/**
 * The request policy: the one module that decides where opsgate may send a request and with which
 * method. Every engine takes its URLs from here — the probe client, the abuse and login requests,
 * the embedded load engine, the load plan the generated k6 script is built from, the DAST scope
 * and api-scan target override, the wapiti scope proxy and the OpenAPI fetches.
 *
 * - Paths are origin-relative (`originPathProblem`); the resolved URL must keep the target's
 *   origin, so credentials, which are attached only to these URLs, reach the target origin only.
 * - The resolved host must be allow-listed (`target.allow-hosts`, default: base-url's host).
 * - Methods that change data (POST/PUT/PATCH/DELETE) need `allow-destructive: true` AND the host
 *   listed explicitly in `allow-hosts`, for every check. Logins are the exception: they are how a
 *   session is obtained, not a change to the target's data.
 * - Redirects are never followed by any engine: a 3xx is the recorded answer.
 */
import type { TargetConfig } from '../../core/config/sections/target.js';
import { originPathProblem } from '../../core/config/origin-path.js';
import { ConfigError, EngineError } from '../../core/errors.js';

export const DESTRUCTIVE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isDestructiveMethod(method: string): boolean {
  return DESTRUCTIVE_METHODS.has(method.toUpperCase());
}

/** A request the policy refused at run time (e.g. a path built from a value the target returned). */
export class RequestRefusedError extends EngineError {
  constructor(message: string) {
    super('request policy', message);
    this.name = 'RequestRefusedError';
  }
}

const bare = (h: string): string => h.replace(/^\[|\]$/g, '').toLowerCase();

/** Hosts traffic may go to: `target.allow-hosts`, or the base URL's own host. */
export function allowedHosts(target: TargetConfig): string[] {
  return target['allow-hosts'] ?? [new URL(target['base-url']).hostname];
}

export function isAllowedHost(target: TargetConfig, url: string): boolean {
  const host = bare(new URL(url).hostname);
  return allowedHosts(target).some((h) => bare(h) === host);
}

/** Refuse before sending anything to a host the config did not allow. */
export function assertAllowedHost(target: TargetConfig, url: string): void {
  if (!isAllowedHost(target, url)) {
    throw new ConfigError(
      `target.allow-hosts: ${new URL(url).hostname} is not allow-listed (${allowedHosts(target).join(', ')})`,
    );
  }
}

/** The host named explicitly in `allow-hosts` (the default list does not count for data changes). */
function hostListedExplicitly(target: TargetConfig): boolean {
  const host = bare(new URL(target['base-url']).hostname);
  return (target['allow-hosts'] ?? []).some((h) => bare(h) === host);
}

/** Destructive probes need both the switch and the host listed explicitly in allow-hosts. */
export function destructiveAllowed(target: TargetConfig): { allowed: boolean; reason?: string } {
  const host = new URL(target['base-url']).hostname;
  if (!target['allow-destructive'])
    return {
      allowed: false,
      reason: `target.allow-destructive is false${hostListedExplicitly(target) ? '' : ` and ${host} is not in target.allow-hosts`}`,
    };
  if (!hostListedExplicitly(target))
    return { allowed: false, reason: `target host ${host} is not in target.allow-hosts` };
  return { allowed: true };
}

/** Whether this method may be sent to the target at all. */
export function methodAllowed(target: TargetConfig, method: string): { allowed: boolean; reason?: string } {
  return isDestructiveMethod(method) ? destructiveAllowed(target) : { allowed: true };
}

/**
 * A configured request with a data-changing method is a configuration error unless destructive
 * requests are allowed: exit 2 naming the key and both target keys, before anything is sent.
 */
export function assertMethodAllowed(target: TargetConfig, method: string, configPath: string): void {
  const m = methodAllowed(target, method);
  if (!m.allowed)
    throw new ConfigError([
      {
        path: configPath,
        message: `${method.toUpperCase()} changes data: it needs target.allow-destructive: true and the host in target.allow-hosts (${m.reason})`,
      },
    ]);
}

/** Join an origin-relative path onto a base URL; refuses anything that would leave the base origin. */
export function joinOriginPath(baseUrl: string, path: string): string {
  const problem = originPathProblem(path);
  if (problem) throw new RequestRefusedError(`refused path ${JSON.stringify(path)}: ${problem}`);
  const base = new URL(baseUrl);
  const url = new URL(path, base);
  if (url.origin !== base.origin)
    throw new RequestRefusedError(`refused path ${JSON.stringify(path)}: it resolves outside ${base.origin}`);
  return url.toString();
}

/**
 * The URL of a path on the target (or the base URL itself), after every rule: origin-relative,
 * same origin as base-url, host allow-listed.
 */
export function targetUrl(target: TargetConfig, path?: string): string {
  const url =
    path === undefined ? new URL(target['base-url']).toString() : joinOriginPath(target['base-url'], path);
  assertAllowedHost(target, url);
  return url;
}

/** What kind of request this is: logins may POST without allow-destructive; probes may not. */
export interface PolicyPurpose {
  login?: boolean;
}

/** Every rule for one request: returns the URL to send to, or throws before anything is sent. */
export function authorizeRequest(
  target: TargetConfig,
  req: { method: string; path?: string },
  purpose: PolicyPurpose = {},
): string {
  const url = targetUrl(target, req.path);
  if (!purpose.login) {
    const m = methodAllowed(target, req.method);
    if (!m.allowed) throw new RequestRefusedError(`${req.method} ${req.path ?? '/'} not sent: ${m.reason}`);
  }
  return url;
}

const loopback = new Set(['127.0.0.1', '::1', 'localhost']);

/** Load and abuse traffic is only generated against loopback or explicitly allow-listed hosts. */
export function isLoopback(url: string): boolean {
  const host = bare(new URL(url).hostname);
  return loopback.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}
