/**
 * A generated opsgate.yml of about 1 MB and 40,000 keys: 20,000 target headers and 20,000 rbac
 * fixtures. `broken: true` makes every fixture a wrong type, so validation reports 20,000 problems.
 */
export function largeConfig(opts: { broken?: boolean; entries?: number } = {}): {
  text: string;
  keys: number;
} {
  const lines = ['version: 1', 'target:', '  base-url: http://127.0.0.1:8080', '  headers:'];
  const n = opts.entries ?? 20_000;
  for (let i = 0; i < n; i++) lines.push(`    X-Header-${i}: value-${i}`);
  lines.push('rbac:', '  fixtures:');
  for (let i = 0; i < n; i++) lines.push(`    fixture-${i}: ${opts.broken ? `[${i}]` : `${100_000 + i}`}`);
  lines.push('  matrix:', '    - { path: /api/me, expect: { anonymous: 401 } }', '');
  return { text: lines.join('\n'), keys: 2 * n };
}
