import { placeholdersIn } from '../../core/config/placeholders.js';
import type { IdentityConfig } from '../../core/config/sections/identities.js';
import type { RbacConfig, RbacMatrixRow, StatusExpectation } from '../../core/config/sections/rbac.js';
import { ConfigError, type ConfigProblem } from '../../core/errors.js';

/** Methods that change data: only sent where destructive probes are allowed. */
export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One request × identity with its promised status. */
export interface MatrixCell {
  /** Stable across runs: `viewer DELETE /api/companies/{company}`; used for diffs and fingerprints. */
  id: string;
  row: number;
  identity: string;
  method: string;
  /** Path template as configured (placeholders not yet filled). */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  expected: StatusExpectation;
  write: boolean;
  /** Placeholder names the request needs. */
  placeholders: string[];
  /** How to delete what the cell created when it answers 2xx. */
  cleanup?: RbacMatrixRow['cleanup'];
}

/** Every `{name}` in a path and in the strings of a body. */
export function placeholdersOf(path: string, body?: unknown): string[] {
  return placeholdersIn(path, body);
}

/** `*` matches within one path segment, `**` across segments. */
export function globMatches(glob: string, path: string): boolean {
  return globRegExp(glob).test(path);
}

const compiledGlobs = new Map<string, RegExp>();

function globRegExp(glob: string): RegExp {
  const cached = compiledGlobs.get(glob);
  if (cached) return cached;
  const re = glob
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  const compiled = new RegExp(`^${re}$`);
  compiledGlobs.set(glob, compiled);
  return compiled;
}

/**
 * Expand group defaults and rows into cells. A row's own expectations win over defaults; later
 * defaults win over earlier ones. Unknown identities and placeholders are configuration errors.
 */
export function planMatrix(rbac: RbacConfig, identities: Record<string, IdentityConfig>): MatrixCell[] {
  const problems: ConfigProblem[] = [];
  const known = (name: string): boolean => name === 'anonymous' || name in identities;
  rbac.defaults.forEach((d, i) => {
    for (const who of Object.keys(d.expect))
      if (!known(who))
        problems.push({
          path: `rbac.defaults[${i}].expect.${who}`,
          message: `identity "${who}" is not defined under identities`,
        });
  });
  const cells: MatrixCell[] = [];
  const seen = new Map<string, number>();
  rbac.matrix.forEach((row, i) => {
    const merged: Record<string, StatusExpectation> = {};
    for (const d of rbac.defaults) {
      if (d.match.methods && !d.match.methods.includes(row.method)) continue;
      if (d.match.path && !globMatches(d.match.path, row.path)) continue;
      Object.assign(merged, d.expect);
    }
    for (const who of Object.keys(row.expect))
      if (!known(who))
        problems.push({
          path: `rbac.matrix[${i}].expect.${who}`,
          message: `identity "${who}" is not defined under identities`,
        });
    Object.assign(merged, row.expect);
    const placeholders = placeholdersOf(row.path, row.body);
    for (const p of placeholders)
      if (!(p in rbac.fixtures))
        problems.push({
          path: `rbac.matrix[${i}].path`,
          message: `placeholder {${p}} has no entry under rbac.fixtures`,
        });
    for (const [identity, expected] of Object.entries(merged)) {
      let id = `${identity} ${row.method} ${row.path}${row.name ? ` (${row.name})` : ''}`;
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) id += ` #${n}`;
      cells.push({
        id,
        row: i,
        identity,
        method: row.method,
        path: row.path,
        body: row.body,
        headers: row.headers,
        expected,
        write: WRITE_METHODS.has(row.method),
        placeholders,
        cleanup: row.cleanup,
      });
    }
  });
  rbac.ownership.forEach((o, i) => {
    for (const [key, who] of [['owner', o.owner], ...o.others.map((w, j) => [`others[${j}]`, w])] as const)
      if (!known(who))
        problems.push({
          path: `rbac.ownership[${i}].${key}`,
          message: `identity "${who}" is not defined under identities`,
        });
  });
  rbac.matrix.forEach((row, i) => {
    if (row.cleanup && !known(row.cleanup.identity))
      problems.push({
        path: `rbac.matrix[${i}].cleanup.identity`,
        message: `identity "${row.cleanup.identity}" is not defined under identities`,
      });
  });
  for (const [name, f] of Object.entries(rbac.fixtures)) {
    if (typeof f !== 'object') continue;
    for (const [key, req] of [
      ['create', f.create],
      ['cleanup', f.cleanup],
    ] as const)
      if (req && !known(req.identity))
        problems.push({
          path: `rbac.fixtures.${name}.${key}.identity`,
          message: `identity "${req.identity}" is not defined under identities`,
        });
  }
  if (problems.length) throw new ConfigError(problems);
  return cells;
}
