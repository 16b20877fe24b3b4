/**
 * Turn the `load` config section into an engine-neutral plan, reporting every mistake at once.
 */
import { createHash } from 'node:crypto';
import type { OpsgateConfig } from '../../core/config/schema.js';
import { durationMs } from '../../core/config/sections/common.js';
import type { IdentityConfig } from '../../core/config/sections/identities.js';
import type { LoadConfig, LoadThresholds } from '../../core/config/sections/load.js';
import { ConfigError, type ConfigProblem } from '../../core/errors.js';
import { registerSecret } from '../../core/secrets.js';
import { allowedHosts, isLoopback, methodAllowed, targetUrl } from '../../engines/http/request-policy.js';
import type { LoadPlan, LoadScenario, PlannedIdentity, ScopeThresholds } from '../../engines/load-plan.js';
import { PROFILE_SCENARIOS } from './profiles.js';

export function loadConfigOf(config: OpsgateConfig): LoadConfig {
  if (!config.load)
    throw new ConfigError([{ path: 'load', message: 'no load section in the configuration' }]);
  return config.load;
}

function scenarioOf(cfg: LoadConfig): LoadScenario {
  const profile = PROFILE_SCENARIOS[cfg.profile];
  const plannedS = (s: LoadScenario): number =>
    s.kind === 'ramping'
      ? s.stages.reduce((a, st) => a + st.durationS, 0)
      : s.kind === 'constant'
        ? s.durationS
        : s.maxDurationS;
  if (cfg.iterations !== undefined) {
    const vus =
      cfg.vus ??
      (profile.kind === 'constant'
        ? profile.vus
        : Math.max(...(profile.kind === 'ramping' ? profile.stages.map((s) => s.target) : [1])));
    const maxDurationS =
      cfg.duration !== undefined ? durationMs(cfg.duration) / 1000 : Math.max(60, plannedS(profile));
    return { kind: 'iterations', vus, iterations: cfg.iterations, maxDurationS };
  }
  if (cfg.stages)
    return {
      kind: 'ramping',
      stages: cfg.stages.map((s) => ({ durationS: durationMs(s.duration) / 1000, target: s.target })),
    };
  if (cfg.vus !== undefined && cfg.duration !== undefined)
    return { kind: 'constant', vus: cfg.vus, durationS: durationMs(cfg.duration) / 1000 };
  return profile;
}

export function scopeThresholds(t: LoadThresholds | undefined): ScopeThresholds {
  return { p95: t?.p95, p99: t?.p99, errorRate: t?.['error-rate'], minRps: t?.['min-rps'] };
}

function identityOf(name: string, id: IdentityConfig, config: OpsgateConfig): PlannedIdentity {
  const headers: Record<string, string> = {
    ...(id['target-headers'] ? config.target.headers : {}),
    ...id.headers,
  };
  switch (id.kind) {
    case 'anonymous':
      return { name, kind: 'static', headers };
    case 'bearer':
      registerSecret(id.token);
      return { name, kind: 'static', headers: { ...headers, Authorization: `Bearer ${id.token}` } };
    case 'api-key':
      registerSecret(id.value);
      return { name, kind: 'static', headers: { ...headers, [id.header]: id.value } };
    case 'basic': {
      registerSecret(id.password);
      const encoded = Buffer.from(`${id.username}:${id.password}`).toString('base64');
      registerSecret(encoded);
      return { name, kind: 'static', headers: { ...headers, Authorization: `Basic ${encoded}` } };
    }
    case 'json-login':
    case 'cookie-session': {
      const form = id.login.form;
      const login = {
        method: id.login.method,
        path: id.login.path,
        body: form ?? id.login.body,
        bodyKind: form ? ('form' as const) : id.login.body === undefined ? undefined : ('json' as const),
        headers: id.login.headers ?? {},
      };
      if (id.kind === 'json-login')
        return {
          name,
          kind: 'json-login',
          headers,
          login,
          tokenPath: id['token-path'],
          tokenHeader: id['token-header'],
          tokenScheme: id['token-scheme'],
        };
      return {
        name,
        kind: 'cookie-session',
        headers,
        login,
        csrf: id.csrf
          ? {
              fromPath: id.csrf['from-path'],
              jsonPath: id.csrf['json-path'],
              cookie: id.csrf.cookie,
              header: id.csrf.header,
            }
          : undefined,
      };
    }
  }
}

