/**
 * Switchable flaws. The names are a contract: opsgate's tests and docs switch them on to prove
 * each gate fails, and off to prove it passes.
 */
export const DEMO_FLAWS = [
  'missing-headers',
  'slow-dashboard',
  'viewer-can-delete',
  'idor',
  'no-login-limit',
  'no-rate-limit',
  'cors-credentials-wildcard',
  'insecure-cookie',
  'reflected-xss',
  'sql-injection',
  'missing-index',
  // PostgreSQL lost: never reconnect (the breaker stays open) / no breaker, answer 500.
  'no-db-reconnect',
  'crash-on-db-loss',
  'lockout-at-3',
  'limiter-at-108',
  // GET /api/dashboard holds its pool connection for 3 s after answering: the pool runs dry under load.
  'pool-exhaustion',
] as const;

export type DemoFlaw = (typeof DEMO_FLAWS)[number];

/** Validates flaw names; an unknown name is a usage error that lists the valid ones. */
export function parseFlaws(names: readonly string[] = []): Set<DemoFlaw> {
  const cleaned = names.map((n) => n.trim()).filter(Boolean);
  const unknown = cleaned.filter((n) => !(DEMO_FLAWS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new Error(`unknown demo flaw(s): ${unknown.join(', ')}; valid flaws: ${DEMO_FLAWS.join(', ')}`);
  }
  return new Set(cleaned as DemoFlaw[]);
}
