import type { CheckName } from '../core/config/schema.js';
import type { Check } from './check.js';
import type { checks } from './index.js';

/**
 * One check's module, loaded on demand: an action runs a single check, and loading all of them
 * (pg, autocannon, the scanners' parsers) would cost its cold start for nothing. The keys are
 * those of checks/index.ts, held in step by the type.
 */
const loaders: { [K in keyof typeof checks]-?: () => Promise<Check> } = {
  headers: async () => (await import('./headers/headers-check.js')).headersCheck,
  load: async () => (await import('./load/load-check.js')).loadCheck,
  rbac: async () => (await import('./rbac/rbac-check.js')).rbacCheck,
  abuse: async () => (await import('./abuse/abuse-check.js')).abuseCheck,
  restore: async () => (await import('./restore/restore-check.js')).restoreCheck,
  dast: async () => (await import('./dast/dast-check.js')).dastCheck,
  db: async () => (await import('./db/db-check.js')).dbCheck,
  fault: async () => (await import('./fault/fault-check.js')).faultCheck,
};

/** Whether this build has the named check (without loading it). */
export function checkAvailable(name: CheckName): boolean {
  return Object.hasOwn(loaders, name);
}

/** The named check's module, loaded now. */
export async function loadCheck(name: CheckName): Promise<Check> {
  if (!checkAvailable(name)) throw new Error(`unknown check ${name}`);
  return loaders[name]();
}
