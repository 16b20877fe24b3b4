/**
 * Generate a self-contained k6 script from a load plan. The script is kept as an artifact and
 * re-runs with plain `k6 run script.js`: secrets are not in it, they are read from environment
 * variables (`OPSGATE_SECRET_<n>`, listed in the header with what each one is).
 */
import { redact } from '../../core/secrets.js';
import type { LoadPlan, LoadScenario, ScopeThresholds } from '../load-plan.js';
import { HOT_LOOP } from './script-hot-loop.js';

/** Trend stats in the summary; p(99) is not in k6's default set. */
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];

/** System tags kept on samples (k6's default set less url, proto, subproto, tls_version, error, service). */
export const K6_SYSTEM_TAGS = [
  'status',
  'method',
  'name',
  'group',
  'check',
  'error_code',
  'scenario',
  'expected_response',
];

export interface GeneratedScript {
  source: string;
  /** Environment the script needs: secret values by variable name (never written to disk). */
  env: Record<string, string>;
  /** Variable name → where the value belongs, for the header and the docs. */
  envDescriptions: Record<string, string>;
}

/** Replace every secret-looking string with `{ $env: NAME }` and collect the values. */
function extractSecrets(
  value: unknown,
  path: string,
  env: Record<string, string>,
  desc: Record<string, string>,
): unknown {
  if (typeof value === 'string') {
    if (value.length > 0 && redact(value) !== value) {
      const known = Object.entries(env).find(([, v]) => v === value)?.[0];
      if (known) {
        desc[known] += `, ${path}`;
        return { $env: known };
      }
      const name = `OPSGATE_SECRET_${Object.keys(env).length + 1}`;
      env[name] = value;
      desc[name] = path;
      return { $env: name };
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => extractSecrets(v, `${path}[${i}]`, env, desc));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = extractSecrets(v, path ? `${path}.${k}` : k, env, desc);
    return out;
  }
  return value;
}

function scenarioOptions(s: LoadScenario): Record<string, unknown> {
  switch (s.kind) {
    case 'constant':
      return { executor: 'constant-vus', vus: s.vus, duration: `${s.durationS}s`, gracefulStop: '5s' };
    case 'iterations':
      return {
        executor: 'shared-iterations',
        vus: s.vus,
        iterations: s.iterations,
        maxDuration: `${s.maxDurationS}s`,
        gracefulStop: '5s',
      };
    case 'ramping':
      return {
        executor: 'ramping-vus',
        startVUs: 0,
        stages: s.stages.map((st) => ({ duration: `${st.durationS}s`, target: st.target })),
        gracefulRampDown: '5s',
        gracefulStop: '5s',
      };
  }
}

function expressions(t: ScopeThresholds): { duration: string[]; errors: string[]; reqs: string[] } {
  const duration = ['max>=0'];
  if (t.p95 !== undefined) duration.push(`p(95)<${t.p95}`);
  if (t.p99 !== undefined) duration.push(`p(99)<${t.p99}`);
  const errors = t.errorRate !== undefined ? [`rate<=${t.errorRate}`] : ['rate>=0'];
  const reqs = t.minRps !== undefined ? [`rate>=${t.minRps}`] : ['count>=0'];
  return { duration, errors, reqs };
}

/**
 * k6 thresholds mirroring the config. Every endpoint gets at least a no-op threshold so its
 * tagged sub-metrics appear in the summary (k6 only reports sub-metrics that thresholds name).
 * Attempts are `http_reqs` plus `opsgate_unsent` (not sent: no session); failures are
 * `http_req_failed` plus the unsent ones. The unsent count has no threshold of its own: any of
 * them fails the error rate that opsgate computes.
 */
export function k6Thresholds(plan: LoadPlan): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const scopes: [string, ScopeThresholds][] = [
    ['kind:endpoint', plan.thresholds.total],
    ...plan.endpoints.map((e): [string, ScopeThresholds] => [
      `endpoint:${e.name}`,
      plan.thresholds.endpoints[e.name] ?? {},
    ]),
  ];
  for (const [tag, t] of scopes) {
    const x = expressions(t);
    out[`http_req_duration{${tag}}`] = x.duration;
    out[`http_req_failed{${tag}}`] = x.errors;
    out[`http_reqs{${tag}}`] = x.reqs;
    out[`opsgate_unsent{${tag}}`] = ['count>=0'];
  }
  return out;
}

