import { registerSecret } from '../secrets.js';
import type { ConfigProblem } from '../errors.js';

/**
 * `${NAME}` and `${NAME:-default}` references in string values are replaced from the environment.
 * Values that arrive this way are treated as secrets (they are how tokens and passwords get in),
 * except where a value is plainly not secret (the target's URL, name and hosts, the store dir), so reports
 * still say what was tested. `$${` writes a literal `${`.
 */
export const ENV_REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const notSecret = new Set(['target.base-url', 'target.name', 'target.allow-hosts', 'store.dir']);

/** True where a `${ENV}` value is plainly not a secret (dotted path, list indexes dropped). */
export function isPlainPath(path: readonly (string | number)[]): boolean {
  return notSecret.has(path.filter((p) => typeof p === 'string').join('.'));
}

export function interpolateEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  problems: ConfigProblem[],
  start: (string | number)[] = [],
): unknown {
  // One mutable path stack: the path is only formatted for the (rare) value that has a problem.
  const path = [...start];
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('${')) return value;
      const plain = isPlainPath(path);
      // What is left of `${` once every well-formed reference and `$${` escape is taken out is a mistake.
      if (value.replace(ENV_REFERENCE, '').includes('${')) {
        problems.push({
          path: formatPath(path),
          message:
            'unterminated or malformed ${...} reference (write ${NAME} or ${NAME:-default}; $${ for a literal ${)',
        });
        return '';
      }
      return value.replace(ENV_REFERENCE, (whole, name: string | undefined, fallback: string | undefined) => {
        if (whole === '$${') return '${';
        const v = env[name!] ?? fallback;
        if (v === undefined) {
          problems.push({ path: formatPath(path), message: `environment variable ${name} is not set` });
          return '';
        }
        if (!plain) registerSecret(v);
        return v;
      });
    }
    if (Array.isArray(value))
      return value.map((v, i) => {
        path.push(i);
        const out = visit(v);
        path.pop();
        return out;
      });
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        path.push(k);
        out[k] = visit(v);
        path.pop();
      }
      return out;
    }
    return value;
  };
  return visit(value);
}

/** `['rbac','matrix',2,'expect','viewer']` → `rbac.matrix[2].expect.viewer` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
