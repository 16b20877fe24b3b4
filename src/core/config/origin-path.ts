/**
 * The rule for every path opsgate sends to the target: origin-relative, a single leading `/`.
 * `//host/x` is a network-path reference (resolves to another host), a scheme names another
 * origin, and some clients read `\` as `/`; control characters split requests. Config validation
 * and the request policy both apply this one rule, so a path that validates is one the policy sends.
 */
export function originPathProblem(path: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path))
    return 'expected a path starting with "/", not a URL: every request goes to target.base-url';
  if (path.includes('\\')) return 'backslashes are not allowed in a path (clients read "\\" as "/")';
  if (!path.startsWith('/')) return 'expected a path starting with "/"';
  if (path.startsWith('//')) return 'a path starting with "//" names another host; use a single "/"';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(path)) return 'control characters and spaces are not allowed in a path';
  return undefined;
}