/**
 * Build the plan; throws one ConfigError naming every problem. `traffic: false` (reading a
 * result file) sends nothing, so the load allow-list does not apply.
 */
export function planLoad(config: OpsgateConfig, opts: { traffic: boolean } = { traffic: true }): LoadPlan {
  const cfg = loadConfigOf(config);
  const problems: ConfigProblem[] = [];
  const base = config.target['base-url'];
  const host = new URL(base).hostname.replace(/^\[|\]$/g, '');
  if (
    opts.traffic &&
    !isLoopback(base) &&
    !(config.target['allow-hosts'] ?? []).some((h) => h.replace(/^\[|\]$/g, '') === host)
  )
    problems.push({
      path: 'target.allow-hosts',
      message: `load traffic goes only to loopback or hosts listed explicitly; add ${host} (allowed now: ${allowedHosts(config.target).join(', ')}) if this target may take load`,
    });
  const identities: Record<string, PlannedIdentity> = {};
  const endpoints = cfg.endpoints ?? [];
  endpoints.forEach((e, i) => {
    const id =
      config.identities[e.identity] ??
      (e.identity === 'anonymous' ? ({ kind: 'anonymous', 'target-headers': true } as const) : undefined);
    if (!id) {
      problems.push({
        path: `load.endpoints[${i}].identity`,
        message: `identity "${e.identity}" is not defined under identities`,
      });
      return;
    }
    identities[e.identity] ??= identityOf(e.identity, id, config);
    const m = methodAllowed(config.target, e.method);
    if (!m.allowed)
      problems.push({
        path: `load.endpoints[${i}].method`,
        message: `${e.method} changes data: it needs target.allow-destructive: true and the host in target.allow-hosts (${m.reason})`,
      });
    if (e.body !== undefined && ['GET', 'HEAD'].includes(e.method))
      problems.push({ path: `load.endpoints[${i}].body`, message: `${e.method} requests carry no body` });
  });
  if (problems.length) throw new ConfigError(problems);
  // Every URL either engine will send to passes the request policy here, before any traffic.
  for (const p of planPaths(cfg, identities)) targetUrl(config.target, p);
  return {
    baseUrl: base,
    profile: cfg.profile,
    endpoints: endpoints.map((e) => ({
      name: e.name,
      method: e.method,
      path: e.path,
      body: e.body === undefined ? undefined : JSON.stringify(e.body),
      headers: e.headers ?? {},
      identity: e.identity,
      weight: e.weight,
      tags: e.tags ?? {},
      expect: e.expect,
    })),
    identities,
    scenario: scenarioOf(cfg),
    thinkTimeS: durationMs(cfg['think-time']) / 1000,
    timeoutMs: cfg['timeout-ms'] ?? config.target['timeout-ms'],
    thresholds: {
      total: scopeThresholds(cfg.thresholds),
      endpoints: Object.fromEntries([
        ...Object.entries(cfg['endpoint-thresholds'] ?? {}).map(([n, t]) => [n, scopeThresholds(t)]),
        ...endpoints.map((e) => [e.name, scopeThresholds(e.thresholds)]),
      ]),
    },
  };
}

function planPaths(cfg: LoadConfig, identities: Record<string, PlannedIdentity>): string[] {
  const paths = (cfg.endpoints ?? []).map((e) => e.path);
  for (const id of Object.values(identities))
    if (id.kind !== 'static') {
      paths.push(id.login.path);
      if (id.kind === 'cookie-session' && id.csrf?.fromPath) paths.push(id.csrf.fromPath);
    }
  return paths;
}

/**
 * Identifies "the same test": endpoints and traffic shape. Only runs with the same key are
 * compared as baselines, so changing the profile does not produce a bogus regression.
 */
export function planKeyOf(plan: LoadPlan): string {
  const shape = {
    endpoints: plan.endpoints.map((e) => [e.name, e.method, e.path, e.weight]),
    scenario: plan.scenario,
    think: plan.thinkTimeS,
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
}
