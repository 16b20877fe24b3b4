import type { OpsgateConfig } from '../../core/config/schema.js';
import { ConfigError } from '../../core/errors.js';
import type { Evidence } from '../../core/evidence/model.js';
import { startEvidence } from '../../core/evidence/new-evidence.js';
import { assertAllowedHost, assertMethodAllowed } from '../../engines/http/request-policy.js';
import { TargetClient } from '../../engines/http/sessions.js';
import type { Check, CheckContext } from '../check.js';
import { globalLimitProbe } from './global-limit-probe.js';
import { loginLimiterProbe } from './login-limiter-probe.js';
import { headersLine } from './rate-limit-headers.js';

/** Run the abuse check: login limiter and global rate limit, each bounded in count and time. */
export async function runAbuse(ctx: CheckContext): Promise<Evidence> {
  const { config } = ctx;
  const cfg = config.abuse;
  if (!cfg)
    throw new ConfigError([
      { path: 'abuse', message: 'required to run the abuse check (login-limiter, global-limit)' },
    ]);
  const evidence = startEvidence('abuse', config.target['base-url'], config.target.name);
  if (!cfg.enabled) {
    evidence.summary = 'abuse is disabled (abuse.enabled: false)';
    return evidence;
  }
  if (!cfg['login-limiter'] && !cfg['global-limit'])
    throw new ConfigError([
      { path: 'abuse', message: 'nothing to probe: add login-limiter and/or global-limit' },
    ]);
  // Failed logins are sent only here, and only for an account no other check logs in as.
  const limited = cfg['login-limiter']?.identity;
  const sharedWith = limited ? identitiesUsedByOtherChecks(config).get(limited) : undefined;
  if (sharedWith)
    throw new ConfigError([
      {
        path: 'abuse.login-limiter.identity',
        message: `identity "${limited}" is also used by ${sharedWith}; the login limiter locks it out, so give it a dedicated account`,
      },
    ]);
  assertAllowedHost(config.target, config.target['base-url']);
  if (cfg['global-limit'])
    assertMethodAllowed(
      config.target,
      cfg['global-limit'].request.method,
      'abuse.global-limit.request.method',
    );
  const client = new TargetClient(config.target, config.identities, ctx.sessions, ctx.signal);
  const data: Record<string, unknown> = {};
  const summary: string[] = [];
  const sections: string[] = [];

  const login = cfg['login-limiter'];
  if (login) {
    ctx.log(`abuse: login limiter (${login.style}), ${login.attempts} counted attempts as ${login.identity}`);
    const r = await loginLimiterProbe(client, login, ctx.signal);
    evidence.thresholds.push(...r.thresholds);
    evidence.metrics['login attempts sent'] = r.attempts.filter((a) => a.kind !== 'unlock').length;
    if (r.observedLimit !== undefined) evidence.metrics['login observed limit'] = r.observedLimit;
    if (r.advertisedResetSeconds !== undefined)
      evidence.metrics['login advertised reset s'] = r.advertisedResetSeconds;
    data.loginLimiter = r;
    summary.push(r.summary);
    sections.push(
      `**Login limiter** (style ${login.style}; success resets: ${login['success-resets'] ? 'yes' : 'no'}; successes count: ${login['successes-count'] ? 'yes' : 'no'})`,
      '',
      '| # | Attempt | Status | Counted | ms |',
      '| --- | --- | --- | --- | --- |',
      ...r.attempts.map(
        (a) =>
          `| ${a.n} | ${a.kind === 'unlock' ? 'unlock' : `${a.kind} password`} | ${a.status} | ${a.counted ?? '—'} | ${a.ms} |`,
      ),
      '',
      `Limit headers: ${headersLine(r.headers)}`,
    );
  }

  const global = cfg['global-limit'];
  if (global) {
    ctx.log(`abuse: global limit ${global.limit} per ${global.key}, as ${global.identity}`);
    const r = await globalLimitProbe(client, global, ctx.signal);
    evidence.thresholds.push(...r.thresholds);
    evidence.metrics['global requests sent'] = r.sent;
    evidence.metrics['global burst ms'] = r.burstMs;
    if (r.observedLimit !== undefined) evidence.metrics['global observed limit'] = r.observedLimit;
    if (r.advertisedResetSeconds !== undefined)
      evidence.metrics['global advertised reset s'] = r.advertisedResetSeconds;
    data.globalLimit = r;
    evidence.metrics['global earlier requests in window'] = r.earlierInWindow;
    summary.push(
      r.observedLimit !== undefined
        ? `global limit observed: ${r.observedLimit === global.limit ? 'exactly ' : ''}${r.observedLimit} (promised ${global.limit}; ${r.earlierInWindow} earlier requests by opsgate in the window)`
        : `no global limit observed: ${r.sent} probe requests after ${r.earlierInWindow} earlier ones (promised ${global.limit})`,
    );
    sections.push(
      '',
      '**Global rate limit**',
      '',
      `${r.earlierInWindow} earlier requests by opsgate in the window, then ${r.sent} probe requests in ${r.burstMs} ms; first ${global['expect-status']} at probe request ${r.firstLimitedAt ?? '—'}; ` +
        `advertised reset ${r.advertisedResetSeconds ?? '—'} s${global.window !== undefined ? ` (window ${global.window}, not waited out)` : ''}.`,
      '',
      `Limit headers: ${headersLine(r.headers)}`,
    );
  }
  evidence.data = data;
  evidence.sections = [{ title: 'Abuse probes', markdown: sections.join('\n') }];
  evidence.summary = summary.join('; ') + (ctx.signal.aborted ? '; run aborted' : '');
  return evidence;
}

/**
 * Identities other checks log in as, with the first check that does: rbac (matrix and default
 * expectations, ownership, fixtures), load endpoints, headers pages, the dast scan identity.
 */
export function identitiesUsedByOtherChecks(config: OpsgateConfig): Map<string, string> {
  const used = new Map<string, string>();
  const add = (who: string | undefined, check: string): void => {
    if (who && !used.has(who)) used.set(who, check);
  };
  const { rbac, load, headers, dast } = config;
  if (rbac?.enabled) {
    for (const rule of [...rbac.defaults, ...rbac.matrix])
      for (const who of Object.keys(rule.expect)) add(who, 'rbac');
    for (const row of rbac.matrix) add(row.cleanup?.identity, 'rbac');
    for (const o of rbac.ownership) for (const who of [o.owner, ...o.others]) add(who, 'rbac');
    for (const f of Object.values(rbac.fixtures))
      if (typeof f === 'object') for (const r of [f.create, f.cleanup]) add(r?.identity, 'rbac');
  }
  if (load?.enabled !== false) for (const e of load?.endpoints ?? []) add(e.identity, 'load');
  if (headers && headers.enabled !== false) {
    add(headers.identity, 'headers');
    for (const p of headers.paths) if (typeof p === 'object') add(p.identity, 'headers');
  }
  if (dast?.enabled !== false) add(dast?.identity, 'dast');
  return used;
}

/** The `abuse` check. Runs last in a drill: it trips limiters on purpose, with its own identities. */
export const abuseCheck: Check = {
  name: 'abuse',
  description: 'Login limiter and global rate-limit probes: limits trip at the promised count',
  run: runAbuse,
};
