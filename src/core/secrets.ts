/**
 * Secret redaction. Every value that came from a `${ENV}` reference in the config, and every
 * token captured at run time, is registered here; on top of that, shapes that are secret by
 * nature (JWTs, bearer tokens, passwords in connection strings) are masked wherever they appear.
 * Everything written to disk or posted passes through `redact`/`redactDeep`.
 */

export const REDACTED = '[redacted]';

const known = new Set<string>();

/** Remember a secret value so it is masked wherever it later appears. Short values are ignored. */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && value.length >= 4) known.add(value);
}

/** For tests: forget registered secrets. */
export function clearSecrets(): void {
  known.clear();
}

const patterns: [RegExp, string][] = [
  // JWT: three base64url segments, the first two starting with `eyJ` ({" in base64).
  [/eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Authorization header values.
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Passwords inside connection strings / URLs: scheme://user:password@host
  [/([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]+:)([^@/\s]+)@/gi, `$1${REDACTED}@`],
  // key=value and "key": "value" forms of obviously secret keys.
  [
    /\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?token)(\s*[=:]\s*)("?)[^\s"&,;]{3,}\3/gi,
    `$1$2$3${REDACTED}$3`,
  ],
];

/** Mask known secrets and secret-shaped substrings in one string. */
export function redact(text: string): string {
  let out = text;
  // Longest first so a secret containing another is masked whole.
  for (const s of [...known].sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join(REDACTED);
  }
  for (const [re, rep] of patterns) out = out.replace(re, rep);
  return out;
}

const secretKey =
  /^(password|passwd|secret|token|access[_-]?token|refresh[_-]?token|api[_-]?key|authorization|cookie|set-cookie|client[_-]?secret|private[_-]?key)$/i;

/** Deep copy with every string redacted and values under secret-named keys masked. */
export function redactDeep<T>(value: T): T {
  return walk(value) as T;
}

function walk(v: unknown, key?: string): unknown {
  if (typeof v === 'string') return key && secretKey.test(key) && v.length > 0 ? REDACTED : redact(v);
  if (Array.isArray(v)) return v.map((x) => walk(x));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
    return out;
  }
  return v;
}
