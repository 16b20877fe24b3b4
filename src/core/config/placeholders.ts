/**
 * `{name}` placeholders in rbac paths, headers and bodies: one pattern for the config's
 * cross-references, the rbac check that fills them and the runbook that reproduces a cell.
 */
export const PLACEHOLDER = /\{([A-Za-z0-9_.-]+)\}/g;

/** Every `{name}` in the strings of these values (paths, bodies, headers), first appearance first. */
export function placeholdersIn(...values: unknown[]): string[] {
  const names = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(PLACEHOLDER)) names.add(m[1]!);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  values.forEach(visit);
  return [...names];
}
