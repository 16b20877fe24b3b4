import type { IdentityConfig } from '../../config/sections/identities.js';
import type { Evidence, Threshold } from '../../evidence/model.js';
import { latestEvidence } from '../latest-evidence.js';
import type { RunbookDefinition } from '../runbook.js';
import type { TemplateData } from '../template.js';
import { describeSince, endpointOf, failingSince, mdCell, withUnit } from './control-history.js';

/**
 * Access-control incident: which RBAC cell broke (identity × method × path), since when, and how
 * to reproduce it with curl. Credentials never appear: commands read them from environment
 * variables the responder fills from the secret store.
 */
export const accessControlIncidentRunbook: RunbookDefinition = {
  name: 'access-control-incident',
  title: 'Access-control incident',
  description:
    'Open this when the rbac or abuse gate fails: a role can do what it must not, another tenant’s record is readable, or a limiter stopped limiting.',
  async data(ctx) {
    const rbac = await latestEvidence(ctx, 'rbac');
    const abuse = await latestEvidence(ctx, 'abuse');
    const base = rbac?.target.url ?? ctx.config.target['base-url'];
    const broken = rbac ? rbac.thresholds.filter((t) => !t.ok && !t.skipped) : [];
    const rows: string[] = [];
    for (const t of broken) {
      const since = await failingSince(ctx.store, 'rbac', (h) => failingIn(h, t.name));
      const cell = parseCell(t.name);
      rows.push(
        `| ${mdCell(cell.identity)} | ${mdCell(cell.method)} | \`${mdCell(cell.path)}\` | ${mdCell(t.limit)} | ${mdCell(t.actual)} | ${mdCell(t.detail)} | ${describeSince(since, 'this run')} |`,
      );
    }
    const ownership = rbac?.findings.filter((f) => !f.suppressed) ?? [];
    const limiterRows = (abuse?.thresholds ?? []).map(
      (t) =>
        `| ${t.skipped ? '⏭️' : t.ok ? '✅' : '❌'} | ${mdCell(t.name)} | ${mdCell(withUnit(t.limit, t.unit))} | ${mdCell(withUnit(t.actual, t.unit))} | ${mdCell(t.skipped ?? t.detail)} |`,
    );
    return {
      state: rbac
        ? `Latest rbac run: **${rbac.verdict}** at ${rbac.run.startedAt} against \`${rbac.target.url}\` — ${mdCell(rbac.summary)}`
        : '_No rbac evidence yet: run `opsgate rbac`, then regenerate this runbook._',
      brokenCells: rows.length
        ? [
            '| Identity | Method | Path | Expected | Actual | Detail | Broken since |',
            '|---|---|---|---|---|---|---|',
            ...rows,
          ].join('\n')
        : rbac
          ? '_Every probed cell answered as promised in the latest run._'
          : '_No rbac evidence yet._',
      ownershipFindings: ownership.length
        ? ownership
            .map((f) => `- **${f.severity}** ${mdCell(f.title)} (${mdCell(f.location)}): ${mdCell(f.detail)}`)
            .join('\n')
        : '_No ownership (IDOR) findings in the latest run._',
      curl: broken.length
        ? curlFor(broken.slice(0, 5), base, ctx.config.identities)
        : '_Nothing to reproduce: no broken cell in the latest run._',
      limiters: limiterRows.length
        ? ['| | Control | Expected | Actual | Detail |', '|---|---|---|---|---|', ...limiterRows].join('\n')
        : '_No abuse evidence yet: run `opsgate abuse` (it trips limiters, so not during an incident on production)._',
    } satisfies TemplateData;
  },
};

function failingIn(h: Evidence, name: string): boolean | undefined {
  const t = h.thresholds.find((x) => x.name === name);
  return t && !t.skipped ? !t.ok : undefined;
}

/** `viewer DELETE /api/companies/{id} (name)` → identity, method, path. */
function parseCell(name: string): { identity: string; method: string; path: string } {
  const ep = endpointOf(name);
  const identity = name.split(/\s+/)[0] ?? 'anonymous';
  return { identity, method: ep?.method ?? '?', path: ep?.path ?? name };
}

function envName(identity: string, what: string): string {
  return `${identity.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${what}`;
}

/** Shell lines that log `identity` in, setting `AUTH` to curl arguments; no credential is printed. */
function loginLines(identity: string, cfg: IdentityConfig | undefined, base: string): string[] {
  if (!cfg || cfg.kind === 'anonymous') return ['AUTH=()   # anonymous: no credentials'];
  switch (cfg.kind) {
    case 'bearer':
      return [`AUTH=(-H "Authorization: Bearer $${envName(identity, 'BEARER')}")   # from your secret store`];
    case 'api-key':
      // The header name goes through a variable so the line never looks like `api-key: value`.
      return [`KEY_HEADER='${cfg.header}'`, `AUTH=(-H "$KEY_HEADER: $${envName(identity, 'API_KEY')}")`];
    case 'basic':
      return [`AUTH=(-u "$${envName(identity, 'USER')}:$${envName(identity, 'PASSWORD')}")`];
    case 'json-login': {
      const jq = cfg['token-path'].replace(/^\$/, '') || '.';
      const scheme = cfg['token-scheme'] ? `${cfg['token-scheme']} ` : '';
      return [
        `# ${envName(identity, 'LOGIN_JSON')}: the login body of identity "${identity}" from opsgate.yml, with the real credentials`,
        `BEARER=$(curl -s -X ${cfg.login.method} "${base}${cfg.login.path}" -H 'content-type: application/json' -d "$${envName(identity, 'LOGIN_JSON')}" | jq -r '${jq}')`,
        `AUTH=(-H "${cfg['token-header']}: ${scheme}$BEARER")`,
      ];
    }
    case 'cookie-session':
      return [
        `# log in as "${identity}" with the form fields from opsgate.yml (credentials from your secret store)`,
        `curl -s -c /tmp/${identity}.jar -X ${cfg.login.method} "${base}${cfg.login.path}" --data "$${envName(identity, 'LOGIN_FORM')}" >/dev/null`,
        `AUTH=(-b /tmp/${identity}.jar -c /tmp/${identity}.jar)`,
      ];
  }
}

function curlFor(cells: Threshold[], base: string, identities: Record<string, IdentityConfig>): string {
  const out = ['```bash', `BASE=${base}`];
  let current: string | undefined;
  const byIdentity = [...cells].sort((a, b) =>
    parseCell(a.name).identity.localeCompare(parseCell(b.name).identity),
  );
  for (const t of byIdentity) {
    const c = parseCell(t.name);
    out.push('', `# ${t.name}: expected ${String(t.limit)}, the last run got ${String(t.actual)}`);
    if (current !== c.identity) out.push(...loginLines(c.identity, identities[c.identity], '$BASE'));
    current = c.identity;
    const needsId = /\{[^}]+\}/.test(c.path);
    if (needsId)
      out.push(
        '# replace {…} with a sacrificial record of another owner/role, never a production record you need',
      );
    out.push(`curl -s -o /dev/null -w '%{http_code}\\n' -X ${c.method} "\${AUTH[@]}" "$BASE${c.path}"`);
  }
  out.push('```');
  return out.join('\n');
}
