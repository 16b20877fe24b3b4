import { ENV_REFERENCE } from './interpolate.js';
import { CHECK_NAMES, type CheckName } from './schema.js';

/**
 * Which parts of opsgate.yml a command needs resolved. `opsgate headers` must not stop because
 * the restore section's `${SOURCE_DATABASE_URL}` is unset on a PR runner: a command resolves the
 * sections of the checks it runs, the target (when it runs any), the gate and store policy, and
 * only the identities those sections name. Everything else is still validated, and left out when
 * its env is unset.
 */
const ALWAYS = ['version', 'gate', 'store'];

export interface EnvScope {
  /** True when the problem at this dotted YAML path must be reported (its value is needed). */
  needs(path: string): boolean;
}

type Raw = Record<string, unknown>;

/** The scope of a command that runs `checks` (an empty list: only gate and store, as the gate needs). */
export function envScope(raw: Raw, checks: readonly CheckName[]): EnvScope {
  const identities = new Set<string>();
  for (const check of checks) for (const name of identitiesNamed(raw, check)) identities.add(name);
  const sections = new Set<string>([...ALWAYS, ...checks, ...(checks.length ? ['target'] : [])]);
  return {
    needs(path) {
      const [top, second] = path.split(/[.[]/, 2);
      if (top === 'identities') return second === undefined || identities.has(second);
      return sections.has(top!);
    },
  };
}

/** Identities a check's section names: any string value or mapping key equal to an identity name. */
export function identitiesNamed(raw: Raw, check: CheckName): string[] {
  const defined = raw.identities && typeof raw.identities === 'object' ? Object.keys(raw.identities) : [];
  if (!defined.length || raw[check] === undefined) return [];
  const named = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (defined.includes(v)) named.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, inner] of Object.entries(v)) {
        if (defined.includes(k)) named.add(k);
        walk(inner);
      }
  };
  walk(raw[check]);
  return [...named];
}

export interface VariableUse {
  name: string;
  /** Set in the environment (or has a `:-default`). */
  set: boolean;
  hasDefault: boolean;
}

/** `${NAME}` references anywhere under a value, in order of first appearance. */
export function envReferences(value: unknown): { name: string; hasDefault: boolean }[] {
  const found = new Map<string, boolean>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(ENV_REFERENCE))
        if (m[1] && !found.has(m[1])) found.set(m[1], m[2] !== undefined);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...found].map(([name, hasDefault]) => ({ name, hasDefault }));
}

/** The variables one check needs (none: what the gate needs): its section, the target, gate/store and the identities it names. */
export function variablesOfCheck(
  raw: Raw,
  check: CheckName | undefined,
): { name: string; hasDefault: boolean }[] {
  const ids = (raw.identities ?? {}) as Raw;
  const parts = [...ALWAYS.map((k) => raw[k])];
  if (check) {
    parts.push(raw.target, raw[check]);
    for (const name of identitiesNamed(raw, check)) parts.push(ids[name]);
  }
  return envReferences(parts);
}

/** Per configured check (in the standard order), then the gate: the variables it needs and whether each is set. */
export function variablesByCheck(
  raw: Raw,
  env: NodeJS.ProcessEnv,
): { check: CheckName | 'gate'; variables: VariableUse[] }[] {
  const use = (refs: { name: string; hasDefault: boolean }[]): VariableUse[] =>
    refs.map((r) => ({ ...r, set: env[r.name] !== undefined || r.hasDefault }));
  const rows: { check: CheckName | 'gate'; variables: VariableUse[] }[] = [];
  for (const check of CHECK_NAMES)
    if (raw[check] !== undefined) rows.push({ check, variables: use(variablesOfCheck(raw, check)) });
  rows.push({ check: 'gate', variables: use(variablesOfCheck(raw, undefined)) });
  return rows;
}
