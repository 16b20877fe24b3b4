/** Headers limiters use to say how much is left and when it resets (IETF RateLimit, X-RateLimit-*, Retry-After). */
const LIMIT_HEADER = /^(retry-after|ratelimit(-.*)?|x-ratelimit-.*|x-rate-limit-.*)$/i;

/** The rate-limit headers of a response, lower-cased names, for the report. */
export function rateLimitHeadersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (LIMIT_HEADER.test(name)) out[name.toLowerCase()] = value;
  });
  return out;
}

/** Seconds until the limit resets, as advertised: Retry-After (seconds or date), else RateLimit-Reset. */
export function advertisedResetSeconds(h: Record<string, string>, now = Date.now()): number | undefined {
  const retry = h['retry-after'];
  if (retry !== undefined) {
    if (/^\d+$/.test(retry.trim())) return Number(retry);
    const at = Date.parse(retry);
    if (!Number.isNaN(at)) return Math.max(0, Math.round((at - now) / 1000));
  }
  const reset = h['ratelimit-reset'] ?? h['x-ratelimit-reset'];
  if (reset !== undefined && /^\d+$/.test(reset.trim())) {
    const n = Number(reset);
    // X-RateLimit-Reset is often an epoch timestamp rather than a delta.
    return n > 1e9 ? Math.max(0, Math.round(n - now / 1000)) : n;
  }
  return undefined;
}

/** Headers as one report line: `retry-after: 900, ratelimit-limit: 100`. */
export function headersLine(h: Record<string, string>): string {
  return (
    Object.entries(h)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ') || 'none'
  );
}
