import { createHash } from 'node:crypto';

/**
 * Stable identity of a control across runs: the same problem in the same place always hashes
 * the same, so issues are found again instead of duplicated.
 */
export function fingerprintOf(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
  return `${parts[0]}-${h}`;
}
