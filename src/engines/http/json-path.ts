/**
 * The small JSON path subset identity and probe configs need: `$.a.b`, `$.items[0].id`, `a.b`.
 * Deliberately not a full JSONPath engine: one value, no filters.
 */
export function readJsonPath(value: unknown, jsonPath: string): unknown {
  const expr = jsonPath.replace(/^\$\.?/, '');
  if (!expr) return value;
  let cur: unknown = value;
  for (const m of expr.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = m[2] !== undefined ? (cur as unknown[])[Number(m[2])] : (cur as Record<string, unknown>)[m[1]!];
  }
  return cur;
}
