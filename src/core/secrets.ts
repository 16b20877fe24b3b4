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
  if (typeof value !== 'string' || value.length < 4) return;
  // Encoded forms travel too: Basic auth (base64), JWT-ish (base64url), query/form strings, JSON.
  const b64 = Buffer.from(value).toString('base64');
  for (const form of [
    value,
    b64,
    b64.replace(/=+$/, ''),
    Buffer.from(value).toString('base64url'),
    encodeURIComponent(value),
    encodeURIComponent(value).replace(/%20/g, '+'),
    JSON.stringify(value).slice(1, -1),
  ])
    if (form.length >= 4) known.add(form);
}

/** For tests: forget registered secrets. */
export function clearSecrets(): void {
  known.clear();
  cached = { size: -1, re: undefined };
}

const patterns: [RegExp, string][] = [
  // JWT: three base64url segments, the first two starting with `eyJ` ({" in base64).
  [/eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Authorization header values.
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Passwords inside connection strings / URLs: scheme://user:password@host
  [/([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]+:)([^@/\s]+)@/gi, `$1${REDACTED}@`],
  // `key=value` (query strings, env dumps) and `"key": "value"` (JSON) forms of secret keys; a
  // bare `password: text` is left alone because messages name config paths that way.
  // `=` must follow the key directly, so prose such as "the token value is reflected" stays.
  [/\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?token)=[^\s"&,;]{3,}/gi, `$1=${REDACTED}`],
  [
    /("(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?token)"\s*:\s*")[^"]{3,}"/gi,
    `$1${REDACTED}"`,
  ],
];

/** Mask known secrets and secret-shaped substrings in one string. */
export function redact(text: string): string {
  let out = text;
  const known = knownSecretsPattern();
  if (known) out = out.replace(known, REDACTED);
  for (const [re, rep] of patterns) out = out.replace(re, rep);
  return out;
}

let cached: { size: number; re: RegExp | undefined } = { size: -1, re: undefined };

/** One alternation of all registered secrets, longest first so a secret containing another is masked whole. */
function knownSecretsPattern(): RegExp | undefined {
  if (cached.size !== known.size) {
    const parts = [...known].sort((a, b) => b.length - a.length).map(wordPattern);
    cached = { size: known.size, re: parts.length ? new RegExp(parts.join('|'), 'g') : undefined };
  }
  return cached.re;
}

/**
 * A secret whose ends are word characters matches only as a whole word, so the password `acme`
 * masks `pw=acme` but leaves the table name `acme_users` readable.
 */
function wordPattern(secret: string): string {
  const body = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const head = /^\w/.test(secret) ? '(?<![A-Za-z0-9_])' : '';
  const tail = /\w$/.test(secret) ? '(?![A-Za-z0-9_])' : '';
  return `${head}${body}${tail}`;
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
