import type { IdentityConfig } from '../../config/sections/identities.js';
import { shellComment, shellConcat, shellWord } from '../shell.js';

/**
 * Shell lines that log an identity in for the access-control runbook's curl commands. The
 * credentials come from environment variables the responder fills from the secret store; no
 * line prints one. Each identity gets its own `AUTH_<NAME>` array of curl arguments, so a
 * repro can create a record as one identity and probe it as another in the same shell.
 */

/** An environment variable name for an identity: `manager2` + `BEARER` → `MANAGER2_BEARER`. */
export function envName(identity: string, what: string): string {
  const upper = identity.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `${/^[0-9]/.test(upper) ? 'ID_' : ''}${upper}_${what}`;
}

/** The curl-arguments array an identity's requests use: `"${AUTH_VIEWER[@]}"`. */
export function authVar(identity: string): string {
  return `AUTH_${identity.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * The rbac check's JSON path subset (`$.id`, `$.items[0].id`, `a.b`, see readJsonPath) as a jq
 * filter. Keys are jq string literals, so a hostile key stays a key.
 */
export function jqFilter(jsonPath: string): string {
  const expr = jsonPath.replace(/^\$\.?/, '');
  let out = '';
  for (const m of expr.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    // `.a`, else `["a b"]` / `[0]` (after a first step: jq 1.6 reads `.a.["b"]` as an error).
    const step =
      m[2] !== undefined
        ? `[${m[2]}]`
        : /^[A-Za-z_]\w*$/.test(m[1]!)
          ? `.${m[1]}`
          : `[${JSON.stringify(m[1])}]`;
    out += !out && step.startsWith('[') ? `.${step}` : step;
  }
  return out || '.';
}

/** Lines that set `AUTH_<NAME>` for `identity` (requests go to `$BASE`). */
export function loginLines(identity: string, cfg: IdentityConfig | undefined): string[] {
  const auth = authVar(identity);
  const who = shellComment(identity);
  if (!cfg || cfg.kind === 'anonymous') return [`${auth}=()   # ${who}: anonymous, no credentials`];
  const url = (p: string): string => shellConcat([{ variable: 'BASE' }, p]);
  switch (cfg.kind) {
    case 'bearer':
      return [
        `${auth}=(-H ${shellConcat(['Authorization: Bearer ', { variable: envName(identity, 'BEARER') }])})   # ${who}: the token from your secret store`,
      ];
    case 'api-key':
      // The header name goes through a variable so the line never looks like `api-key: value`.
      return [
        `KEY_HEADER=${shellWord(cfg.header)}`,
        `${auth}=(-H "$KEY_HEADER: $${envName(identity, 'API_KEY')}")   # ${who}: the key from your secret store`,
      ];
    case 'basic':
      return [`${auth}=(-u "$${envName(identity, 'USER')}:$${envName(identity, 'PASSWORD')}")   # ${who}`];
    case 'json-login': {
      const scheme = cfg['token-scheme'] ? `${cfg['token-scheme']} ` : '';
      return [
        `# ${envName(identity, 'LOGIN_JSON')}: the login body of identity "${who}" from opsgate.yml, with the real credentials`,
        `BEARER=$(curl -s -X ${cfg.login.method} ${url(cfg.login.path)} -H 'content-type: application/json' -d "$${envName(identity, 'LOGIN_JSON')}" | jq -r ${shellWord(jqFilter(cfg['token-path']))})`,
        `${auth}=(-H ${shellConcat([`${cfg['token-header']}: ${scheme}`, { variable: 'BEARER' }])})`,
      ];
    }
    case 'cookie-session': {
      const jar = shellConcat([{ variable: 'JARS' }, `/${identity}.jar`]);
      return [
        `# log in as "${who}" with the form fields from opsgate.yml (${envName(identity, 'LOGIN_FORM')}, from your secret store)`,
        'JARS=${JARS:-$(mktemp -d)}',
        `curl -s -c ${jar} -X ${cfg.login.method} ${url(cfg.login.path)} --data "$${envName(identity, 'LOGIN_FORM')}" >/dev/null`,
        `${auth}=(-b ${jar} -c ${jar})`,
      ];
    }
  }
}
