import { ENV_REFERENCE, isPlainPath } from './interpolate.js';
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

export interface EnvReference {
  name: string;
  hasDefault: boolean;
  /** Every use is at a place that is plainly not secret (target URL/name/hosts, store dir). */
  plain: boolean;
}

/** `${NAME}` references under the given `[path, value]` parts, in order of first appearance. */
export function envReferences(parts: [string[], unknown][]): EnvReference[] {
  const found = new Map<string, EnvReference>();
  // One mutable path stack: a 1 MB config has tens of thousands of values and few references.
  const at: (string | number)[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return;
      for (const m of v.matchAll(ENV_REFERENCE)) {
        if (!m[1]) continue;
        const seen = found.get(m[1]);
        const plain = isPlainPath(at) && (seen?.plain ?? true);
        found.set(m[1], { name: m[1], hasDefault: (seen?.hasDefault ?? true) && m[2] !== undefined, plain });
      }
    } else if (v && typeof v === 'object')
      for (const [k, inner] of Object.entries(v)) {
        at.push(Array.isArray(v) ? Number(k) : k);
        walk(inner);
        at.pop();
      }
  };
  for (const [start, value] of parts) {
    at.splice(0, at.length, ...start);
    walk(value);
  }
  return [...found.values()];
}

/** The variables one check needs (none: what the gate needs): its section, the target, gate/store and the identities it names. */
export function variablesOfCheck(raw: Raw, check: CheckName | undefined): EnvReference[] {
  return variablesOfChecks(raw, check ? [check] : []);
}

/** The variables a set of checks needs together (a workflow's checks): see variablesOfCheck. */
export function variablesOfChecks(raw: Raw, checks: readonly CheckName[]): EnvReference[] {
  const ids = (raw.identities ?? {}) as Raw;
  const parts: [string[], unknown][] = ALWAYS.map((k) => [[k], raw[k]]);
  if (checks.length) parts.push([['target'], raw.target]);
  for (const check of checks) {
    parts.push([[check], raw[check]]);
    for (const name of identitiesNamed(raw, check)) parts.push([['identities', name], ids[name]]);
  }
  return envReferences(parts);
}

/** Per configured check (in the standard order), then the gate: the variables it needs and whether each is set. */
export function variablesByCheck(
  raw: Raw,
  env: NodeJS.ProcessEnv,
): { check: CheckName | 'gate'; variables: VariableUse[] }[] {
  const use = (refs: EnvReference[]): VariableUse[] =>
    refs.map((r) => ({ ...r, set: env[r.name] !== undefined || r.hasDefault }));
  const rows: { check: CheckName | 'gate'; variables: VariableUse[] }[] = [];
  for (const check of CHECK_NAMES)
    if (raw[check] !== undefined) rows.push({ check, variables: use(variablesOfCheck(raw, check)) });
  rows.push({ check: 'gate', variables: use(variablesOfCheck(raw, undefined)) });
  return rows;
}
