import type { StatusExpectation } from '../../core/config/sections/rbac.js';

/** How a probed cell turned out. */
export type CellVerdict = 'enforced' | 'bypassed' | 'unexpected';

/** Does a status satisfy an expectation (exact, list, or class)? */
export function statusMatches(expected: StatusExpectation, status: number): boolean {
  if (typeof expected === 'number') return status === expected;
  if (Array.isArray(expected)) return expected.includes(status);
  switch (expected) {
    case 'denied':
      return status === 401 || status === 403 || status === 404;
    case 'hidden':
      return status === 403 || status === 404;
    default:
      return Math.floor(status / 100) === Number(expected[0]);
  }
}

/** The expectation as written, for reports: `403`, `403|404`, `denied`. */
export function describeExpectation(expected: StatusExpectation): string | number {
  if (Array.isArray(expected)) return expected.join('|');
  return expected;
}

/** True when the expectation only admits refusals (4xx/5xx): a success then means a bypass. */
export function expectsRefusal(expected: StatusExpectation): boolean {
  if (typeof expected === 'number') return expected >= 400;
  if (Array.isArray(expected)) return expected.every((s) => s >= 400);
  return expected === 'denied' || expected === 'hidden' || expected === '4xx' || expected === '5xx';
}

/**
 * enforced: the answer is what was promised. bypassed: a refusal was promised and the target
 * said yes (2xx/3xx), the security failure. unexpected: anything else (404 for 403, 500, timeout).
 */
export function classifyCell(expected: StatusExpectation, status: number): CellVerdict {
  if (statusMatches(expected, status)) return 'enforced';
  if (expectsRefusal(expected) && status >= 200 && status < 400) return 'bypassed';
  return 'unexpected';
}