export function generateK6Script(plan: LoadPlan, meta: { generatedAt?: string } = {}): GeneratedScript {
  const env: Record<string, string> = {};
  const envDescriptions: Record<string, string> = {};
  const data = extractSecrets(
    {
      baseUrl: plan.baseUrl,
      timeout: `${plan.timeoutMs}ms`,
      timeoutMs: plan.timeoutMs,
      thinkTime: plan.thinkTimeS,
      identities: plan.identities,
      endpoints: plan.endpoints,
    },
    '',
    env,
    envDescriptions,
  );
  const options = {
    scenarios: { opsgate: scenarioOptions(plan.scenario) },
    thresholds: k6Thresholds(plan),
    summaryTrendStats: SUMMARY_TREND_STATS,
    discardResponseBodies: true,
    // Only the tags opsgate or a reader of k6's own output uses: each one is work on every sample.
    systemTags: K6_SYSTEM_TAGS,
    // The request policy: a 3xx is the recorded answer; following it could carry credentials elsewhere.
    maxRedirects: 0,
  };
  const envLines = Object.entries(envDescriptions).map(([k, v]) => ` *   ${k}  ${v}`);
  const source = `/**
 * k6 load script generated by opsgate (profile: ${plan.profile}${meta.generatedAt ? `, ${meta.generatedAt}` : ''}).
 * Re-run it with plain k6:
 *   k6 run script.js            (OPSGATE_BASE_URL overrides the target, OPSGATE_SUMMARY the summary file)
 * Secrets are read from the environment; set these before running:
${envLines.length ? envLines.join('\n') : ' *   (none)'}
 */
import http from 'k6/http';
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const PLAN = resolveEnv(${JSON.stringify(data, null, 2)});
const BASE = __ENV.OPSGATE_BASE_URL || PLAN.baseUrl;

export const options = ${JSON.stringify(options, null, 2)};

/** Attempts that could not be sent because the identity has no session (its login failed). */
const unsent = new Counter('opsgate_unsent');

function resolveEnv(v) {
  if (Array.isArray(v)) return v.map(resolveEnv);
  if (v && typeof v === 'object') {
    if (typeof v.$env === 'string') {
      const value = __ENV[v.$env];
      if (value === undefined) throw new Error('environment variable ' + v.$env + ' is not set');
      return value;
    }
    const out = {};
    for (const k of Object.keys(v)) out[k] = resolveEnv(v[k]);
    return out;
  }
  return v;
}

const ROOT = BASE.replace(/\\/+$/, '');
function url(path) {
  return ROOT + path;
}

function jsonPath(obj, path) {
  let cur = obj;
  for (const part of path.replace(/^\\$\\.?/, '').split('.').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return cur;
}

function reasonOf(res) {
  if (res.error_code === 1050) return 'timeout';
  if (res.status === 0) return 'connection error';
  return 'status ' + res.status;
}

function login(name) {
  const id = PLAN.identities[name];
  if (!id) return { failed: 'unknown identity ' + name };
  if (id.kind === 'static') return { headers: id.headers };
  const tags = { endpoint: 'login:' + name, kind: 'login' };
  const headers = Object.assign({}, id.headers, id.login.headers);
  let csrf;
  if (id.csrf && id.csrf.fromPath) {
    const pre = http.get(url(id.csrf.fromPath), { headers: id.headers, tags, timeout: PLAN.timeout, responseType: 'text' });
    if (id.csrf.jsonPath) {
      try { csrf = jsonPath(pre.json(), id.csrf.jsonPath); } catch (e) { csrf = undefined; }
    }
  }
  if (csrf && id.csrf) headers[id.csrf.header] = csrf;
  let body = null;
  if (id.login.bodyKind === 'json') {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(id.login.body);
  } else if (id.login.bodyKind === 'form') body = id.login.body; // k6 url-encodes objects
  const res = http.request(id.login.method, url(id.login.path), body, {
    headers, tags, timeout: PLAN.timeout, responseType: 'text',
  });
  if (res.status < 200 || res.status >= 300) {
    return { failed: res.status === 0 ? 'login failed (' + reasonOf(res) + ')' : 'login failed (' + res.status + ')' };
  }
  const session = { headers: Object.assign({}, id.headers) };
  if (id.kind === 'json-login') {
    let token;
    try { token = jsonPath(res.json(), id.tokenPath || '$.token'); } catch (e) { token = undefined; }
    if (typeof token !== 'string' || !token) return { failed: 'token capture failed' };
    session.headers[id.tokenHeader || 'Authorization'] = id.tokenScheme ? id.tokenScheme + ' ' + token : token;
  } else if (id.csrf) {
    const jar = http.cookieJar().cookiesForURL(url('/'));
    const fromCookie = id.csrf.cookie && jar[id.csrf.cookie] ? jar[id.csrf.cookie][0] : undefined;
    const token = fromCookie || csrf;
    if (token) session.headers[id.csrf.header] = token;
  }
  if (id.kind === 'cookie-session') {
    // VUs have their own cookie jars: the session cookies travel as a header.
    const jar = http.cookieJar().cookiesForURL(url('/'));
    const pairs = Object.keys(jar).map((k) => k + '=' + jar[k][0]);
    if (pairs.length) session.headers.Cookie = pairs.join('; ');
  }
  return session;
}

/**
 * k6 runs setup() once per run: every identity logs in once, whatever the VU count. A failed
 * login is final (a wrong password costs the account one attempt, not one per VU and second),
 * and a 401 is the endpoint's answer, not a reason to log in again.
 */
export function setup() {
  const sessions = {};
  for (const name of Object.keys(PLAN.identities)) sessions[name] = login(name);
  return { sessions };
}

${HOT_LOOP}export function handleSummary(data) {
  const file = __ENV.OPSGATE_SUMMARY || 'summary.json';
  // setup() returned the sessions (tokens, cookies, the bypass header): never write them to disk.
  delete data.setup_data;
  const value = (m, k) => (data.metrics[m + '{kind:endpoint}'] ? data.metrics[m + '{kind:endpoint}'].values[k] : 0);
  const d = data.metrics['http_req_duration{kind:endpoint}'];
  const attempts = value('http_reqs', 'count') + value('opsgate_unsent', 'count');
  const failed = value('http_req_failed', 'passes') + value('opsgate_unsent', 'count');
  const line = d && attempts
    ? 'opsgate: ' + attempts + ' requests, p95 ' + d.values['p(95)'].toFixed(1) + ' ms, p99 ' +
      d.values['p(99)'].toFixed(1) + ' ms, errors ' + ((failed / attempts) * 100).toFixed(2) + '%; summary in ' + file + '\\n'
    : 'opsgate: no requests completed; summary in ' + file + '\\n';
  return { [file]: JSON.stringify(data, null, 2), stdout: line };
}
`;
  return { source, env, envDescriptions };
}
