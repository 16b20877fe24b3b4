import type { ConfigProblem } from '../errors.js';
import { placeholdersIn } from './placeholders.js';
import type { OpsgateConfig } from './schema.js';

type Use = { path: string; identity: string; check: string };

/** Every place a check names an identity, with the YAML path that names it. */
function identityUses(c: OpsgateConfig): Use[] {
  const uses: Use[] = [];
  const add = (path: string, identity: string | undefined, check: string): void => {
    if (identity !== undefined) uses.push({ path, identity, check });
  };
  const h = c.headers;
  if (h) {
    add('headers.identity', h.identity, 'headers');
    h.paths.forEach(
      (p, i) => typeof p === 'object' && add(`headers.paths[${i}].identity`, p.identity, 'headers'),
    );
  }
  c.load?.endpoints?.forEach((e, i) => add(`load.endpoints[${i}].identity`, e.identity, 'load'));
  if (c.dast) add('dast.identity', c.dast.identity, 'dast');
  const r = c.rbac;
  if (r) {
    r.defaults.forEach((d, i) =>
      Object.keys(d.expect).forEach((w) => add(`rbac.defaults[${i}].expect.${w}`, w, 'rbac')),
    );
    r.matrix.forEach((row, i) => {
      Object.keys(row.expect).forEach((w) => add(`rbac.matrix[${i}].expect.${w}`, w, 'rbac'));
      add(`rbac.matrix[${i}].cleanup.identity`, row.cleanup?.identity, 'rbac');
    });
    for (const [name, f] of Object.entries(r.fixtures))
      if (typeof f === 'object') {
        add(`rbac.fixtures.${name}.create.identity`, f.create.identity, 'rbac');
        add(`rbac.fixtures.${name}.cleanup.identity`, f.cleanup?.identity, 'rbac');
      }
    r.ownership.forEach((o, i) => {
      add(`rbac.ownership[${i}].owner`, o.owner, 'rbac');
      o.others.forEach((w, j) => add(`rbac.ownership[${i}].others[${j}]`, w, 'rbac'));
    });
  }
  const a = c.abuse;
  if (a) {
    add('abuse.login-limiter.identity', a['login-limiter']?.identity, 'abuse');
    add('abuse.login-limiter.unlock.identity', a['login-limiter']?.unlock?.identity, 'abuse');
    add('abuse.global-limit.identity', a['global-limit']?.identity, 'abuse');
  }
  return uses;
}

/**
 * What the schema alone cannot see: identities named but not defined, placeholders no fixture or
 * capture fills, identity kinds that cannot serve their use, abuse identities other checks share.
 * Paths are dotted YAML paths; the loader adds file and line.
 */
export function crossReferenceProblems(c: OpsgateConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = c.identities;
  const known = (n: string): boolean => n === 'anonymous' || n in ids;
  const uses = identityUses(c);
  for (const u of uses)
    if (!known(u.identity))
      problems.push({ path: u.path, message: `identity "${u.identity}" is not defined under identities` });

  const login = c.abuse?.['login-limiter'];
  if (login && known(login.identity)) {
    const kind = ids[login.identity]?.kind ?? 'anonymous';
    if (kind !== 'json-login' && kind !== 'cookie-session')
      problems.push({
        path: 'abuse.login-limiter.identity',
        message: `identity "${login.identity}" is ${kind}: the login limiter needs a json-login or cookie-session identity (it sends its login request)`,
      });
    if (login.unlock?.identity === login.identity)
      problems.push({
        path: 'abuse.login-limiter.unlock.identity',
        message: `the unlock must be sent by another identity (an admin), not the locked "${login.identity}"`,
      });
  }
  // Abuse identities are spent on purpose: another check using one is locked out or throttled.
  const spent = [
    ['abuse.login-limiter.identity', login?.identity],
    ['abuse.global-limit.identity', c.abuse?.['global-limit']?.identity],
  ] as const;
  for (const [path, who] of spent) {
    if (!who || who === 'anonymous') continue;
    const other = uses.find((u) => u.identity === who && u.check !== 'abuse');
    if (other)
      problems.push({
        path,
        message: `identity "${who}" is also used by ${other.check} (${other.path}); abuse locks out or throttles it, so give it a dedicated account`,
      });
  }

  const r = c.rbac;
  if (r) {
    const statics = new Set(Object.keys(r.fixtures));
    const captured = (name: string): boolean => {
      const m = /^([a-z0-9][a-z0-9_-]*)\.([A-Za-z0-9_-]+)$/.exec(name);
      const id = m ? ids[m[1]!] : undefined;
      return Boolean(id && 'capture' in id && id.capture && m![2]! in id.capture);
    };
    r.matrix.forEach((row, i) => {
      for (const p of placeholdersIn(row.path, row.body))
        if (!statics.has(p))
          problems.push({
            path: `rbac.matrix[${i}].path`,
            message: `placeholder {${p}} has no entry under rbac.fixtures`,
          });
    });
    r.ownership.forEach((o, i) => {
      const parts = [
        ['create', o.create, false],
        ['lookup', o.lookup, false],
        ['resource', o.resource, true],
        ['update-body', o['update-body'], true],
        ['cleanup', o.cleanup, true],
      ] as const;
      for (const [key, value, idAllowed] of parts)
        for (const p of placeholdersIn(value)) {
          const fixture = r.fixtures[p];
          const ok =
            p === 'run' ||
            (p === 'id' && idAllowed) ||
            (fixture !== undefined && typeof fixture !== 'object') ||
            captured(p);
          if (!ok)
            problems.push({
              path: `rbac.ownership[${i}].${key}`,
              message: `placeholder {${p}} is filled by nothing: use a static rbac.fixtures value, {run}, ${idAllowed ? '{id}, ' : ''}or an identity capture {identity.name}`,
            });
        }
    });
  }
  return problems;
}
